// Where a text that arrives in parts (a file larger than memory) may be cut, so that each part encodes,
// or is counted for training, exactly as it does inside the whole text. Decided from the bytes near the
// cut alone, so a reader can cut a buffer before it has read what follows it.
//
// A cut p is one of:
//  - a line start: text[p-2] an ASCII graphic character, text[p-1] '\n', text[p] an ASCII letter;
//  - a word end: text[p-1] an ASCII letter or digit, text[p] ' ';
//  - the start of a special token that is matched wherever it stands (below);
// and no special token's text crosses p (starts before it and ends after it), nor, for the first two,
// covers text[p-1] or text[p].
//
// Why the first two are exact under the scanners gpt2, cl100k, o200k, qwen2 and whitespace: no
// alternative of their patterns puts a newline before a letter in one piece, nor an ASCII letter or digit
// before a space, so in the whole text a piece ends at p; their patterns look behind nothing, so the
// pieces from p on are those of text[p...] alone; and the one look-ahead, \s+(?!\S), is only evaluated
// at p by a run of white space that reaches p, which then holds text[p-1]. At a word end text[p-1] is
// no white space. At a line start the '\n' stands alone after a graphic character, and is one piece in
// the whole text and at the end of a part alike (gpt2's \s+(?!\S) fails on the letter and \s+ takes the
// '\n'; cl100k's \s*[\r\n]+ comes first). A '\n' after white space is no cut: under gpt2 "\n\nA" is
// "\n", "\n", "A" but "\n\n" alone is one piece.
// A tokenizer.json model qualifies when nothing but such a scanner and Unicode normalization (NFC, NFD,
// NFKC, NFKD) runs before BPE: no ASCII character composes with the character before it, so the
// normalized parts are the parts of the normalized text.
//
// A special token starting at p ends the text before it in the whole text too, when every match before p
// ends by p (none crosses p, and none may take white space up to p: the token starts with an ASCII
// graphic byte) and it is matched there whatever precedes it (no lstrip, no single_word, not matched in
// a second pass).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/special_trie.h"
#include "core/text/pretokenize.h"

namespace bpeviz {

class StreamCuts {
 public:
  // The cuts for encoding with `encoding` under `policy` (a special token cuts when the policy allows it).
  static StreamCuts for_encoding(const Encoding& encoding, const SpecialPolicy& policy);
  // The cuts for training (core/train/training_text.h): every special token is matched.
  static StreamCuts for_training(Pretokenizer pretokenizer, const std::vector<std::string>& specials);

  // Whether the text may ever be cut (none with pre-tokenizer "none" and no special token that cuts).
  bool any() const { return text_cuts_ || special_cuts_; }
  // Bytes after a cut that must be known to decide it: the longest special token, at least 1.
  std::size_t look_ahead() const { return look_ahead_; }
  // Whether p is a cut (0 < p and p + look_ahead() <= text.size()).
  bool is_cut(std::string_view text, std::size_t p) const;
  // The last cut p with not_before <= p (and p + look_ahead() <= text.size()), or 0 when there is none.
  std::size_t last_cut(std::string_view text, std::size_t not_before = 0) const;
  // The first cut at or after `from`, or text.size() when there is none.
  std::size_t first_cut(std::string_view text, std::size_t from) const;

 private:
  StreamCuts(bool text_cuts, std::vector<std::string> specials, std::vector<bool> matched, std::vector<bool> cutting);

  bool text_cuts_ = false;
  bool special_cuts_ = false;
  std::vector<std::string> specials_;  // every special token the text may hold
  std::vector<bool> matched_;          // by index into specials_: matched where it starts (the first pass)
  std::vector<bool> cutting_;          // ... and the text may be cut there
  SpecialTrie trie_;                   // over specials_
  std::size_t look_ahead_ = 1;
};

}  // namespace bpeviz
