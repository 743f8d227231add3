// Splitting a training text at special tokens and into pre-tokens.
#include "core/train/training_text.h"

#include <algorithm>

namespace bpeviz {

TrainingText::TrainingText(Pretokenizer pretokenizer, const std::vector<std::string>& specials)
    : pretokenizer_(pretokenizer), specials_(specials) {
  for (std::size_t i = 0; i < specials_.size(); ++i) {
    longest_first_.push_back(i);
    if (!specials_[i].empty()) first_byte_[static_cast<unsigned char>(specials_[i][0])] = true;
  }
  std::stable_sort(longest_first_.begin(), longest_first_.end(),
                   [&](std::size_t a, std::size_t b) { return specials_[a].size() > specials_[b].size(); });
}

std::pair<std::size_t, std::size_t> TrainingText::find_special(std::string_view text, std::size_t from,
                                                                std::size_t to) const {
  if (specials_.empty()) return {std::string_view::npos, 0};
  for (std::size_t pos = from; pos < to; ++pos) {
    if (!first_byte_[static_cast<unsigned char>(text[pos])]) continue;
    for (std::size_t k : longest_first_) {
      const std::string& s = specials_[k];
      if (s.size() <= to - pos && text.compare(pos, s.size(), s) == 0) return {pos, k};
    }
  }
  return {std::string_view::npos, 0};
}

std::vector<std::size_t> TrainingText::cuts(std::string_view text, std::size_t parts) const {
  std::vector<std::size_t> result{0};
  if (pretokenizer_ == Pretokenizer::none) parts = 1;  // the whole stretch is one piece: no safe cut
  for (std::size_t i = 1; i < parts; ++i) {
    std::size_t pos = std::max(result.back() + 1, text.size() * i / parts);
    for (; pos < text.size(); ++pos) {
      const char c = text[pos];
      if (text[pos - 1] != '\n' || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) continue;
      // Nor after whitespace and then the '\n': a part ending in a whitespace run makes that run one
      // piece (\s+(?!\S) holds at its end), where the whole text leaves its last character to stand
      // alone ("\n\nc" is "\n", "\n", "c"; found by fuzz/trainer_fuzzer.cpp). An ASCII graphic byte is safe.
      if (pos >= 2 && !(text[pos - 2] > ' ' && text[pos - 2] < 0x7F)) continue;
      // Not inside a special token: none may start before the cut and end after it.
      bool inside = false;
      for (const auto& s : specials_) {
        const std::size_t start = pos >= s.size() ? pos - s.size() + 1 : 0;
        const std::size_t found = text.substr(start, pos - start + s.size() - 1).find(s);
        if (found != std::string_view::npos && start + found < pos) inside = true;
      }
      if (!inside) break;
    }
    if (pos >= text.size()) break;
    result.push_back(pos);
  }
  result.push_back(text.size());
  return result;
}

}  // namespace bpeviz
