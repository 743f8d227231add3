// A trained byte-level BPE tokenizer: the 256 byte tokens, the merges in the order training made
// them, and special tokens. The trainer produces one; the model file stores one; the encoder runs
// one through make_model_encoding.
//
// Ids: 0–255 are the single bytes (id = byte value); merged tokens follow in creation order; special
// tokens come last, after every merged token. So the ids are dense and a token's id is its rank,
// which is what tiktoken's `.tiktoken` format needs.
//
// A merge that makes bytes an earlier merge already made — (a, bc) after (ab, c), both "abc" — gets
// no new id: it is recorded with the existing token's id (as Hugging Face's trainer does). The
// vocabulary therefore never holds the same bytes twice, and the encoder, which applies tiktoken's
// rule (merge the adjacent pair whose concatenation has the lowest rank), needs no second rule.
// Both our trainers reuse the id this way; a search over millions of small random texts found no
// run of ours that makes such a merge (merging every occurrence left to right seems to rule it
// out), but a model file or a merges.txt from elsewhere can hold one.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/text/pretokenize.h"
#include "core/status.h"

namespace bpeviz {

struct BpeMerge {
  uint32_t left = 0, right = 0;  // the pair's ids
  uint32_t id = 0;               // the merged token: a new id, or an earlier one with the same bytes
  bool operator==(const BpeMerge&) const = default;
};

// How the trainer breaks a tie between pairs of equal count.
enum class TieRule : uint8_t {
  greater,  // the lexicographically greater pair: left parts' bytes first, then right parts' (Python's
            // comparison of (bytes, bytes) tuples, as in the CS336 assignment)
  first,    // the pair whose first occurrence starts earliest in the training text
};
std::string_view tie_rule_name(TieRule rule);
bool tie_rule_from_name(std::string_view name, TieRule& rule);

struct BpeModel {
  Pretokenizer pretokenizer = Pretokenizer::gpt2;
  TieRule tie = TieRule::greater;              // recorded so a model says how it was made
  std::vector<std::string> tokens;             // bytes by id: the 256 bytes, then merged tokens
  std::vector<BpeMerge> merges;                // in creation order
  std::vector<SpecialToken> specials;          // ids from tokens.size() on

  uint32_t n_vocab() const { return static_cast<uint32_t>(tokens.size() + specials.size()); }
  // A model with the 256 byte tokens and nothing else.
  static BpeModel bytes_only(Pretokenizer pretokenizer);
  // Checks the invariants above (dense ids, merges consistent with the token bytes, distinct token
  // bytes, specials after the tokens and not empty); "" when they hold, else what is wrong.
  std::string check() const;
};

// The model as an encoding (tiktoken's rule; ranks = ids). Fails when check() does.
Result<Encoding> make_model_encoding(const BpeModel& model, std::string name);

}  // namespace bpeviz
