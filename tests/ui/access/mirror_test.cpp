// The mirror's records of the whole app drawn headless (ui/access/): what each control is, says and shows,
// against the app's own state; commands from the mirror doing what a click on the drawn control does; the
// records published only when they change; and the mirror's focus taking the keyboard from the text box.
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>
#include <vector>

#include "tests/ui/frames.h"
#include "ui/access/mirror.h"
#include "ui/access/token_list.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/panels.h"
#include "ui/text_box/text_editor.h"
#include "ui/tokenize_schedule.h"

using namespace bpeviz;

namespace {

void frames(AppState& app, int n) {
  for (int i = 0; i < n; ++i) test::app_frame_headless(app);
}

AppState make_app() {
  AppState app;
  app.fonts = test::default_fonts();
  app.editor.text = "Byte pair encoding merges the most frequent pair, again and again.";
  ++app.editor.revision;
  return app;
}

const AccessNode& node(const AppState& app, const std::string& key) {
  const AccessNode* n = mirror_find(app.access, key);
  REQUIRE_MESSAGE(n != nullptr, key);
  return *n;
}

// The records whose parent is `parent`'s, in order.
std::vector<const AccessNode*> children(const AppState& app, const std::string& parent) {
  const auto& all = app.access.published;
  int index = -1;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].key == parent) index = static_cast<int>(i);
  }
  std::vector<const AccessNode*> out;
  for (const AccessNode& n : all) {
    if (index >= 0 && n.parent == index) out.push_back(&n);
  }
  return out;
}

// A click where `r` is: the button down for a frame, then up.
void click(AppState& app, const AppState::Rect& r) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r.x + r.width / 2, r.y + r.height / 2);
  io.MouseDown[0] = true;
  frames(app, 1);
  io.MouseDown[0] = false;
  frames(app, 2);
  io.MousePos = ImVec2(-1, -1);
}

}  // namespace

TEST_CASE("mirror: landmarks, tabs, pickers, switches and counts as the app draws them") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  test::load_builtin_encoding(app, "cl100k_base");
  frames(app, 3);

  // Landmarks, in reading order, each at the page's top level.
  std::vector<std::string> top;
  for (const AccessNode& n : app.access.published) {
    if (n.parent == -1) top.push_back(n.key);
  }
  CHECK(top == std::vector<std::string>{"header", "text-region", "counts", "views"});
  CHECK(node(app, "header").role == AccessRole::banner);
  CHECK(node(app, "title").role == AccessRole::heading);
  CHECK(node(app, "text").role == AccessRole::textbox);

  // The tabs: one per view, named as drawn, the one on show selected, each where its tab was drawn.
  const auto tabs = children(app, "tabs");
  REQUIRE(tabs.size() == 9);
  int selected = 0;
  for (const AccessNode* t : tabs) {
    CAPTURE(t->key);
    CHECK(t->role == AccessRole::tab);
    const auto panel = panel_from_name(t->key.substr(4));
    REQUIRE(panel.has_value());
    const AppState::Rect& r = app.tab_rects[static_cast<int>(*panel)];
    CHECK(t->rect == AccessRect{r.x, r.y, r.width, r.height});
    CHECK(t->on == (*panel == app.panel));
    selected += t->on;
  }
  CHECK(selected == 1);
  CHECK(tabs[0]->name == "Tokens");
  CHECK(tabs[3]->name == "Merge steps");
  CHECK(node(app, "view").role == AccessRole::tabpanel);
  CHECK(node(app, "view").name == "Tokens");

  // The encoding picker: every encoding on offer, the one in use chosen, where the combo was drawn.
  const AccessNode& encoding = node(app, "encoding");
  CHECK(encoding.role == AccessRole::combobox);
  CHECK(encoding.value == "cl100k_base");
  CHECK(encoding.rect == AccessRect{app.encoding_rect.x, app.encoding_rect.y, app.encoding_rect.width, app.encoding_rect.height});
  std::vector<std::string> offered;
  for (const AccessOption& o : encoding.options) offered.push_back(o.value);
  CHECK(offered == encoding_names());

  // The counts, as the header computes them.
  const auto counts = children(app, "counts-list");
  REQUIRE(counts.size() == 5);
  CHECK(counts[0]->name == "Tokens: " + std::to_string(app.tokens.size()));
  CHECK(counts[1]->name == "Characters: " + std::to_string(app.characters));
  CHECK(counts[2]->name == "Bytes: " + std::to_string(app.editor.text.size()));
  CHECK(counts[4]->name == "Pre-tokens: " + std::to_string(app.pieces.size()));
  CHECK(node(app, "switch:whitespace").on == app.token_view.show_whitespace);
  CHECK(node(app, "present").on == false);
  CHECK(node(app, "theme").name == "Dark theme");
}

TEST_CASE("mirror: a command does what a click on the drawn control does") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  test::load_builtin_encoding(app, "cl100k_base");
  frames(app, 3);

  // The theme button, clicked and then pressed in the mirror: dark, then light again.
  click(app, app.theme_rect);
  CHECK(app.theme == Theme::dark);
  CHECK(node(app, "theme").name == "Light theme");
  mirror_command(app.access, "theme");
  frames(app, 2);
  CHECK(app.theme == Theme::light);

  // A tab picked in the mirror shows, as a tab clicked does (a frame later).
  click(app, app.tab_rects[static_cast<int>(Panel::ids)]);
  CHECK(app.panel == Panel::ids);
  mirror_command(app.access, "tab:merges");
  frames(app, 3);
  CHECK(app.panel == Panel::merges);
  CHECK(node(app, "tab:merges").on);
  CHECK_FALSE(node(app, "tab:ids").on);
  CHECK(node(app, "view").name == "Merge steps");

  // An encoding chosen in the mirror is picked as its list entry picks it (o200k_base: fetched first).
  mirror_command(app.access, "encoding", "o200k_base");
  frames(app, 2);
  CHECK(app.requested_encoding == "o200k_base");
  CHECK(node(app, "encoding").value == "o200k_base");
  // What the picker does not offer chooses nothing.
  mirror_command(app.access, "encoding", "no-such-encoding");
  frames(app, 2);
  CHECK(app.requested_encoding == "o200k_base");

  // A switch toggled in the mirror, and a command for a control not drawn (the Export menu is closed) is dropped.
  const bool whitespace = app.token_view.show_whitespace;
  mirror_command(app.access, "switch:whitespace");
  mirror_command(app.access, "export:csv");
  frames(app, 2);
  CHECK(app.token_view.show_whitespace == !whitespace);
  CHECK(node(app, "switch:whitespace").on == !whitespace);
  CHECK(app.access.commands.empty());
  frames(app, 2);
  CHECK(app.export_tokens_request.empty());
  CHECK_FALSE(app.download_request.has_value());
}

TEST_CASE("mirror: published only when it changes") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  test::load_builtin_encoding(app, "cl100k_base");
  frames(app, 4);
  const uint64_t serial = app.access.serial;
  frames(app, 5);
  CHECK(app.access.serial == serial);  // the same frame again: nothing to export
  text_editor_set_text(app.editor, app.editor.text + " More text.");
  frames(app, 3);
  CHECK(app.access.serial > serial);
  CHECK(node(app, "count:Tokens").name == "Tokens: " + std::to_string(app.tokens.size()));
}

TEST_CASE("mirror: its focus takes the keyboard from the text box, and gives it back; a ring marks it") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  frames(app, 3);
  CHECK(app.editor.active);  // the page starts typing into its text box
  const int unringed = ImGui::GetForegroundDrawList()->VtxBuffer.Size;
  mirror_focus(app.access, "encoding");
  frames(app, 2);
  CHECK_FALSE(app.editor.active);
  CHECK_FALSE(ImGui::GetIO().WantTextInput);  // single keys reach the shortcuts again
  // The ring: drawn over everything, in the foreground.
  CHECK(ImGui::GetForegroundDrawList()->VtxBuffer.Size > unringed);
  mirror_focus(app.access, "text");
  frames(app, 2);
  CHECK(app.editor.active);
}

TEST_CASE("mirror: as many records for 1 MB of text as for a line") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  test::load_builtin_encoding(app, "cl100k_base");
  frames(app, 3);
  const std::size_t small = app.access.published.size();
  std::string big;
  while (big.size() < (std::size_t{1} << 20)) big += "The mirror never holds a node per token of a long text.\n";
  REQUIRE(text_editor_set_text(app.editor, big).empty());
  frames(app, 1);
  update_tokens(app);
  frames(app, 3);
  REQUIRE(app.tokens.size() > 100000);
  CHECK(app.access.published.size() <= small + 2 * kListReach);  // the list's window, at most
  CHECK(node(app, "count:Tokens").name == "Tokens: " + std::to_string(app.tokens.size()));
}
