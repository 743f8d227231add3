// Hugging Face normalizers (NFC, NFKC, NFD, NFKD, Lowercase, Replace, Prepend, Strip, in a sequence)
// that remember, for every byte of the normalized text, where in the original text it came from, so
// tokens found in the normalized text are drawn over the characters the user typed.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

struct NormalizerStep {
  enum class Kind : uint8_t { nfc, nfd, nfkc, nfkd, lowercase, replace, prepend, strip };
  Kind kind = Kind::nfc;
  std::string pattern;  // replace: the literal text replaced
  std::string content;  // replace: what replaces it; prepend: what is put in front of non-empty text
  bool left = false, right = false;  // strip: which ends lose their white space
  bool unless_present = false;       // prepend: not when the text already starts with the content
  bool only_at_text_start = false;   // prepend: only to the part of the input that starts it
  bool unicode_9 = false;            // nf*: as with Unicode 9.0's tables (unicode_9_normalization.h)
};

struct NormalizedText {
  std::string text;
  // origin[i]: the original offset of the character normalized byte i came from; origin[text.size()]
  // is the original length. Non-decreasing, so a normalized span [b, e) is the original span
  // [origin[b], origin[e]) (empty for text a normalizer added, such as Prepend's "▁").
  std::vector<uint32_t> origin;
};

class Normalizer {
 public:
  Normalizer() = default;
  explicit Normalizer(std::vector<NormalizerStep> steps) : steps_(std::move(steps)) {}
  bool identity() const { return steps_.empty(); }
  const std::vector<NormalizerStep>& steps() const { return steps_; }
  // What the steps make of `text`, which starts the whole input when `at_start` (it comes after a
  // special token otherwise). Ill-formed UTF-8 passes through unchanged.
  NormalizedText apply(std::string_view text, bool at_start = true) const;

 private:
  std::vector<NormalizerStep> steps_;
};

}  // namespace bpeviz
