// A special token, and Hugging Face's added tokens with their options: what the text is cut at before
// anything else. The matching is shared by the first passes (Encoding::split_at_specials) and the pass
// Hugging Face makes over normalized text (hf_encoder.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text/pretokenize.h"
#include "core/special_trie.h"
#include "core/text/utf8.h"

namespace bpeviz {

struct SpecialToken {
  std::string text;
  uint32_t id;
  // Governed by the special-token policy (SpecialPolicy): every tiktoken special, and the added tokens a
  // tokenizer.json marks "special". Its other added tokens (Gemma 3's "\n", Qwen's "<tool_call>") are
  // text-like: Hugging Face matches them under every setting, so every policy here does too.
  bool special = true;
  // Hugging Face's added-token options (tiktoken's specials have none of them):
  bool lstrip = false;       // the token takes the white space before it
  bool rstrip = false;       // ... and after it
  bool single_word = false;  // matched only where no word character touches it
  bool normalized = false;   // matched in a second pass, in the text between the other added tokens
  bool in_normalized_text = false;  // ...and that pass runs on the normalized text (a model with a
                                    // normalizer: HfModel::added_after_normalizer has its normalized form)
};

// Hugging Face's added-token matching over text[begin, end): the leftmost, then longest, of `list` (over
// which `trie` is built) that accept(index) takes, with single_word, lstrip and rstrip as there;
// on_text(b, e) for the text between, on_special(token, b, e) for each match (its span takes the white
// space lstrip/rstrip give it).
template <class Accept, class OnText, class OnSpecial>
void match_added_tokens(std::string_view text, std::size_t begin, std::size_t end, const std::vector<SpecialToken>& list,
                        const SpecialTrie& trie, Accept&& accept, OnText&& on_text, OnSpecial&& on_special);

// A word character (\w), as Hugging Face's single_word asks of a token's neighbours.
bool is_word_character(uint32_t code_point);

// The first position at or after `from` where a token of `trie` that accept(index) takes starts, and
// the longest such token's index; {npos, npos} when there is none. O(n · the longest token's length):
// the trie, not a comparison with every token.
template <class Accept>
std::pair<std::size_t, std::size_t> find_added_token(std::string_view text, std::size_t from, const SpecialTrie& trie,
                                                     Accept&& accept) {
  for (std::size_t pos = from; pos < text.size(); ++pos) {
    if (!trie.may_start(static_cast<unsigned char>(text[pos]))) continue;
    if (const std::size_t k = trie.longest_at(text, pos, accept); k != SpecialTrie::npos) return {pos, k};
  }
  return {std::string_view::npos, SpecialTrie::npos};
}

template <class Accept, class OnText, class OnSpecial>
void match_added_tokens(std::string_view text, std::size_t begin, std::size_t end, const std::vector<SpecialToken>& list,
                        const SpecialTrie& trie, Accept&& accept, OnText&& on_text, OnSpecial&& on_special) {
  const std::string_view part = text.substr(0, end);
  std::size_t start = begin;   // where the text not yet handed out starts
  std::size_t search = begin;  // where the next match may start (after a skipped one too)
  for (;;) {
    const auto [pos, k] = find_added_token(part, search, trie, accept);
    if (k == SpecialTrie::npos) break;
    const SpecialToken& special = list[k];
    std::size_t b = pos, e = pos + special.text.size();
    search = e;
    if (special.single_word) {
      const bool word_before = b > begin && is_word_character(utf8_code_point(part, utf8_previous_char(part, begin, b)));
      const bool word_after = e < end && is_word_character(utf8_code_point(part, e));
      if (word_before || word_after) continue;
    }
    if (special.lstrip) {
      while (b > start) {
        const std::size_t p = utf8_previous_char(part, start, b);
        if (!is_white_space(utf8_code_point(part, p))) break;
        b = p;
      }
    }
    if (special.rstrip) {
      while (e < end && is_white_space(utf8_code_point(part, e))) e += utf8_char_length(part, e);
      search = e;
    }
    on_text(start, b);
    on_special(special, b, e);
    start = e;
  }
  on_text(start, end);
}

}  // namespace bpeviz
