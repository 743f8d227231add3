// The ids panel (see ui/views/ids_panel.h).
#include "ui/views/ids_panel.h"

#include <imgui.h>

#include "ui/access/record.h"

namespace bpeviz {

std::string ids_json(std::span<const Token> tokens) {
  std::string out = "[";
  out.reserve(tokens.size() * 7 + 2);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (i) out.push_back(',');
    out += std::to_string(tokens[i].id);
  }
  out.push_back(']');
  return out;
}

void update_ids_json(IdsPanelState& state, uint64_t revision, std::span<const Token> tokens) {
  if (state.json_revision == revision) return;
  state.json = ids_json(tokens);
  state.json_revision = revision;
}

void draw_ids_panel(IdsPanelState& state, uint64_t revision, std::span<const Token> tokens, ImFont* font,
                    AccessMirror* access) {
  // Built only while the panel is shown: a megabyte of text has a quarter of a million ids.
  update_ids_json(state, revision, tokens);
  const bool clicked = ImGui::Button("Copy ids");
  if ((access && mirror_control(*access, AccessRole::button, "copy-ids", "Copy ids")) || clicked) state.copy_request = true;
  ImGui::SameLine();
  ImGui::TextDisabled("%zu ids as a JSON array", tokens.size());
  if (access) mirror_text(*access, AccessRole::text, "ids-count", std::to_string(tokens.size()) + " ids as a JSON array");
  if (state.copy_request) {
    ImGui::SetClipboardText(state.json.c_str());
    state.copy_request = false;
  }
  // ImGui wraps text anew every frame, so a huge array is shown in part (the copy has all of it).
  constexpr std::size_t kShown = 20000;
  ImGui::BeginChild("ids", ImVec2(0, 0), false);
  ImGui::PushFont(font);
  ImGui::PushTextWrapPos(0);
  if (state.json.size() <= kShown) {
    ImGui::TextUnformatted(state.json.c_str());
  } else {
    const std::size_t cut = state.json.rfind(',', kShown);
    ImGui::TextUnformatted(state.json.data(), state.json.data() + cut + 1);
    ImGui::TextDisabled("… and more: Copy ids copies all %zu", tokens.size());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace bpeviz
