// The tiles as a list in the mirror (see ui/access/token_list.h).
#include "ui/access/token_list.h"

#include "core/encoding.h"
#include "ui/access/spoken.h"
#include "ui/tokens/token_details.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

namespace {

std::string piece_text(std::string_view text, Span span) {
  return span.end > span.begin && span.end <= text.size() ? std::string(text.substr(span.begin, span.end - span.begin)) : "";
}

}  // namespace

std::string token_list_name(std::string_view text, std::span<const Token> tokens, const TokenGroup& group,
                            std::span<const Span> pieces, const Encoding* encoding) {
  const std::string of = " of " + std::to_string(tokens.size());
  const std::string place = group.token_count == 1 ? "token " + std::to_string(group.first_token + 1) + of
                                                   : "tokens " + std::to_string(group.first_token + 1) + " to " +
                                                         std::to_string(group.first_token + group.token_count) + of;
  const std::string said = spoken_quote(piece_text(text, {group.begin, group.end}));
  if (tokens[group.first_token].id == kUntokenized) return place + ": " + said + ", not tokenized yet";
  std::string ids = group.token_count == 1 ? ", id " : ", ids ";
  for (uint32_t t = 0; t < group.token_count; ++t) ids += (t ? " " : "") + std::to_string(tokens[group.first_token + t].id);
  const uint32_t bytes = group.end - group.begin;
  std::string name = place + ": " + said + ids + ", " + std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  if (encoding && encoding->is_special(tokens[group.first_token].id)) return name + ", special token";
  const std::size_t piece = pretoken_at(pieces, group.begin);
  if (piece < pieces.size()) name += ", pre-token " + spoken_quote(piece_text(text, pieces[piece]));
  return name;
}

int64_t mirror_token_list(AccessMirror& mirror, int64_t current, std::string_view text, std::span<const Token> tokens,
                          std::span<const TokenGroup> groups, std::span<const Span> pieces, const Encoding* encoding,
                          AccessRect rect, bool* opened) {
  const WindowList list{"tokens", "Tokens", "token:", rect};
  return mirror_window_list(mirror, list, current, groups.size(), [&](std::size_t g) {
    return token_list_name(text, tokens, groups[g], pieces, encoding);
  }, opened);
}

}  // namespace bpeviz
