// The header's controls, each drawn where the header lays it out (see ui/header/controls.h); each notes the
// rectangle it was drawn in for state().layout.
#include "ui/header/controls.h"

#include <algorithm>
#include <string>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/flow.h"
#include "ui/header/header.h"
#include "ui/header/models.h"

namespace bpeviz {

void push_list_spacing() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float target = std::max(24.0f, ImGui::GetFrameHeight() - 1);  // 24 CSS pixels, or a frame's height when presenting
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                      ImVec2(style.ItemSpacing.x, std::max(style.ItemSpacing.y, target - ImGui::GetTextLineHeight())));
}

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
    push_list_spacing();
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
    ImGui::PopStyleVar();
    ImGui::EndCombo();
  }
  state.model_rect = item_rect();
  std::vector<AccessOption> options;
  for (const auto& m : picker_models()) options.push_back({m.model, m.model + " (" + m.encoding + ")"});
  if (auto chosen = mirror_picker(state.access, "model", "Model", state.model, std::move(options))) select_model(state, *chosen);
}

void draw_encoding_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  state.encoding_item_rects.clear();
  if (ImGui::BeginCombo("##encoding", encoding_label(state.encoding).c_str())) {
    push_list_spacing();
    // A list's first frame only measures it, unseen: its entries are reported from the next one.
    const bool shown = !ImGui::IsWindowAppearing();
    const auto entry = [&](const std::string& name, const std::string& label) {
      if (ImGui::Selectable(label.c_str(), name == state.encoding)) select_encoding(state, name);
      if (shown) state.encoding_item_rects.emplace_back(name, item_rect());
    };
    for (const auto& name : encoding_names()) entry(name, encoding_label(name));
    // Tokenizers the user brought (files, or trained in the studio), then the way to bring one.
    ImGui::Separator();
    for (const auto& name : state.encodings.user_names()) entry(name, name);
    if (ImGui::Selectable("Load tokenizer files…")) state.open_tokenizer_request = true;
    ImGui::PopStyleVar();
    ImGui::EndCombo();
  }
  state.encoding_rect = item_rect();
  // The same entries in the mirror, and the list's last entry as a button beside it. It shows the encoding
  // being fetched, if any: the one the user chose.
  std::vector<AccessOption> options;
  for (const auto& name : encoding_names()) options.push_back({name, encoding_label(name)});
  for (const auto& name : state.encodings.user_names()) options.push_back({name, name});
  const std::string& shown = state.requested_encoding.empty() ? state.encoding : state.requested_encoding;
  if (auto chosen = mirror_picker(state.access, "encoding", "Encoding", shown, std::move(options))) select_encoding(state, *chosen);
  if (mirror_control(state.access, AccessRole::button, "load-tokenizer", "Load tokenizer files…")) state.open_tokenizer_request = true;
}

void draw_lessons_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const int current = current_lesson(state);
  const std::string preview = current < 0 ? "Lessons" : "Lesson " + std::to_string(current + 1) + " of " + std::to_string(lessons().size());
  if (ImGui::BeginCombo("##lessons", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    push_list_spacing();
    for (std::size_t i = 0; i < lessons().size(); ++i) {
      const std::string label = std::to_string(i + 1) + "   " + std::string(lessons()[i].title);
      if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == current)) start_lesson(state, static_cast<int>(i));
    }
    ImGui::PopStyleVar();
    ImGui::EndCombo();
  }
  state.lessons_rect = item_rect();
  std::vector<AccessOption> options;
  for (std::size_t i = 0; i < lessons().size(); ++i) {
    options.push_back({std::to_string(i), "Lesson " + std::to_string(i + 1) + ": " + std::string(lessons()[i].title)});
  }
  if (auto chosen = mirror_picker(state.access, "lessons", "Lessons", current < 0 ? "" : std::to_string(current), std::move(options))) {
    start_lesson(state, std::stoi(*chosen));
  }
}

float help_button_width() { return std::max(button_width("?"), ImGui::GetFrameHeight()); }

bool toggle_button(const char* label, bool on, float width) {
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label, ImVec2(width, 0));
  if (on) ImGui::PopStyleColor();
  return clicked;
}

void draw_theme_button(AppState& state, const char* theme_label) {
  const bool clicked = ImGui::Button(theme_label);
  if (mirror_control(state.access, AccessRole::button, "theme", std::string(theme_label) + " theme") || clicked) {
    state.theme = state.theme == Theme::dark ? Theme::light : Theme::dark;
  }
  state.theme_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The %s theme (T)", state.theme == Theme::dark ? "light" : "dark");
}

void draw_share_button(AppState& state) {
  const bool clicked = ImGui::Button("Share");
  if (mirror_control(state.access, AccessRole::toggle, "share", "Share", state.share.open) || clicked) show_share(state.share, !state.share.open);
  state.share_button_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("This page's link as a QR code for the class (F2)");
}

void draw_present_button(AppState& state) {
  const bool clicked = toggle_button("Present", state.presenting);
  if (mirror_control(state.access, AccessRole::toggle, "present", "Present", state.presenting) || clicked) state.presenting = !state.presenting;
  state.present_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Presentation mode: large type, high contrast (F5)");
}

void draw_help_button(AppState& state) {
  const bool clicked = toggle_button("?", state.shortcuts_help, help_button_width());
  if (mirror_control(state.access, AccessRole::toggle, "help", "Keyboard shortcuts", state.shortcuts_help) || clicked) {
    state.shortcuts_help = !state.shortcuts_help;
  }
  state.help_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (F1)");
}

void count(const char* name, const char* value) {
  ImGui::TextDisabled("%s", name);
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(value);
}

float count_width(const char* name, const char* value) {
  return ImGui::CalcTextSize(name).x + 6 + ImGui::CalcTextSize(value).x;
}

void draw_flowing(const std::vector<Piece>& pieces, float spacing, float available) {
  std::vector<float> widths;
  for (const Piece& p : pieces) widths.push_back(p.width);
  const std::vector<int> rows = flow_rows(widths, available < 0 ? ImGui::GetContentRegionAvail().x : available, spacing);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (i > 0 && rows[i] == rows[i - 1]) ImGui::SameLine(0, spacing);
    pieces[i].draw();
  }
}

Piece labelled(const char* label, float picker_width, std::function<void()> picker) {
  return {ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x + picker_width, [label, picker] {
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("%s", label);
            ImGui::SameLine();
            picker();
          }};
}

void draw_export_button(AppState& state) {
  const bool clicked = ImGui::Button("Export…");
  if (mirror_control(state.access, AccessRole::menubutton, "export", "Export…", ImGui::IsPopupOpen("export")) || clicked) {
    ImGui::OpenPopup("export");
  }
  state.export_rect = item_rect();
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("export")) ImGui::SetTooltip("Download the tokens or a picture");
  for (AppState::Rect& r : state.export_item_rects) r = {};
  if (!ImGui::BeginPopup("export")) return;
  push_list_spacing();
  // A popup's first frame only measures it, unseen: a click then would land behind it and close it.
  const bool shown = !ImGui::IsWindowAppearing();
  const auto shown_rect = [shown] { return shown ? item_rect() : AppState::Rect{}; };
  const bool tokens = state.tokens_error.empty();
  // Each entry is a button in the mirror while the menu is open; choosing one closes the menu, as a click does.
  const auto mirrored = [&state](bool clicked, const char* key, const char* name, bool enabled) {
    if (!mirror_control(state.access, AccessRole::button, key, name, false, !enabled)) return clicked;
    ImGui::CloseCurrentPopup();
    return true;
  };
  if (mirrored(ImGui::MenuItem("Tokens as JSON", "id, bytes, text, begin, end", false, tokens), "export:json", "Tokens as JSON", tokens)) {
    state.export_tokens_request = "json";
  }
  state.export_item_rects[0] = shown_rect();
  if (mirrored(ImGui::MenuItem("Tokens as CSV", "for a spreadsheet", false, tokens), "export:csv", "Tokens as CSV", tokens)) {
    state.export_tokens_request = "csv";
  }
  state.export_item_rects[1] = shown_rect();
  ImGui::Separator();
  if (mirrored(ImGui::MenuItem("Picture as PNG", "the page as drawn"), "export:png", "Picture as PNG", true)) {
    state.png_request = "bpeviz-" + file_name_part(state.tokens_encoding) + ".png";
  }
  state.export_item_rects[2] = shown_rect();
  ImGui::PopStyleVar();
  ImGui::EndPopup();
}

void draw_copy_link_button(AppState& state) {
  const bool clicked = ImGui::Button("Copy link");
  if (mirror_control(state.access, AccessRole::button, "copy-link", "Copy link") || clicked) state.copy_link_request = true;
  state.copy_link_rect = item_rect();
}

const char* theme_button_label(const AppState& state) { return state.theme == Theme::dark ? "Light" : "Dark"; }

std::vector<Piece> switch_pieces(AppState& state) {
  static const char* const labels[] = {"Show whitespace", "Byte notation (Ġ)", "Pre-token lane"};
  static const char* const keys[] = {"switch:whitespace", "switch:byte-notation", "switch:pretoken-lane"};
  bool* values[] = {&state.token_view.show_whitespace, &state.token_view.byte_notation, &state.token_view.show_pretokens};
  const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
  std::vector<Piece> pieces;
  for (std::size_t i = 0; i < 3; ++i) {
    pieces.push_back({box + ImGui::CalcTextSize(labels[i]).x, [&state, value = values[i], i] {
                        ImGui::Checkbox(labels[i], value);
                        if (mirror_control(state.access, AccessRole::checkbox, keys[i], labels[i], *value)) *value = !*value;
                        state.switch_rects[i] = item_rect();
                      }});
  }
  return pieces;
}

Piece special_picker_piece(AppState& state, float available) {
  const float label = ImGui::CalcTextSize("special tokens").x + 6;
  const float width = std::min(260.0f, available - label);
  return {label + width, [&state, width] {
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("special tokens");
            ImGui::SameLine(0, 6);
            ImGui::SetNextItemWidth(width);
            if (ImGui::BeginCombo("##special", special_mode_label(state.special_mode))) {
              push_list_spacing();
              for (SpecialMode mode : {SpecialMode::allowed, SpecialMode::as_text, SpecialMode::error}) {
                if (ImGui::Selectable(special_mode_label(mode), mode == state.special_mode)) state.special_mode = mode;
              }
              ImGui::PopStyleVar();
              ImGui::EndCombo();
            }
            state.special_rect = item_rect();
            std::vector<AccessOption> options;
            for (SpecialMode mode : {SpecialMode::allowed, SpecialMode::as_text, SpecialMode::error}) {
              options.push_back({std::string(special_mode_name(mode)), special_mode_label(mode)});
            }
            if (auto chosen = mirror_picker(state.access, "special", "Special tokens", std::string(special_mode_name(state.special_mode)),
                                            std::move(options))) {
              state.special_mode = *special_mode_from_name(*chosen);
            }
          }};
}

std::optional<Piece> add_special_piece(AppState& state) {
  const Encoding* e = state.encodings.find(state.tokens_encoding);
  if (!e || !e->hf_model() || (e->hf_model()->prefix_ids.empty() && e->hf_model()->suffix_ids.empty())) return std::nullopt;
  const char* label = "add BOS/EOS";
  return Piece{ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x, [&state, label] {
                 ImGui::Checkbox(label, &state.add_special_tokens);
                 if (mirror_control(state.access, AccessRole::checkbox, "add-special", "Add BOS/EOS", state.add_special_tokens)) {
                   state.add_special_tokens = !state.add_special_tokens;
                 }
                 state.add_special_rect = item_rect();
               }};
}

}  // namespace bpeviz
