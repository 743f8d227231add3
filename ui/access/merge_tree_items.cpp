// The merge tree as a tree of items (see ui/access/merge_tree_items.h).
#include "ui/access/merge_tree_items.h"

#include <cstdio>
#include <vector>

#include "core/vocab.h"
#include "ui/access/spoken.h"
#include "ui/views/merge_tree_view.h"

namespace bpeviz {

namespace {

std::string_view bytes_of(std::string_view root, const MergeTreeNode& n) { return root.substr(n.begin, n.end - n.begin); }
std::string id_said(uint32_t id) { return id == Vocab::kNone ? "no id" : "id " + std::to_string(id); }

void add_item(AccessMirror& mirror, const MergeTree& tree, std::string_view root, std::span<const float> drawn,
              std::size_t node, int parent) {
  AccessNode item;
  item.role = AccessRole::treeitem;
  item.key = "tree-node:" + std::to_string(node);
  item.name = merge_tree_item_name(tree, root, node);
  if (4 * node + 3 < drawn.size()) item.rect = {drawn[4 * node], drawn[4 * node + 1], drawn[4 * node + 2], drawn[4 * node + 3]};
  const int index = mirror_add(mirror, std::move(item), parent);
  for (const int32_t child : merge_tree_children(tree, node)) add_item(mirror, tree, root, drawn, static_cast<std::size_t>(child), index);
}

}  // namespace

std::string merge_tree_item_name(const MergeTree& tree, std::string_view root, std::size_t node) {
  const MergeTreeNode& n = tree.nodes[node];
  std::string name = spoken_quote(bytes_of(root, n), 64) + ", " + id_said(n.id);
  const std::vector<int32_t> children = merge_tree_children(tree, node);
  if (children.empty()) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "%02X", n.end > n.begin ? static_cast<unsigned char>(root[n.begin]) : 0);
    return name + ", byte 0x" + hex;
  }
  if (!tree.whole_parts.empty() && node + 1 == tree.nodes.size()) {
    return name + ", taken whole: its merges end in " + std::to_string(children.size()) + " tokens";
  }
  const MergeTreeNode& l = tree.nodes[static_cast<std::size_t>(children[0])];
  const MergeTreeNode& r = tree.nodes[static_cast<std::size_t>(children[1])];
  return name + ", merge " + std::to_string(n.step) + " of " + std::to_string(tree.nodes.size() - root.size()) + ": " +
         spoken_quote(bytes_of(root, l), 64) + " + " + spoken_quote(bytes_of(root, r), 64);
}

void mirror_merge_tree(AccessMirror& mirror, const MergeTree& tree, std::string_view root, std::span<const float> drawn,
                       std::string name, AccessRect rect) {
  if (tree.nodes.empty()) return;
  AccessNode list;
  list.role = AccessRole::tree;
  list.key = "merge-tree";
  list.name = std::move(name);
  list.rect = rect;
  const int index = mirror_add(mirror, std::move(list));
  add_item(mirror, tree, root, drawn, tree.nodes.size() - 1, index);
}

}  // namespace bpeviz
