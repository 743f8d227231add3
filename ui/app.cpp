// The frame (see ui/app.h): the header, the text box, the tokens brought up to date, the counts and the
// tabs, drawn in turn; and what asks about the whole state (is anything moving, which box has the focus).
#include "ui/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

#include <imgui.h>

#include "core/formats/token_export.h"
#include "ui/access/record.h"
#include "ui/header/header.h"
#include "ui/status_band.h"

namespace bpeviz {

std::string_view shown_pretokenizer(const AppState& state) {
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  if (encoding && encoding->hf_model()) return encoding->hf_model()->description;  // the whole pipeline
  return pretokenizer_name(encoding ? encoding->pretokenizer() : Pretokenizer::none);
}

SpecialPolicy current_policy(const AppState& state) {
  SpecialPolicy policy = special_policy(state.special_mode);
  policy.add_special_tokens = state.add_special_tokens;
  return policy;
}

namespace {

// Whether a token view has tiles left to lay out (it lays them out a frame's share at a time).
bool views_laying_out(const AppState& state) {
  bool any = state.token_view.laying_out || state.player.view.laying_out || state.studio.view.laying_out ||
             state.chat.view.laying_out;
  for (const auto& column : state.compare.columns) any = any || column.view.laying_out;
  for (const auto& drawn : state.schemes.drawn) any = any || drawn.view.laying_out;
  return any;
}

}  // namespace

bool app_moving(const AppState& state) {
  const TextEditorState& editor = state.editor;
  return state.schedule.tokenized_up_to.has_value() || views_laying_out(state) || state.player.playing || state.studio.playing ||
         state.glyphs.atlas_outdated || editor.paste_request.has_value() || editor.reload_request || touch_pointer_busy(state.touch);
}

TextEditorState& focused_editor(AppState& state) {
  if (state.panel == Panel::chat) {
    if (TextEditorState* row = focused_chat_editor(state.chat)) return *row;
  }
  return state.editor;
}

bool input_waits_for_paste(AppState& state) {
  // Only while the box has the focus: a paste for a box not on show waits for it, input must not.
  const TextEditorState& editor = focused_editor(state);
  return state.input_held || (editor.paste_request && editor.active);
}

float wanted_font_scale(const AppState& state, float display_height) {
  if (!state.presenting) return 1.0f;
  return std::clamp(std::round(display_height / 540.0f * 4.0f) / 4.0f, 1.5f, 2.25f);
}

std::string file_name_part(std::string name) {
  std::replace_if(name.begin(), name.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '_');
  return name;
}

Result<ExportFile> export_tokens(const AppState& state, std::string_view kind) {
  if (kind != "json" && kind != "csv") {
    return Result<ExportFile>::failure("unknown export \"" + std::string(kind) + "\": json or csv");
  }
  if (!state.tokens_error.empty()) return Result<ExportFile>::failure("there are no tokens: " + state.tokens_error);
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  return {{"tokens-" + file_name_part(state.tokens_encoding) + "." + std::string(kind),
           kind == "json" ? tokens_to_json(state.editor.text, state.tokens, encoding)
                          : tokens_to_csv(state.editor.text, state.tokens, encoding)},
          {}};
}

namespace {

// The height the status band, while it shows (drawn last frame), takes at the window's foot: the views end
// above it instead of under it. Only their height changes; what is above them stays put (see editor_height).
float status_reserve(const AppState& state) {
  return state.status_rect.height > 0 ? state.status_rect.height + ImGui::GetStyle().WindowPadding.y : 0.0f;
}

// The text box's height: 28% of the window; on the Chat tab two lines; presenting, two or three lines (a longer text scrolls),
// so that the tokens, which show the text too, get the screen.
float editor_height(const AppState& state) {
  const float available = ImGui::GetContentRegionAvail().y + status_reserve(state);  // as if the band were not there
  // The Chat tab edits its own messages: the page's text box keeps two lines and gives it the room.
  const float two_lines = 2 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y;
  if (state.panel == Panel::chat) return two_lines;
  if (!state.presenting) return std::max(80.0f, available * 0.28f);
  const auto lines = std::count(state.editor.text.begin(), state.editor.text.end(), '\n') + 1;
  return static_cast<float>(std::clamp<std::ptrdiff_t>(lines, 2, 3)) * ImGui::GetTextLineHeight() +
         2 * ImGui::GetStyle().FramePadding.y;
}

}  // namespace

AppState::Rect item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  return {min.x, min.y, size.x, size.y};
}

void app_frame(AppState& state, std::chrono::steady_clock::time_point frame_started) {
  mirror_begin_frame(state.access);
  mirror_apply_focus(state.access, state.editor);
  handle_shortcuts(state);
  // Asked for last frame, while the Export menu was still open: this frame is drawn without it.
  state.png_capture = std::exchange(state.png_request, std::string());
  if (state.styled_theme != state.theme || state.styled_presenting != state.presenting ||
      state.styled_scale != state.fonts.scale) {
    // The spacing follows the fonts' scale, which the platform layer changes a frame after
    // presentation mode does (it rebuilds the font atlas before the frame starts).
    apply_theme(ImGui::GetStyle(), state.theme, state.presenting, state.fonts.scale);
    state.styled_theme = state.theme;
    state.styled_presenting = state.presenting;
    state.styled_scale = state.fonts.scale;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_reserve(state)));
  ImGui::Begin("bpeviz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  mirror_group(state.access, AccessRole::banner, "header", "bpeviz");
  draw_header(state);
  mirror_close(state.access);
  // A large paste waits while its characters go into the font atlas (noted a frame ahead; the atlas is
  // rebuilt as a frame starts): that rebuild (80 ms for a page of CJK) and the paste (60 ms for 10 MB)
  // each take a frame of their own.
  const bool atlas_work = state.glyphs.atlas_outdated || state.fonts.generation != state.fonts_generation_drawn;
  state.fonts_generation_drawn = state.fonts.generation;
  draw_text_editor(state.editor, "##text", ImVec2(-1, editor_height(state)), atlas_work);
  state.editor_rect = item_rect();
  mirror_group(state.access, AccessRole::region, "text-region", "Text");
  mirror_control(state.access, AccessRole::textbox, "text", "Text");
  mirror_close(state.access);
  update_tokens_for_frame(state, frame_started);
  mirror_group(state.access, AccessRole::region, "counts", "Counts");
  draw_counts(state);
  if (!state.presenting) draw_provenance(state);
  mirror_close(state.access);
  mirror_group(state.access, AccessRole::region, "views", "Views");
  draw_lesson_caption(state);
  draw_panels(state);
  mirror_close(state.access);
  draw_shortcuts_help(state);
  draw_share(state);
  if (!state.export_tokens_request.empty()) {
    update_tokens(state);  // the whole text's tokens, if a long one is still being tokenized
    auto file = export_tokens(state, std::exchange(state.export_tokens_request, std::string()));
    if (file.ok()) state.download_request = std::move(file.value);
    else state.message = "Could not export: " + file.error;
  }
  ImGui::End();
  draw_status_band(state);  // over the page, after it
  mirror_end_frame(state.access);
  draw_focus_ring(state.access);
  note_visible_glyphs(state);  // new characters reach the atlas at the next frame start
  // All of the frame's work counts: the parts tokenized, and their tiles laid out by the views.
  note_frame_work(state.schedule,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_started).count());
  ++state.frame;
}

}  // namespace bpeviz
