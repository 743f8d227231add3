// The order a row's tiles are drawn in. Each tile is one token of the text, so a sentence of Arabic or
// Hebrew must lay its tiles out from the right, and a Hebrew phrase inside English text must put its
// tiles in right-to-left order among the English ones. This is the Unicode Bidirectional Algorithm
// (UAX #9) applied to whole tiles, each taking the direction of its first letter that has one
// (ui/shaping/right_to_left.h's text_direction): numbers after a left-to-right letter are left to right (W7), a
// run of neutral tiles takes the direction of the tiles around it when they agree and the paragraph's
// when not (N1, N2; numbers count as right to left there), and the levels that gives are reversed from
// the highest down (L2). Written by hand: FriBidi orders characters, not tiles, and a row has a few dozen.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "ui/shaping/right_to_left.h"

namespace bpeviz {

// The indexes of `tiles` (one row, in text order) in the order they are drawn, left to right, in a
// paragraph whose direction is right to left or not. Identity for a left-to-right row.
void visual_order(std::span<const Direction> tiles, bool right_to_left_paragraph, std::vector<uint32_t>& order);

}  // namespace bpeviz
