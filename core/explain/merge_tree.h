// How a token is built from bytes: the tree of merges tiktoken's rule makes when it encodes the
// token's own bytes, for the "merge tree" diagram. Works for any vocabulary (cl100k, o200k, a
// trained model): the ranks are the tree's labels.
#pragma once
#include <cstdint>
#include <vector>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

struct MergeTreeNode {
  uint32_t id = 0;                // the token (its rank)
  uint32_t begin = 0, end = 0;    // the bytes of the root token it covers
  int32_t left = -1, right = -1;  // children, as indices into nodes; -1 for a byte
  uint32_t step = 0;              // when it was made (1 = first merge); 0 for a byte
};

struct MergeTree {
  std::vector<MergeTreeNode> nodes;  // bytes first, then merges in the order they happen
  // The root: the last node, or — when merging the bytes ends in several tokens and the token is
  // only reachable whole (possible in a user's vocabulary) — the nodes listed here, under `nodes`'
  // last entry, whose children are then -1 and which stands for the whole token.
  std::vector<int32_t> whole_parts;
  const MergeTreeNode& root() const { return nodes.back(); }
};

// Fails for a special token (it is never merged) and for an id the encoding does not have.
Result<MergeTree> merge_tree(const Encoding& encoding, uint32_t id);

}  // namespace bpeviz
