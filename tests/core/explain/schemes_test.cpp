// The schemes comparison on a known text.
#include <doctest/doctest.h>

#include "core/train/bpe_model.h"
#include "core/explain/schemes.h"
#include "core/text/utf8.h"
#include "tests/test_data.h"

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
  CHECK(r[4].tokens == o200k.encode_ordinary(text).value.size());
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

TEST_CASE("whitespace words split at every Unicode White_Space character and leave all of it out") {
  const Encoding& cl = test::encoding("cl100k_base");
  // U+00A0 NO-BREAK SPACE, U+3000 IDEOGRAPHIC SPACE, U+2028 LINE SEPARATOR, U+0085 NEXT LINE; U+200B
  // ZERO WIDTH SPACE is no White_Space, so it stays inside its word.
  const std::string text = "a\u00A0b\u3000\u3000c\u2028d\u0085e f\u200Bg \n";
  const auto r = compare_schemes(text, cl);
  REQUIRE(r[2].name == "words (whitespace)");
  CHECK(r[2].tokens == 6);  // a b c d e f\u200Bg
  for (const Span& s : r[2].spans) CHECK(!is_white_space(utf8_code_point(text, s.begin)));
  CHECK(text.substr(r[2].spans.back().begin, r[2].spans.back().end - r[2].spans.back().begin) == "f\u200Bg");
}

TEST_CASE("a tokenizer without a regex pre-tokenizer has no second word row") {
  for (Pretokenizer kind : {Pretokenizer::none, Pretokenizer::whitespace}) {
    auto bytes = make_model_encoding(BpeModel::bytes_only(kind), "bytes");
    REQUIRE(bytes.ok());
    const auto r = compare_schemes("hello world", bytes.value);
    REQUIRE(r.size() == 4);
    CHECK(r[2].name == "words (whitespace)");
    CHECK(r[3].name == "BPE (bytes)");
    CHECK(r[3].tokens == 11);   // no merges: the bytes again
    CHECK(r[3].vocabulary == 256);
    CHECK(r[2].unseen == 2);    // no word of two bytes or more is a token of 256 bytes
  }
  const auto r = compare_schemes("hello world", test::encoding("gpt2"));
  REQUIRE(r.size() == 5);
  CHECK(r[3].name == "words (gpt2)");
  CHECK(r[3].unseen == 0);      // "hello" and " world" are gpt2 tokens
  CHECK(is_unseen_word("zxqvbnmish", test::encoding("gpt2")));
  CHECK(!is_unseen_word("world", test::encoding("gpt2")));  // as " world"
}
