// The header's controls one by one (pickers, buttons, switches), for the header to place on one row, on
// wrapped rows, or in its menu on a phone-wide page; and the pieces a flowing line is made of.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bpeviz {

struct AppState;

// A piece of a line laid out by flow_rows (ui/header/flow.h): its width, and what draws it.
struct Piece {
  float width;
  std::function<void()> draw;
};
// Draws the pieces `spacing` apart, a row at a time as flow_rows lays them out in `available` pixels
// (negative: the window's width left).
void draw_flowing(const std::vector<Piece>& pieces, float spacing, float available = -1);
// A dimmed label and a picker after it, as one piece (they go to a new row together).
Piece labelled(const char* label, float picker_width, std::function<void()> picker);

// Spaces a list's entries (a picker's, a menu's) so that each is at least 24 pixels high, a finger's target
// (WCAG 2.5.8): ImGui's entries are as high as their text and the spacing around it. Pop with ImGui::PopStyleVar.
void push_list_spacing();

float button_width(const char* label);
std::string encoding_label(const std::string& name);  // "bytes" says what it is
// A button that stays lit while its mode is on.
bool toggle_button(const char* label, bool on, float width = 0);

void draw_model_combo(AppState& state, float width);
// The encodings; while its list is open, its entries' rectangles go to state.encoding_item_rects.
void draw_encoding_combo(AppState& state, float width);
void draw_lessons_combo(AppState& state, float width);
const char* theme_button_label(const AppState& state);  // the theme it switches to
void draw_theme_button(AppState& state, const char* theme_label);
void draw_present_button(AppState& state);
// The "?" button: square, so that a finger's target is as wide as it is high (its label alone is narrower).
float help_button_width();
void draw_help_button(AppState& state);
// Share: opens the QR code of the page's link (ui/share/share_view.h).
void draw_share_button(AppState& state);
void draw_copy_link_button(AppState& state);
// Export: the shown tokens as JSON or CSV, or a picture of the page as it is drawn.
void draw_export_button(AppState& state);

// "Tokens 26": the name dimmed, the number in full colour, so the numbers are what the eye finds.
void count(const char* name, const char* value);
float count_width(const char* name, const char* value);

// The token view's switches: whitespace, byte notation, pre-token lane.
std::vector<Piece> switch_pieces(AppState& state);
// "special tokens" and the policy picker, at most `available` wide.
Piece special_picker_piece(AppState& state, float available);
// The BOS/EOS switch, for a model that adds such tokens (else none).
std::optional<Piece> add_special_piece(AppState& state);

}  // namespace bpeviz
