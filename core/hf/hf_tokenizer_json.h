// Hugging Face tokenizer.json files (the format open models ship in), for BPE models:
//  - byte-level BPE (GPT-2, Llama 3, Qwen, DeepSeek, gpt-oss): ByteLevel pre-tokenizer and decoder,
//    Split pre-tokenizers in a Sequence (any behaviour, invert; a regex bpeviz has a scanner for runs
//    on the scanner, pretokenize.h, any other on Oniguruma, regex.h), merges as "a b" strings or
//    [a, b] pairs, ignore_merges;
//  - SentencePiece-style BPE (Mistral, Gemma): ▁ for spaces (Replace/Prepend normalizers or the
//    Metaspace pre-tokenizer), byte_fallback to <0xNN> tokens, unk_token and fuse_unk, and their
//    decoders (Replace, ByteFallback, Fuse, Strip, Metaspace);
//  - normalizers NFC, NFD, NFKC, NFKD, Lowercase, Replace (of a string), Prepend, Strip, Sequence;
//  - added tokens (matched before everything else, as special tokens are; lstrip, rstrip, single_word,
//    and normalized ones in a second pass, except under a normalizer) and the post-processor's BOS/EOS
//    (TemplateProcessing, RobertaProcessing, BertProcessing, ByteLevel, Sequence).
// Anything else is refused with a message that names the component and its place in the JSON.
#pragma once
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

// A JSON object with a "model" member: what tokenizer_files.h takes for a tokenizer.json.
bool is_hf_tokenizer_json(std::string_view bytes);

Result<Encoding> load_hf_tokenizer_json(std::string_view json, std::string name);

// The compact form (hf_compact.h) keeps a tokenizer.json's settings as JSON and its vocabulary and
// merges apart, in binary: these stand in for the JSON's "vocab" and "merges".
struct HfVocabulary {
  std::vector<std::string_view> tokens;  // by id, as the file spells them; empty: no such id
  std::vector<uint32_t> merges;          // left, right ids of each merge in order
  bool tiktoken_rule = false;            // merges left out: tiktoken's rule was checked to match
};
// The loader's two halves, for the compact form: parsing without exceptions (the error names the
// byte), and loading parsed JSON, with its vocabulary and merges taken from `vocabulary` when given.
Result<nlohmann::json> parse_hf_json(std::string_view text);
Result<Encoding> load_parsed_hf_tokenizer_json(const nlohmann::json& root, std::string name,
                                               const HfVocabulary* vocabulary = nullptr);

}  // namespace bpeviz
