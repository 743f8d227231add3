// Where tokenizers disagree: given the tokens of one text under several tokenizers, the byte offsets
// where some of them end a token and others do not. The Compare tab marks these places.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/text/pretokenize.h"
#include "core/token.h"

namespace bpeviz {

// The offsets where a token begins or ends (zero-width tokens such as BOS count at their offset),
// sorted, without repeats. Tokens come in text order, as encode_with_spans gives them.
std::vector<uint32_t> token_boundaries(std::span<const Token> tokens);

struct BoundaryDiff {
  std::vector<uint32_t> differing;  // a boundary in at least one tokenization but not in all, sorted
  std::size_t shared = 0;           // how many offsets are a boundary in every one
};
// With fewer than two tokenizations nothing can differ. Linear in the tokens (a k-way merge).
BoundaryDiff compare_boundaries(std::span<const std::span<const Token>> tokenizations);

// The tokens that have one of `offsets` (sorted) strictly inside them: where another tokenizer cuts
// and this one does not. Their spans, in text order.
std::vector<Span> tokens_split_elsewhere(std::span<const Token> tokens, std::span<const uint32_t> offsets);

}  // namespace bpeviz
