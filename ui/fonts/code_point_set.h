// A set of code points that keeps the order they came in: the characters a text needs drawn.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

namespace bpeviz {

struct CodePointSet {
  std::vector<uint64_t> bits;  // one per code point, from the first add
  std::vector<uint32_t> list;  // the code points, in the order they were added
};

bool contains(const CodePointSet& set, uint32_t code_point);
// Adds `code_point` (below 0x110000); false when it was there already.
bool add(CodePointSet& set, uint32_t code_point);
// Adds the code points of `utf8` but ASCII (every font draws it); an ill-formed byte as U+FFFD, which
// is drawn for it.
void add_text(CodePointSet& set, std::string_view utf8);

}  // namespace bpeviz
