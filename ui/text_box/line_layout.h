// One line of the text box laid out as it is read: Devanagari's vowel sign I before its consonant,
// right-to-left runs reversed, Arabic letters joined (the same hand-written shaping as tile labels,
// ui/shaping/right_to_left.h and ui/shaping/pre_base_vowels.h). Dear ImGui 1.86's text box draws code points left to
// right; it still edits the text, and this layout tells where its caret, its selection and a click
// fall on the glyphs as drawn.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include <imgui.h>

#include "ui/shaping/glyph_run.h"

namespace bpeviz {

struct LineLayout {
  GlyphRun glyphs;              // in visual order, left to right
  std::vector<float> left;      // each glyph's left edge; one more entry: the line's width
  std::vector<uint32_t> glyph_of;  // for each character of the line, the glyph that draws it
  std::vector<uint8_t> char_right_to_left;  // for each character: drawn in a right-to-left run
  bool right_to_left = false;   // the line read as a paragraph: its first letter with a direction
  bool shaped = false;          // glyphs differ from the characters in order or form

  float width() const { return left.empty() ? 0.0f : left.back(); }
};

// Lays out `line` (code points in text order, without its newline) in `font` at `size` pixels;
// with `shape` false, in text order and unchanged (a line too long to shape every frame).
void lay_out_line(std::span<const uint32_t> line, const ImFont* font, float size, LineLayout& layout, bool shape = true);

// The x (from the line's left edge) of the caret before character `index` (0 to the line's length):
// at the edge of that character where reading starts (its right edge in a right-to-left run), or after
// the last one at its far edge; inside a ligature, at its middle.
float caret_x(const LineLayout& layout, uint32_t index);

// The caret index a click at x (from the line's left edge) puts the caret at: before the character
// under it when the click is on its reading start's half, after it otherwise.
uint32_t index_at_x(const LineLayout& layout, float x);

// The x ImGui's text box gives character `index` of `line`: the advances of the characters before it,
// unshaped, left to right.
float unshaped_x(std::span<const uint32_t> line, uint32_t index, const ImFont* font, float size);

}  // namespace bpeviz
