// Fonts rasterized for the screen's pixel density, so text is sharp on HiDPI displays, with the
// glyphs of every script the page shows (ui/fonts/glyph_needs.h) merged into the text font.
#pragma once
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/fonts/glyph_needs.h"

namespace bpeviz {

struct Fonts {
  ImFont* text = nullptr;   // prose, labels and token text
  ImFont* mono = nullptr;   // ids, bytes in hex
  float pixel_ratio = 0;    // device pixels per CSS pixel the atlas was built for
  float scale = 1;          // the sizes relative to the usual ones (presentation mode enlarges them)
  uint32_t generation = 0;  // which atlas build (GlyphNeeds::atlas_builds): layouts made with an older one are stale
  std::vector<std::vector<ImWchar>> ranges;  // the glyph ranges the atlas was built from (it keeps pointers to them)
};

// Rebuilds the font atlas at `pixel_ratio` and sets FontGlobalScale so sizes stay in CSS pixels. The
// text font gets the code points `needs` noted, each from the font that draws it (fallbacks merged
// in, sized to the base font's em). `scale` enlarges every size (rasterized at that size, so large
// type stays sharp). The font bytes must outlive the atlas. The renderer must re-upload the atlas
// texture afterwards.
Fonts load_fonts(ImGuiIO& io, std::span<const uint8_t> text_ttf, std::span<const uint8_t> mono_ttf,
                 float pixel_ratio, GlyphNeeds& needs, float scale = 1);

// The code points of `utf8` (one count per distinct code point) that `font` has no glyph for, leaving
// out control characters, which the page never draws as glyphs.
std::size_t missing_glyphs(const ImFont* font, std::string_view utf8);

}  // namespace bpeviz
