// A line of text as it is drawn: glyphs in visual order, left to right, each knowing which characters
// of the text it stands for. Shaping by hand (ui/shaping/right_to_left.h, ui/shaping/pre_base_vowels.h) moves and
// replaces characters; the text box must still put its caret and selection on the right glyphs.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

struct PlacedGlyph {
  uint32_t code_point;  // what is drawn: a character of the text, its joined form or a mirrored bracket
  uint32_t source;      // the index (in characters) of the first character it stands for
  uint32_t count = 1;   // how many it stands for: two for a lam-alef ligature
};
using GlyphRun = std::vector<PlacedGlyph>;

// The characters of `text` (UTF-8), each as its own glyph, in text order (replacing `glyphs`).
void glyphs_of_text(std::string_view text, GlyphRun& glyphs);
// Appends what the glyphs draw to `out`, as UTF-8.
void append_glyphs(std::string& out, const GlyphRun& glyphs);

}  // namespace bpeviz
