// Devanagari's vowel sign I (ि) is written after its consonant but drawn before it: हि is ह then ि
// in the text, and the sign's hook reaches over the consonant from the left. Dear ImGui 1.86 draws code
// points in text order without a shaper, which put the sign after the consonant, where no reader looks
// for it. HarfBuzz does this once Devanagari's font is loaded (ui/shaping/clusters.h); until then, for the
// frame or two the font takes to arrive, the sign moves before its syllable's consonants by hand.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "ui/shaping/glyph_run.h"

namespace bpeviz {

// Moves each Devanagari vowel sign drawn left of its consonant (those Unicode's
// IndicPositionalCategory.txt calls Left: U+093F, U+094E) in label[from...] (UTF-8) before the
// consonants it follows: a consonant with its nukta, and those joined to it by viramas before it (स्थि:
// the sign goes before स). A sign with no consonant before it (a token cut there, drawn on a dotted
// circle) goes before the circle. Other text is untouched.
void place_pre_base_vowels(std::string& label, std::size_t from);
// The same on glyphs in text order, for the text box (which must know where each character went).
void place_pre_base_vowels(GlyphRun& glyphs);
// Whether `code_point` is one of those signs.
bool pre_base_vowel(uint32_t code_point);

}  // namespace bpeviz
