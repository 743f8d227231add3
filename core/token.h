// A token as the UI and the tests see it: its id and the byte span [begin, end) of the input it covers.
#pragma once
#include <cstdint>

namespace bpeviz {

struct Token {
  uint32_t id;
  uint32_t begin;  // byte offset into the UTF-8 input
  uint32_t end;    // one past the last byte
  bool operator==(const Token&) const = default;
};

}  // namespace bpeviz
