#include "ui/tokens/tile_order.h"

#include <algorithm>
#include <numeric>

namespace bpeviz {

void visual_order(std::span<const Direction> tiles, bool right_to_left_paragraph, std::vector<uint32_t>& order) {
  const std::size_t n = tiles.size();
  order.resize(n);
  std::iota(order.begin(), order.end(), 0u);
  const Direction paragraph = right_to_left_paragraph ? Direction::right_to_left : Direction::left_to_right;
  if (paragraph == Direction::left_to_right &&
      std::none_of(tiles.begin(), tiles.end(), [](Direction d) { return d == Direction::right_to_left; })) {
    return;
  }

  // W7: a number after a left-to-right letter (or at the start of a left-to-right paragraph) is left to right.
  static thread_local std::vector<Direction> resolved;
  resolved.assign(tiles.begin(), tiles.end());
  Direction strong = paragraph;
  for (Direction& d : resolved) {
    if (d == Direction::left_to_right || d == Direction::right_to_left) strong = d;
    if (d == Direction::number && strong == Direction::left_to_right) d = Direction::left_to_right;
  }
  // N1, N2: neutrals between tiles of one direction take it (a number counts as right to left), others
  // the paragraph's; the row's edges count as the paragraph's direction.
  const auto side = [&](std::size_t i) {
    return resolved[i] == Direction::number ? Direction::right_to_left : resolved[i];
  };
  for (std::size_t i = 0; i < n;) {
    if (resolved[i] != Direction::neutral) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < n && resolved[end] == Direction::neutral) ++end;
    const Direction before = i > 0 ? side(i - 1) : paragraph;
    const Direction after = end < n ? side(end) : paragraph;
    std::fill(resolved.begin() + static_cast<std::ptrdiff_t>(i), resolved.begin() + static_cast<std::ptrdiff_t>(end),
              before == after ? before : paragraph);
    i = end;
  }
  // I1, I2: the levels; then L2: every run at or above each level, from the highest down to 1, reversed.
  static thread_local std::vector<uint8_t> levels;
  levels.resize(n);
  const uint8_t left_level = right_to_left_paragraph ? 2 : 0;
  for (std::size_t i = 0; i < n; ++i) {
    levels[i] = resolved[i] == Direction::right_to_left ? 1 : resolved[i] == Direction::number ? 2 : left_level;
  }
  const uint8_t highest = n ? *std::max_element(levels.begin(), levels.end()) : 0;
  for (uint8_t level = highest; level >= 1; --level) {
    for (std::size_t i = 0; i < n;) {
      if (levels[order[i]] < level) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < n && levels[order[end]] >= level) ++end;
      std::reverse(order.begin() + static_cast<std::ptrdiff_t>(i), order.begin() + static_cast<std::ptrdiff_t>(end));
      i = end;
    }
  }
}

}  // namespace bpeviz
