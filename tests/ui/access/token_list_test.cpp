// The Tokens tab's tiles as a list in the mirror (ui/access/token_list.h), on cl100k_base's tokens: each tile's
// name, the list's window around the current tile (never a node per token), the keys' moves, and the token view
// drawing the keyboard's tile as hovered while the list has the focus.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/ui/frames.h"
#include "ui/access/mirror.h"
#include "ui/access/token_list.h"
#include "ui/app.h"
#include "ui/text_box/text_editor.h"
#include "ui/tokenize_schedule.h"

using namespace bpeviz;

namespace {

void frames(AppState& app, int n) {
  for (int i = 0; i < n; ++i) test::app_frame_headless(app);
}

std::vector<const AccessNode*> options(const AppState& app) {
  std::vector<const AccessNode*> out;
  for (const AccessNode& n : app.access.published) {
    if (n.role == AccessRole::option) out.push_back(&n);
  }
  return out;
}

}  // namespace

TEST_CASE("token list: moves") {
  CHECK(window_list_move(-1, 5, "next") == 0);
  CHECK(window_list_move(0, 5, "next") == 1);
  CHECK(window_list_move(4, 5, "next") == 4);
  CHECK(window_list_move(0, 5, "previous") == 0);
  CHECK(window_list_move(2, 5, "last") == 4);
  CHECK(window_list_move(3, 5, "first") == 0);
  CHECK(window_list_move(0, 50, "page-down") == kListReach);
  CHECK(window_list_move(3, 50, "page-up") == 0);
  CHECK(window_list_move(3, 50, "17") == 17);
  CHECK(window_list_move(3, 50, "99") == 49);
  CHECK(window_list_move(3, 50, "sideways") == 3);
  CHECK(window_list_move(3, 0, "next") == -1);
}

TEST_CASE("token list: each tile named by its tokens' places, text, ids, bytes and pre-token") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  text_editor_set_text(app.editor, "Hello world, 你好\n");
  frames(app, 3);
  REQUIRE(app.tokens.size() >= 4);
  // The tile of " world": the second token.
  const TokenGroup& world = app.groups[1];
  CHECK(token_list_name(app.editor.text, app.tokens, world, app.pieces, app.encodings.find("cl100k_base")) ==
        "token 2 of " + std::to_string(app.tokens.size()) + ": ' world', id " + std::to_string(app.tokens[1].id) +
            ", 6 bytes, pre-token ' world'");
  // A newline is said as its escape.
  const TokenGroup& last = app.groups.back();
  const std::string name = token_list_name(app.editor.text, app.tokens, last, app.pieces, app.encodings.find("cl100k_base"));
  CHECK(name.find("\\n") != std::string::npos);
}

TEST_CASE("token list: a window around the current tile, which the token view hovers while the list has the focus") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  std::string big;
  while (big.size() < (std::size_t{1} << 20)) big += "A tile per token would be a million nodes; the list holds a window.\n";
  REQUIRE(text_editor_set_text(app.editor, big).empty());
  frames(app, 1);
  update_tokens(app);
  frames(app, 3);
  REQUIRE(app.groups.size() > 100000);
  CHECK(options(app).size() == static_cast<std::size_t>(kListReach + 1));  // from the first tile
  mirror_focus(app.access, "tokens");
  mirror_command(app.access, "tokens", "5000");
  frames(app, 3);
  const auto window = options(app);
  REQUIRE(window.size() == static_cast<std::size_t>(2 * kListReach + 1));
  CHECK(window.front()->place == 5000 - kListReach + 1);
  CHECK(window[kListReach]->on);
  CHECK(window[kListReach]->set_size == app.groups.size());
  CHECK(mirror_find(app.access, "tokens")->value == "token:5000");
  // The canvas: tile 5000 scrolled into sight and hovered, as the mouse would.
  CHECK(app.token_view.keyboard_group == 5000);
  CHECK(app.token_view.hovered_group == 5000);
  // Two keys within one frame: both carried out, a frame apart.
  mirror_command(app.access, "tokens", "next");
  mirror_command(app.access, "tokens", "next");
  frames(app, 4);
  CHECK(app.token_view.hovered_group == 5002);
  mirror_command(app.access, "tokens", "previous");
  frames(app, 3);
  CHECK(app.token_view.hovered_group == 5001);
  // Enter on the list: the tile's merge tree, as a click on the tile shows it.
  mirror_command(app.access, "tokens", "open");
  frames(app, 3);
  CHECK(app.panel == Panel::tree);
  CHECK(app.tree.id == app.tokens[app.groups[5001].first_token].id);
  app.panel_request = Panel::tokens;
  frames(app, 3);
  // Focus elsewhere: no hover from the keyboard.
  mirror_focus(app.access, "encoding");
  frames(app, 2);
  CHECK(app.token_view.hovered_group == -1);
}
