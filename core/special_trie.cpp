#include "core/special_trie.h"

namespace bpeviz {

SpecialTrie::SpecialTrie(const std::vector<std::string_view>& texts) : nodes_(1) {
  for (std::size_t index = 0; index < texts.size(); ++index) {
    const std::string_view text = texts[index];
    if (text.empty()) continue;
    first_byte_[static_cast<unsigned char>(text[0])] = true;
    uint32_t node = 0;
    for (const char c : text) {
      uint32_t next = child(node, static_cast<unsigned char>(c));
      if (next == kNone) {
        next = static_cast<uint32_t>(nodes_.size());
        nodes_[node].children.emplace_back(static_cast<unsigned char>(c), next);
        nodes_.emplace_back();  // after the emplace_back above: `nodes_[node]` may move
      }
      node = next;
    }
    if (nodes_[node].special < 0) nodes_[node].special = static_cast<int32_t>(index);
  }
}

}  // namespace bpeviz
