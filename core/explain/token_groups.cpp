#include "core/explain/token_groups.h"

#include "core/text/utf8.h"

namespace bpeviz {

std::vector<TokenGroup> group_tokens_by_character(std::string_view text, std::span<const Token> tokens) {
  std::vector<TokenGroup> groups;
  groups.reserve(tokens.size());
  // End of the character that contains the last byte scanned; the run may start anywhere in the text.
  std::size_t char_end = tokens.empty() ? 0 : tokens[0].begin;
  for (uint32_t i = 0; i < tokens.size();) {
    TokenGroup group{i, 0, tokens[i].begin, tokens[i].begin};
    // Extend the group until its end falls on a character boundary.
    do {
      group.end = tokens[i].end;
      ++group.token_count;
      ++i;
      while (char_end < group.end) char_end += utf8_char_length(text, char_end);
    } while (i < tokens.size() && char_end != group.end);
    groups.push_back(group);
  }
  return groups;
}

}  // namespace bpeviz
