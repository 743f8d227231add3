// An encoding, as tiktoken defines one: mergeable ranks (token bytes → id), a pre-tokenizer that
// splits text into pieces, and special tokens (string → id) that are matched before everything else.
// Special-token policy lives here and nowhere else.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/bpe_merge.h"
#include "core/hf/hf_model.h"
#include "core/text/pretokenize.h"
#include "core/special_token.h"
#include "core/special_trie.h"
#include "core/status.h"
#include "core/token.h"
#include "core/vocab.h"

namespace bpeviz {

// What to do with special-token text, as tiktoken's encode(allowed_special, disallowed_special):
// allowed specials become their ids; the others are either an error (tiktoken's default) or text.
struct SpecialPolicy {
  bool allow_all = false;
  std::vector<std::string> allowed;
  bool others_are_errors = true;
  // Hugging Face's add_special_tokens: the post-processor's tokens (BOS/EOS) around the text, for
  // models whose tokenizer.json names them. They cover no text: their spans are empty.
  bool add_special_tokens = false;

  static SpecialPolicy allow_all_specials() { return {true, {}, true}; }
  static SpecialPolicy all_as_text() { return {false, {}, false}; }
  static SpecialPolicy error_on_specials() { return {false, {}, true}; }
  bool allows(std::string_view special) const;
  // Whether `token` is matched as its id: always for an added token that is not special.
  bool allows(const SpecialToken& token) const { return !token.special || allows(token.text); }
};

// One pre-token's merges, for the "watch BPE happen" views. Its final tokens equal what encode gives.
struct PieceTrace {
  uint32_t begin = 0, end = 0;       // the piece's byte span in the input
  uint32_t special_id = Vocab::kNone; // a special token matched here (no merges), else kNone
  bool whole_piece_token = false;    // the piece is itself a token: encode takes it at once, and the
                                     // last step says so even if the merges ended elsewhere
  std::vector<MergeStep> steps;      // offsets relative to the piece
  std::vector<Token> tokens;         // the result, with spans in the input
  std::vector<Token> symbols;        // what the merges start from, spans in the input, when it is not one
                                     // token per byte (Hugging Face: characters, byte fallback, a "▁"
                                     // a normalizer added, which covers no input)
};

class Encoding {
 public:
  Encoding() = default;
  Encoding(std::string name, Pretokenizer pretokenizer, Vocab ranks, std::vector<SpecialToken> specials,
           uint32_t n_vocab);

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  Pretokenizer pretokenizer() const { return pretokenizer_; }
  const Vocab& ranks() const { return ranks_; }
  const std::vector<SpecialToken>& specials() const { return specials_; }
  uint32_t n_vocab() const { return n_vocab_; }
  // A Hugging Face tokenizer.json's model (hf_tokenizer_json.h), or null for tiktoken-style encodings.
  const HfModel* hf_model() const { return hf_.get(); }
  void set_hf_model(std::shared_ptr<const HfModel> model) { hf_ = std::move(model); }

  // Each of encode, encode_ordinary, encode_with_spans, pieces and trace fails, with the message, when
  // a Hugging Face model's own pre-tokenizer regex (a user's tokenizer.json) gives up on the text
  // (regex.h): its output is still all there, but the text after that point was not split as the
  // model would split it.
  // Ids only: the fast path.
  Result<std::vector<uint32_t>> encode(std::string_view text, const SpecialPolicy& policy) const;
  Result<std::vector<uint32_t>> encode_ordinary(std::string_view text) const;
  // The same into `ids` (cleared first), keeping its memory: many short calls allocate nothing.
  Status encode_ordinary(std::string_view text, std::vector<uint32_t>& ids) const;
  // Tokens with their byte spans in the input, for drawing.
  Result<std::vector<Token>> encode_with_spans(std::string_view text, const SpecialPolicy& policy) const;
  // The pre-token spans (special tokens allowed by the policy are pieces of their own).
  Result<std::vector<Span>> pieces(std::string_view text, const SpecialPolicy& policy) const;
  Result<std::vector<PieceTrace>> trace(std::string_view text, const SpecialPolicy& policy) const;

  // How `piece` (spelled as the vocabulary spells tokens: ranks().token(id)) is merged by this
  // encoding's rule, for the merge tree: its first symbols (bytes, or characters for SentencePiece-style
  // models) with spans in the piece, the steps (appended to `steps`), and where the final tokens start.
  struct PieceMerges {
    std::vector<Token> symbols;
    std::vector<uint32_t> bounds;
  };
  PieceMerges merge_piece(std::string_view piece, std::vector<MergeStep>& steps) const;
  // The token a stretch of the input is as one symbol: its bytes, or for a Hugging Face model with a
  // normalizer, its normalized text (" " is "▁" to SentencePiece). kNone when it is no token.
  uint32_t find_input_token(std::string_view input) const;

  // The bytes of a token (a special token's text for special ids); empty for unknown ids.
  std::string_view token_bytes(uint32_t id) const;
  // A special token or an added token (matched whole, never merged).
  bool is_special(uint32_t id) const;
  // ...of which an added token that is not special (SpecialToken::special): text-like under every policy.
  bool is_added_token(uint32_t id) const;

  // This encoding with `texts` as special tokens too, as CS336's Tokenizer(vocab, merges, special_tokens)
  // takes them: a text already a special or added token keeps its id (and becomes special), one the
  // vocabulary has as a token takes that token's id, any other the next free id, in the order given.
  // Matching stays longest first, so overlapping specials ("<|endoftext|>" and "<|endoftext|><|endoftext|>")
  // work. Error: an empty text.
  Result<Encoding> with_special_tokens(std::span<const std::string> texts) const;
  // Concatenated token bytes; an unknown id is an error naming its position.
  Result<std::string> decode_bytes(std::span<const uint32_t> ids) const;
  // The same as UTF-8 text, with U+FFFD for ill-formed sequences.
  Result<std::string> decode_text(std::span<const uint32_t> ids) const;

 private:
  // Finds the first special token at or after `from`: its position and index, or npos.
  struct SpecialMatch {
    std::size_t pos = std::string_view::npos;
    std::size_t index = 0;
  };
  // `normalized_pass`: look only for the specials with `normalized` set, else only for the others.
  SpecialMatch find_special(std::string_view text, std::size_t from, const SpecialPolicy& policy,
                            bool allowed_only, bool normalized_pass = false) const;
  // Walks the text split at the special tokens the policy allows: on_text(begin, end) for each
  // stretch of ordinary text, on_special(special, begin, end) for each special token (its span takes
  // the white space lstrip/rstrip give it). Returns the error message when the policy makes a special
  // token in the text an error (and then walks nothing), else "".
  template <class OnText, class OnSpecial>
  std::string split_at_specials(std::string_view text, const SpecialPolicy& policy, OnText&& on_text,
                                OnSpecial&& on_special) const;
  // One pass of Hugging Face's added-token matching over text[begin, end).
  template <class OnText, class OnSpecial>
  void walk_specials(std::string_view text, std::size_t begin, std::size_t end, const SpecialPolicy& policy,
                     bool normalized_pass, OnText&& on_text, OnSpecial&& on_special) const;
  template <class Sink>
  std::string encode_into(std::string_view text, const SpecialPolicy& policy, Sink&& sink) const;
  // `policy`: which added tokens the Hugging Face path (hf_encoder.h) may match in normalized text
  // (none when null).
  template <class Sink>
  Status encode_ordinary_into(std::string_view text, uint32_t offset, Sink&& sink,
                              const SpecialPolicy* policy = nullptr) const;

  std::string name_;
  Pretokenizer pretokenizer_ = Pretokenizer::none;
  Vocab ranks_;
  std::vector<SpecialToken> specials_;          // longest first, for matching
  std::vector<SpecialToken> special_names_;     // by id; of two names for one id, the later one
  uint32_t n_vocab_ = 0;
  SpecialTrie special_trie_;                    // over specials_, for find_special
  bool normalized_specials_ = false;            // some specials are matched in the second pass
  bool added_tokens_ = false;                   // some are added tokens, not special: matched under every policy
  uint64_t serial_ = 0;  // tells this encoding's piece cache apart (piece_cache.h); copies share it
  std::shared_ptr<const HfModel> hf_;
};

}  // namespace bpeviz
