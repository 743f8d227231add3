#include "ui/tokens/token_details.h"

#include <algorithm>
#include <cstdio>

#include "ui/tokens/visible_text.h"

namespace bpeviz {

namespace {
// A tooltip, not a hex dump: a long pre-token or token is cut here, with an ellipsis.
constexpr uint32_t kMaxShownBytes = 48;
}

std::size_t pretoken_at(std::span<const Span> pieces, uint32_t pos) {
  auto it = std::upper_bound(pieces.begin(), pieces.end(), pos, [](uint32_t p, const Span& s) { return p < s.begin; });
  if (it == pieces.begin()) return pieces.size();
  --it;
  return pos < it->end ? static_cast<std::size_t>(it - pieces.begin()) : pieces.size();
}

TokenDetails describe_token_group(std::string_view text, std::span<const Token> tokens, const TokenGroup& group,
                                  std::span<const Span> pieces, const Encoding* encoding, const ImFont* font) {
  TokenDetails d;
  d.byte_length = group.end - group.begin;
  d.token_count = group.token_count;
  uint32_t shown = 0;
  for (uint32_t t = group.first_token; t < group.first_token + group.token_count; ++t) {
    const Token& token = tokens[t];
    if (t != group.first_token) d.ids.push_back(' ');
    d.ids += std::to_string(token.id);
    if (encoding && encoding->is_special(token.id)) {
      d.added = !d.special && encoding->is_added_token(token.id);
      d.special = true;
    }
    if (shown > kMaxShownBytes) continue;
    if (t != group.first_token) d.hex += " | ";
    for (uint32_t i = token.begin; i < token.end; ++i, ++shown) {
      if (shown == kMaxShownBytes) {
        d.hex += " …";
        ++shown;
        break;
      }
      char b[4];
      std::snprintf(b, sizeof b, i == token.begin ? "%02X" : " %02X", static_cast<unsigned char>(text[i]));
      d.hex += b;
    }
  }
  const std::string_view group_text = text.substr(group.begin, std::min(d.byte_length, 4 * kMaxShownBytes));
  append_visible_text(d.text, group_text, true, font);
  if (group_text.size() < d.byte_length) d.text += "…";
  const std::size_t p = pretoken_at(pieces, group.begin);
  if (p < pieces.size()) {
    d.pretoken = pieces[p];
    const uint32_t length = std::min(d.pretoken.end - d.pretoken.begin, 4 * kMaxShownBytes);
    append_visible_text(d.pretoken_text, text.substr(d.pretoken.begin, length), true, font);
    if (length < d.pretoken.end - d.pretoken.begin) d.pretoken_text += "…";
  }
  return d;
}

}  // namespace bpeviz
