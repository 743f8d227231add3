// The special tokens as a trie over their bytes: finding the special token that starts at a position
// costs at most the length of the longest one, not a comparison with each of them (o200k_harmony has
// 1,088, and a text of "<|<|<|…" made every position compare with all of them: 4 s a megabyte).
#pragma once
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace bpeviz {

class SpecialTrie {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // Indices refer to `texts`; of two equal texts the first is kept. Empty texts are never found.
  explicit SpecialTrie(const std::vector<std::string_view>& texts);
  SpecialTrie() : SpecialTrie(std::vector<std::string_view>{}) {}

  // Whether any special token starts with this byte (most positions are rejected here).
  bool may_start(unsigned char byte) const { return first_byte_[byte]; }

  // The index of the longest special token that starts at text[pos] and that accept(index) takes,
  // or npos. Cost: O(length of the longest special token) steps, plus the calls to accept.
  template <class Accept>
  std::size_t longest_at(std::string_view text, std::size_t pos, Accept&& accept) const {
    std::size_t found = npos;
    uint32_t node = 0;
    for (std::size_t i = pos; i < text.size(); ++i) {
      node = child(node, static_cast<unsigned char>(text[i]));
      if (node == kNone) break;
      if (const int32_t s = nodes_[node].special; s >= 0 && accept(static_cast<std::size_t>(s))) found = s;
    }
    return found;
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Node {
    std::vector<std::pair<unsigned char, uint32_t>> children;  // few per node: a linear search
    int32_t special = -1;                                      // the special token ending here
  };
  uint32_t child(uint32_t node, unsigned char byte) const {
    for (const auto& [b, next] : nodes_[node].children) {
      if (b == byte) return next;
    }
    return kNone;
  }

  std::vector<Node> nodes_;
  bool first_byte_[256] = {};
};

}  // namespace bpeviz
