// The tab bar and each tab's view, fed from the page's state (see ui/panels.h).
#include "ui/panels.h"

#include <cstdio>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/access/spoken.h"
#include "ui/access/token_list.h"
#include "ui/access/window_list.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/controls.h"
#include "ui/header/flow.h"
#include "ui/tokens/labels.h"

namespace bpeviz {

namespace {

// The tabs in the tab bar's order: each one's name in the API and its label. One table both ways, so that
// a tab the API reports is always a tab it can show.
struct TabName {
  Panel panel;
  const char* name;
  const char* label;
};
constexpr TabName kTabs[] = {
    {Panel::tokens, "tokens", "Tokens"},         {Panel::ids, "ids", "Ids"},
    {Panel::decode, "decode", "Decode ids"},     {Panel::merges, "merges", "Merge steps"},
    {Panel::tree, "tree", "Merge tree"},         {Panel::studio, "studio", "Train BPE"},
    {Panel::schemes, "schemes", "Schemes"},      {Panel::compare, "compare", "Compare"},
    {Panel::chat, "chat", "Chat"},
};

}  // namespace

const char* panel_name(Panel panel) {
  for (const TabName& p : kTabs) {
    if (p.panel == panel) return p.name;
  }
  return "tokens";
}

std::optional<Panel> panel_from_name(std::string_view name) {
  for (const TabName& p : kTabs) {
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

// A finger taps what a mouse clicks: the hint says what the student just did.
const char* tree_click_hint(const AppState& state) {
  return state.touch.owns_mouse ? "tap: how it is built (Merge tree tab)" : "click: how it is built (Merge tree tab)";
}

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
                               state.encodings.find(state.tokens_encoding), {}, tree_click_hint(state), 0, {},
                               state.tokens_splice ? &*state.tokens_splice : nullptr};
    draw_token_view(state.token_view, state.fonts, input);
  }
  ImGui::EndChild();
  state.tokens_rect = item_rect();
  if (state.tokens_error.empty()) {
    // The tiles as a list in the mirror, around the keyboard's tile (drawn as hovered while the list has the focus).
    TokenViewState& view = state.token_view;
    bool opened = false;
    view.keyboard_group = mirror_token_list(state.access, view.keyboard_group, state.editor.text, state.tokens, state.groups,
                                            state.pieces, state.encodings.find(state.tokens_encoding),
                                            {state.tokens_rect.x, state.tokens_rect.y, state.tokens_rect.width, state.tokens_rect.height},
                                            &opened);
    view.keyboard_shown = state.access.focus == "tokens";
    // Enter on the list's tile: what a click on the tile does (its merge tree). A tile clicked or entered opens
    // its tree here.
    if (opened) view.clicked_group = view.keyboard_group;
    show_clicked_tree(state, view, state.tokens, state.groups);
  }
}

// The ids in the mirror: a list box of a window of them around the keyboard's (a long text has a million),
// each "id 3 of 42: 1917, ' world'", where the ids are drawn.
void mirror_ids_list(AppState& state) {
  const AppState::Rect r = item_rect();
  const std::string_view text = state.editor.text;
  const WindowList list{"ids", "Ids", "id:", {r.x, r.y, r.width, r.height}};
  const std::string of = " of " + std::to_string(state.tokens.size()) + ": ";
  state.ids_panel.keyboard_index = mirror_window_list(state.access, list, state.ids_panel.keyboard_index, state.tokens.size(),
                                                      [&](std::size_t i) {
    const Token& t = state.tokens[i];
    const std::string_view piece = t.end <= text.size() && t.begin <= t.end ? text.substr(t.begin, t.end - t.begin) : "";
    return "id " + std::to_string(i + 1) + of + std::to_string(t.id) + ", " + spoken_quote(piece, 64);
  });
}

// A table of the view's figures in the mirror, over the view (`rect`), named `name`; returns its index for its rows.
int mirror_table(AppState& state, std::string name) {
  AccessNode table;
  table.role = AccessRole::table;
  table.key = "view-table";
  table.name = std::move(name);
  table.rect = {state.panel_rect.x, state.panel_rect.y, state.panel_rect.width, state.panel_rect.height};
  return mirror_add(state.access, std::move(table));
}

// Compare in the mirror: a row per tokenizer with its figures as the bands show them.
void mirror_compare_table(AppState& state) {
  const int table = mirror_table(state, "Tokenizers compared");
  for (const CompareViewState::Column& c : state.compare.columns) {
    std::vector<std::string> cells{c.name};
    if (!c.ready) {
      cells.push_back(c.error.empty() ? "loading" : c.error);
    } else if (!c.error.empty()) {
      cells.push_back(c.error);
    } else {
      char per_token[48] = "no tokens";
      if (!c.tokens.empty()) {
        std::snprintf(per_token, sizeof per_token, "%.2f bytes/token", static_cast<double>(state.editor.text.size()) / c.tokens.size());
      }
      cells.push_back(thousands(c.tokens.size()) + " tokens");
      cells.push_back(per_token);
      cells.push_back(thousands(c.marks.size()) + " own cuts");
    }
    mirror_row(state.access, table, "compare:" + c.name, cells);
  }
}

// Chat in the mirror: a row per message with its role and token counts, and a row of totals.
void mirror_chat_table(AppState& state) {
  const ChatViewState& chat = state.chat;
  if (!chat.error.empty() || chat.counts.messages.size() != chat.rows.size()) return;
  const int table = mirror_table(state, "Chat tokens");
  for (std::size_t i = 0; i < chat.rows.size(); ++i) {
    const ChatCounts::Message& m = chat.counts.messages[i];
    mirror_row(state.access, table, "chat:" + std::to_string(chat.rows[i].key),
               {"message " + std::to_string(i + 1) + ", " + chat.rows[i].role, thousands(m.content) + " content tokens",
                thousands(m.format) + " format tokens"});
  }
  mirror_row(state.access, table, "chat:total",
             {"in all", thousands(chat.counts.content) + " content tokens", thousands(chat.counts.total) + " tokens"});
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

namespace {

const char* tab_label(Panel panel) {
  for (const TabName& t : kTabs) {
    if (t.panel == panel) return t.label;
  }
  return kTabs[0].label;
}

void draw_panel(AppState& state, Panel panel) {
  switch (panel) {
    case Panel::tokens:
      draw_tokens_panel(state);
      break;
    case Panel::ids:
      if (!waiting_for_tokens(state)) {
        draw_ids_panel(state.ids_panel, state.tokens_serial, state.tokens, state.fonts.text, &state.access);
        mirror_ids_list(state);
      }
      break;
    case Panel::decode:
      draw_decode_box(state.decode_box, state.encoding, state.encodings.find(state.encoding), &state.access);
      break;
    case Panel::merges: {
      EncodePlayerInput in = player_input(state);
      in.access = &state.access;
      draw_encode_player(state.player, state.fonts, in, tree_click_hint(state));
      show_clicked_tree(state, state.player.view, state.player.tokens, state.player.groups);
      break;
    }
    case Panel::tree:
      state.tree.byte_notation = state.token_view.byte_notation;
      draw_merge_tree_view(state.tree, state.fonts, state.encodings.find(state.encoding), state.encoding, &state.access);
      break;
    case Panel::studio:
      draw_training_studio(state.studio, state.fonts, {state.editor.text, state.editor.revision, &state.access});
      carry_out_studio_requests(state);
      break;
    case Panel::schemes:
      if (!waiting_for_tokens(state)) draw_schemes_view(state.schemes, state.fonts, schemes_input(state));
      break;
    case Panel::compare:
      draw_compare_view(state.compare, state.fonts, compare_input(state));
      mirror_compare_table(state);
      break;
    case Panel::chat:
      draw_chat_view(state.chat, state.fonts, chat_input(state));
      mirror_chat_table(state);
      if (!state.chat.encoding_request.empty()) select_encoding(state, std::exchange(state.chat.encoding_request, std::string()));
      break;
  }
}

void note_panel_rect(AppState& state) {
  const ImVec2 at = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
  state.panel_rect = {at.x, at.y, size.x, size.y};
}

// The view on show, in the mirror: a tab panel named after its tab, which the view's own records join.
void draw_panel_mirrored(AppState& state, Panel panel) {
  AccessNode node;
  node.role = AccessRole::tabpanel;
  node.key = "view";
  node.name = tab_label(panel);
  node.rect = {state.panel_rect.x, state.panel_rect.y, state.panel_rect.width, state.panel_rect.height};
  mirror_open(state.access, std::move(node));
  draw_panel(state, panel);
  mirror_close(state.access);
}

// The tabs as a picker, on a page too narrow for their names side by side (a phone): the names stay whole.
void draw_tab_picker(AppState& state) {
  if (state.panel_request) state.panel = *std::exchange(state.panel_request, std::nullopt);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("View");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(240 * state.fonts.scale, ImGui::GetContentRegionAvail().x));
  if (ImGui::BeginCombo("##tabs", tab_label(state.panel), ImGuiComboFlags_HeightLargest)) {
    push_list_spacing();
    for (const TabName& t : kTabs) {
      if (ImGui::Selectable(t.label, t.panel == state.panel)) state.panel = t.panel;
      state.tab_rects[static_cast<int>(t.panel)] = item_rect();  // where a finger picks it
    }
    ImGui::PopStyleVar();
    ImGui::EndCombo();
  }
  state.tab_picker_rect = item_rect();
  std::vector<AccessOption> options;
  for (const TabName& t : kTabs) options.push_back({t.name, t.label});
  if (auto chosen = mirror_picker(state.access, "view-picker", "View", panel_name(state.panel), std::move(options))) {
    state.panel = *panel_from_name(*chosen);
  }
  note_panel_rect(state);
  draw_panel_mirrored(state, state.panel);
}

}  // namespace

bool tabs_fit(float available, float spacing, float padding) {
  std::vector<float> widths;
  for (const TabName& t : kTabs) widths.push_back(ImGui::CalcTextSize(t.label).x + 2 * padding);
  return flow_row_count(widths, available, spacing) <= 1;
}

void draw_panels(AppState& state) {
  for (AppState::Rect& r : state.tab_rects) r = {};
  state.tab_picker_rect = {};
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool fold = !tabs_fit(ImGui::GetContentRegionAvail().x, style.ItemInnerSpacing.x, style.FramePadding.x);
  if (fold) {
    state.tabs_folded = true;
    draw_tab_picker(state);
    return;
  }
  // Back from the picker (the page grew): the tab bar shows the view the picker had.
  if (std::exchange(state.tabs_folded, false) && !state.panel_request) state.panel_request = state.panel;
  if (!ImGui::BeginTabBar("panels")) return;
  // The tabs in the mirror: a tab list (the view's panel follows it, with the view's own records).
  AccessNode tablist;
  tablist.role = AccessRole::tablist;
  tablist.key = "tabs";
  tablist.name = "Views";
  const int tabs = mirror_add(state.access, std::move(tablist));
  // A tab picked from outside shows a frame later (ImGui applies SetSelected on the next layout):
  // the request stays until its tab is the one drawn.
  for (const TabName& t : kTabs) {
    const bool requested = state.panel_request == t.panel;
    const bool open = ImGui::BeginTabItem(t.label, nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0);
    state.tab_rects[static_cast<int>(t.panel)] = item_rect();
    // Picked in the mirror: as if picked from outside (a click selects a tab the same way, a frame later).
    mirror_reopen(state.access, tabs);
    if (mirror_control(state.access, AccessRole::tab, std::string("tab:") + t.name, t.label, open) && !open) state.panel_request = t.panel;
    mirror_close(state.access);
    if (!open) continue;
    state.panel = t.panel;
    if (requested) state.panel_request.reset();
    note_panel_rect(state);
    draw_panel_mirrored(state, t.panel);  // after the tab list, with the view's own records
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace bpeviz
