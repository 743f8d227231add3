// The encode player: its steps, replayed one by one, go from bytes to exactly encode's tokens, and
// every place a step names was a pair of tokens at that moment.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/explain/encode_player.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

EncodePlayer play(const Encoding& e, std::string_view text, Span window = {0, 0}) {
  auto p = EncodePlayer::create(e, text, SpecialPolicy::allow_all_specials(), window);
  REQUIRE_MESSAGE(p.ok(), p.error);
  return std::move(p.value);
}

// Replays every step, checking each place against the tokens before it.
void check_replay(const EncodePlayer& player) {
  std::vector<Token> before = player.tokens_at(0);
  CHECK(before.size() == player.tokens_before());
  for (std::size_t k = 0; k < player.steps().size(); ++k) {
    const PlayerStep& step = player.steps()[k];
    INFO("step " << k << " rank " << step.id);
    std::vector<Token> after = player.tokens_at(k + 1);
    CHECK(after.size() == step.tokens_after);
    for (const PlayerPlace& place : step.places) {
      const auto starts = [&](uint32_t at) {
        return std::any_of(before.begin(), before.end(), [&](const Token& t) { return t.begin == at; });
      };
      const auto token_after = std::find_if(after.begin(), after.end(), [&](const Token& t) { return t.begin == place.begin; });
      REQUIRE(token_after != after.end());
      CHECK(token_after->end == place.end);
      CHECK(token_after->id == step.id);
      CHECK(starts(place.begin));
      if (place.mid != place.begin) {
        CHECK(starts(place.mid));
        const auto [left, right] = player.parts(place);
        CHECK(left != Vocab::kNone);
        CHECK(right != Vocab::kNone);
      }
    }
    before = std::move(after);
  }
}

}  // namespace

TEST_CASE("the encode player goes from bytes to encode's tokens, one rank at a time") {
  const Encoding& cl = test::encoding("cl100k_base");
  const std::string text = test::read_file("/usr/share/common-licenses/GPL-3").substr(0, 3000) +
                           "\n  Hello, 🌍! 你好! 123456789 aaaaaaaa <|endoftext|> ünïcödé\r\n";
  const EncodePlayer player = play(cl, text);
  CHECK(player.span() == Span{0, static_cast<uint32_t>(text.size())});
  const auto tokens0 = player.tokens_at(0);
  CHECK(tokens0.size() == text.size() - std::string("<|endoftext|>").size() + 1);  // bytes, and the special
  CHECK(tokens0[0] == Token{cl.ranks().find(text.substr(0, 1)), 0, 1});
  auto expected = cl.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(expected.ok());
  CHECK(player.tokens_at(player.steps().size()) == expected.value);
  CHECK(player.steps().back().tokens_after == expected.value.size());
  check_replay(player);
}

TEST_CASE("a pre-token holding one pair twice merges both places in one step") {
  const Encoding& cl = test::encoding("cl100k_base");
  const EncodePlayer player = play(cl, "aaaaaaaa");
  REQUIRE(!player.steps().empty());
  const PlayerStep& first = player.steps()[0];
  CHECK(first.id == cl.ranks().find("aa"));
  CHECK(first.places.size() == 4);
  CHECK(first.places[1] == PlayerPlace{2, 3, 4});
  check_replay(player);
}

TEST_CASE("a window plays whole pre-tokens, and ends as encode does there") {
  const Encoding& o200k = test::encoding("o200k_base");
  const std::string text = test::read_file("/usr/share/common-licenses/Apache-2.0");
  REQUIRE(text.size() > 5000);
  const EncodePlayer player = play(o200k, text, {1003, 1500});
  CHECK(player.span().begin <= 1003);
  CHECK(player.span().end >= 1500);
  CHECK(player.span().end - player.span().begin < 600);
  auto all = o200k.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(all.ok());
  std::vector<Token> expected;
  for (const Token& t : all.value) {
    if (t.begin >= player.span().begin && t.end <= player.span().end) expected.push_back(t);
  }
  CHECK(player.tokens_at(player.steps().size()) == expected);
  check_replay(player);
}

TEST_CASE("a pre-token that is itself a token is taken whole, as tiktoken does") {
  // No token of r50k, cl100k or o200k that is one pre-token is out of reach of its own merges (we
  // checked), but a user's vocabulary can hold one: here "abc" with neither "ab" nor "bc".
  Vocab ranks;
  for (int b = 0; b < 256; ++b) ranks.add(static_cast<uint32_t>(b), std::string(1, static_cast<char>(b)));
  ranks.add(256, "abc");
  const Encoding toy("toy", Pretokenizer::gpt2, std::move(ranks), {}, 257);
  const EncodePlayer player = play(toy, "abc abcd");
  REQUIRE(player.steps().size() == 1);
  const PlayerStep& step = player.steps()[0];
  CHECK(step.id == 256);
  REQUIRE(step.places.size() == 1);
  CHECK(step.places[0] == PlayerPlace{0, 0, 3});  // mid == begin: the whole pre-token
  CHECK(player.parts(step.places[0]).first == Vocab::kNone);
  CHECK(step.tokens_after == 6);
  CHECK(player.tokens_at(1) == toy.encode_with_spans("abc abcd", SpecialPolicy::all_as_text()).value);
  check_replay(player);
}

TEST_CASE("the encode player reports a disallowed special token as encode does") {
  const Encoding& cl = test::encoding("cl100k_base");
  auto p = EncodePlayer::create(cl, "a <|endoftext|>", SpecialPolicy::error_on_specials());
  CHECK(!p.ok());
  CHECK(p.error.find("<|endoftext|>") != std::string::npos);
}
