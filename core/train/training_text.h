// How a trainer reads its text: split at special tokens (longest match first), then into pre-tokens.
// Shared by the fast trainer, the reference trainer and their segmentation, so all agree.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/pretokenize.h"

namespace bpeviz {

class TrainingText {
 public:
  TrainingText(Pretokenizer pretokenizer, const std::vector<std::string>& specials);

  // Calls on_piece(begin, end) for each pre-token and on_special(index, begin) for each special
  // token of text[from, to), in order. `from` and `to` must not cut a special token or a pre-token
  // (they may be cuts of StreamCuts::for_training, core/stream/stream_cuts.h).
  template <class OnPiece, class OnSpecial>
  void walk(std::string_view text, std::size_t from, std::size_t to, OnPiece&& on_piece, OnSpecial&& on_special) const;

  const std::vector<std::string>& specials() const { return specials_; }

 private:
  // The first special token at or after `from`: {position, index}; position npos when none.
  std::pair<std::size_t, std::size_t> find_special(std::string_view text, std::size_t from, std::size_t to) const;

  Pretokenizer pretokenizer_;
  std::vector<std::string> specials_;          // in the caller's order (their ids follow it)
  std::vector<std::size_t> longest_first_;     // indices into specials_, longest first
  bool first_byte_[256] = {};
};

template <class OnPiece, class OnSpecial>
void TrainingText::walk(std::string_view text, std::size_t from, std::size_t to, OnPiece&& on_piece,
                        OnSpecial&& on_special) const {
  thread_local std::vector<Span> spans;
  while (from < to) {
    const auto [pos, index] = find_special(text, from, to);
    const std::size_t stretch_end = pos == std::string_view::npos ? to : pos;
    if (stretch_end > from) {
      spans.clear();
      pretokenize(pretokenizer_, text.substr(from, stretch_end - from), spans);
      for (const Span& s : spans) on_piece(from + s.begin, from + s.end);
    }
    if (pos == std::string_view::npos) break;
    on_special(index, pos);
    from = pos + specials_[index].size();
  }
}

}  // namespace bpeviz
