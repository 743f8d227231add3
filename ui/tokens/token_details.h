// What the token view's tooltip says about one tile (a token, or the tokens that share a character):
// ids, bytes in hex, the decoded text, byte length, and the pre-token it came from. The page's
// JavaScript API reports the same for the tile under the mouse.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <imgui.h>

#include "core/encoding.h"
#include "core/token.h"
#include "core/explain/token_groups.h"

namespace bpeviz {

struct TokenDetails {
  std::string ids;      // "9468 239 233": one id, or every id of a group
  std::string hex;      // "F0 9F 91 | 8B": each token's bytes, tokens separated by |
  std::string text;     // the decoded text, whitespace and control characters made visible
  uint32_t byte_length = 0;
  uint32_t token_count = 0;
  bool special = false;  // a special or added token: matched whole, never merged
  bool added = false;    // ...an added token that is not special (a tokenizer.json's "special": false)
  Span pretoken{0, 0};       // byte span of the pre-token the tile lies in
  std::string pretoken_text; // its text, made visible like `text`
};

// The pre-token (index into `pieces`) that holds byte `pos`, or pieces.size() when none does.
std::size_t pretoken_at(std::span<const Span> pieces, uint32_t pos);

// `encoding` is null for the byte-level baseline (no special tokens). `font` decides which characters
// are shown as U+XXXX names.
TokenDetails describe_token_group(std::string_view text, std::span<const Token> tokens, const TokenGroup& group,
                                  std::span<const Span> pieces, const Encoding* encoding, const ImFont* font);

}  // namespace bpeviz
