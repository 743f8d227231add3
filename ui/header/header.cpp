// The page's head: its pickers, classroom controls, counts, provenance line and lesson caption (see
// ui/header/header.h).
#include "ui/header/header.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/models.h"

namespace bpeviz {

bool start_lesson(AppState& state, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= lessons().size()) return false;
  const Lesson& lesson = lessons()[static_cast<std::size_t>(index)];
  if (state.editor.text != lesson.text) text_editor_set_text(state.editor, std::string(lesson.text));
  select_encoding(state, std::string(lesson.encoding));
  return true;
}

int current_lesson(const AppState& state) {
  const auto all = lessons();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (state.editor.text == all[i].text) return static_cast<int>(i);
  }
  return -1;
}

const Lesson* shown_lesson(const AppState& state) {
  const int i = current_lesson(state);
  if (i < 0) return nullptr;
  const Lesson& lesson = lessons()[static_cast<std::size_t>(i)];
  return state.tokens_encoding == lesson.encoding && state.tokens_revision == state.editor.revision ? &lesson : nullptr;
}

namespace {

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

std::string encoding_label(const std::string& name) {
  return name == "bytes" ? "bytes (one per UTF-8 byte)" : name;
}

void draw_model_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const char* preview = state.model.empty() ? "pick a model" : state.model.c_str();
  if (ImGui::BeginCombo("##model", preview, ImGuiComboFlags_HeightLarge)) {
    std::string last_encoding;
    for (const auto& m : picker_models()) {
      if (m.encoding != last_encoding) {
        // Models grouped under their encoding, so the picker also teaches which models share one.
        if (!last_encoding.empty()) ImGui::Separator();
        ImGui::TextDisabled("%s", m.encoding.c_str());
        last_encoding = m.encoding;
      }
      if (ImGui::Selectable(m.model.c_str(), m.model == state.model)) select_model(state, m.model);
    }
    ImGui::EndCombo();
  }
  state.model_rect = item_rect();
}

void draw_encoding_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##encoding", encoding_label(state.encoding).c_str())) {
    for (const auto& name : encoding_names()) {
      if (ImGui::Selectable(encoding_label(name).c_str(), name == state.encoding)) select_encoding(state, name);
    }
    // Tokenizers the user brought (files, or trained in the studio), then the way to bring one.
    ImGui::Separator();
    for (const auto& name : state.encodings.user_names()) {
      if (ImGui::Selectable(name.c_str(), name == state.encoding)) select_encoding(state, name);
    }
    if (ImGui::Selectable("Load tokenizer files…")) state.open_tokenizer_request = true;
    ImGui::EndCombo();
  }
  state.encoding_rect = item_rect();
}

void draw_lessons_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const int current = current_lesson(state);
  const std::string preview = current < 0 ? "Lessons" : "Lesson " + std::to_string(current + 1) + " of " + std::to_string(lessons().size());
  if (ImGui::BeginCombo("##lessons", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (std::size_t i = 0; i < lessons().size(); ++i) {
      const std::string label = std::to_string(i + 1) + "   " + std::string(lessons()[i].title);
      if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == current)) start_lesson(state, static_cast<int>(i));
    }
    ImGui::EndCombo();
  }
  state.lessons_rect = item_rect();
}

// A button that stays lit while its mode is on.
bool toggle_button(const char* label, bool on) {
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label);
  if (on) ImGui::PopStyleColor();
  return clicked;
}

// The classroom's controls: lessons, theme, presentation mode, shortcuts.
void draw_classroom_controls(AppState& state, float lessons_width, const char* theme_label) {
  draw_lessons_combo(state, lessons_width);
  ImGui::SameLine();
  if (ImGui::Button(theme_label)) state.theme = state.theme == Theme::dark ? Theme::light : Theme::dark;
  state.theme_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The %s theme (T)", state.theme == Theme::dark ? "light" : "dark");
  ImGui::SameLine();
  if (toggle_button("Present", state.presenting)) state.presenting = !state.presenting;
  state.present_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Presentation mode: large type, high contrast (F5)");
  ImGui::SameLine();
  if (toggle_button("?", state.shortcuts_help)) state.shortcuts_help = !state.shortcuts_help;
  state.help_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (F1)");
}

// "Tokens 26": the name dimmed, the number in full colour, so the numbers are what the eye finds.
void count(const char* name, const char* value) {
  ImGui::TextDisabled("%s", name);
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(value);
  ImGui::SameLine(0, 22);
}

// Export: the shown tokens as JSON or CSV, or a picture of the page as it is drawn.
void draw_export_button(AppState& state) {
  if (ImGui::Button("Export…")) ImGui::OpenPopup("export");
  state.export_rect = item_rect();
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("export")) ImGui::SetTooltip("Download the tokens or a picture");
  for (AppState::Rect& r : state.export_item_rects) r = {};
  if (!ImGui::BeginPopup("export")) return;
  // A popup's first frame only measures it, unseen: a click then would land behind it and close it.
  const bool shown = !ImGui::IsWindowAppearing();
  const auto shown_rect = [shown] { return shown ? item_rect() : AppState::Rect{}; };
  const bool tokens = state.tokens_error.empty();
  if (ImGui::MenuItem("Tokens as JSON", "id, bytes, text, begin, end", false, tokens)) state.export_tokens_request = "json";
  state.export_item_rects[0] = shown_rect();
  if (ImGui::MenuItem("Tokens as CSV", "for a spreadsheet", false, tokens)) state.export_tokens_request = "csv";
  state.export_item_rects[1] = shown_rect();
  ImGui::Separator();
  if (ImGui::MenuItem("Picture as PNG", "the page as drawn")) {
    state.png_request = "bpeviz-" + file_name_part(state.tokens_encoding) + ".png";
  }
  state.export_item_rects[2] = shown_rect();
  ImGui::EndPopup();
}

}  // namespace

void draw_header(AppState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float ui = state.fonts.scale;  // the fixed widths below grow with the type
  const bool full = !state.presenting;  // presenting keeps the encoding and the classroom's controls
  const float available = ImGui::GetContentRegionAvail().x;
  state.model_rect = state.copy_link_rect = {};  // not drawn while presenting
  const char* theme_label = state.theme == Theme::dark ? "Light" : "Dark";
  const float lessons_width = 150 * ui;
  float fixed = lessons_width + button_width(theme_label) + button_width("Present") + button_width("?") +
                ImGui::CalcTextSize("Encoding").x;
  int items = 6;
  if (full) {
    fixed += ImGui::CalcTextSize("Model").x + button_width("Copy link");
    items += 3;
  }
  fixed += static_cast<float>(items) * style.ItemSpacing.x;
  // The pickers' full widths, narrowed together (down to a readable minimum) in a small window.
  const float pickers = ((full ? 190.0f : 0.0f) + 250.0f) * ui;
  const float shrink = std::clamp((available - fixed) / pickers, 0.55f, 1.0f);
  const float model_width = 190 * ui * shrink, encoding_width = 250 * ui * shrink;
  const float controls = fixed + (full ? model_width : 0) + encoding_width;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("bpeviz");
  const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  if (full && available - controls > title_end + 260) {
    ImGui::SameLine();
    ImGui::TextDisabled("— watch text become tokens");
  }
  if (!state.requested_encoding.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading %s…", state.requested_encoding.c_str());
  }
  // The controls sit at the right edge, or on their own line when the window is too narrow.
  const float x = style.WindowPadding.x + available - controls;
  if (x > ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x) ImGui::SameLine(x);
  draw_classroom_controls(state, lessons_width, theme_label);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (full) {
    ImGui::TextDisabled("Model");
    ImGui::SameLine();
    draw_model_combo(state, model_width);
    ImGui::SameLine();
  }
  ImGui::TextDisabled("Encoding");
  ImGui::SameLine();
  draw_encoding_combo(state, encoding_width);
  if (full) {
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) state.copy_link_request = true;
    state.copy_link_rect = item_rect();
  }
}

void draw_lesson_caption(AppState& state) {
  state.caption_rect = {};
  const Lesson* lesson = shown_lesson(state);
  if (!lesson) return;
  const ImVec2 pad = ImGui::GetStyle().FramePadding;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);  // the text first (channel 1), then the band behind it, sized to the text
  draw->ChannelsSetCurrent(1);
  ImGui::Indent(pad.x);
  ImGui::PushStyleColor(ImGuiCol_Text, palette().caption);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad.x);
  ImGui::TextUnformatted(lesson->caption.data(), lesson->caption.data() + lesson->caption.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::Unindent(pad.x);
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImGui::Dummy(ImVec2(0, pad.y));
  draw->ChannelsSetCurrent(0);
  const float left = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  draw->AddRectFilled(ImVec2(left, min.y - pad.y), ImVec2(right, max.y + pad.y), palette().caption_fill,
                      ImGui::GetStyle().FrameRounding);
  draw->ChannelsMerge();
  state.caption_rect = {left, min.y - pad.y, right - left, max.y - min.y + 2 * pad.y};
}

void draw_counts(AppState& state) {
  state.export_rect = {};  // not drawn while presenting
  const std::string& text = state.editor.text;
  const bool failed = !state.tokens_error.empty();
  const auto num = [](std::size_t n) { return std::to_string(n); };
  ImGui::AlignTextToFramePadding();
  count("Tokens", failed ? "—" : num(state.tokens.size()).c_str());
  count("Characters", num(state.characters).c_str());
  count("Bytes", num(text.size()).c_str());
  char per_token[32] = "—";
  if (!failed && !state.tokens.empty()) {
    // Of the bytes tokenized so far while a long text is tokenized by parts.
    const std::size_t bytes = state.schedule.tokenized_up_to ? *state.schedule.tokenized_up_to : text.size();
    std::snprintf(per_token, sizeof per_token, "%.2f", static_cast<double>(bytes) / state.tokens.size());
  }
  count("Bytes/token", per_token);
  count("Pre-tokens", failed ? "—" : num(state.pieces.size()).c_str());
  if (const double done = tokenizing_progress(state); done >= 0) {
    // A long text is tokenized a part per frame: the counts so far, and how far it has got.
    char label[48];
    std::snprintf(label, sizeof label, "tokenizing %.0f%%", 100 * done);
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(done), ImVec2(ImGui::GetFontSize() * 9, 0), label);
    state.progress_rect = item_rect();
  } else {
    state.progress_rect = {};
  }
  if (state.presenting) {  // the switches are the presenter's business, not the audience's
    ImGui::NewLine();
    return;
  }
  draw_export_button(state);
  const float counts_end = state.export_rect.x + state.export_rect.width;
  ImGui::SameLine();  // so that a NewLine below ends this line instead of adding an empty one

  // The token view's switches, at the right edge of the same line when they fit.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float box = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
  const char* labels[] = {"Show whitespace", "Byte notation (Ġ)", "Pre-token lane"};
  float width = 0;
  for (const char* l : labels) width += box + ImGui::CalcTextSize(l).x + style.ItemSpacing.x;
  const float x = ImGui::GetWindowContentRegionMax().x - width + style.ItemSpacing.x;
  if (x > counts_end - ImGui::GetWindowPos().x + style.ItemSpacing.x) ImGui::SameLine(x);
  else ImGui::NewLine();
  ImGui::Checkbox(labels[0], &state.token_view.show_whitespace);
  ImGui::SameLine();
  ImGui::Checkbox(labels[1], &state.token_view.byte_notation);
  ImGui::SameLine();
  ImGui::Checkbox(labels[2], &state.token_view.show_pretokens);
}

void draw_provenance(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Tokens by");
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(encoding_label(state.tokens_encoding).c_str());
  if (!state.model.empty() && encoding_for_model(state.model) == state.tokens_encoding) {
    ImGui::SameLine(0, 6);
    ImGui::TextDisabled("(%s)", state.model.c_str());
  }
  ImGui::SameLine(0, 18);
  ImGui::TextDisabled("pre-tokenizer");
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(std::string(shown_pretokenizer(state)).c_str());
  // The policy picker continues the line, or starts the next one in a narrow window.
  constexpr float kSpecialWidth = 260;
  const float needed = 18 + ImGui::CalcTextSize("special tokens").x + 6 + kSpecialWidth;
  if (ImGui::GetItemRectMax().x + needed <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine(0, 18);
  }
  ImGui::TextDisabled("special tokens");
  ImGui::SameLine(0, 6);
  ImGui::SetNextItemWidth(kSpecialWidth);
  if (ImGui::BeginCombo("##special", special_mode_label(state.special_mode))) {
    for (SpecialMode mode : {SpecialMode::allowed, SpecialMode::as_text, SpecialMode::error}) {
      if (ImGui::Selectable(special_mode_label(mode), mode == state.special_mode)) state.special_mode = mode;
    }
    ImGui::EndCombo();
  }
  state.special_rect = item_rect();
  if (const Encoding* e = state.encodings.find(state.tokens_encoding);
      e && e->hf_model() && !(e->hf_model()->prefix_ids.empty() && e->hf_model()->suffix_ids.empty())) {
    ImGui::SameLine(0, 12);
    ImGui::Checkbox("add BOS/EOS", &state.add_special_tokens);
  }
  if (state.tokens_encoding == "bytes") {
    ImGui::SameLine();
    ImGui::TextDisabled("(the byte-level scheme has none)");
  }
}

}  // namespace bpeviz
