// Where tokenizations of one text disagree: worked examples, the byte-level baseline against real
// encodings, and the tokens another tokenizer would cut.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "core/explain/boundary_diff.h"
#include "core/explain/byte_tokenizer.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

// Tokens covering a text from token lengths: {3, 2} → [0,3) [3,5).
std::vector<Token> tokens_of_lengths(std::initializer_list<uint32_t> lengths) {
  std::vector<Token> out;
  uint32_t at = 0;
  for (const uint32_t n : lengths) {
    out.push_back({static_cast<uint32_t>(out.size()), at, at + n});
    at += n;
  }
  return out;
}

// The slow, obvious answer: every offset in any set but not in all.
std::vector<uint32_t> differing_by_sets(const std::vector<std::vector<Token>>& all) {
  std::vector<std::set<uint32_t>> sets;
  std::set<uint32_t> any;
  for (const auto& tokens : all) {
    auto& s = sets.emplace_back();
    for (const Token& t : tokens) s.insert({t.begin, t.end});
    any.insert(s.begin(), s.end());
  }
  std::vector<uint32_t> out;
  for (const uint32_t o : any) {
    if (!std::all_of(sets.begin(), sets.end(), [&](const auto& s) { return s.count(o) > 0; })) out.push_back(o);
  }
  return out;
}

std::vector<uint32_t> differing(const std::vector<std::vector<Token>>& all) {
  std::vector<std::span<const Token>> spans(all.begin(), all.end());
  return compare_boundaries(spans).differing;
}

}  // namespace

TEST_CASE("a token's boundaries are its begin and end, once each") {
  CHECK(token_boundaries(tokens_of_lengths({3, 2, 1})) == std::vector<uint32_t>{0, 3, 5, 6});
  CHECK(token_boundaries({}).empty());
  // A zero-width token (a model's BOS) adds no new offset.
  std::vector<Token> with_bos{{1, 0, 0}, {7, 0, 2}, {2, 2, 2}};
  CHECK(token_boundaries(with_bos) == std::vector<uint32_t>{0, 2});
}

TEST_CASE("offsets where some tokenizers cut and others do not") {
  // "unhappiness" (11 bytes): un|happi|ness against un|happiness against unhappi|ness.
  const auto a = tokens_of_lengths({2, 5, 4});
  const auto b = tokens_of_lengths({2, 9});
  const auto c = tokens_of_lengths({7, 4});
  CHECK(differing({a, b}) == std::vector<uint32_t>{7});
  CHECK(differing({b, c}) == std::vector<uint32_t>{2, 7});
  CHECK(differing({a, c}) == std::vector<uint32_t>{2});
  // Shared by a and b (2) or a and c (7), but never by all three.
  CHECK(differing({a, b, c}) == std::vector<uint32_t>{2, 7});
  CHECK(differing({a, a}).empty());
  CHECK(differing({a}).empty());  // nothing to compare with
  CHECK(differing({}).empty());
  // A tokenization of nothing (an encoding error) disagrees with every boundary of the others.
  CHECK(differing({a, {}}) == std::vector<uint32_t>{0, 2, 7, 11});
  const std::vector<std::span<const Token>> abc{a, b, c};
  CHECK(compare_boundaries(abc).shared == 2);  // 0 and 11
}

TEST_CASE("real encodings against each other and the bytes agree with the slow answer") {
  const std::string text = "Tokenizers disagree: 1234567 numbers, naïve café, 你好世界, 👋🏽 and\n\n  spaces.";
  std::vector<std::vector<Token>> all;
  for (const char* name : {"cl100k_base", "o200k_base", "r50k_base"}) {
    auto tokens = test::encoding(name).encode_with_spans(text, SpecialPolicy{});
    REQUIRE(tokens.ok());
    all.push_back(tokens.value);
  }
  all.push_back(encode_bytes(text));
  const auto fast = differing(all);
  CHECK(fast == differing_by_sets(all));
  CHECK(!fast.empty());
  // Against the byte-level baseline every inner offset that is not a boundary of all the BPEs differs.
  const auto bytes_vs_o200k = differing({all[1], all[3]});
  CHECK(bytes_vs_o200k.size() == text.size() + 1 - token_boundaries(all[1]).size());
  CHECK(std::is_sorted(fast.begin(), fast.end()));
}

TEST_CASE("the tokens another tokenizer cuts") {
  const auto b = tokens_of_lengths({2, 9});  // un|happiness
  const std::vector<uint32_t> offsets{2, 7};
  // 7 falls inside "happiness"; 2 is b's own boundary, so "un" is not cut.
  CHECK(tokens_split_elsewhere(b, offsets) == std::vector<Span>{{2, 11}});
  CHECK(tokens_split_elsewhere(tokens_of_lengths({11}), offsets) == std::vector<Span>{{0, 11}});
  CHECK(tokens_split_elsewhere(b, {}).empty());
}
