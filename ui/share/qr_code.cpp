// make_qr_code: qrcodegen's code, copied into plain data the view draws and the page's API reports.
#include "ui/share/qr_code.h"

#include <string>
#include <utility>

#include <qrcodegen.hpp>

namespace bpeviz {

Result<QrCode> make_qr_code(std::string_view text) {
  if (text.size() > kQrMaxBytes) {
    return Result<QrCode>::failure("a QR code holds at most " + std::to_string(kQrMaxBytes) + " bytes; this link has " +
                                   std::to_string(text.size()));
  }
  const std::string terminated(text);  // qrcodegen reads a C string
  const qrcodegen::QrCode code = qrcodegen::QrCode::encodeText(terminated.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
  QrCode out;
  out.size = code.getSize();
  out.version = code.getVersion();
  out.ecc = "LMQH"[static_cast<int>(code.getErrorCorrectionLevel())];
  out.dark.resize(static_cast<std::size_t>(out.size * out.size));
  for (int y = 0; y < out.size; ++y) {
    for (int x = 0; x < out.size; ++x) out.dark[static_cast<std::size_t>(y * out.size + x)] = code.getModule(x, y);
  }
  return {std::move(out), {}};
}

}  // namespace bpeviz
