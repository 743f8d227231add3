// Cutting a text read in parts: the places where each part encodes as it does inside the whole.
#include "core/stream/stream_cuts.h"

#include <algorithm>

namespace bpeviz {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_graphic(char c) { return c > ' ' && c < 0x7F; }

// Whether the scanner's pieces never cross a line start or a word end (the header's proof covers these).
bool scanner_has_cuts(Pretokenizer kind) {
  switch (kind) {
    case Pretokenizer::gpt2:
    case Pretokenizer::cl100k:
    case Pretokenizer::o200k:
    case Pretokenizer::qwen2:
    case Pretokenizer::whitespace:
      return true;
    default:
      return false;
  }
}

// Whether a Hugging Face model splits the text as its scanner alone would, after a normalization that
// keeps ASCII characters as they are and never joins one to the character before it.
bool hf_model_has_cuts(const HfModel& hf) {
  if (hf.splits.size() != 1 || hf.piecewise || !hf.piece_changes.empty() || !hf.added_after_normalizer.empty()) {
    return false;
  }
  const SplitRule& split = hf.splits[0];
  if (split.kind != SplitRule::Kind::scanner || split.behavior != SplitBehavior::isolated || split.invert ||
      !scanner_has_cuts(split.scanner)) {
    return false;
  }
  return std::all_of(hf.normalizer.steps().begin(), hf.normalizer.steps().end(), [](const NormalizerStep& s) {
    using K = NormalizerStep::Kind;
    return s.kind == K::nfc || s.kind == K::nfd || s.kind == K::nfkc || s.kind == K::nfkd;
  });
}

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
  return {texts.begin(), texts.end()};
}

}  // namespace

StreamCuts::StreamCuts(bool text_cuts, std::vector<std::string> specials, std::vector<bool> matched,
                       std::vector<bool> cutting)
    : text_cuts_(text_cuts),
      specials_(std::move(specials)),
      matched_(std::move(matched)),
      cutting_(std::move(cutting)),
      trie_(views(specials_)) {
  special_cuts_ = std::find(cutting_.begin(), cutting_.end(), true) != cutting_.end();
  for (const auto& s : specials_) look_ahead_ = std::max(look_ahead_, s.size());
}

StreamCuts StreamCuts::for_encoding(const Encoding& encoding, const SpecialPolicy& policy) {
  const HfModel* hf = encoding.hf_model();
  const bool text_cuts = hf ? hf_model_has_cuts(*hf) : scanner_has_cuts(encoding.pretokenizer());
  std::vector<std::string> specials;
  std::vector<bool> matched, cutting;
  for (const SpecialToken& s : encoding.specials()) {
    // As Encoding::split_at_specials matches them in its first pass.
    const bool first_pass = !s.normalized && !s.in_normalized_text && policy.allows(s.text);
    specials.push_back(s.text);
    matched.push_back(first_pass);
    cutting.push_back(first_pass && !s.lstrip && !s.single_word && !s.text.empty() && is_ascii_graphic(s.text[0]));
  }
  return StreamCuts(text_cuts, std::move(specials), std::move(matched), std::move(cutting));
}

StreamCuts StreamCuts::for_training(Pretokenizer pretokenizer, const std::vector<std::string>& specials) {
  // The trainer matches every special token, leftmost and longest first, with no Hugging Face options.
  std::vector<bool> all(specials.size(), true);
  return StreamCuts(scanner_has_cuts(pretokenizer), specials, all, all);
}

bool StreamCuts::is_cut(std::string_view text, std::size_t p) const {
  if (p == 0 || p + look_ahead_ > text.size()) return false;
  const bool text_cut = text_cuts_ && ((p >= 2 && text[p - 1] == '\n' && is_ascii_letter(text[p]) &&
                                        is_ascii_graphic(text[p - 2])) ||
                                       (text[p] == ' ' && (is_ascii_letter(text[p - 1]) || (text[p - 1] >= '0' && text[p - 1] <= '9'))));
  bool special_cut = false;
  if (special_cuts_ && trie_.may_start(static_cast<unsigned char>(text[p]))) {
    const std::size_t k = trie_.longest_at(text, p, [&](std::size_t i) { return matched_[i]; });
    special_cut = k != SpecialTrie::npos && cutting_[k];
  }
  if (!text_cut && !special_cut) return false;
  if (specials_.empty()) return true;
  // No special token may cross p; a text cut must not touch one either (its lstrip or rstrip could take
  // the white space on the other side), and before a special cut none may end at p (nor take white space
  // up to it).
  const std::size_t first = p + 1 > look_ahead_ ? p + 1 - look_ahead_ : 0;
  for (std::size_t q = first; q <= p; ++q) {
    if (!trie_.may_start(static_cast<unsigned char>(text[q]))) continue;
    const std::size_t k = trie_.longest_at(text, q, [](std::size_t) { return true; });
    if (k == SpecialTrie::npos) continue;
    const std::size_t end = q + specials_[k].size();
    if (q < p && end >= p) return false;
    if (q == p && !special_cut) return false;
  }
  return true;
}

std::size_t StreamCuts::last_cut(std::string_view text, std::size_t not_before) const {
  if (!any() || text.size() < look_ahead_) return 0;
  for (std::size_t p = text.size() - look_ahead_; p > 0 && p >= not_before; --p) {
    if (is_cut(text, p)) return p;
  }
  return 0;
}

std::size_t StreamCuts::first_cut(std::string_view text, std::size_t from) const {
  if (!any()) return text.size();
  for (std::size_t p = std::max<std::size_t>(from, 1); p + look_ahead_ <= text.size(); ++p) {
    if (is_cut(text, p)) return p;
  }
  return text.size();
}

}  // namespace bpeviz
