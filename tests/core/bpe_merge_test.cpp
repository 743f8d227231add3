#include "core/bpe_merge.h"

#include <doctest/doctest.h>

#include <random>

#include "tests/test_data.h"

using namespace bpeviz;

namespace {

std::vector<std::string_view> merged(const Vocab& v, std::string_view piece, std::vector<MergeStep>* steps = nullptr) {
  MergeScratch scratch;
  std::vector<uint32_t> bounds;
  bpe_merge(v, piece, scratch, bounds, steps);
  std::vector<std::string_view> parts;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    const uint32_t end = i + 1 < bounds.size() ? bounds[i + 1] : static_cast<uint32_t>(piece.size());
    parts.push_back(piece.substr(bounds[i], end - bounds[i]));
  }
  return parts;
}

// A toy vocabulary: the bytes a..d, then merges in rank order.
Vocab toy_vocab(std::initializer_list<std::string_view> merges) {
  Vocab v;
  uint32_t id = 0;
  for (char c = 'a'; c <= 'd'; ++c) v.add(id++, std::string(1, c));
  for (auto m : merges) v.add(id++, m);
  return v;
}

using Parts = std::vector<std::string_view>;

}  // namespace

TEST_CASE("worked example: the lowest-ranked pair merges first, leftmost on ties") {
  // Ranks: aa (4) < ab (5) < aaa (6). "aaab": the leftmost aa merges first; then "aaa" (6) and
  // "ab" (5) compete, and ab wins although aaa is longer.
  const Vocab v = toy_vocab({"aa", "ab", "aaa"});
  std::vector<MergeStep> steps;
  CHECK(merged(v, "aaab", &steps) == Parts{"aa", "ab"});
  REQUIRE(steps.size() == 2);
  CHECK(steps[0].rank == 4);
  CHECK(steps[0].begin == 0);
  CHECK(steps[0].mid == 1);
  CHECK(steps[1].rank == 5);
  CHECK(steps[1].begin == 2);
  CHECK(merged(v, "aaa") == Parts{"aaa"});
  CHECK(merged(v, "aaaa") == Parts{"aa", "aa"});  // overlapping pairs: left first
  CHECK(merged(v, "dcba") == Parts{"d", "c", "b", "a"});
  CHECK(merged(v, "a") == Parts{"a"});
}

TEST_CASE("linear, heap and reference merges agree on random pieces over real vocabularies") {
  const Vocab& ranks = test::encoding("cl100k_base").ranks();
  std::mt19937 rng(42);
  const std::string alphabet = "aaaabbbeeeeiioouu  ttnnsrrllhh000111...,,''\n\xC3\xA9";
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 1 + rng() % 400;  // both sides of the linear/heap boundary
    std::string piece(n, ' ');
    for (char& c : piece) c = alphabet[rng() % alphabet.size()];
    const auto reference = bpe_merge_reference(ranks, piece);
    REQUIRE(merged(ranks, piece) == reference);
  }
}

TEST_CASE("long runs take the heap path in n log n") {
  const Vocab& ranks = test::encoding("cl100k_base").ranks();
  const std::string a(1 << 20, 'a');  // 1 MB of one letter
  const auto parts = merged(ranks, a);
  std::size_t total = 0;
  for (auto p : parts) total += p.size();
  CHECK(total == a.size());
  CHECK(parts.size() < a.size() / 4);
}
