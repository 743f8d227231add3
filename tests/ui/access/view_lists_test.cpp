// The Ids view, Decode ids and the Merge tree in the mirror (ui/access/), headless: the ids as a windowed list
// against the app's tokens, the decode field typed into from the mirror, and the merge tree's items nested as
// the tree's nodes are, each naming its text, id and pair.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "tests/ui/access/mirror_lookup.h"
#include "tests/ui/frames.h"
#include "ui/access/merge_tree_items.h"
#include "ui/access/mirror.h"
#include "ui/access/spoken.h"
#include "ui/access/window_list.h"
#include "ui/app.h"
#include "ui/text_box/text_editor.h"

using namespace bpeviz;

namespace {

using test::frames;
const AccessNode& node(const AppState& app, const std::string& key) { return test::mirror_node(app, key); }

int index_of(const AppState& app, const std::string& key) {
  for (std::size_t i = 0; i < app.access.published.size(); ++i) {
    if (app.access.published[i].key == key) return static_cast<int>(i);
  }
  return -2;
}

}  // namespace

TEST_CASE("mirror: the Ids view lists its ids around the current one, and Decode ids takes typed ids") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  std::string text;
  for (int i = 0; i < 40; ++i) text += "hello world ";
  text_editor_set_text(app.editor, text);
  app.panel_request = Panel::ids;
  frames(app, 4);
  REQUIRE(app.panel == Panel::ids);
  REQUIRE(app.tokens.size() > 2 * kListReach + 1);
  CHECK(node(app, "ids").role == AccessRole::listbox);
  CHECK(node(app, "copy-ids").role == AccessRole::button);
  CHECK(node(app, "ids-count").name == std::to_string(app.tokens.size()) + " ids as a JSON array");
  mirror_command(app.access, "ids", "30");
  frames(app, 2);
  CHECK(app.ids_panel.keyboard_index == 30);
  CHECK(node(app, "ids").value == "id:30");
  const Token& t = app.tokens[30];
  CHECK(node(app, "id:30").name == "id 31 of " + std::to_string(app.tokens.size()) + ": " + std::to_string(t.id) + ", " +
                                       spoken_quote(std::string_view(app.editor.text).substr(t.begin, t.end - t.begin)));
  CHECK(mirror_find(app.access, "id:" + std::to_string(30 + kListReach + 1)) == nullptr);  // outside the window

  app.panel_request = Panel::decode;
  frames(app, 3);
  REQUIRE(app.panel == Panel::decode);
  mirror_command(app.access, "decode-input", "[15339, 1917]");
  frames(app, 2);
  CHECK(app.decode_box.input == "[15339, 1917]");
  CHECK(node(app, "decode-input").value == "[15339, 1917]");
  CHECK(node(app, "decode-text").name == "Decoded text: 'hello world'");
  mirror_command(app.access, "decode-input", "[15339, x]");
  frames(app, 2);
  CHECK(node(app, "decode-error").live);
  CHECK(node(app, "decode-error").name == app.decode_box.result.error);
}

TEST_CASE("mirror: the merge tree as nested items naming text, id and pair") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  const uint32_t id = 4037;  // " token" in cl100k_base
  select_merge_tree_token(app.tree, id);
  app.panel_request = Panel::tree;
  frames(app, 4);
  REQUIRE(app.tree.built);
  const MergeTree& tree = app.tree.tree;
  CHECK(node(app, "merge-tree").role == AccessRole::tree);
  CHECK(node(app, "merge-tree").name == "Merge tree of ' token', id 4037");
  const int tree_index = index_of(app, "merge-tree");
  const std::size_t root = tree.nodes.size() - 1;
  CHECK(node(app, "tree-node:" + std::to_string(root)).parent == tree_index);
  for (std::size_t i = 0; i < tree.nodes.size(); ++i) {
    const AccessNode& item = node(app, "tree-node:" + std::to_string(i));
    CHECK(item.role == AccessRole::treeitem);
    CHECK(item.name.find(", id " + std::to_string(tree.nodes[i].id)) != std::string::npos);
    for (const int32_t c : merge_tree_children(tree, i)) {
      CHECK(node(app, "tree-node:" + std::to_string(c)).parent == index_of(app, "tree-node:" + std::to_string(i)));
    }
  }
  CHECK(node(app, "tree-node:" + std::to_string(root)).name.rfind("' token', id 4037, merge ", 0) == 0);
  CHECK(merge_tree_item_name(tree, " token", 0) == "' ', id 220, byte 0x20");
  // The id box typed into from the mirror picks that token; what is not an id picks nothing.
  mirror_command(app.access, "tree-id", "279");
  frames(app, 2);
  CHECK(app.tree.id == 279);
  mirror_command(app.access, "tree-id", "27x");
  frames(app, 2);
  CHECK(app.tree.id == 279);
}
