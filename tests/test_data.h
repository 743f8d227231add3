// Shared by the tests that need real vocabularies: the .tiktoken files the build made from the
// pinned npm package (BPEVIZ_TEST_ENCODINGS_DIR), loaded once per test run.
#pragma once
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/catalog/openai_encodings.h"

namespace bpeviz::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A file as bytes (a font the atlas borrows): empty when it is missing.
inline std::vector<uint8_t> read_bytes(const std::string& path) {
  const std::string s = read_file(path);
  return {s.begin(), s.end()};
}

// The named built-in encoding; aborts the test run if its data is missing or does not load.
inline const Encoding& encoding(const std::string& name) {
  static std::map<std::string, Encoding> cache;
  if (auto it = cache.find(name); it != cache.end()) return it->second;
  const EncodingSpec* spec = find_openai_encoding(name);
  if (!spec) throw std::runtime_error("no built-in encoding " + name);
  auto enc = load_openai_encoding(*spec, read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/" + spec->ranks_file));
  if (!enc.ok()) throw std::runtime_error(enc.error);
  return cache.emplace(name, std::move(enc.value)).first->second;
}

// A small byte-level tokenizer.json with added tokens as Qwen's file has them: <tool_call> (id 7) added
// with "special": false, <|end|> (8) special; merges by pair priority ("abc" is a token, but (b, c)
// comes before (a, b)).
inline constexpr const char* kAddedTokensJson = R"({"added_tokens": [
    {"id": 7, "content": "<tool_call>", "special": false, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false},
    {"id": 8, "content": "<|end|>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false}],
  "normalizer": null, "post_processor": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
  "decoder": {"type": "ByteLevel"},
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "abc": 5, "Ġ": 6},
            "merges": ["b c", ["a", "b"]]}})";

}  // namespace bpeviz::test
