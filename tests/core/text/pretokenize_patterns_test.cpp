// The scanners' pattern table: each scanner cuts text as its regexes do when Oniguruma runs them (the
// engine of Hugging Face's Splits), on well-formed text mixed from the characters the patterns single
// out; and its lookups.
#include "core/text/pretokenize_patterns.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/text/regex.h"

using namespace bpeviz;

namespace {

// The pieces Hugging Face's Splits (Isolated) make with `regexes`, each applied to the pieces of the
// one before: the matches and the text between them.
std::vector<Span> regex_pieces(std::span<const std::string_view> regexes, std::string_view text) {
  std::vector<Span> pieces;
  if (!text.empty()) pieces.push_back({0, static_cast<uint32_t>(text.size())});
  for (const std::string_view pattern : regexes) {
    const auto regex = Regex::compile(pattern);
    REQUIRE_MESSAGE(regex.ok(), regex.error);
    std::vector<Span> next;
    std::vector<Regex::Match> matches;
    for (const Span p : pieces) {
      matches.clear();
      REQUIRE(regex.value.find_matches(text.substr(p.begin, p.end - p.begin), matches));
      for (const Regex::Match& m : matches) {
        if (m.span.end > m.span.begin) next.push_back({p.begin + m.span.begin, p.begin + m.span.end});
      }
    }
    pieces = std::move(next);
  }
  return pieces;
}

std::vector<std::string> strings(std::string_view text, const std::vector<Span>& spans) {
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

}  // namespace

TEST_CASE("each scanner cuts text as Oniguruma does with the scanner's regexes") {
  // Letters of each case, marks, digits of several scripts, contractions and their look-alikes, white
  // space beyond ASCII, line breaks, punctuation (ASCII and not), CJK, symbols and emoji.
  const std::vector<std::string> fragments{
      "a", "Z", "hello", " world", "HELLOWorld", "7", "12345", "\xD9\xA3", "\xE2\x85\xAB", " ", "  ", "\t", "\r\n",
      "\n\n", "\xC2\xA0", "\xE3\x80\x80", "'", "'s", "'S", "'ll", "'LL", "'ve", "'re", "'d", "'m", "'t", "\xE2\x80\x99",
      "don't", "\xCC\x81", "e\xCC\x81", "\xC7\x85", "\xCA\xB0", "\xC3\x9F", "/", ".", ",", "!?", "-", "\"", "(", "{}",
      "\xE2\x80\x94", "\xC2\xBF", "\xE4\xBD\xA0\xE5\xA5\xBD", "\xE3\x81\xB2", "\xE3\x82\xA2", "\xED\x95\x9C",
      "\xD0\x9F\xD1\x80\xD0\xB8", "\xE2\x82\xAC", "+", "\xE2\x88\x91", "\xF0\x9F\x91\x8D", "<|x|>"};
  std::mt19937 rng(7);
  std::vector<std::string> texts{"", "Hello world", "I'm here, aren't you?\n\n  ok", "x = 1234567 + y;\r\n"};
  for (int round = 0; round < 600; ++round) {
    std::string text;
    for (int n = static_cast<int>(rng() % 16); n > 0; --n) text += fragments[rng() % fragments.size()];
    texts.push_back(std::move(text));
  }
  for (const ScannerPattern& p : scanner_patterns()) {
    for (const std::string& text : texts) {
      std::vector<Span> scanned;
      pretokenize(p.kind, text, scanned);
      INFO(pretokenizer_name(p.kind), " on \"", text, "\"");
      CHECK(strings(text, scanned) == strings(text, regex_pieces(p.regexes, text)));
    }
  }
}

TEST_CASE("the table has a regex for every scanner but none, and the loader's lookup") {
  std::vector<Pretokenizer> kinds;
  for (const ScannerPattern& p : scanner_patterns()) {
    CHECK_FALSE(p.regexes.empty());
    kinds.push_back(p.kind);
    CHECK(scanner_regexes(p.kind).data() == p.regexes.data());
  }
  CHECK(kinds == std::vector<Pretokenizer>{Pretokenizer::whitespace, Pretokenizer::gpt2, Pretokenizer::cl100k,
                                           Pretokenizer::o200k, Pretokenizer::qwen2, Pretokenizer::deepseek_v3});
  CHECK(scanner_regexes(Pretokenizer::none).empty());
  CHECK(scanner_regexes(Pretokenizer::deepseek_v3).size() == 3);

  Pretokenizer kind = Pretokenizer::none;
  for (const Pretokenizer k : {Pretokenizer::gpt2, Pretokenizer::cl100k, Pretokenizer::o200k, Pretokenizer::qwen2}) {
    const std::string regex(scanner_regexes(k)[0]);
    CHECK((scanner_for_regex(regex, kind) && kind == k));
    // A line break written as itself, as some files have it, is the same pattern.
    std::string raw = regex;
    for (std::size_t at; (at = raw.find("\\r")) != std::string::npos;) raw.replace(at, 2, "\r");
    for (std::size_t at; (at = raw.find("\\n")) != std::string::npos;) raw.replace(at, 2, "\n");
    CHECK(canonical_regex(raw) == regex);
    CHECK((scanner_for_regex(raw, kind) && kind == k));
  }
  // bpeviz's whitespace split is in no tokenizer.json, and DeepSeek-V3's Splits are matched together.
  CHECK_FALSE(scanner_for_regex(scanner_regexes(Pretokenizer::whitespace)[0], kind));
  CHECK_FALSE(scanner_for_regex(scanner_regexes(Pretokenizer::deepseek_v3)[0], kind));
  CHECK_FALSE(scanner_for_regex("\\s+", kind));
}
