#include "ui/app.h"

#include <algorithm>

#include <imgui.h>

#include "core/byte_tokenizer.h"
#include "core/utf8.h"

namespace bpeviz {

const std::vector<std::string>& encoding_names() {
  static const std::vector<std::string> names{"bytes"};
  return names;
}

bool is_encoding_name(const std::string& name) {
  const auto& names = encoding_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

void update_tokens(AppState& state) {
  if (state.tokens_revision == state.editor.revision) return;
  state.tokens = encode_bytes(state.editor.text);
  state.groups = group_tokens_by_character(state.editor.text, state.tokens);
  state.tokens_revision = state.editor.revision;
}

namespace {

AppState::Rect item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  return {min.x, min.y, size.x, size.y};
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); i += utf8_char_length(text, i)) ++count;
  return count;
}

void draw_header(AppState& state) {
  ImGui::TextUnformatted("bpeviz");
  ImGui::SameLine();
  ImGui::TextDisabled("— watch text become tokens");
  ImGui::SameLine(ImGui::GetWindowWidth() - 320);
  ImGui::SetNextItemWidth(300);
  if (ImGui::BeginCombo("##encoding", "bytes: one token per UTF-8 byte")) {
    for (const auto& name : encoding_names()) {
      if (ImGui::Selectable(name.c_str(), name == state.encoding)) state.encoding = name;
    }
    ImGui::EndCombo();
  }
}

void draw_counts(AppState& state) {
  const std::string& text = state.editor.text;
  const double per_token = state.tokens.empty() ? 0.0 : static_cast<double>(text.size()) / state.tokens.size();
  ImGui::Text("Tokens %zu    Characters %zu    Bytes %zu    Bytes/token %.2f", state.tokens.size(),
              count_characters(text), text.size(), per_token);
  ImGui::SameLine(ImGui::GetWindowWidth() - 190);
  ImGui::Checkbox("Show whitespace", &state.token_view.show_whitespace);
}

}  // namespace

void app_frame(AppState& state) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("bpeviz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_header(state);
  const float editor_height = std::max(80.0f, ImGui::GetContentRegionAvail().y * 0.3f);
  draw_text_editor(state.editor, "##text", ImVec2(-1, editor_height));
  state.editor_rect = item_rect();
  update_tokens(state);
  draw_counts(state);
  ImGui::BeginChild("tokens", ImVec2(0, 0), true);
  draw_token_view(state.token_view, state.fonts, state.tokens_revision, state.editor.text, state.tokens,
                  state.groups);
  ImGui::EndChild();
  state.tokens_rect = item_rect();
  ImGui::End();
  ++state.frame;
}

}  // namespace bpeviz
