// Tokenizers a user brings, as files: what the page's file picker and drag-and-drop accept and what
// `bpeviz-cli --tokenizer` reads. One place decides what a set of files is:
//   - a bpeviz model file (first line "bpeviz-bpe N"): brings its pre-tokenizer and special tokens;
//   - a Hugging Face tokenizer.json (hf_tokenizer_json.h): brings everything, as the model defines it;
//   - GPT-2's encoder.json + vocab.bpe, or Hugging Face's vocab.json + merges.txt (a JSON object and
//     a merges list, told apart by content, whatever the files are called);
//   - a tiktoken .tiktoken ranks file.
// The last two carry no pre-tokenizer: the caller says which to use.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

struct TokenizerFile {
  std::string name;   // as the user named it (for messages)
  std::string bytes;
};

// What kind of tokenizer `files` hold, for messages and for the page's list: "bpeviz model", "tokenizer.json",
// "compact tokenizer.json" (the form the build makes of the bundled models), "vocab.json + merges.txt",
// ".tiktoken", or "" when the files are none of these.
std::string_view tokenizer_files_kind(std::span<const TokenizerFile> files);

// The name to list the tokenizer under: the file's, or for a pair the vocabulary's.
std::string tokenizer_files_name(std::span<const TokenizerFile> files);

// The encoding the files describe, named `name`, with `specials` as special tokens too (CS336's
// Tokenizer(vocab, merges, special_tokens): Encoding::with_special_tokens). Errors name the file and the
// problem, e.g. "merges.txt given without its vocab.json", "model.txt: line 3: unknown pre-tokenizer".
Result<Encoding> load_tokenizer_files(std::span<const TokenizerFile> files, Pretokenizer pretokenizer,
                                      std::string name, std::span<const std::string> specials = {});

}  // namespace bpeviz
