#include "ui/app.h"

#include <algorithm>

#include <imgui.h>

#include "core/byte_tokenizer.h"
#include "core/openai_encodings.h"
#include "core/utf8.h"

namespace bpeviz {

const std::vector<std::string>& encoding_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"bytes"};
    for (const auto& spec : openai_encodings()) n.push_back(spec.name);
    return n;
  }();
  return names;
}

bool is_encoding_name(const std::string& name) {
  const auto& names = encoding_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool select_encoding(AppState& state, const std::string& name) {
  if (!is_encoding_name(name)) return false;
  state.message.clear();
  if (name == "bytes" || state.encodings.find(name)) {
    state.encoding = name;
    state.requested_encoding.clear();
  } else if (state.requested_encoding != name) {
    state.requested_encoding = name;
    state.fetch_started = false;
  }
  return true;
}

void encoding_loaded(AppState& state, const std::string& name) {
  if (state.requested_encoding == name) {
    state.encoding = name;
    state.requested_encoding.clear();
  }
}

void encoding_failed(AppState& state, const std::string& name, const std::string& why) {
  if (state.requested_encoding == name) state.requested_encoding.clear();
  state.message = "Could not load " + name + ": " + why;
}

void update_tokens(AppState& state) {
  if (state.tokens_revision == state.editor.revision && state.tokens_encoding == state.encoding) return;
  const std::string& text = state.editor.text;
  const Encoding* encoding = state.encodings.find(state.encoding);
  if (encoding) {
    // The page shows special tokens as such: every special token is allowed.
    auto tokens = encoding->encode_with_spans(text, SpecialPolicy::allow_all_specials());
    if (tokens.ok()) state.tokens = std::move(tokens.value);
    else state.message = tokens.error;
  } else {
    state.tokens = encode_bytes(text);
  }
  state.groups = group_tokens_by_character(text, state.tokens);
  state.tokens_revision = state.editor.revision;
  state.tokens_encoding = state.encoding;
  ++state.tokens_serial;
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
  constexpr float kComboWidth = 260;
  if (!state.requested_encoding.empty()) {
    ImGui::SameLine(ImGui::GetWindowWidth() - kComboWidth - 200);
    ImGui::TextDisabled("loading %s…", state.requested_encoding.c_str());
  }
  ImGui::SameLine(ImGui::GetWindowWidth() - kComboWidth - ImGui::GetStyle().WindowPadding.x);
  ImGui::SetNextItemWidth(kComboWidth);
  const std::string preview = state.encoding == "bytes" ? "bytes (one per UTF-8 byte)" : state.encoding;
  if (ImGui::BeginCombo("##encoding", preview.c_str())) {
    for (const auto& name : encoding_names()) {
      if (ImGui::Selectable(name.c_str(), name == state.encoding)) select_encoding(state, name);
    }
    ImGui::EndCombo();
  }
  if (!state.message.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.7f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", state.message.c_str());
    ImGui::PopStyleColor();
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
  draw_token_view(state.token_view, state.fonts, state.tokens_serial, state.editor.text, state.tokens,
                  state.groups, state.encodings.find(state.encoding));
  ImGui::EndChild();
  state.tokens_rect = item_rect();
  ImGui::End();
  ++state.frame;
}

}  // namespace bpeviz
