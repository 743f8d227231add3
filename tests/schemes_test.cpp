// The schemes comparison on a known text.
#include <doctest/doctest.h>

#include "core/schemes.h"
#include "test_data.h"

using namespace bpeviz;

TEST_CASE("characters, bytes, words and BPE on a worked example") {
  const Encoding& o200k = test::encoding("o200k_base");
  const std::string text = "Hello, 🌍! Hello hello zxqvbnmish.";
  const auto r = compare_schemes(text, o200k);
  REQUIRE(r.size() == 5);

  CHECK(r[0].name == "characters");
  CHECK(r[0].tokens == 33);  // 🌍 is one code point (4 bytes)
  CHECK(r[0].vocabulary == 0x110000);

  CHECK(r[1].name == "bytes");
  CHECK(r[1].tokens == text.size());
  CHECK(r[1].vocabulary == 256);
  CHECK(r[1].bytes_per_token == 1.0);

  CHECK(r[2].name == "words (whitespace)");
  CHECK(r[2].tokens == 5);    // "Hello,", "🌍!", "Hello", "hello", "zxqvbnmish."
  CHECK(r[2].distinct == 5);
  CHECK(r[2].unseen >= 3);    // "Hello," "🌍!" "zxqvbnmish." are no single o200k token

  CHECK(r[3].name == "words (o200k)");
  CHECK(r[3].unseen >= 1);    // " zxqvbnmish"

  CHECK(r[4].name == "BPE (o200k_base)");
  CHECK(r[4].tokens == o200k.encode_ordinary(text).size());
  CHECK(r[4].vocabulary == o200k.n_vocab());
  // Every scheme covers the text: spans in order, without gaps (words skip the whitespace).
  for (const auto& s : {r[0], r[1], r[4]}) {
    uint32_t at = 0;
    for (const Span& span : s.spans) {
      CHECK(span.begin == at);
      at = span.end;
    }
    CHECK(at == text.size());
  }
  CHECK(r[4].tokens < r[0].tokens);
  CHECK(r[0].tokens < r[1].tokens);
}

TEST_CASE("schemes of an empty text and of invalid UTF-8") {
  const Encoding& cl = test::encoding("cl100k_base");
  for (const auto& s : compare_schemes("", cl)) {
    CHECK(s.tokens == 0);
    CHECK(s.bytes_per_token == 0);
  }
  const auto r = compare_schemes("a\xff\xfe b", cl);
  CHECK(r[0].tokens == 5);  // each ill-formed byte is a character of its own
  CHECK(r[1].tokens == 5);
}
