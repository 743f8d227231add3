#include "ui/text_box/line_layout.h"

#include <algorithm>
#include <cmath>

#include <utf8proc.h>

#include "ui/fonts/glyph_needs.h"
#include "ui/shaping/clusters.h"
#include "ui/shaping/pre_base_vowels.h"
#include "ui/shaping/right_to_left.h"

namespace bpeviz {

namespace {

float advance(const ImFont* font, float size, uint32_t c) {
  return font->GetCharAdvance(static_cast<ImWchar>(c)) * size / font->FontSize;
}

// Whether character `k` of the line was drawn as part of a right-to-left run: a letter by its own
// direction, a mark by its letter's; others by their neighbours: the glyph of the character after it
// lies left of its own, or that of the character before it right of it. Alone, the paragraph's.
bool read_right_to_left(const LineLayout& layout, std::span<const uint32_t> line, uint32_t k) {
  while (k > 0 && utf8proc_get_property(static_cast<utf8proc_int32_t>(line[k]))->bidi_class == UTF8PROC_BIDI_CLASS_NSM) --k;
  const Direction own = character_direction(line[k]);
  if (own == Direction::left_to_right || own == Direction::right_to_left) return own == Direction::right_to_left;
  const auto& of = layout.glyph_of;
  const auto n = static_cast<uint32_t>(of.size());
  if (k + 1 < n && of[k + 1] != of[k]) return of[k + 1] < of[k];
  if (k > 0 && of[k - 1] != of[k]) return of[k - 1] > of[k];
  return layout.right_to_left;
}

}  // namespace

void lay_out_line(std::span<const uint32_t> line, const ImFont* font, float size, LineLayout& layout, bool shape) {
  layout.glyphs.clear();
  for (uint32_t i = 0; i < line.size(); ++i) layout.glyphs.push_back({line[i], i});
  layout.right_to_left = text_direction(line) == Direction::right_to_left;
  if (shape) {
    if (GlyphNeeds* needs = current_glyph_needs()) shape_clusters(*needs, layout.glyphs);  // HarfBuzz's clusters
    place_pre_base_vowels(layout.glyphs);
    order_right_to_left(layout.glyphs, font, {.right_to_left = layout.right_to_left});
  }
  layout.left.resize(layout.glyphs.size() + 1);
  layout.glyph_of.assign(line.size(), 0);
  layout.shaped = layout.glyphs.size() != line.size();
  float x = 0;
  for (std::size_t g = 0; g < layout.glyphs.size(); ++g) {
    const PlacedGlyph& glyph = layout.glyphs[g];
    layout.left[g] = x;
    x += advance(font, size, glyph.code_point);
    for (uint32_t k = glyph.source; k < glyph.source + glyph.count; ++k) layout.glyph_of[k] = static_cast<uint32_t>(g);
    layout.shaped = layout.shaped || glyph.source != g || glyph.code_point != line[g];
  }
  layout.left.back() = x;
  layout.char_right_to_left.resize(line.size());
  for (uint32_t k = 0; k < line.size(); ++k) layout.char_right_to_left[k] = read_right_to_left(layout, line, k);
}

float caret_x(const LineLayout& layout, uint32_t index) {
  const auto n = static_cast<uint32_t>(layout.glyph_of.size());
  if (n == 0) return 0.0f;
  const auto glyph = [&](uint32_t k) -> const PlacedGlyph& { return layout.glyphs[layout.glyph_of[k]]; };
  const auto left = [&](uint32_t k) { return layout.left[layout.glyph_of[k]]; };
  const auto right = [&](uint32_t k) { return layout.left[layout.glyph_of[k] + 1]; };
  // A vowel sign drawn before its consonant is read after it: the caret on either side of it stands
  // after the consonant (the syllable's right edge).
  const auto moved = [&](uint32_t k) { return k > 0 && pre_base_vowel(glyph(k).code_point); };
  if (index >= n) {  // after the last character: its far edge
    if (moved(n - 1)) return right(n - 2);
    return layout.char_right_to_left[n - 1] ? left(n - 1) : right(n - 1);
  }
  if (moved(index)) return right(index - 1);
  // A syllable's first consonant with the sign drawn before it starts at the sign.
  const uint32_t at = layout.glyph_of[index];
  if (at > 0 && pre_base_vowel(layout.glyphs[at - 1].code_point) && layout.glyphs[at - 1].source > index) {
    return layout.left[at - 1];
  }
  const PlacedGlyph& g = glyph(index);
  if (g.source != index) {  // inside a ligature: as far into it as the characters before the caret
    const float part = static_cast<float>(index - g.source) / static_cast<float>(g.count);
    const float width = right(index) - left(index);
    return layout.char_right_to_left[index] ? right(index) - part * width : left(index) + part * width;
  }
  return layout.char_right_to_left[index] ? right(index) : left(index);
}

uint32_t index_at_x(const LineLayout& layout, float x) {
  if (layout.glyphs.empty()) return 0;
  // The glyph under x; left or right of the line, the glyph at that end.
  const auto after = std::upper_bound(layout.left.begin() + 1, layout.left.end() - 1, x);
  const auto g = static_cast<std::size_t>(after - (layout.left.begin() + 1));
  const PlacedGlyph& glyph = layout.glyphs[g];
  const float width = layout.left[g + 1] - layout.left[g];
  float part = width > 0 ? std::clamp((x - layout.left[g]) / width, 0.0f, 1.0f) : 0.5f;
  // The left half of a vowel sign drawn before its consonant is the start of their syllable.
  if (pre_base_vowel(glyph.code_point) && g + 1 < layout.glyphs.size() && layout.glyphs[g + 1].source < glyph.source) {
    return part < 0.5f ? layout.glyphs[g + 1].source : glyph.source + 1;
  }
  if (layout.char_right_to_left[glyph.source]) part = 1.0f - part;
  return glyph.source + static_cast<uint32_t>(std::lround(part * static_cast<float>(glyph.count)));
}

float unshaped_x(std::span<const uint32_t> line, uint32_t index, const ImFont* font, float size) {
  float x = 0;
  for (uint32_t k = 0; k < index && k < line.size(); ++k) x += advance(font, size, line[k]);
  return x;
}

}  // namespace bpeviz
