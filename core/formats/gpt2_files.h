// GPT-2's original vocabulary files: encoder.json (token string → id, the bytes spelled in GPT-2's
// printable byte alphabet, e.g. "Ġthe" for " the") and vocab.bpe (the merges in rank order).
// Ranks are rebuilt from the merges as tiktoken's data_gym_to_mergeable_bpe_ranks does, then checked
// against encoder.json; its entries that no merge makes (<|endoftext|>) are special tokens.
//
// Two cases go beyond tiktoken's loader, so that the files bpeviz writes for a trained model (Hugging
// Face's form: bpe_model.h, model_file.h) load back with the model's ids:
// - The 256 single bytes take the ids encoder.json gives them when those number the bytes 0–255 in
//   some order (bpeviz gives byte b id b); otherwise tiktoken's order (printable bytes first), which
//   is GPT-2's. tiktoken itself insists on GPT-2's order.
// - A vocab.bpe line whose merged bytes an earlier line already made — (a, bc) after (ab, c) — keeps
//   the earlier rank and takes no new one: the next line's merge gets the next rank. Hugging Face's
//   loader accepts such files the same way (the merge maps to the existing token's id); tiktoken's
//   would fail its consistency check. Our encoder merges by the rank of the merged bytes (tiktoken's
//   rule), so such a line has no effect on how we encode; Hugging Face, which ranks pairs by their
//   line, can encode some texts differently (bpe_model.h).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/status.h"
#include "core/vocab.h"

namespace bpeviz {

struct Gpt2Vocabulary {
  Vocab ranks;
  std::vector<SpecialToken> specials;  // in id order
};

Result<Gpt2Vocabulary> load_gpt2_files(std::string_view encoder_json, std::string_view vocab_bpe);

// GPT-2's byte ↔ printable character mapping (bytes_to_unicode in GPT-2's encoder.py): printable
// Latin-1 bytes stand for themselves, the other 68 bytes for U+0100 onwards in byte order.
uint32_t gpt2_byte_to_char(uint8_t byte);
// The byte a character stands for, or -1 when it is not in the alphabet.
int gpt2_char_to_byte(uint32_t code_point);

}  // namespace bpeviz
