// Colours and spacing: a light and a dark theme, each also in a high-contrast form for presenting,
// the colours the views draw with beyond ImGui's own, and a stable colour for every token id.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include <imgui.h>

namespace bpeviz {

enum class Theme { light, dark };

const char* theme_name(Theme theme);  // "light" or "dark"
std::optional<Theme> theme_from_name(std::string_view name);

// Sets ImGui's colours and spacing for `theme`. `presenting`: high contrast (pure background, full
// black or white text, darker dimmed text and borders) and spacing scaled by `scale` to go with the
// larger fonts.
void apply_theme(ImGuiStyle& style, Theme theme = Theme::light, bool presenting = false, float scale = 1.0f);

// The theme `style` was last given by apply_theme, read from its window background. The views draw
// under ImGui's style anyway; reading the theme from it spares every view an argument.
Theme style_theme(const ImGuiStyle& style);

// What the views draw beyond ImGui's widgets, per theme.
struct Palette {
  ImVec4 error, warning, notice, caption;        // lines of text
  ImVec4 verdict_right, verdict_wrong, neutral;  // the Predict game's answer
  ImU32 token_text, token_id;                    // on a token's tile (token_color)
  ImU32 tile_edge, tile_hover, highlight;        // a tile's outline, under the mouse, a merge's places
  ImU32 special_fill, special_text, special_id;  // a special token's tile
  ImU32 between_text;                            // text no tile covers (the schemes' white space)
  ImU32 lane_a, lane_b;                          // the pre-token lane, alternating
  ImU32 unused_fill;                             // a merge tree box for an id the vocabulary lacks
  ImU32 tree_edge, tree_whole_edge;              // merge tree edges
  ImU32 step_fill, step_text;                    // the merge number's pill
  ImU32 winner_row, tie_row, chart_marker;       // the studio's leaderboard and charts
  ImU32 caption_fill;                            // behind a lesson's caption
  ImU32 boundary_mark;                           // the Compare tab: a boundary not every tokenizer has
};
const Palette& palette(Theme theme);
// The palette of the theme ImGui's current style has.
const Palette& palette();

// The same id always gets the same hue in both themes: a pastel tile under dark text in the light
// theme, a deep tile under light text in the dark one. Neighbouring ids get clearly different hues,
// and the tile's text and id keep a contrast ratio of at least 4.5 (WCAG AA) on every colour.
ImU32 token_color(uint32_t id, Theme theme);
ImU32 token_color(uint32_t id);  // in the current style's theme

// WCAG 2 relative luminance and contrast ratio (1 to 21) of opaque colours.
float relative_luminance(ImU32 colour);
float contrast_ratio(ImU32 a, ImU32 b);

}  // namespace bpeviz
