// The encode player's script: a text's BPE merges as one sequence of steps a class can watch, from
// one token per byte to the encode result.
//
// tiktoken merges each pre-token on its own: the lowest-ranked adjacent pair first. The player
// interleaves the pre-tokens by rank: each step takes the lowest rank that is the next merge of some
// pre-token and applies it in every pre-token whose next merge it is (repeatedly, where a pre-token
// holds it twice, as in "aaaa"). Within a pre-token the order is tiktoken's, so the last step's
// tokens are exactly what encode gives. Ranks mostly rise from step to step, but not always: a merge
// can make a pair of lower rank than itself.
#pragma once
#include <cstdint>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/text/pretokenize.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

// One place a step merged: the tokens [begin, mid) and [mid, end) became one (byte offsets in the
// text). mid == begin marks tiktoken's shortcut: a pre-token that is itself a token is taken whole,
// even where its merges would end in other tokens.
struct PlayerPlace {
  uint32_t begin, mid, end;
  bool operator==(const PlayerPlace&) const = default;
};

struct PlayerStep {
  uint32_t id = 0;                  // the token made
  uint32_t rank = 0;                // the merge's rank: the id under tiktoken's rule, the pair's place in
                                    // the merges list under Hugging Face's
  std::vector<PlayerPlace> places;  // in text order
  std::size_t tokens_after = 0;     // tokens in the played span after this step
};

class EncodePlayer {
 public:
  // Plays the pre-tokens of `text` that overlap `window` (the whole text when window is empty), so a
  // long text can be played for its visible part or a selection. Fails as encode does (a special
  // token the policy makes an error).
  static Result<EncodePlayer> create(const Encoding& encoding, std::string_view text, const SpecialPolicy& policy,
                                     Span window = {0, 0});

  // The span played: the window widened to whole pre-tokens.
  Span span() const { return span_; }
  const std::vector<PlayerStep>& steps() const { return steps_; }
  // Tokens before the first step: one per byte, or per character for a model that starts from
  // characters (special tokens are one token from the start).
  std::size_t tokens_before() const { return tokens_before_; }
  // The tokens of the played span after the first k steps (k = 0: bytes; k = steps().size(): encode's).
  std::vector<Token> tokens_at(std::size_t k) const;
  // The two parts a place merged, as ids (both kNone for a whole-pre-token place).
  std::pair<uint32_t, uint32_t> parts(const PlayerPlace& place) const;

 private:
  const Encoding* encoding_ = nullptr;
  std::string_view text_;
  Span span_{0, 0};
  std::vector<Token> specials_;  // special tokens in the span
  std::vector<PlayerStep> steps_;
  std::size_t tokens_before_ = 0;
  std::unordered_map<uint64_t, uint32_t> made_;  // the id each step made, by its span (begin << 32 | end),
                                                 // and each first symbol's
  std::vector<uint32_t> inside_symbol_;          // offsets inside a first symbol: no boundary there
  uint32_t id_of(uint32_t begin, uint32_t end) const;
};

}  // namespace bpeviz
