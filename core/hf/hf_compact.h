// The compact form the page downloads for bundled models, made at build time (scripts/make_open_models.mjs,
// through the wasm module): "bpeviz-hf 1", the tokenizer.json's settings as JSON (its vocabulary and
// merges emptied), then the vocabulary as length-prefixed strings by id and the merges as pairs of ids
// (left out when tiktoken's rule was checked to give the same tokens). Little-endian. It loads to
// exactly what the JSON loads to (hf_tokenizer_json.h), without parsing a vocabulary written as JSON.
#pragma once
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

Result<std::string> write_compact_hf(std::string_view tokenizer_json);
bool is_compact_hf(std::string_view bytes);
Result<Encoding> load_compact_hf(std::string_view bytes, std::string name);

}  // namespace bpeviz
