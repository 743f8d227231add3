// Pre-tokenizer splits as Hugging Face makes them: the five behaviours and `invert` on the examples
// of Hugging Face's documentation, a regex's matches and gaps (empty matches, \p{..}, (?i:),
// look-ahead), ill-formed UTF-8, and steps applied one after another.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hf/split_rule.h"

using namespace bpeviz;

namespace {

std::vector<std::string> pieces(const std::vector<SplitRule>& rules, std::string_view text) {
  std::vector<Span> spans;
  REQUIRE(apply_splits(rules, text, spans));
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

SplitRule literal(std::string text, SplitBehavior behavior, bool invert = false) {
  SplitRule r;
  r.literal = std::move(text);
  r.behavior = behavior;
  r.invert = invert;
  return r;
}

SplitRule regex(std::string_view pattern, SplitBehavior behavior = SplitBehavior::isolated, bool invert = false) {
  SplitRule r;
  r.kind = SplitRule::Kind::regex;
  auto compiled = Regex::compile(pattern);
  REQUIRE_MESSAGE(compiled.ok(), compiled.error);
  r.regex = std::move(compiled.value);
  r.behavior = behavior;
  r.invert = invert;
  return r;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("the five behaviours, as Hugging Face documents them on \"the-final--countdown\"") {
  const std::string text = "the-final--countdown";
  CHECK(pieces({literal("-", SplitBehavior::removed)}, text) == V{"the", "final", "countdown"});
  CHECK(pieces({literal("-", SplitBehavior::isolated)}, text) == V{"the", "-", "final", "-", "-", "countdown"});
  CHECK(pieces({literal("-", SplitBehavior::merged_with_previous)}, text) == V{"the-", "final-", "-", "countdown"});
  CHECK(pieces({literal("-", SplitBehavior::merged_with_next)}, text) == V{"the", "-final", "-", "-countdown"});
  CHECK(pieces({literal("-", SplitBehavior::contiguous)}, text) == V{"the", "-", "final", "--", "countdown"});
  // The same through the regex engine.
  CHECK(pieces({regex("-", SplitBehavior::merged_with_next)}, text) == V{"the", "-final", "-", "-countdown"});
  CHECK(pieces({regex("-", SplitBehavior::contiguous)}, text) == V{"the", "-", "final", "--", "countdown"});
}

TEST_CASE("invert: the matches are the content and the gaps the delimiters") {
  CHECK(pieces({regex("\\d+", SplitBehavior::removed, true)}, "ab12cd3") == V{"12", "3"});
  CHECK(pieces({regex("\\d+", SplitBehavior::merged_with_previous, true)}, "ab12cd3e") == V{"ab", "12cd", "3e"});
}

TEST_CASE("a regex's matches: Unicode classes, case-insensitive groups, look-ahead") {
  const auto gpt2ish = regex(R"((?i:'s|'t)| ?\p{L}+| ?\p{N}+|\s+(?!\S)|\s+)");
  CHECK(pieces({gpt2ish}, "It'S  Привет 42") == V{"It", "'S", " ", " Привет", " 42"});
  // Text no match covers is a piece of its own (Isolated).
  CHECK(pieces({regex("\\p{L}+")}, "ab, cd!") == V{"ab", ", ", "cd", "!"});
}

TEST_CASE("empty matches cut the text between characters, as the onig crate's find_iter does") {
  std::vector<Regex::Match> matches;
  auto x = Regex::compile("x*");
  REQUIRE(x.ok());
  REQUIRE(x.value.find_matches("aé", matches));
  // (0,0) match, "a" gap, (1,1) match, "é" gap, (3,3) match.
  REQUIRE(matches.size() == 5);
  CHECK(matches[0].span == Span{0, 0});
  CHECK(matches[0].matched);
  CHECK(matches[1].span == Span{0, 1});
  CHECK_FALSE(matches[1].matched);
  CHECK(matches[3].span == Span{1, 3});
  CHECK(matches[4].span == Span{3, 3});
  CHECK(pieces({regex("x*")}, "aé") == V{"a", "é"});
}

TEST_CASE("ill-formed UTF-8 is never searched: it is a gap") {
  CHECK(pieces({regex("\\p{L}+")}, "ab\xff\xfe" "cd") == V{"ab", "\xff\xfe", "cd"});
  CHECK(pieces({regex("\\p{L}+", SplitBehavior::removed)}, "\xc3" "a") == V{"\xc3"});
}

TEST_CASE("steps apply in order, each to the pieces of the one before") {
  SplitRule digits = regex("\\p{N}{1,3}");
  SplitRule words;
  words.kind = SplitRule::Kind::scanner;
  words.scanner = Pretokenizer::gpt2;
  CHECK(pieces({digits, words}, "abc 12345 de") == V{"abc", " ", "123", "45", " de"});
  CHECK(pieces({literal(" ", SplitBehavior::merged_with_next), regex("\\d", SplitBehavior::isolated)}, "a1 b22") ==
        V{"a", "1", " b", "2", "2"});
  CHECK(pieces({}, "whole") == V{"whole"});
  CHECK(pieces({}, "").empty());
}

TEST_CASE("a regex that does not compile says why; names of behaviours") {
  auto bad = Regex::compile("[a-");
  CHECK_FALSE(bad.ok());
  CHECK_FALSE(bad.error.empty());
  CHECK_FALSE(Regex::compile("\xff").ok());
  SplitBehavior b{};
  CHECK(split_behavior_from_name("MergedWithNext", b));
  CHECK(b == SplitBehavior::merged_with_next);
  CHECK_FALSE(split_behavior_from_name("merged_with_next", b));
}
