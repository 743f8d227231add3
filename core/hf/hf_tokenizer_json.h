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
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

// A JSON object with a "model" member: what tokenizer_files.h takes for a tokenizer.json.
bool is_hf_tokenizer_json(std::string_view bytes);

Result<Encoding> load_hf_tokenizer_json(std::string_view json, std::string name);

// The compact form the page downloads for bundled models, made at build time: "bpeviz-hf 1", the
// tokenizer.json's settings as JSON (its vocabulary and merges emptied), then the vocabulary as
// length-prefixed strings by id and the merges as pairs of ids (left out when tiktoken's rule was
// checked to give the same tokens). Little-endian. It loads to exactly what the JSON loads to.
Result<std::string> write_compact_hf(std::string_view tokenizer_json);
bool is_compact_hf(std::string_view bytes);
Result<Encoding> load_compact_hf(std::string_view bytes, std::string name);

}  // namespace bpeviz
