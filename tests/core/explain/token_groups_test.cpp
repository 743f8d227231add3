#include "core/explain/token_groups.h"

#include <doctest/doctest.h>

#include "core/explain/byte_tokenizer.h"

using namespace bpeviz;

TEST_CASE("byte tokens of one character form one group") {
  const std::string text = "a\xF0\x9F\x91\x8D" "b";  // a 👍 b
  const auto tokens = encode_bytes(text);
  const auto groups = group_tokens_by_character(text, tokens);
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].token_count == 1);
  CHECK(groups[1].first_token == 1);
  CHECK(groups[1].token_count == 4);
  CHECK(groups[1].begin == 1);
  CHECK(groups[1].end == 5);
  CHECK(groups[2].first_token == 5);
}

TEST_CASE("tokens that already cover whole characters stay separate") {
  const std::string text = "h\xC3\xA9llo";  // hello with é: tokens "h", "é", "llo"
  const std::vector<Token> tokens{{1, 0, 1}, {2, 1, 3}, {3, 3, 6}};
  const auto groups = group_tokens_by_character(text, tokens);
  REQUIRE(groups.size() == 3);
  CHECK(groups[1].begin == 1);
  CHECK(groups[1].end == 3);
}

TEST_CASE("a token that ends inside a character pulls in the next token") {
  // "é!" split as [C3] [A9 21]: the é straddles both tokens, so they group together.
  const std::string text = "\xC3\xA9!";
  const std::vector<Token> tokens{{1, 0, 1}, {2, 1, 3}};
  const auto groups = group_tokens_by_character(text, tokens);
  REQUIRE(groups.size() == 1);
  CHECK(groups[0].token_count == 2);
}

TEST_CASE("ill-formed bytes are characters of their own") {
  const std::string text = "\xFF\xF0\x9F";  // garbage, then a truncated emoji
  const auto groups = group_tokens_by_character(text, encode_bytes(text));
  CHECK(groups.size() == 3);
  CHECK(group_tokens_by_character("", {}).empty());
}

TEST_CASE("a run of tokens from the middle of a text groups as it does within the whole") {
  const std::string text = "ab\n\xF0\x9F\x91\x8D\xC3\xA9z";  // a b ↵ 👍 é z, as bytes
  const auto tokens = encode_bytes(text);
  const auto whole = group_tokens_by_character(text, tokens);
  const auto run = group_tokens_by_character(text, std::span(tokens).subspan(3));  // from the 👍
  REQUIRE(run.size() == 3);
  for (std::size_t i = 0; i < run.size(); ++i) {
    CHECK(run[i].first_token + 3 == whole[i + 3].first_token);
    CHECK(run[i].token_count == whole[i + 3].token_count);
    CHECK(run[i].begin == whole[i + 3].begin);
    CHECK(run[i].end == whole[i + 3].end);
  }
}
