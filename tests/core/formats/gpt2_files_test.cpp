#include "core/formats/gpt2_files.h"

#include <doctest/doctest.h>

using namespace bpeviz;

TEST_CASE("GPT-2's byte alphabet: printable bytes are themselves, the others count up from U+0100") {
  CHECK(gpt2_byte_to_char('a') == 'a');
  CHECK(gpt2_byte_to_char(' ') == 0x120);   // Ġ
  CHECK(gpt2_byte_to_char('\n') == 0x10A);  // Ċ
  CHECK(gpt2_byte_to_char(0) == 0x100);
  CHECK(gpt2_byte_to_char(0xAD) == 0x143);  // the soft hyphen is the last unprintable byte
  for (int b = 0; b < 256; ++b) CHECK(gpt2_char_to_byte(gpt2_byte_to_char(static_cast<uint8_t>(b))) == b);
  CHECK(gpt2_char_to_byte(0x144) == -1);
  CHECK(gpt2_char_to_byte(' ') == -1);
}

namespace {
// A toy pair: the 256 byte tokens (ids as tiktoken orders them), merges "Ġ t" and "Ġt he", a special.
std::string toy_encoder(bool consistent) {
  std::string json = "{";
  for (int rank = 0; rank < 256; ++rank) {
    const int byte = rank < 94 ? 0x21 + rank : rank < 106 ? 0xA1 + rank - 94 : rank < 188 ? 0xAE + rank - 106 : -1;
    if (byte < 0) break;
    char buf[32];
    if (byte == '"' || byte == '\\') std::snprintf(buf, sizeof buf, "\"\\%c\": %d,", byte, rank);
    else if (byte < 0x80) std::snprintf(buf, sizeof buf, "\"%c\": %d,", byte, rank);
    else std::snprintf(buf, sizeof buf, "\"\\u%04x\": %d,", byte, rank);
    json += buf;
  }
  for (int b = 0, n = 0; b < 256; ++b) {
    const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
    if (printable) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "\"\\u%04x\": %d,", 0x100 + n, 188 + n);
    json += buf;
    ++n;
  }
  json += consistent ? "\"\\u0120t\": 256, \"\\u0120the\": 257, \"<|endoftext|>\": 258}"
                     : "\"\\u0120t\": 257, \"\\u0120the\": 256, \"<|endoftext|>\": 258}";
  return json;
}
}  // namespace

TEST_CASE("load_gpt2_files rebuilds the ranks from the merges and finds the special tokens") {
  const auto r = load_gpt2_files(toy_encoder(true), "#version: 0.2\n\xC4\xA0 t\n\xC4\xA0t he\n");
  REQUIRE(r.ok());
  CHECK(r.value.ranks.find(" t") == 256);
  CHECK(r.value.ranks.find(" the") == 257);
  CHECK(r.value.ranks.find("!") == 0);
  CHECK(r.value.ranks.find(std::string(1, '\0')) == 188);
  REQUIRE(r.value.specials.size() == 1);
  CHECK(r.value.specials[0].text == "<|endoftext|>");
  CHECK(r.value.specials[0].id == 258);
}

TEST_CASE("load_gpt2_files explains what is wrong") {
  CHECK(load_gpt2_files(toy_encoder(false), "#version: 0.2\n\xC4\xA0 t\n\xC4\xA0t he\n").error ==
        "encoder.json gives \"\xC4\xA0t\" id 257, but vocab.bpe makes it rank 256");
  CHECK(load_gpt2_files("[1, 2]", "").error == "encoder.json is not a JSON object of token → id");
  CHECK(load_gpt2_files("{\"a\": ", "").error == "encoder.json is not valid JSON");
  CHECK(load_gpt2_files(toy_encoder(true), "#version: 0.2\n\xC4\xA0t\n").error ==
        "vocab.bpe line 2: expected two tokens separated by one space");
  CHECK(load_gpt2_files(toy_encoder(true), "#version: 0.2\n\xE2\x82\xAC t\n").error ==
        "vocab.bpe line 2: the character U+20AC is not in GPT-2's byte alphabet");
  CHECK(load_gpt2_files("{\"a\": -1}", "").error == "encoder.json: the id of \"a\" is not a non-negative integer");
}

TEST_CASE("a vocab.bpe line that makes bytes an earlier line made keeps the earlier rank") {
  // "Ġ t", "Ġt he", then "Ġ the": the third line's " the" is rank 257 already; it takes no rank, and
  // the line after it ("h e") gets 258.
  std::string json = toy_encoder(true);
  json.replace(json.find("\"<|endoftext|>\": 258"), std::string("\"<|endoftext|>\": 258").size(),
               "\"he\": 258, \"<|endoftext|>\": 259");
  const auto r = load_gpt2_files(json, "#version: 0.2\n\xC4\xA0 t\n\xC4\xA0t he\n\xC4\xA0 the\nh e\n");
  REQUIRE(r.ok());
  CHECK(r.value.ranks.find(" the") == 257);
  CHECK(r.value.ranks.find("he") == 258);
  CHECK(r.value.ranks.size() == 259);
  REQUIRE(r.value.specials.size() == 1);
  CHECK(r.value.specials[0].id == 259);
  // Had the line taken a rank, "he" would be 259 and encoder.json would disagree.
  CHECK(load_gpt2_files(toy_encoder(true), "#version: 0.2\n\xC4\xA0 t\n\xC4\xA0t he\n\xC4\xA0 the\n").ok());
}

TEST_CASE("load_gpt2_files takes the single bytes' ids from encoder.json when they number 0-255") {
  // bpeviz's own export: byte b is id b (not tiktoken's printable-first order).
  std::string json = "{";
  for (int b = 0; b < 256; ++b) {
    const uint32_t cp = gpt2_byte_to_char(static_cast<uint8_t>(b));
    char buf[32];
    std::snprintf(buf, sizeof buf, "\"\\u%04x\": %d,", cp, b);
    json += buf;
  }
  json += "\"\\u0120t\": 256}";
  const auto r = load_gpt2_files(json, "#version: 0.2\n\xC4\xA0 t\n");
  REQUIRE(r.ok());
  for (int b = 0; b < 256; ++b) CHECK(r.value.ranks.find(std::string(1, static_cast<char>(b))) == static_cast<uint32_t>(b));
  CHECK(r.value.ranks.find(" t") == 256);
  // Two bytes with one id is no numbering of the bytes: tiktoken's order applies, and the file disagrees.
  std::string clash = json;
  clash.replace(clash.find("\"\\u0100\": 0"), std::string("\"\\u0100\": 0").size(), "\"\\u0100\": 1");
  CHECK(load_gpt2_files(clash, "#version: 0.2\n\xC4\xA0 t\n").error ==
        "encoder.json gives \"!\" id 33, but vocab.bpe makes it rank 0");
}
