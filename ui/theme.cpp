#include "ui/theme.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace bpeviz {

namespace {

ImVec4 grey(float v, float alpha = 1) { return ImVec4(v, v, v, alpha); }

void set_spacing(ImGuiStyle& style) {
  style.WindowPadding = ImVec2(14, 12);
  // 6 above and below the type: every button, picker, switch and tab at least 24 pixels high, a finger's target
  // (WCAG 2.2, 2.5.8), even in ImGui's own 13-pixel font (25); the page's 18-pixel text makes them 30.
  style.FramePadding = ImVec2(8, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.FrameRounding = 4;
  style.ScrollbarSize = 16;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
}

void light_colours(ImGuiStyle& style, bool presenting) {
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = presenting ? grey(1) : ImVec4(0.98f, 0.98f, 0.97f, 1);
  c[ImGuiCol_ChildBg] = grey(1);
  c[ImGuiCol_FrameBg] = grey(1);
  c[ImGuiCol_Border] = presenting ? grey(0.35f) : ImVec4(0.75f, 0.75f, 0.78f, 1);
  c[ImGuiCol_Text] = presenting ? grey(0) : grey(0.08f);
  // ImGui's own dimmed grey (0.60) is 2.7:1 on the background; 0.44 reaches 4.7:1, 0.28 about 9:1.
  c[ImGuiCol_TextDisabled] = presenting ? grey(0.28f) : grey(0.44f);
}

void dark_colours(ImGuiStyle& style, bool presenting) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = presenting ? grey(0.02f) : ImVec4(0.105f, 0.115f, 0.135f, 1);
  c[ImGuiCol_ChildBg] = presenting ? grey(0.05f) : ImVec4(0.13f, 0.14f, 0.165f, 1);
  c[ImGuiCol_PopupBg] = presenting ? grey(0.08f, 0.98f) : ImVec4(0.16f, 0.17f, 0.20f, 0.98f);
  c[ImGuiCol_FrameBg] = presenting ? grey(0.10f) : ImVec4(0.17f, 0.185f, 0.215f, 1);
  c[ImGuiCol_Border] = presenting ? grey(0.62f) : ImVec4(0.33f, 0.35f, 0.40f, 1);
  c[ImGuiCol_Text] = presenting ? grey(1) : grey(0.93f);
  c[ImGuiCol_TextDisabled] = presenting ? grey(0.80f) : grey(0.64f);
  c[ImGuiCol_TableRowBgAlt] = grey(1, 0.04f);
}

const Palette kLight{
    .error = ImVec4(0.72f, 0.08f, 0.08f, 1),
    .warning = ImVec4(0.58f, 0.36f, 0.0f, 1),
    .notice = ImVec4(0.10f, 0.45f, 0.20f, 1),
    .caption = ImVec4(0.05f, 0.28f, 0.58f, 1),
    .verdict_right = ImVec4(0.08f, 0.46f, 0.18f, 1),
    .verdict_wrong = ImVec4(0.72f, 0.12f, 0.08f, 1),
    .neutral = ImVec4(0.38f, 0.38f, 0.40f, 1),
    .token_text = IM_COL32(20, 20, 20, 255),
    .token_id = IM_COL32(60, 60, 80, 255),
    .tile_edge = IM_COL32(0, 0, 0, 60),
    .tile_hover = IM_COL32(30, 30, 30, 255),
    .highlight = IM_COL32(220, 30, 30, 255),
    .special_fill = IM_COL32(45, 55, 72, 255),
    .special_text = IM_COL32(255, 255, 255, 255),
    .special_id = IM_COL32(200, 210, 230, 255),
    .between_text = IM_COL32(118, 118, 128, 255),
    .lane_a = IM_COL32(74, 108, 170, 255),
    .lane_b = IM_COL32(214, 128, 58, 255),
    .unused_fill = IM_COL32(210, 210, 210, 255),
    .tree_edge = IM_COL32(120, 120, 135, 255),
    .tree_whole_edge = IM_COL32(180, 120, 60, 255),
    .step_fill = IM_COL32(52, 58, 84, 255),
    .step_text = IM_COL32(255, 255, 255, 255),
    .winner_row = IM_COL32(60, 140, 70, 110),
    .tie_row = IM_COL32(200, 150, 30, 90),
    .chart_marker = IM_COL32(230, 80, 60, 255),
    .caption_fill = IM_COL32(226, 237, 251, 255),
    .boundary_mark = IM_COL32(196, 0, 150, 255),
};

const Palette kDark{
    .error = ImVec4(1.0f, 0.47f, 0.42f, 1),
    .warning = ImVec4(0.96f, 0.76f, 0.25f, 1),
    .notice = ImVec4(0.48f, 0.86f, 0.54f, 1),
    .caption = ImVec4(0.60f, 0.82f, 1.0f, 1),
    .verdict_right = ImVec4(0.48f, 0.90f, 0.52f, 1),
    .verdict_wrong = ImVec4(1.0f, 0.52f, 0.46f, 1),
    .neutral = ImVec4(0.72f, 0.72f, 0.74f, 1),
    .token_text = IM_COL32(245, 245, 245, 255),
    .token_id = IM_COL32(222, 226, 236, 255),
    .tile_edge = IM_COL32(255, 255, 255, 55),
    .tile_hover = IM_COL32(245, 245, 245, 255),
    .highlight = IM_COL32(255, 96, 84, 255),
    // Special tokens stay the odd ones out: light tiles among the dark.
    .special_fill = IM_COL32(214, 221, 236, 255),
    .special_text = IM_COL32(18, 22, 32, 255),
    .special_id = IM_COL32(58, 64, 84, 255),
    .between_text = IM_COL32(150, 150, 162, 255),
    .lane_a = IM_COL32(110, 150, 225, 255),
    .lane_b = IM_COL32(232, 150, 80, 255),
    .unused_fill = IM_COL32(78, 80, 88, 255),
    .tree_edge = IM_COL32(150, 152, 168, 255),
    .tree_whole_edge = IM_COL32(222, 162, 92, 255),
    .step_fill = IM_COL32(212, 217, 236, 255),
    .step_text = IM_COL32(18, 20, 30, 255),
    .winner_row = IM_COL32(70, 170, 90, 100),
    .tie_row = IM_COL32(220, 170, 40, 80),
    .chart_marker = IM_COL32(255, 110, 90, 255),
    .caption_fill = IM_COL32(30, 46, 72, 255),
    .boundary_mark = IM_COL32(255, 92, 226, 255),
};

ImU32 pack(float r, float g, float b) {
  const auto byte = [](float v) { return static_cast<ImU32>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f)); };
  return IM_COL32(byte(r), byte(g), byte(b), 255);
}

// One theme's tile colours for every (hue bucket, saturation step) an id can hash to. The contrast
// search below costs a few pow() per try: done once per theme, not per tile per frame.
constexpr int kHues = 1024, kSaturations = 4;
using TokenColours = std::array<ImU32, kHues * kSaturations>;

TokenColours make_token_colours(Theme theme) {
  const Palette& p = palette(theme);
  TokenColours colours{};
  for (int hue = 0; hue < kHues; ++hue) {
    for (int s = 0; s < kSaturations; ++s) {
      // Light: pastels at full brightness. Dark: deeper, more saturated tones of the same hue.
      const float step = static_cast<float>(s) / (kSaturations - 1);
      const float saturation = theme == Theme::light ? 0.28f + 0.14f * step : 0.50f + 0.15f * step;
      const float value = theme == Theme::light ? 0.98f : 0.52f;
      float r, g, b;
      ImGui::ColorConvertHSVtoRGB((static_cast<float>(hue) + 0.5f) / kHues, saturation, value, r, g, b);
      // Blues are dark and yellows bright at equal HSV value: mix towards white (light) or black
      // (dark) until the tile's text and id both read at 4.5:1.
      const float target = theme == Theme::light ? 1.0f : 0.0f;
      ImU32 colour = pack(r, g, b);
      for (int i = 0; i < 40 && (contrast_ratio(colour, p.token_text) < 4.6f || contrast_ratio(colour, p.token_id) < 4.6f); ++i) {
        r += (target - r) * 0.08f;
        g += (target - g) * 0.08f;
        b += (target - b) * 0.08f;
        colour = pack(r, g, b);
      }
      colours[static_cast<std::size_t>(hue * kSaturations + s)] = colour;
    }
  }
  return colours;
}

float linear(ImU32 colour, int shift) {
  const float c = static_cast<float>((colour >> shift) & 0xFF) / 255.0f;
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

}  // namespace

const char* theme_name(Theme theme) { return theme == Theme::dark ? "dark" : "light"; }

std::optional<Theme> theme_from_name(std::string_view name) {
  if (name == "light") return Theme::light;
  if (name == "dark") return Theme::dark;
  return std::nullopt;
}

void apply_theme(ImGuiStyle& style, Theme theme, bool presenting, float scale) {
  style = ImGuiStyle();
  set_spacing(style);
  if (theme == Theme::dark) dark_colours(style, presenting);
  else light_colours(style, presenting);
  if (scale != 1.0f) style.ScaleAllSizes(scale);
}

Theme style_theme(const ImGuiStyle& style) {
  const ImVec4 bg = style.Colors[ImGuiCol_WindowBg];
  return relative_luminance(pack(bg.x, bg.y, bg.z)) < 0.5f ? Theme::dark : Theme::light;
}

const Palette& palette(Theme theme) { return theme == Theme::dark ? kDark : kLight; }

const Palette& palette() { return palette(style_theme(ImGui::GetStyle())); }

ImU32 token_color(uint32_t id, Theme theme) {
  // Built on first use, once per theme.
  static const TokenColours light = make_token_colours(Theme::light);
  static const TokenColours dark = make_token_colours(Theme::dark);
  // Multiplicative hashing spreads consecutive ids over the hue circle (top bits) and the
  // saturation steps (two low bits).
  const uint32_t h = id * 2654435761u;
  const std::size_t index = (h >> 22) * kSaturations + ((h >> 4) & (kSaturations - 1));
  return (theme == Theme::dark ? dark : light)[index];
}

ImU32 token_color(uint32_t id) { return token_color(id, style_theme(ImGui::GetStyle())); }

float relative_luminance(ImU32 colour) {
  return 0.2126f * linear(colour, IM_COL32_R_SHIFT) + 0.7152f * linear(colour, IM_COL32_G_SHIFT) +
         0.0722f * linear(colour, IM_COL32_B_SHIFT);
}

float contrast_ratio(ImU32 a, ImU32 b) {
  const float la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05f) / (std::min(la, lb) + 0.05f);
}

}  // namespace bpeviz
