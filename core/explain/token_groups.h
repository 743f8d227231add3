// Groups consecutive tokens so that each group covers whole characters. A token that splits a
// character (an emoji cut into byte tokens) joins its neighbours, and the character is drawn once
// with all its ids instead of as mojibake.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "core/token.h"

namespace bpeviz {

struct TokenGroup {
  uint32_t first_token;  // index into the token list
  uint32_t token_count;
  uint32_t begin, end;   // byte span of the group in the text
};

// Tokens must be sorted, non-overlapping and without gaps, from the start of a character: the whole
// text's, or a run of them (a part of a long text), with first_token counted within the run.
std::vector<TokenGroup> group_tokens_by_character(std::string_view text, std::span<const Token> tokens);

}  // namespace bpeviz
