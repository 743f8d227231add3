// A general regular expression, for the pre-tokenizer patterns bpeviz has no hand-written scanner for
// (a user's own tokenizer.json). It is Oniguruma, the engine Hugging Face's tokenizers library itself
// runs (its `onig` crate), with the same syntax and options, so a pattern means here what it means
// there: \p{..} classes, (?i:..), look-ahead and look-behind. Built from Debian's source package (see
// CMakeLists.txt). The shipped models never reach it: their patterns have scanners (pretokenize.h).
#pragma once
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/pretokenize.h"
#include "core/status.h"

namespace bpeviz {

class Regex {
 public:
  // Compiles a pattern; the error names what is wrong with it (Oniguruma's message).
  static Result<Regex> compile(std::string_view pattern);

  struct Match {
    Span span;
    bool matched;  // false for the text between two matches
  };
  // Appends to `out` the text cut into the matches and the gaps between them, in order, as Hugging
  // Face's find_matches does: empty matches are kept, but not one right after another match.
  // Returns false when the search gave up (catastrophic backtracking, about a second of work):
  // then the rest of the text is one gap. Ill-formed UTF-8 is never searched: it is a gap.
  bool find_matches(std::string_view text, std::vector<Match>& out) const;

  const std::string& pattern() const { return pattern_; }

 private:
  struct Compiled;
  std::shared_ptr<const Compiled> compiled_;  // shared: Encodings are copied
  std::string pattern_;
};

}  // namespace bpeviz
