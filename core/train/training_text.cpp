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

}  // namespace bpeviz
