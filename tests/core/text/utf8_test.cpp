#include "core/text/utf8.h"

#include <doctest/doctest.h>

using namespace bpeviz;
using namespace std::string_literals;

TEST_CASE("utf8_char_length measures one character, and one byte for ill-formed input") {
  const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x91\x8D";  // a é € 👍
  CHECK(utf8_char_length(text, 0) == 1);
  CHECK(utf8_char_length(text, 1) == 2);
  CHECK(utf8_char_length(text, 3) == 3);
  CHECK(utf8_char_length(text, 6) == 4);
  CHECK(utf8_char_length(text, 10) == 0);
  CHECK(utf8_char_length("\xF0\x9F\x91", 0) == 1);  // truncated emoji
  CHECK(utf8_char_length("\x80", 0) == 1);          // lone continuation byte
  CHECK(utf8_char_length("\xED\xA0\x80", 0) == 1);  // encoded surrogate U+D800
  CHECK(utf8_char_length("\0x"s, 0) == 1);          // NUL is a character
}

TEST_CASE("utf8_is_valid accepts well-formed text only") {
  CHECK(utf8_is_valid(""));
  CHECK(utf8_is_valid("hello, \xE4\xB8\x96\xE7\x95\x8C"));
  CHECK_FALSE(utf8_is_valid("\xC0\xAF"));        // overlong '/'
  CHECK_FALSE(utf8_is_valid("\xF4\x90\x80\x80")); // above U+10FFFF
  CHECK_FALSE(utf8_is_valid("ok\xFF"));
}

TEST_CASE("utf8_repair replaces each maximal ill-formed subpart with one U+FFFD") {
  const std::string fffd = "\xEF\xBF\xBD";
  CHECK(utf8_repair("plain") == "plain");
  CHECK(utf8_repair("a\xFF" "b") == "a" + fffd + "b");
  CHECK(utf8_repair("\xF0\x9F\x91") == fffd);                 // one truncated sequence, one U+FFFD
  CHECK(utf8_repair("\xF0\x9F\x91" "x") == fffd + "x");
  CHECK(utf8_repair("\xED\xA0\x80") == fffd + fffd + fffd);   // surrogates: each byte replaced
  CHECK(utf8_repair("\xC0\xAF") == fffd + fffd);
  CHECK(utf8_is_valid(utf8_repair("\x80\x80\xE2\x82")));
}

TEST_CASE("utf8_code_point and utf8_append are inverses over well-formed text") {
  CHECK(utf8_code_point("a\xC3\xA9", 1) == 0xE9);
  CHECK(utf8_code_point("\xF0\x9F\x91\x8D", 0) == 0x1F44D);
  CHECK(utf8_code_point("\xFF", 0) == 0xFFFD);
  std::string out;
  for (const uint32_t cp : {0x41u, 0xE9u, 0x21B5u, 0x1F44Du}) utf8_append(out, cp);
  CHECK(out == "A\xC3\xA9\xE2\x86\xB5\xF0\x9F\x91\x8D");
}

TEST_CASE("utf8_count_characters counts as utf8_char_length steps, ill-formed bytes one each") {
  for (const std::string& text : {std::string(), std::string(37, 'a') + "é日本👍" + std::string(9, 'b'),
                                 std::string("\xE6\x97") + "x\x80\xFF" + std::string(20, 'y') + "\xF0\x9F\x91"}) {
    std::size_t steps = 0;
    for (std::size_t i = 0; i < text.size(); i += utf8_char_length(text, i)) ++steps;
    CHECK(utf8_count_characters(text) == steps);
  }
  CHECK(utf8_count_characters(std::string(37, 'a') + "é日本👍") == 41);
}

TEST_CASE("utf8_skip_ascii finds the next byte outside ASCII, in runs of any length") {
  for (std::size_t run = 0; run < 40; ++run) {
    const std::string text = std::string(run, 'a') + "é" + std::string(run, 'b');
    CHECK(utf8_skip_ascii(text, 0) == run);
    CHECK(utf8_skip_ascii(text, run) == run);
    CHECK(utf8_skip_ascii(text, run + 2) == text.size());
  }
  CHECK(utf8_skip_ascii("", 0) == 0);
  CHECK(utf8_skip_ascii("\x80", 0) == 0);
  CHECK(utf8_is_valid(std::string(100, 'x') + "日本" + std::string(9, 'y')));
  CHECK_FALSE(utf8_is_valid(std::string(100, 'x') + "\xE6\x97" + std::string(9, 'y')));
}
