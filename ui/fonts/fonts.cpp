#include "ui/fonts/fonts.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

constexpr float kTextSize = 18.0f;
constexpr float kMonoSize = 14.0f;

// Fallback glyphs one atlas holds at 1×: about 2,048 × 1,800 pixels of glyphs at 18 px. At 2× a
// glyph takes four times the area, so a quarter as many fit the same texture (a 10,000-character
// Chinese text uses about 2,500 distinct characters).
constexpr float kMaxFallbackGlyphs1x = 12000;

constexpr ImWchar kMonoRanges[] = {0x0020, 0x00FF, 0x2190, 0x21FF, 0};

ImFont* add_font(ImGuiIO& io, std::span<const uint8_t> ttf, float size, const ImWchar* ranges, ImFontConfig config = {}) {
  if (ttf.empty()) return nullptr;
  config.FontDataOwnedByAtlas = false;
  return io.Fonts->AddFontFromMemoryTTF(const_cast<uint8_t*>(ttf.data()), static_cast<int>(ttf.size()), size,
                                        &config, ranges);
}

// Code points as ImGui's zero-terminated [first, last] pairs.
std::vector<ImWchar> glyph_ranges(std::vector<uint32_t> code_points, std::span<const CodePointRange> extra = {}) {
  for (const CodePointRange& r : extra) {
    for (uint32_t c = r.first; c <= r.last; ++c) code_points.push_back(c);
  }
  std::sort(code_points.begin(), code_points.end());
  std::vector<ImWchar> ranges;
  for (const uint32_t c : code_points) {
    if (!ranges.empty() && (ranges.back() == c || ranges.back() + 1 == c)) {
      ranges.back() = static_cast<ImWchar>(c);
    } else {
      ranges.push_back(static_cast<ImWchar>(c));
      ranges.push_back(static_cast<ImWchar>(c));
    }
  }
  ranges.push_back(0);
  return ranges;
}

}  // namespace

Fonts load_fonts(ImGuiIO& io, std::span<const uint8_t> text_ttf, std::span<const uint8_t> mono_ttf,
                 float pixel_ratio, GlyphNeeds& needs, float scale) {
  io.Fonts->Clear();
  // WebGL2 takes textures of any height: a power of two would double a big CJK atlas for nothing.
  io.Fonts->Flags |= ImFontAtlasFlags_NoPowerOfTwoHeight;
  Fonts fonts;
  fonts.pixel_ratio = pixel_ratio;
  fonts.scale = scale;
  const auto max_glyphs = static_cast<std::size_t>(kMaxFallbackGlyphs1x / (pixel_ratio * pixel_ratio * scale * scale));
  const AtlasPlan plan = plan_atlas(needs, std::max<std::size_t>(max_glyphs, 500));
  needs.dropped = plan.dropped;
  fonts.ranges.push_back(glyph_ranges(plan.base, kAlwaysInAtlas));
  ImFontConfig text_config;
  text_config.OversampleH = 2;
  fonts.text = add_font(io, text_ttf, kTextSize * pixel_ratio * scale, fonts.ranges.back().data(), text_config);
  // Each fallback is sized so that its em matches the base font's: stb_truetype sizes a font by
  // its ascender-to-descender height, which differs a lot between fonts (Noto Sans Arabic's is
  // twice its em; at the same "size" its letters would be half as tall as DejaVu's).
  const float em = kTextSize * pixel_ratio * scale / needs.manifest.base.height_per_em;
  if (fonts.text) {
    for (std::size_t i = 0; i < plan.fallbacks.size(); ++i) {
      if (plan.fallbacks[i].empty()) continue;
      fonts.ranges.push_back(glyph_ranges(plan.fallbacks[i]));
      ImFontConfig config;
      config.MergeMode = true;
      config.OversampleH = 1;  // rasterized at device pixels already; 2× would double a CJK atlas
      add_font(io, needs.fonts[i].bytes, em * needs.manifest.fallbacks[i].height_per_em, fonts.ranges.back().data(), config);
    }
  }
  ImFontConfig mono_config;
  mono_config.OversampleH = 2;
  fonts.mono = add_font(io, mono_ttf, kMonoSize * pixel_ratio * scale, kMonoRanges, mono_config);
  if (!fonts.text || !fonts.mono) {
    // A font file failed to load: ImGui's built-in font still shows everything ASCII.
    ImFontConfig config;
    config.SizePixels = 13.0f * pixel_ratio * scale;
    fonts.text = fonts.mono = io.Fonts->AddFontDefault(&config);
  }
  std::vector<int> cluster_rects;
  if (fonts.text != fonts.mono) {
    add_cluster_glyphs(needs, *io.Fonts, fonts.text, em, font_ascent(text_ttf, kTextSize * pixel_ratio * scale), cluster_rects);
  }
  io.Fonts->Build();
  draw_cluster_glyphs(needs, *io.Fonts, em, cluster_rects);
  io.UserData = &needs;  // labels shape their clusters with it (ui/tokens/visible_text.h)
  io.FontGlobalScale = 1.0f / pixel_ratio;
  io.FontDefault = fonts.text;
  fonts.generation = ++needs.atlas_builds;
  needs.atlas_outdated = false;
  return fonts;
}

std::size_t missing_glyphs(const ImFont* font, std::string_view utf8) {
  std::unordered_set<uint32_t> missing;
  for (std::size_t i = 0; i < utf8.size(); i += utf8_char_length(utf8, i)) {
    const uint32_t c = utf8_code_point(utf8, i);
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) continue;
    if (!font->FindGlyphNoFallback(static_cast<ImWchar>(c))) missing.insert(c);
  }
  return missing.size();
}

}  // namespace bpeviz
