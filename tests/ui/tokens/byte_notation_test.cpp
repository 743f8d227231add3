// GPT-2's byte notation, checked against the characters vocab.json files use.
#include <doctest/doctest.h>

#include <set>

#include "core/formats/gpt2_files.h"
#include "ui/tokens/byte_notation.h"

using namespace bpeviz;

TEST_CASE("GPT-2 byte notation: known characters") {
  CHECK(gpt2_byte_to_char(' ') == U'\u0120');   // Ġ
  CHECK(gpt2_byte_to_char('\n') == U'\u010A');  // Ċ
  CHECK(gpt2_byte_to_char('\t') == U'\u0109');  // ĉ
  CHECK(gpt2_byte_to_char(0) == U'\u0100');
  CHECK(gpt2_byte_to_char('A') == U'A');
  CHECK(gpt2_byte_to_char(0x7F) == U'\u0121');  // DEL follows the 33 bytes 0x00–0x20
  CHECK(gpt2_byte_to_char(0xAD) == U'\u0143');  // soft hyphen, the last one moved
  CHECK(gpt2_byte_to_char(0xE4) == U'\u00E4');
  std::string out;
  append_gpt2_byte_notation(out, " hello\n");
  CHECK(out == "\xC4\xA0hello\xC4\x8A");  // "Ġhello" + "Ċ"
}

TEST_CASE("GPT-2 byte notation is one-to-one over all 256 bytes") {
  std::set<char32_t> seen;
  for (int b = 0; b < 256; ++b) seen.insert(gpt2_byte_to_char(static_cast<unsigned char>(b)));
  CHECK(seen.size() == 256);
}
