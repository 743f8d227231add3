// Shared by the tests that need real vocabularies: the .tiktoken files the build made from the
// pinned npm package (BPEVIZ_TEST_ENCODINGS_DIR), loaded once per test run.
#pragma once
#include <fstream>
#include <iterator>
#include <map>
#include <stdexcept>
#include <string>

#include "core/catalog/openai_encodings.h"

namespace bpeviz::test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
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

}  // namespace bpeviz::test
