// The code points the page shows, and what the font atlas needs for them. Dear ImGui 1.86 draws
// from a static atlas, so the page notes each new code point; a fallback font it needs is fetched
// (once), and the atlas is rebuilt at the next frame start — only when something new can be drawn,
// never every frame. Fonts are plain bytes here: fetching them is the platform layer's business.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ui/fonts/code_point_set.h"
#include "ui/fonts/font_manifest.h"
#include "ui/shaping/clusters.h"

namespace bpeviz {

struct FallbackFont {
  enum class Status { unused, fetching, loaded, failed };
  Status status = Status::unused;
  std::vector<uint8_t> bytes;  // the file, once loaded (the atlas borrows them)
};

struct GlyphNeeds {
  FontManifest manifest;
  std::vector<FallbackFont> fonts;  // one per manifest.fallbacks
  CodePointSet seen;                // the code points noted so far, in the order they first appeared
  std::size_t checked = 0;          // seen.list[checked...] are new since update_glyph_needs last looked
  bool atlas_outdated = false;      // something noted or fetched can be drawn: rebuild at the next frame start
  uint32_t atlas_builds = 0;        // atlases built so far (views that cache text layouts compare it)
  std::size_t dropped = 0;          // code points the last atlas left out to keep its texture small
  ShapedClusters clusters;          // the complex scripts' clusters, each a glyph of the atlas
};

// The code points the base font's atlas holds always, noted or not: the scripts DejaVu Sans covers,
// plus the symbols the token view draws for invisible characters. A text of them needs no rebuild.
struct CodePointRange {
  uint32_t first, last;
};
inline constexpr CodePointRange kAlwaysInAtlas[] = {
    {0x0020, 0x024F},  // Basic Latin, Latin-1, Latin Extended-A/B
    {0x0370, 0x03FF},  // Greek
    {0x0400, 0x052F},  // Cyrillic
    {0x2000, 0x206F},  // General Punctuation (· … “ ”)
    {0x2190, 0x21FF},  // Arrows (→ ↵)
    {0x2400, 0x243F},  // Control Pictures (␀ ␉)
    {0x2500, 0x257F},  // Box drawing
    {0x25CC, 0x25CC},  // Dotted circle, under a combining mark shown alone
    {0xFFFD, 0xFFFD},  // Replacement character
};
bool always_in_atlas(uint32_t code_point);

// Starts over with a manifest: nothing noted, no fallback fetched.
void set_font_manifest(GlyphNeeds& needs, FontManifest manifest);

// Notes the code points of a UTF-8 text (ASCII is always in the atlas and is skipped quickly).
void note_text(GlyphNeeds& needs, std::string_view utf8);
// The same for the code points of a text gathered before (a paste's, as it came: ui/text_box/text_editor.h).
void note_code_points(GlyphNeeds& needs, const std::vector<uint32_t>& code_points);
bool noted(const GlyphNeeds& needs, uint32_t code_point);

// Looks at the code points noted since the last call: returns the fallback fonts they need that were
// not asked for yet (indices into manifest.fallbacks; now marked fetching), and marks the atlas
// outdated when one of them can be drawn already (by the base font or a loaded fallback).
std::vector<std::size_t> update_glyph_needs(GlyphNeeds& needs);

// A fetch ended: the font's code points join the next atlas; a failed one leaves them missing.
void fallback_font_loaded(GlyphNeeds& needs, std::size_t index, std::vector<uint8_t> bytes);
void fallback_font_failed(GlyphNeeds& needs, std::size_t index);

// The code points each font gets in the next atlas, in the order they were noted: `base` for the
// base font, `fallbacks[i]` for fallback i (empty unless loaded). Fallback glyphs past
// `max_fallback_glyphs` are left out (counted in `dropped`): a whole CJK text at 2× would need a
// texture larger than a phone's GPU takes.
struct AtlasPlan {
  std::vector<uint32_t> base;
  std::vector<std::vector<uint32_t>> fallbacks;
  std::size_t dropped = 0;
};
AtlasPlan plan_atlas(const GlyphNeeds& needs, std::size_t max_fallback_glyphs);

}  // namespace bpeviz
