// A line of text as it is drawn: glyphs in visual order, left to right, each knowing which characters
// of the text it stands for. Shaping by hand (ui/right_to_left.h, ui/pre_base_vowels.h) moves and
// replaces characters; the text box must still put its caret and selection on the right glyphs.
#pragma once
#include <cstdint>
#include <vector>

namespace bpeviz {

struct PlacedGlyph {
  uint32_t code_point;  // what is drawn: a character of the text, its joined form or a mirrored bracket
  uint32_t source;      // the index (in characters) of the first character it stands for
  uint32_t count = 1;   // how many it stands for: two for a lam-alef ligature
};
using GlyphRun = std::vector<PlacedGlyph>;

}  // namespace bpeviz
