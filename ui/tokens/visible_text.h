// Text drawn so that nothing in it is invisible or ambiguous: whitespace as symbols (· → ↵), control
// characters as control pictures, bytes that are not UTF-8 as \xNN, and characters the font cannot
// draw as U+XXXX rather than as a box; a combining mark that starts the text sits on a dotted circle
// (◌ั); Hebrew and Arabic read right to left, Arabic letters joined (ui/shaping/right_to_left.h); Devanagari's
// vowel sign I stands before its consonant (ui/shaping/pre_base_vowels.h). Used for tile labels and tooltips.
#pragma once
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/shaping/right_to_left.h"

namespace bpeviz {

// Appends the visible form of `text` to `out`. With show_whitespace off, spaces and tabs stay blank
// and a newline draws nothing (the tile that holds it still ends its row). Returns true when the
// text holds a newline. `place`: where the text stands in a longer one (a tile's token).
bool append_visible_text(std::string& out, std::string_view text, bool show_whitespace, const ImFont* font,
                         const LabelPlace& place = {});

}  // namespace bpeviz
