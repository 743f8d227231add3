// A trained BPE model (bpe_model.h) as files: bpeviz's own versioned model file, which loads back;
// a human-readable vocabulary beside it (like minbpe's .vocab); and exports that other tools and our
// own loaders read — tiktoken's ranks, and GPT-2/Hugging Face's vocab.json + merges.txt.
//
// The model file, version 1 (text, '\n' line ends):
//
//   bpeviz-bpe 1                  format name and version
//   pretokenizer gpt2             pretokenizer_name (pretokenize.h)
//   tie greater                   tie_rule_name (bpe_model.h): how training broke ties
//   specials 1                    the number of special tokens, then one per line:
//   <|endoftext|> 259             its text (escaped, below) and its id
//   merges 3                      the number of merges, then one per line in creation order:
//   32 116 256                    left id, right id, the merged token's id ( t = " " + "t")
//   256 104 257                   ( th)
//   257 101 258                   ( the)
//
// The ids follow bpe_model.h: a merge's id is the next new one, or an earlier token's when the
// merge remakes its bytes, so the duplicate-bytes case is stored exactly as it happened. Special
// tokens' ids follow the merged tokens.
//
// Escaping (special tokens here; every token in the vocabulary companion): printable UTF-8 text as
// is; "\\" for a backslash; "\t", "\n", "\r"; "\xHH" for every other byte of a control, format,
// separator or unassigned character and of ill-formed UTF-8 — and, in the model file, for the space.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/train/bpe_model.h"
#include "core/status.h"

namespace bpeviz {

// The model file.
std::string write_model_file(const BpeModel& model);
// Errors name the line: a bad header or unknown version, an unknown pre-tokenizer or tie rule, bad
// numbers or escapes, a merge that uses a token not made yet or gives an id out of order, a
// truncated file, text after the last merge, tokens adding up to more than max_token_bytes (a
// hostile file can double a token's length with every line; real vocabularies hold a few MB). The
// result passes BpeModel::check().
Result<BpeModel> load_model_file(std::string_view bytes, std::size_t max_token_bytes = std::size_t{256} << 20);

// One line per token: its id, its bytes in [ ] (escaped as above, spaces as they are), and for a
// merged token the pair that made it ("<- 32 [ ] + 116 [t]", a second pair when a later merge
// remade the same bytes); special tokens say "special". For people; nothing loads it.
std::string write_vocab_companion(const BpeModel& model);

// tiktoken's .tiktoken ranks: "<base64 bytes> <id>" per token, ids = ranks. Special tokens have no
// place in the format: a loader is given them separately (the CLI reads them from the model file).
std::string write_tiktoken_ranks(const BpeModel& model);

// GPT-2's encoder.json form (Hugging Face's vocab.json): token → id as one JSON object, keys in id
// order, ordinary tokens spelled in GPT-2's byte alphabet (gpt2_files.h: "Ġthe" for " the"), special
// tokens as their text. Byte b is id b (not GPT-2's own byte order; load_gpt2_files accepts both).
// A special token whose text is the spelling of an ordinary token (a one-letter special "a") cannot
// be told apart from it in this form and is left out; text that is not valid UTF-8 is written with
// U+FFFD in its place.
std::string write_gpt2_vocab_json(const BpeModel& model);

// GPT-2's vocab.bpe form (Hugging Face's merges.txt): "#version: 0.2", then "first second" per merge
// in creation order, spelled as in vocab.json. A merge that remade an earlier token's bytes keeps its
// line; load_gpt2_files gives it the earlier rank.
std::string write_gpt2_merges(const BpeModel& model);

}  // namespace bpeviz
