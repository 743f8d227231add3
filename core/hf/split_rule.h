// One step of a Hugging Face pre-tokenizer: cut each piece of the text where a pattern matches, and
// keep, drop or attach the matches as the step's behaviour says (Hugging Face's Split with its
// SplitDelimiterBehavior, and `invert`). A model's steps apply in order, each to every piece the step
// before it made. The pattern is a literal string, one of bpeviz's hand-written scanners (the fast path
// for the patterns the shipped models use), or a general regex (regex.h) for any other.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/pretokenize.h"
#include "core/text/regex.h"

namespace bpeviz {

enum class SplitBehavior : uint8_t { isolated, removed, merged_with_previous, merged_with_next, contiguous };

struct SplitRule {
  enum class Kind : uint8_t { literal, scanner, regex };
  Kind kind = Kind::literal;
  std::string literal;                      // kind literal
  Pretokenizer scanner = Pretokenizer::none;  // kind scanner: its pieces are the matches and the gaps (Isolated)
  Regex regex;                              // kind regex
  SplitBehavior behavior = SplitBehavior::isolated;
  bool invert = false;  // the gaps are the delimiters and the matches the content
};

// Appends the non-empty pieces `rule` cuts `text` into (offsets in `text`). Returns false when a
// regex gave up (Regex::find_matches); the pieces still cover what they would have.
bool apply_split(const SplitRule& rule, std::string_view text, std::vector<Span>& out);

// Applies the rules in order, each to the pieces of the one before; no rules: the text is one piece.
// Offsets in `text`. Returns false when a regex gave up.
bool apply_splits(std::span<const SplitRule> rules, std::string_view text, std::vector<Span>& out);

// Hugging Face's names ("Isolated", "Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous").
bool split_behavior_from_name(std::string_view name, SplitBehavior& behavior);

}  // namespace bpeviz
