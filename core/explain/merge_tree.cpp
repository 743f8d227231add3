// Building a token's merge tree from the merge steps of its own bytes.
#include "core/explain/merge_tree.h"

#include <string>


namespace bpeviz {

Result<MergeTree> merge_tree(const Encoding& encoding, uint32_t id) {
  using R = Result<MergeTree>;
  if (encoding.is_special(id)) return R::failure("token " + std::to_string(id) + " is a special token: it is never merged");
  const std::string_view bytes = encoding.ranks().token(id);
  if (bytes.empty()) return R::failure("no token " + std::to_string(id) + " in " + encoding.name());

  MergeTree tree;
  std::vector<MergeStep> steps;
  const Encoding::PieceMerges merged = encoding.merge_piece(bytes, steps);
  // covering[i]: the node that currently starts at byte i (set where a first symbol starts).
  std::vector<int32_t> covering(bytes.size(), -1);
  for (const Token& s : merged.symbols) {
    covering[s.begin] = static_cast<int32_t>(tree.nodes.size());
    tree.nodes.push_back({s.id, s.begin, s.end});
  }
  uint32_t order = 0;
  for (const MergeStep& m : steps) {
    MergeTreeNode node{m.id, m.begin, m.end, covering[m.begin], covering[m.mid], ++order};
    covering[m.begin] = static_cast<int32_t>(tree.nodes.size());
    tree.nodes.push_back(node);
  }
  const std::vector<uint32_t>& bounds = merged.bounds;
  if (bounds.size() > 1) {
    // The merges end in several tokens; encode takes the token whole (tiktoken's shortcut).
    for (uint32_t b : bounds) tree.whole_parts.push_back(covering[b]);
    tree.nodes.push_back({id, 0, static_cast<uint32_t>(bytes.size()), -1, -1, ++order});
  }
  return {std::move(tree), {}};
}

}  // namespace bpeviz
