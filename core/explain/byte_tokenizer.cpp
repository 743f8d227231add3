#include "core/explain/byte_tokenizer.h"

namespace bpeviz {

std::vector<Token> encode_bytes(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto pos = static_cast<uint32_t>(i);
    tokens.push_back({static_cast<unsigned char>(text[i]), pos, pos + 1});
  }
  return tokens;
}

DecodeBytesResult decode_bytes(std::span<const uint32_t> ids) {
  DecodeBytesResult result;
  result.bytes.reserve(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] > 255) {
      result.bad_index = i;
      break;
    }
    result.bytes.push_back(static_cast<char>(ids[i]));
  }
  return result;
}

}  // namespace bpeviz
