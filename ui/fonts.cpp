#include "ui/fonts.h"

namespace bpeviz {

namespace {

constexpr float kTextSize = 18.0f;
constexpr float kMonoSize = 14.0f;

// Scripts DejaVu Sans covers, plus the symbols the token view draws for invisible characters.
constexpr ImWchar kTextRanges[] = {
    0x0020, 0x024F,  // Basic Latin, Latin-1, Latin Extended-A/B
    0x0370, 0x03FF,  // Greek
    0x0400, 0x052F,  // Cyrillic
    0x2000, 0x206F,  // General Punctuation (· … “ ”)
    0x2190, 0x21FF,  // Arrows (→ ↵)
    0x2400, 0x243F,  // Control Pictures (␀ ␉)
    0x2500, 0x257F,  // Box drawing
    0xFFFD, 0xFFFD,  // Replacement character
    0,
};
constexpr ImWchar kMonoRanges[] = {0x0020, 0x00FF, 0x2190, 0x21FF, 0};

ImFont* add_font(ImGuiIO& io, std::span<const uint8_t> ttf, float size, const ImWchar* ranges) {
  if (ttf.empty()) return nullptr;
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 2;
  return io.Fonts->AddFontFromMemoryTTF(const_cast<uint8_t*>(ttf.data()), static_cast<int>(ttf.size()), size,
                                        &config, ranges);
}

}  // namespace

Fonts load_fonts(ImGuiIO& io, std::span<const uint8_t> text_ttf, std::span<const uint8_t> mono_ttf,
                 float pixel_ratio, float scale) {
  io.Fonts->Clear();
  Fonts fonts;
  fonts.pixel_ratio = pixel_ratio;
  fonts.scale = scale;
  fonts.text = add_font(io, text_ttf, kTextSize * pixel_ratio * scale, kTextRanges);
  fonts.mono = add_font(io, mono_ttf, kMonoSize * pixel_ratio * scale, kMonoRanges);
  if (!fonts.text || !fonts.mono) {
    // A font file failed to load: ImGui's built-in font still shows everything ASCII.
    ImFontConfig config;
    config.SizePixels = 13.0f * pixel_ratio * scale;
    fonts.text = fonts.mono = io.Fonts->AddFontDefault(&config);
  }
  io.Fonts->Build();
  io.FontGlobalScale = 1.0f / pixel_ratio;
  io.FontDefault = fonts.text;
  return fonts;
}

}  // namespace bpeviz
