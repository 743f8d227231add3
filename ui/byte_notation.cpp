#include "ui/byte_notation.h"

#include "core/utf8.h"

namespace bpeviz {

namespace {

bool stands_for_itself(unsigned c) {
  return (c >= '!' && c <= '~') || (c >= 0xA1 && c <= 0xAC) || (c >= 0xAE && c <= 0xFF);
}

}  // namespace

char32_t gpt2_byte_char(unsigned char byte) {
  if (stands_for_itself(byte)) return byte;
  // The n-th byte (in byte order) that does not stand for itself is drawn as U+0100 + n.
  char32_t n = 0;
  for (unsigned c = 0; c < byte; ++c) n += stands_for_itself(c) ? 0 : 1;
  return 0x100 + n;
}

void append_gpt2_byte_notation(std::string& out, std::string_view bytes) {
  for (const char b : bytes) utf8_append(out, gpt2_byte_char(static_cast<unsigned char>(b)));
}

}  // namespace bpeviz
