// The simplest tokenizer there is: one token per UTF-8 byte, whose id is the byte's value (0–255).
// It is the starting point of every byte-level BPE, and the page's baseline scheme.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/token.h"

namespace bpeviz {

std::vector<Token> encode_bytes(std::string_view text);

// Ids above 255 are not bytes: decoding stops there and reports the first such index.
struct DecodeBytesResult {
  std::string bytes;
  std::size_t bad_index = SIZE_MAX;  // SIZE_MAX when every id was a byte
};
DecodeBytesResult decode_bytes(std::span<const uint32_t> ids);

}  // namespace bpeviz
