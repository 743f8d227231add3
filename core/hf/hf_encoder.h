// Hugging Face's encode path, for the models whose HfModel::own_path(): normalize, split, start from
// characters or bytes, merge by pair priority (pair_merge.h). Encoding calls it over its own model and
// vocabulary; nothing is kept between calls but the Encoding's piece cache.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/hf/hf_model.h"
#include "core/status.h"
#include "core/vocab.h"

namespace bpeviz {

struct HfEncoder {
  const HfModel& model;
  const Vocab& ranks;
  uint64_t cache_serial;  // the Encoding's piece cache (piece_cache.h)

  // Normalizes `text` (which starts at `offset` in the input), splits it and merges each piece, and
  // appends its tokens to `tokens`, or with `traces` its pieces' traces there instead, all with spans
  // in the input. `policy`: which added tokens may be matched in the normalized text (none when null).
  // Fails when a regex split gave up (Regex::find_matches): the rest of that text was not split as
  // the model would split it, though its tokens are all there.
  Status encode(std::string_view text, uint32_t offset, const SpecialPolicy* policy, std::vector<Token>& tokens,
                std::vector<PieceTrace>* traces = nullptr) const;
  // Only the pre-token spans, in the input (appended); fails as encode does.
  Status pieces(std::string_view text, uint32_t offset, const SpecialPolicy* policy, std::vector<Span>& out) const;

  // The symbols the merges of `piece` (normalized text) start from: its bytes for byte-level models,
  // else its characters, with byte fallback and unknown tokens as Hugging Face has them.
  void symbols(std::string_view piece, std::vector<Symbol>& out) const;
  // Encoding::merge_piece by pair priority.
  Encoding::PieceMerges merge_piece(std::string_view piece, std::vector<MergeStep>& steps) const;
  // The token `input` is once normalized (the normalizer's and the pre-tokenizer's changes), or kNone.
  uint32_t find_normalized_token(std::string_view input) const;
};

}  // namespace bpeviz
