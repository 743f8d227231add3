// Pre-tokenizers: split text into the pieces ("chunks") that BPE then encodes one by one, with the exact
// semantics of the regular expressions tiktoken uses, implemented as hand-written scanners.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text/unicode_data.h"  // is_white_space, which callers of the scanners use too

namespace bpeviz {

// Each scanner's regex, as tiktoken and tokenizer.json files spell it, is in pretokenize_patterns.h.
enum class Pretokenizer : uint8_t {
  none,        // the whole text is one piece
  whitespace,  // runs of non-whitespace, and runs of whitespace, alternate (split on White_Space)
  gpt2,        // GPT-2/r50k/p50k
  cl100k,      // cl100k_base
  o200k,       // o200k_base
  qwen2,       // Qwen2/Qwen3: cl100k's pattern with \p{N} instead of \p{N}{1,3} (one piece per digit)
  deepseek_v3, // DeepSeek-V3: Hugging Face's three Splits (numbers, then CJK runs, then words), each applied
               // to the pieces of the one before; text no alternative matches is a piece too
};

struct Span {
  uint32_t begin, end;  // byte offsets [begin, end)
  bool operator==(const Span&) const = default;
};

// Appends the pieces of `text` to `out` (does not clear it). Pieces are non-empty, in order, and cover the text
// exactly. Works on any bytes: an ill-formed UTF-8 byte counts as one character of category So (as if U+FFFD).
// Offsets are 32-bit, so the text must be shorter than 4 GiB.
void pretokenize(Pretokenizer kind, std::string_view text, std::vector<Span>& out);

// Name as used in files and on the command line ("none", "whitespace", "gpt2", "cl100k", "o200k", "qwen2",
// "deepseek_v3"), and back.
std::string_view pretokenizer_name(Pretokenizer kind);
bool pretokenizer_from_name(std::string_view name, Pretokenizer& kind);

}  // namespace bpeviz
