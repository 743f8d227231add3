// What a Hugging Face tokenizer.json adds to an Encoding beyond tiktoken's model: a normalizer, the
// merge rule (Hugging Face merges pairs by their place in the merges list), SentencePiece-style byte
// fallback and unknown tokens, BOS/EOS from the post-processor, and its decoder. Loaded by
// hf_tokenizer_json.h; run by hf_encoder.h for Encoding, which stays the one tokenizer type the UI knows.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text/normalizer.h"
#include "core/hf/pair_merge.h"
#include "core/special_token.h"
#include "core/special_trie.h"
#include "core/hf/split_rule.h"
#include "core/vocab.h"

namespace bpeviz {

struct HfModel {
  // The model's normalizer, and (unless `piecewise`) the pre-tokenizer's changes of the text after it.
  Normalizer normalizer;
  // The pre-tokenizer's splits, in order (a Split on " " for Gemma, a scanner for Qwen, a user's own
  // regex...). A model whose only split is one scanner runs on the Encoding's own pre-tokenizer.
  std::vector<SplitRule> splits;
  bool only_scanner() const {
    return splits.empty() || (splits.size() == 1 && splits[0].kind == SplitRule::Kind::scanner);
  }

  // The pre-tokenizer's own changes of the text (Metaspace's ▁, ByteLevel's prefix space). Hugging
  // Face makes them to each piece the splits before them cut, after matching the added tokens that are
  // looked for in normalized text. When none comes after a split and no added token is matched in
  // normalized text, they are folded into `normalizer` (the text is then one piece); otherwise the
  // model is `piecewise` and they run piece by piece (hf_encoder.cpp).
  struct PieceChange {
    std::size_t after_splits = 0;  // how many of `splits` come before it
    Normalizer change;
  };
  std::vector<PieceChange> piece_changes;
  bool piecewise = false;

  // Tokens are bytes (the file spells them in GPT-2's byte alphabet): symbols start as single bytes.
  // Otherwise (SentencePiece style) symbols start as characters of the normalized text.
  bool byte_level = true;
  // True when merging by pair priority; false when tiktoken's rule (rank of the merged bytes) was
  // checked at load to give the same tokens — files converted from tiktoken (Llama 3, gpt-oss) — and
  // the Encoding's faster tiktoken path runs instead.
  bool pair_rule = true;
  PairMerges merges;
  bool ignore_merges = false;  // a pre-token that is itself a token is taken whole, before merging
  bool byte_fallback = false;  // a character not in the vocabulary becomes its bytes' <0xNN> tokens
  std::array<uint32_t, 256> byte_tokens{};  // the <0xNN> ids (byte_fallback), or the single-byte ids
  uint32_t unk_id = Vocab::kNone;  // what an unknown character becomes, when the model names one
  bool fuse_unk = false;           // consecutive unknown characters become one unknown token

  // Added tokens matched in the normalized text (Hugging Face's "normalized" ones, under a normalizer):
  // their text is their content normalized, as Hugging Face matches them.
  std::vector<SpecialToken> added_after_normalizer;
  SpecialTrie added_after_normalizer_trie;

  // The post-processor's tokens around the text, added when encoding "with special tokens".
  std::vector<uint32_t> prefix_ids, suffix_ids;

  // Decoding: for SentencePiece-style models the decoded bytes of each id ("▁the" → " the", "<0x0A>"
  // → "\n"); empty when a token decodes to its own bytes. Then the decoder's Strip: how many leading
  // spaces the decoded text loses.
  std::vector<std::string> decoded;
  uint32_t strip_leading_spaces = 0;

  // One line for the page and the CLI: "NFC · Split(qwen2) · ByteLevel · BPE (merge priority)".
  std::string description;

  // The model's encode needs its own path (normalizing, pair merges, characters as symbols).
  bool own_path() const {
    return pair_rule || !byte_level || !normalizer.identity() || !only_scanner() || piecewise;
  }
};

}  // namespace bpeviz
