// The Merge tree tab's diagram in the mirror: role tree, one item per box, nested as drawn (a merge's item holds
// its two parts'), each naming its text, id and pair: "' the', id 279, merge 4 of 5: ' t' + 'he'".
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "core/explain/merge_tree.h"
#include "ui/access/mirror.h"

namespace bpeviz {

// Node `node`'s name, `root` being the token's bytes.
std::string merge_tree_item_name(const MergeTree& tree, std::string_view root, std::size_t node);

// Records the tree (key "merge-tree", named `name`) with an item per node, each where `drawn` (x, y, width,
// height per node) says its box is; `rect`: the diagram's place.
void mirror_merge_tree(AccessMirror& mirror, const MergeTree& tree, std::string_view root, std::span<const float> drawn,
                       std::string name, AccessRect rect);

}  // namespace bpeviz
