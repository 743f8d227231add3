// Arabic and Hebrew in tile labels and tooltips, drawn as they are read. Dear ImGui 1.86 draws code
// points left to right, one glyph each: no bidirectional order and no shaping, so مرحبا came out as
// five unjoined letters in reverse. Written by hand before HarfBuzz came into the page, which so far shapes
// only the left-to-right scripts (ui/shaping/clusters.h): Arabic letters take the joined forms Unicode encodes as
// presentation forms (their table comes from utf8proc's compatibility decompositions), and each
// right-to-left run is reversed, its numbers and combining marks kept in order. Not the whole
// Unicode Bidirectional Algorithm: one line in a left-to-right paragraph, no embeddings, no brackets
// paired across a run's edge. The token view orders whole tiles the same way (ui/tokens/tile_order.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/shaping/glyph_run.h"

namespace bpeviz {

// Where a label stands. A tile is one token of a longer text: an Arabic letter at its edge joins the
// letter beyond the edge as it does in the word, and a tile of Arabic or Hebrew reads from the right
// (its leading space on the right, where the word before it ends).
struct LabelPlace {
  bool right_to_left = false;  // the label's base direction
  uint32_t before = 0;         // the letter before the label's text in its text (0: none), marks skipped
  uint32_t after = 0;          // the character after it
};

// Puts the right-to-left runs of label[from...] (UTF-8) in visual order, Arabic letters in their
// joined forms (a form the font lacks is left as the plain letter). Text with no Hebrew or Arabic is
// untouched. `font` null: every form is taken.
void order_right_to_left(std::string& label, std::size_t from, const ImFont* font, const LabelPlace& place = {});
// The same on glyphs (in text order on entry, in visual order on return), for the text box, which must
// know where each character went. Returns false, leaving them untouched, when there is nothing to do.
bool order_right_to_left(GlyphRun& glyphs, const ImFont* font, const LabelPlace& place = {});

// The direction of a text for ordering it among others: that of its first letter with a direction
// (Hebrew and Arabic: right to left; Latin, CJK and most others: left to right); a text with no such
// letter is a number if it has a digit, else neutral (spaces, punctuation).
enum class Direction : uint8_t { neutral, left_to_right, right_to_left, number };
Direction text_direction(std::string_view utf8);
Direction text_direction(std::span<const uint32_t> code_points);
// A character's own direction: that of a strong letter, number for digits, neutral for the rest.
Direction character_direction(uint32_t code_point);

// The joined forms a letter can take (for the glyph atlas): its initial, medial, final and isolated
// forms, and for lam and the alefs the lam-alef ligatures. Empty for letters that do not join.
std::vector<uint32_t> joined_forms(uint32_t code_point);

}  // namespace bpeviz
