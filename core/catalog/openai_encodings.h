// The encodings tiktoken ships (gpt2, r50k_base, p50k_base, p50k_edit, cl100k_base, o200k_base,
// o200k_harmony): their pre-tokenizers, special tokens and sizes, as tiktoken_ext/openai_public.py
// defines them. The mergeable ranks come from a .tiktoken file (several encodings share one).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"

namespace bpeviz {

struct EncodingSpec {
  std::string name;
  std::string ranks_file;  // e.g. "r50k_base.tiktoken"
  Pretokenizer pretokenizer;
  std::vector<SpecialToken> specials;
  uint32_t n_vocab;
  // tiktoken's explicit_n_vocab: every id below n_vocab is a rank or a special (gpt2, r50k, p50k).
  // Other encodings have unused ids (cl100k skips 100256 and 100261–100275).
  bool dense = false;
};

const std::vector<EncodingSpec>& openai_encodings();
const EncodingSpec* find_openai_encoding(std::string_view name);

// Builds an encoding from its spec and its ranks, checking that the largest id is n_vocab - 1 (a
// truncated file fails here) and, for dense specs, that no id below it is unused.
Result<Encoding> make_encoding(const EncodingSpec& spec, Vocab ranks);

// The name of the spec's vocabulary in the binary form the page downloads (vocab_binary.h), e.g.
// "o200k_base.bpevocab".
std::string binary_vocab_file(const EncodingSpec& spec);
// Parses the spec's .tiktoken file, or its binary form (told by its header), and builds the
// encoding; errors start with the file's name.
Result<Encoding> load_openai_encoding(const EncodingSpec& spec, std::string_view ranks_file_bytes);

}  // namespace bpeviz
