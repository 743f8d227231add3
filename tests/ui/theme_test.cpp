// The themes: token colours readable (WCAG contrast) and stable per id in both themes, the styles'
// text contrast, and the palette's lines of text on their backgrounds.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "tests/ui/headless.h"
#include "ui/theme.h"

using namespace bpeviz;

namespace {

ImU32 opaque(const ImVec4& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, 1)); }

float hue_of(ImU32 colour) {
  const ImVec4 c = ImGui::ColorConvertU32ToFloat4(colour);
  float h, s, v;
  ImGui::ColorConvertRGBtoHSV(c.x, c.y, c.z, h, s, v);
  return h;
}

// Distance between two hues on the colour circle (0 to 0.5).
float hue_distance(float a, float b) {
  const float d = std::fabs(a - b);
  return std::min(d, 1.0f - d);
}

// Token ids worth checking: the first ids, every thousandth up to o200k's size, and a spread of
// large ones (user tokenizers and specials go up to 2^32 - 2).
template <typename F>
void for_many_ids(F&& check) {
  for (uint32_t id = 0; id < 5000; ++id) check(id);
  for (uint32_t id = 5000; id < 201000; id += 997) check(id);
  for (uint64_t id = 201000; id < 0xFFFFFFFFu; id = id * 3 + 12345) check(static_cast<uint32_t>(id));
}

}  // namespace

TEST_CASE("contrast ratio: the WCAG values of known colours") {
  CHECK(contrast_ratio(IM_COL32(0, 0, 0, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(21.0f));
  CHECK(contrast_ratio(IM_COL32(90, 90, 90, 255), IM_COL32(90, 90, 90, 255)) == doctest::Approx(1.0f));
  CHECK(relative_luminance(IM_COL32(255, 255, 255, 255)) == doctest::Approx(1.0f));
  // #767676 on white is the classic "just AA" grey: 4.54:1.
  CHECK(contrast_ratio(IM_COL32(0x76, 0x76, 0x76, 255), IM_COL32(255, 255, 255, 255)) == doctest::Approx(4.54f).epsilon(0.01));
  // Order does not matter.
  CHECK(contrast_ratio(IM_COL32(200, 30, 30, 255), IM_COL32(250, 250, 240, 255)) ==
        doctest::Approx(contrast_ratio(IM_COL32(250, 250, 240, 255), IM_COL32(200, 30, 30, 255))));
}

TEST_CASE("token text and ids read at 4.5:1 or better on every tile, in both themes") {
  for (const Theme theme : {Theme::light, Theme::dark}) {
    const Palette& p = palette(theme);
    float worst_text = 21, worst_id = 21;
    for_many_ids([&](uint32_t id) {
      const ImU32 tile = token_color(id, theme);
      worst_text = std::min(worst_text, contrast_ratio(tile, p.token_text));
      worst_id = std::min(worst_id, contrast_ratio(tile, p.token_id));
    });
    INFO(theme_name(theme));
    CHECK(worst_text >= 4.5f);
    CHECK(worst_id >= 4.5f);
    // Special tokens' tiles too.
    CHECK(contrast_ratio(p.special_fill, p.special_text) >= 4.5f);
    CHECK(contrast_ratio(p.special_fill, p.special_id) >= 4.5f);
    CHECK(contrast_ratio(p.step_fill, p.step_text) >= 4.5f);
  }
}

TEST_CASE("a token's colour is stable per id, the same hue in both themes, and neighbours differ") {
  for_many_ids([](uint32_t id) {
    const ImU32 light = token_color(id, Theme::light), dark = token_color(id, Theme::dark);
    REQUIRE(token_color(id, Theme::light) == light);
    REQUIRE(token_color(id, Theme::dark) == dark);
    // The dark theme's tile is a deeper tone of the light one's hue, so a class that switches theme
    // keeps its bearings.
    REQUIRE(hue_distance(hue_of(light), hue_of(dark)) < 0.03f);
    CHECK(relative_luminance(light) > relative_luminance(dark));
  });
  for (uint32_t id = 0; id < 5000; ++id) {
    for (const Theme theme : {Theme::light, Theme::dark}) {
      REQUIRE(hue_distance(hue_of(token_color(id, theme)), hue_of(token_color(id + 1, theme))) > 0.1f);
    }
  }
}

TEST_CASE("the styles: dark and light recognised, text readable, presenting in high contrast") {
  test::HeadlessImGui imgui;
  for (const Theme theme : {Theme::light, Theme::dark}) {
    for (const bool presenting : {false, true}) {
      ImGuiStyle style;
      apply_theme(style, theme, presenting, presenting ? 2.0f : 1.0f);
      INFO(theme_name(theme), " presenting ", presenting);
      CHECK(style_theme(style) == theme);
      const ImU32 bg = opaque(style.Colors[ImGuiCol_WindowBg]);
      const ImU32 child = opaque(style.Colors[ImGuiCol_ChildBg]);
      const float text = contrast_ratio(opaque(style.Colors[ImGuiCol_Text]), bg);
      const float dimmed = contrast_ratio(opaque(style.Colors[ImGuiCol_TextDisabled]), bg);
      CHECK(text >= (presenting ? 18.0f : 12.0f));
      CHECK(dimmed >= (presenting ? 7.0f : 4.5f));
      CHECK(contrast_ratio(opaque(style.Colors[ImGuiCol_TextDisabled]), child) >= 4.5f);
      // Presenting scales the spacing with the type.
      CHECK(style.ItemSpacing.x == doctest::Approx(presenting ? 20.0f : 10.0f));
      // The palette's lines of text, on the window and on the caption's band.
      const Palette& p = palette(theme);
      for (const ImVec4& line : {p.error, p.warning, p.notice, p.caption, p.verdict_right, p.verdict_wrong, p.neutral}) {
        CHECK(contrast_ratio(opaque(line), bg) >= 4.5f);
        CHECK(contrast_ratio(opaque(line), child) >= 4.5f);
      }
      CHECK(contrast_ratio(opaque(p.caption), p.caption_fill) >= 4.5f);
      CHECK(contrast_ratio(p.between_text, child) >= 4.0f);  // grey on purpose: text no token covers
    }
  }
  // palette() follows the current style.
  apply_theme(ImGui::GetStyle(), Theme::dark);
  CHECK(&palette() == &palette(Theme::dark));
  apply_theme(ImGui::GetStyle(), Theme::light);
  CHECK(&palette() == &palette(Theme::light));
}

TEST_CASE("theme names") {
  CHECK(theme_from_name("dark") == Theme::dark);
  CHECK(theme_from_name("light") == Theme::light);
  CHECK_FALSE(theme_from_name("Dark").has_value());
  CHECK(std::string(theme_name(Theme::dark)) == "dark");
}
