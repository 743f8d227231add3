// The schemes comparison from the lecture: the same text cut into characters (code points), bytes,
// words and BPE tokens — how many tokens each makes, how big a vocabulary each needs, and where each
// fails (characters: a huge vocabulary; bytes: long sequences; words: unseen words).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/text/pretokenize.h"

namespace bpeviz {

struct SchemeResult {
  std::string name;             // "characters", "bytes", "words (whitespace)", "words (<pre-tokenizer>)", "BPE (<encoding>)"
  std::size_t tokens = 0;
  std::size_t distinct = 0;     // distinct tokens in this text
  // The vocabulary the scheme needs for any text: 1,114,112 code points, 256 bytes, the BPE's
  // n_vocab; for words there is no bound (every new word needs an entry): distinct words here.
  std::size_t vocabulary = 0;
  // Words only: distinct words that are not one token of the BPE vocabulary (with or without a
  // leading space) — what a word-level model built from such a vocabulary would not know.
  std::size_t unseen = 0;
  double bytes_per_token = 0;
  std::vector<Span> spans;      // the tokens, for drawing the text under each scheme
};

// Characters, bytes, whitespace words (split at Unicode White_Space, which is left out), the BPE's
// pre-tokens as words (only when its pre-tokenizer is a regex: gpt2, cl100k, o200k), and the BPE
// itself (special tokens as text).
std::vector<SchemeResult> compare_schemes(std::string_view text, const Encoding& bpe);

// A word the BPE's vocabulary does not hold as one token, with or without a leading space.
bool is_unseen_word(std::string_view word, const Encoding& bpe);

}  // namespace bpeviz
