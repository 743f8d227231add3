// The Merge tree tab, headless: the layout puts the bytes along the bottom in order and every merge
// above its children, centred over its bytes, with no two boxes of a level overlapping — for real
// tokens and for a token only reachable whole; a tile clicked in the Tokens tab shows its tree;
// special tokens, unknown ids and the byte-level baseline are explained.
#include <doctest/doctest.h>

#include <vector>

#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"

using namespace bpeviz;

namespace {

void frame(AppState& app) { test::app_frame_headless(app); }

void load(AppState& app, const char* name) { test::load_builtin_encoding(app, name); }

// Box widths that vary the way labels do: wider for more bytes, never below a byte's box.
std::vector<float> widths_of(const MergeTree& tree) {
  std::vector<float> w;
  for (const MergeTreeNode& n : tree.nodes) w.push_back(30.0f + 9.0f * static_cast<float>(n.end - n.begin));
  return w;
}

void check_layout(const MergeTree& tree) {
  const std::vector<float> widths = widths_of(tree);
  constexpr float kH = 40, kHGap = 8, kVGap = 16;
  const MergeTreeLayout l = layout_merge_tree(tree, widths, kH, kHGap, kVGap);
  const std::size_t n = tree.nodes.size(), root = n - 1;
  CHECK(l.y[root] == 0);
  CHECK(l.total_height == static_cast<float>(l.level[root] + 1) * kH + static_cast<float>(l.level[root]) * kVGap);
  float last_leaf_end = -1e9f;
  for (std::size_t i = 0; i < n; ++i) {
    CHECK(l.width[i] == widths[i]);
    CHECK(l.x[i] >= 0);
    CHECK(l.x[i] + l.width[i] <= l.total_width + 0.01f);
    const std::vector<int32_t> children = merge_tree_children(tree, i);
    if (children.empty()) {
      // A byte: on the bottom row, after the byte before it.
      CHECK(l.level[i] == 0);
      CHECK(l.y[i] == l.total_height - kH);
      CHECK(l.x[i] >= last_leaf_end + kHGap - 0.01f);
      last_leaf_end = l.x[i] + l.width[i];
      continue;
    }
    // A merge: above every child, and centred over the span from its first child to its last.
    float lo = 1e9f, hi = -1e9f;
    for (const int32_t c : children) {
      const auto ci = static_cast<std::size_t>(c);
      CHECK(l.level[ci] < l.level[i]);
      CHECK(l.y[ci] >= l.y[i] + kH + kVGap);
      lo = std::min(lo, l.x[ci]);
      hi = std::max(hi, l.x[ci] + l.width[ci]);
    }
    const float centre = l.x[i] + l.width[i] / 2;
    CHECK(centre > lo);
    CHECK(centre < hi);
  }
  // Boxes of one level keep at least the gap between them.
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (l.level[i] != l.level[j]) continue;
      const bool apart = l.x[i] + l.width[i] + kHGap <= l.x[j] + 0.01f || l.x[j] + l.width[j] + kHGap <= l.x[i] + 0.01f;
      CHECK_MESSAGE(apart, "nodes " << i << " and " << j << " overlap");
    }
  }
}

}  // namespace

TEST_CASE("merge tree layout: bytes in order at the bottom, merges above and centred, no overlaps") {
  for (const char* name : {"cl100k_base", "o200k_base"}) {
    const Encoding& e = test::encoding(name);
    std::vector<uint32_t> ids;
    for (const char* text : {" tokenization", "abcdefghijklmnopqrstuvwxyz", "的", " internationalization"}) {
      for (uint32_t id : e.encode_ordinary(text).value) ids.push_back(id);
    }
    ids.push_back(e.ranks().find(std::string(128, ' ')));  // the widest token, balanced
    ids.push_back(e.ranks().find(std::string(64, '-')));
    for (uint32_t id : ids) {
      CAPTURE(id);
      auto tree = merge_tree(e, id);
      REQUIRE(tree.ok());
      check_layout(tree.value);
    }
  }
}

TEST_CASE("merge tree layout: a token reached only whole stands over the tokens its merges end in") {
  Vocab ranks;
  for (int b = 0; b < 256; ++b) ranks.add(static_cast<uint32_t>(b), std::string(1, static_cast<char>(b)));
  ranks.add(256, "xy");
  ranks.add(257, "xyzw");
  const Encoding toy("toy", Pretokenizer::none, std::move(ranks), {}, 258);
  auto tree = merge_tree(toy, 257);  // "xy" then nothing: "xy", "z", "w" end the merges
  REQUIRE(tree.ok());
  REQUIRE(tree.value.whole_parts.size() == 3);
  CHECK(merge_tree_children(tree.value, tree.value.nodes.size() - 1) == tree.value.whole_parts);
  check_layout(tree.value);
}

TEST_CASE("the merge tree tab: picked by id or by a click on a tile, and explains what has no tree") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  text_editor_set_text(app.editor, "tokenization");
  app.panel_request = Panel::tree;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.panel == Panel::tree);
  CHECK(app.tree.error.find("Pick a token") == 0);
  show_merge_tree(app, 65);
  frame(app);
  CHECK(app.tree.error.find("byte-level baseline has no merges") != std::string::npos);

  load(app, "cl100k_base");
  const Encoding& cl = *app.encodings.find("cl100k_base");
  const uint32_t token = cl.encode_ordinary(" token").value.at(0);
  show_merge_tree(app, token);
  frame(app);
  REQUIRE(app.tree.built);
  CHECK(app.tree.caption.find("\"·token\" (id " + std::to_string(token) + ")") != std::string::npos);
  CHECK(app.tree.drawn.size() == 4 * app.tree.tree.nodes.size());
  CHECK(app.tree.scale == 1.0f);  // a short token fits at full size in 1280×800
  CHECK(app.tree.id_input == static_cast<int>(token));

  show_merge_tree(app, 100257);
  frame(app);
  CHECK(!app.tree.built);
  CHECK(app.tree.error.find("\"<|endoftext|>\" (id 100257) is a special token") == 0);
  CHECK(app.tree.drawn.empty());
  show_merge_tree(app, 100256);
  frame(app);
  CHECK(app.tree.error.find("no token 100256") != std::string::npos);

  // The widest token scrolls at a readable size; "Whole tree" shrinks it to fit.
  show_merge_tree(app, cl.ranks().find(std::string(128, ' ')));
  frame(app);
  REQUIRE(app.tree.built);
  CHECK(app.tree.scale >= 0.85f);
  app.tree.fit_whole = true;
  for (int i = 0; i < 2; ++i) frame(app);  // the view scrolls back from the next frame on
  CHECK(app.tree.scale < 0.5f);
  const float* d = app.tree.drawn.data();
  for (std::size_t i = 0; i < app.tree.tree.nodes.size(); ++i) {
    CHECK(d[4 * i] >= app.tree.view_rect.x);
    CHECK(d[4 * i] + d[4 * i + 2] <= app.tree.view_rect.x + app.tree.view_rect.z + 0.5f);
  }

  // A click on a tile in the Tokens tab shows that token's tree.
  app.panel_request = Panel::tokens;
  for (int i = 0; i < 2; ++i) frame(app);
  REQUIRE(app.panel == Panel::tokens);
  REQUIRE(app.groups.size() == 2);  // "token", "ization"
  float rect[4];
  REQUIRE(token_view_tile_rect(app.token_view, 1, rect));
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
  frame(app);
  io.MouseDown[0] = true;
  frame(app);
  io.MouseDown[0] = false;
  for (int i = 0; i < 2; ++i) frame(app);
  CHECK(app.panel == Panel::tree);
  CHECK(app.tree.id == app.tokens[1].id);
  CHECK(app.tree.built);
}
