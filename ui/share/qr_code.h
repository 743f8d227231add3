// A QR code of a link, as the Share view draws it: a square of dark and light modules, made by Nayuki's
// qrcodegen (Debian's qr-code-generator), at error-correction level M or better.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace bpeviz {

struct QrCode {
  int size = 0;           // modules per side (21 for version 1, 4 more per version)
  int version = 0;        // 1 to 40
  char ecc = 'M';         // 'L', 'M', 'Q' or 'H': the level reached (qrcodegen raises M when it costs no size)
  std::vector<bool> dark; // size × size, row by row

  bool module(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)]; }
};

// The light border a reader needs around the code, in modules (the standard's quiet zone).
inline constexpr int kQrQuietZone = 4;

// The longest text any QR code holds at level M (version 40, bytes).
inline constexpr std::size_t kQrMaxBytes = 2331;

// The QR code of `text` at level M or better, in the smallest version that holds it; an error for text longer
// than kQrMaxBytes (qrcodegen would throw, and the page's wasm cannot catch).
Result<QrCode> make_qr_code(std::string_view text);

}  // namespace bpeviz
