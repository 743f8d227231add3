// The regular expressions the pre-tokenizer scanners implement (pretokenize.h), in one table: the
// tokenizer.json loader picks a scanner by looking a Split's regex up here, and the tests check each
// scanner against its regex (on Oniguruma in core_tests, on V8 in tests/tools/pretokenize_vs_regex.mjs).
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "core/text/pretokenize.h"

namespace bpeviz {

struct ScannerPattern {
  Pretokenizer kind;
  // The regex as tiktoken and tokenizer.json files spell it (a line break as the escape \r or \n).
  // DeepSeek-V3's scanner implements three, each applied to the pieces of the one before (Hugging
  // Face's Splits in a Sequence, Isolated); the others one. Text no regex matches is a piece too.
  std::span<const std::string_view> regexes;
  // Whether tokenizer.json files use these regexes (as Isolated, not inverted Splits), so that the
  // loader runs the scanner for them; bpeviz's own whitespace split is in no such file.
  bool in_tokenizer_json;
};

// Every scanner but `none` (the whole text one piece), which has no regex.
std::span<const ScannerPattern> scanner_patterns();
// The regexes of one scanner; none for `none`.
std::span<const std::string_view> scanner_regexes(Pretokenizer kind);

// A regex as tokenizer.json files spell the patterns above: a line break written as itself becomes
// its escape, so that both spellings compare equal.
std::string canonical_regex(std::string_view regex);
// The scanner tokenizer.json files mean by a Split (Isolated, not inverted) with this one regex, in
// either spelling; false when there is none (the regex then runs on Oniguruma, regex.h).
bool scanner_for_regex(std::string_view regex, Pretokenizer& kind);

}  // namespace bpeviz
