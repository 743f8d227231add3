// The tiles as a list in the mirror (see ui/access/token_list.h).
#include "ui/access/token_list.h"

#include <algorithm>
#include <charconv>

#include "core/encoding.h"
#include "ui/tokens/token_details.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

namespace {

// The text quoted, as a screen reader can say it: control characters by their escapes.
std::string quoted(std::string_view s) {
  std::string out = "'";
  for (const char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out + "'";
}

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
  const std::string said = quoted(piece_text(text, {group.begin, group.end}));
  if (tokens[group.first_token].id == kUntokenized) return place + ": " + said + ", not tokenized yet";
  std::string ids = group.token_count == 1 ? ", id " : ", ids ";
  for (uint32_t t = 0; t < group.token_count; ++t) ids += (t ? " " : "") + std::to_string(tokens[group.first_token + t].id);
  const uint32_t bytes = group.end - group.begin;
  std::string name = place + ": " + said + ids + ", " + std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
  if (encoding && encoding->is_special(tokens[group.first_token].id)) return name + ", special token";
  const std::size_t piece = pretoken_at(pieces, group.begin);
  if (piece < pieces.size()) name += ", pre-token " + quoted(piece_text(text, pieces[piece]));
  return name;
}

int64_t token_list_move(int64_t current, std::size_t tiles, std::string_view command) {
  if (tiles == 0) return -1;
  const int64_t last = static_cast<int64_t>(tiles) - 1;
  const int64_t from = std::clamp<int64_t>(current, 0, last);
  int64_t to = from;
  if (command == "next") to = current < 0 ? 0 : from + 1;
  else if (command == "previous") to = from - 1;
  else if (command == "first") to = 0;
  else if (command == "last") to = last;
  else if (command == "page-down") to = from + kTokenListReach;
  else if (command == "page-up") to = from - kTokenListReach;
  else if (int64_t index = 0; std::from_chars(command.data(), command.data() + command.size(), index).ec == std::errc()) to = index;
  return std::clamp<int64_t>(to, 0, last);
}

int64_t mirror_token_list(AccessMirror& mirror, int64_t current, std::string_view text, std::span<const Token> tokens,
                          std::span<const TokenGroup> groups, std::span<const Span> pieces, const Encoding* encoding,
                          AccessRect rect, bool* opened) {
  if (groups.empty()) return -1;
  if (const auto command = mirror_take(mirror, "tokens")) {
    if (*command != "open") current = token_list_move(current, groups.size(), *command);
    else if (opened && current >= 0 && current < static_cast<int64_t>(groups.size())) *opened = true;
  }
  if (current >= static_cast<int64_t>(groups.size())) current = static_cast<int64_t>(groups.size()) - 1;
  const int64_t shown = std::max<int64_t>(current, 0);
  AccessNode list;
  list.role = AccessRole::listbox;
  list.key = "tokens";
  list.name = "Tokens";
  list.value = current < 0 ? "" : "token:" + std::to_string(current);  // the active one
  list.rect = rect;
  const int index = mirror_add(mirror, std::move(list));
  const int64_t begin = std::max<int64_t>(0, shown - kTokenListReach);
  const int64_t end = std::min<int64_t>(static_cast<int64_t>(groups.size()), shown + kTokenListReach + 1);
  for (int64_t g = begin; g < end; ++g) {
    AccessNode option;
    option.role = AccessRole::option;
    option.key = "token:" + std::to_string(g);
    option.name = token_list_name(text, tokens, groups[static_cast<std::size_t>(g)], pieces, encoding);
    option.on = g == current;
    option.place = static_cast<uint32_t>(g + 1);
    option.set_size = static_cast<uint32_t>(groups.size());
    mirror_add(mirror, std::move(option), index);
  }
  return current;
}

}  // namespace bpeviz
