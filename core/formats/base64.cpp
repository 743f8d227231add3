#include "core/formats/base64.h"

#include <array>
#include <cstdint>

namespace bpeviz {

namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<int8_t, 256> make_table() {
  std::array<int8_t, 256> t{};
  for (auto& v : t) v = -1;
  for (std::size_t i = 0; i < kAlphabet.size(); ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr auto kTable = make_table();

}  // namespace

bool base64_decode(std::string_view text, std::string& out) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  if (text.size() % 4 == 1) return false;
  const auto value = [](char c) { return kTable[static_cast<unsigned char>(c)]; };
  // Four characters make three bytes; decoding a group at a time keeps vocabulary loading fast
  // (o200k has 200k tokens to decode).
  const std::size_t full = text.size() / 4 * 4;
  std::size_t at = out.size();
  out.resize(at + text.size() / 4 * 3 + 2);
  for (std::size_t i = 0; i < full; i += 4) {
    const int a = value(text[i]), b = value(text[i + 1]), c = value(text[i + 2]), d = value(text[i + 3]);
    if ((a | b | c | d) < 0) return false;
    const uint32_t v = static_cast<uint32_t>(a) << 18 | static_cast<uint32_t>(b) << 12 | static_cast<uint32_t>(c) << 6 |
                       static_cast<uint32_t>(d);
    out[at++] = static_cast<char>(v >> 16);
    out[at++] = static_cast<char>(v >> 8);
    out[at++] = static_cast<char>(v);
  }
  // The last two or three characters carry one or two bytes; their unused bits must be zero.
  const std::size_t rest = text.size() - full;
  if (rest >= 2) {
    const int a = value(text[full]), b = value(text[full + 1]), c = rest == 3 ? value(text[full + 2]) : 0;
    if ((a | b | c) < 0) return false;
    const uint32_t v = static_cast<uint32_t>(a) << 18 | static_cast<uint32_t>(b) << 12 | static_cast<uint32_t>(c) << 6;
    out[at++] = static_cast<char>(v >> 16);
    if (rest == 3) out[at++] = static_cast<char>(v >> 8);
    if ((v & (rest == 3 ? 0xFF : 0xFFFF)) != 0) return false;
  }
  out.resize(at);
  return true;
}

std::string base64_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  const auto byte = [&](std::size_t i) { return i < bytes.size() ? static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) : 0u; };
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    const std::size_t left = bytes.size() - i;  // 1, 2, or 3 and more
    out += kAlphabet[v >> 18];
    out += kAlphabet[v >> 12 & 63];
    out += left > 1 ? kAlphabet[v >> 6 & 63] : '=';
    out += left > 2 ? kAlphabet[v & 63] : '=';
  }
  return out;
}

}  // namespace bpeviz
