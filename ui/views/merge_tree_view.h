// The Merge tree tab: how one token is built from its bytes (core/explain/merge_tree.h), drawn as a tree —
// the bytes along the bottom in order, each merge above the tokens it joins, boxes coloured by id as
// the token tiles are, each merge numbered in the order BPE makes it. The token is picked by id (the
// tab's id box) or by clicking a tile in the Tokens or Merge steps tab.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/encoding.h"
#include "core/explain/merge_tree.h"
#include "ui/fonts/fonts.h"

namespace bpeviz {

// Where each node's box goes, in diagram units (the view scales them to fit): nodes sit on levels,
// the bytes on level 0 at the bottom and every merge one level above the higher of its children;
// each node is centred over the bytes it covers, and nodes of one level never overlap.
struct MergeTreeLayout {
  std::vector<float> x, y, width;  // each node's box: left, top, width (height: the box height given)
  std::vector<int> level;
  float total_width = 0, total_height = 0;
};

// The children a node joins: its left and right, or, for the root of a token only reachable whole,
// the tree's whole_parts. Empty for a byte.
std::vector<int32_t> merge_tree_children(const MergeTree& tree, std::size_t node);

// Lays out `tree` with box widths `box_widths` (one per node), boxes `box_height` tall, at least
// `h_gap` apart side by side and `v_gap` apart between levels.
MergeTreeLayout layout_merge_tree(const MergeTree& tree, std::span<const float> box_widths, float box_height,
                                  float h_gap, float v_gap);

struct MergeTreeViewState {
  uint32_t id = 0;        // the token shown
  bool has_id = false;    // false until a token is picked
  int id_input = 0;       // the id box
  bool byte_notation = false;  // label boxes in GPT-2's byte notation (the Tokens tab's switch)
  bool fit_whole = false;      // shrink a wide tree to fit the tab, below the readable size

  // The tree of `id` under `built_encoding`, rebuilt when either changes.
  const Encoding* built_encoding = nullptr;
  std::string built_encoding_name;
  uint32_t built_id = 0;
  bool built_has_id = false;
  bool built = false;
  uint64_t built_serial = 0;   // bumped with every new tree
  uint32_t built_fonts = 0;    // the Fonts::generation the caption and labels were made with
  uint64_t scrolled_tree = 0;  // the tree the view last scrolled to its root, and at what scale
  float scrolled_scale = 0;
  MergeTree tree;
  std::string error;    // why there is no tree (nothing picked, a special token, an unknown id, no merges)
  std::string caption;  // one line: what the tree shows
  std::vector<std::string> labels;  // each node's text, made visible
  bool labels_byte_notation = false;

  // Where the last frame drew each node (screen x, y, width, height, in CSS pixels) and at what
  // scale: the page's JavaScript API reads these.
  std::vector<float> drawn;
  float scale = 1;
  ImVec4 view_rect{0, 0, 0, 0};  // the diagram's visible area: x, y, width, height
  int64_t hovered_node = -1;
};

// Shows token `id`'s tree (the tab's id box follows).
void select_merge_tree_token(MergeTreeViewState& state, uint32_t id);

// Rebuilds the tree when the token or the encoding changed. `encoding` is null for the byte-level
// baseline; `encoding_name` names it in messages.
void update_merge_tree_view(MergeTreeViewState& state, const Encoding* encoding, const std::string& encoding_name,
                            const ImFont* font);
struct AccessMirror;
// `access`: the page's semantic copy (ui/access/), which gets the id box (typing an id there picks it), the switch,
// the caption and the diagram as a tree of items.
void draw_merge_tree_view(MergeTreeViewState& state, const Fonts& fonts, const Encoding* encoding,
                          const std::string& encoding_name, AccessMirror* access = nullptr);

}  // namespace bpeviz
