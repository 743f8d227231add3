// The tab bar and each tab's view, fed from the page's state (see ui/panels.h).
#include "ui/panels.h"

#include <span>
#include <string>
#include <utility>

#include <imgui.h>

#include "ui/app.h"
#include "ui/encoding_choice.h"

namespace bpeviz {

namespace {

struct PanelName {
  Panel panel;
  const char* name;
};
// One table both ways, so that a tab the API reports is always a tab it can show.
constexpr PanelName kPanelNames[] = {
    {Panel::tokens, "tokens"}, {Panel::ids, "ids"},   {Panel::decode, "decode"},
    {Panel::merges, "merges"}, {Panel::studio, "studio"}, {Panel::tree, "tree"},
    {Panel::schemes, "schemes"}, {Panel::compare, "compare"}, {Panel::chat, "chat"},
};

}  // namespace

const char* panel_name(Panel panel) {
  for (const PanelName& p : kPanelNames) {
    if (p.panel == panel) return p.name;
  }
  return "tokens";
}

std::optional<Panel> panel_from_name(std::string_view name) {
  for (const PanelName& p : kPanelNames) {
    if (name == p.name) return p.panel;
  }
  return std::nullopt;
}

EncodePlayerInput player_input(const AppState& state) {
  EncodePlayerInput in;
  in.text = state.editor.text;
  in.text_revision = state.editor.revision;
  in.encoding = state.encodings.find(state.encoding);
  in.policy = special_policy(state.special_mode);
  in.policy_id = static_cast<int>(state.special_mode);
  return in;
}

void show_merge_tree(AppState& state, uint32_t id) {
  select_merge_tree_token(state.tree, id);
  state.panel_request = Panel::tree;
}

CompareInput compare_input(const AppState& state) {
  CompareInput in;
  in.text = state.editor.text;
  in.text_revision = state.editor.revision;
  in.encodings = &state.encodings;
  in.policy = current_policy(state);
  in.policy_id = static_cast<int>(state.special_mode) * 2 + (state.add_special_tokens ? 1 : 0);
  in.offered = offered_encodings(state);
  in.current_encoding = state.tokens_encoding;
  in.show_whitespace = state.token_view.show_whitespace;
  in.byte_notation = state.token_view.byte_notation;
  return in;
}

SchemesInput schemes_input(const AppState& state) {
  return {state.tokens_serial, state.editor.text, state.tokens_encoding, state.encodings.find(state.tokens_encoding)};
}

ChatInput chat_input(const AppState& state) {
  // The page's encoding once its data is here (while another is fetched, the one on show).
  return {state.encoding, state.encodings.find(state.encoding), state.token_view.show_whitespace,
          state.token_view.byte_notation, state.presenting};
}

namespace {

constexpr const char* kTreeClickHint = "click: how it is built (Merge tree tab)";

// A tile clicked in a token view shows its (first) token's merge tree. The click is used up: a view
// that is not drawn next time (the player without a script) must not repeat it.
void show_clicked_tree(AppState& state, TokenViewState& view, std::span<const Token> tokens,
                       std::span<const TokenGroup> groups) {
  const int64_t g = std::exchange(view.clicked_group, -1);
  if (g >= 0 && static_cast<std::size_t>(g) < groups.size()) show_merge_tree(state, tokens[groups[g].first_token].id);
}

void draw_tokens_panel(AppState& state) {
  ImGui::BeginChild("tokens", ImVec2(0, 0), true);
  if (!state.tokens_error.empty()) {
    // tiktoken raises here; the page says so where the tokens would be, and keeps the text.
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("No tokens: encoding this text is an error under the policy \"%s\".",
                       special_mode_label(state.special_mode));
    ImGui::PopStyleColor();
    ImGui::TextWrapped("Error: %s.", state.tokens_error.c_str());
  } else {
    const TokenViewInput input{state.tokens_serial, state.editor.text, state.tokens, state.groups, state.pieces,
                               state.encodings.find(state.tokens_encoding), {}, kTreeClickHint, 0, {},
                               state.tokens_splice ? &*state.tokens_splice : nullptr};
    draw_token_view(state.token_view, state.fonts, input);
    show_clicked_tree(state, state.token_view, state.tokens, state.groups);
  }
  ImGui::EndChild();
  state.tokens_rect = item_rect();
}

// The studio's buttons: its model joins the encodings (and the Tokens tab shows it), or a file of
// it is handed to the platform layer to download.
void carry_out_studio_requests(AppState& state) {
  TrainingStudioState& studio = state.studio;
  if (studio.use_request) {
    studio.use_request = false;
    auto encoding = make_model_encoding(trained_model(studio), trained_model_name(studio));
    if (encoding.ok()) {
      add_user_encoding(state, std::move(encoding.value));
      state.panel_request = Panel::tokens;
    } else {
      state.message = "Could not use the trained model: " + encoding.error;
    }
  }
  if (!studio.export_request.empty()) {
    auto file = export_training(studio, studio.export_request);
    studio.export_request.clear();
    if (file.ok()) state.download_request = std::move(file.value);
    else state.message = "Could not export: " + file.error;
  }
}

// While a long text is tokenized, the tabs that need all its tokens say so instead (each part would
// make them start again).
bool waiting_for_tokens(const AppState& state) {
  const double done = tokenizing_progress(state);
  if (done < 0) return false;
  ImGui::TextDisabled("Tokenizing the text: %.0f%% done. This tab shows once it is all tokenized.", 100 * done);
  return true;
}

}  // namespace

void draw_panels(AppState& state) {
  if (!ImGui::BeginTabBar("panels")) return;
  // A tab picked from outside shows a frame later (ImGui applies SetSelected on the next layout):
  // the request stays until its tab is the one drawn.
  const auto tab = [&](const char* label, Panel panel) {
    const bool requested = state.panel_request == panel;
    if (!ImGui::BeginTabItem(label, nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0)) return false;
    state.panel = panel;
    if (requested) state.panel_request.reset();
    const ImVec2 at = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
    state.panel_rect = {at.x, at.y, size.x, size.y};
    return true;
  };
  if (tab("Tokens", Panel::tokens)) {
    draw_tokens_panel(state);
    ImGui::EndTabItem();
  }
  if (tab("Ids", Panel::ids)) {
    if (!waiting_for_tokens(state)) draw_ids_panel(state.ids_panel, state.tokens_serial, state.tokens, state.fonts.text);
    ImGui::EndTabItem();
  }
  if (tab("Decode ids", Panel::decode)) {
    draw_decode_box(state.decode_box, state.encoding, state.encodings.find(state.encoding));
    ImGui::EndTabItem();
  }
  if (tab("Merge steps", Panel::merges)) {
    draw_encode_player(state.player, state.fonts, player_input(state), kTreeClickHint);
    show_clicked_tree(state, state.player.view, state.player.tokens, state.player.groups);
    ImGui::EndTabItem();
  }
  if (tab("Merge tree", Panel::tree)) {
    state.tree.byte_notation = state.token_view.byte_notation;
    draw_merge_tree_view(state.tree, state.fonts, state.encodings.find(state.encoding), state.encoding);
    ImGui::EndTabItem();
  }
  if (tab("Train BPE", Panel::studio)) {
    draw_training_studio(state.studio, state.fonts, {state.editor.text, state.editor.revision});
    carry_out_studio_requests(state);
    ImGui::EndTabItem();
  }
  if (tab("Schemes", Panel::schemes)) {
    if (!waiting_for_tokens(state)) draw_schemes_view(state.schemes, state.fonts, schemes_input(state));
    ImGui::EndTabItem();
  }
  if (tab("Compare", Panel::compare)) {
    draw_compare_view(state.compare, state.fonts, compare_input(state));
    ImGui::EndTabItem();
  }
  if (tab("Chat", Panel::chat)) {
    draw_chat_view(state.chat, state.fonts, chat_input(state));
    if (!state.chat.encoding_request.empty()) select_encoding(state, std::exchange(state.chat.encoding_request, std::string()));
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace bpeviz
