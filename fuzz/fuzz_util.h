// Shared by the libFuzzer targets: reading options from the front of the input, a check that
// aborts with a message (libFuzzer then saves the input as a crash), and the built-in encodings.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog/openai_encodings.h"

namespace bpeviz::fuzz {

// A property that must hold; on failure prints what and where, then aborts (a crash for libFuzzer).
#define FUZZ_CHECK(cond, ...)                                                   \
  do {                                                                          \
    if (!(cond)) {                                                              \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, "" __VA_ARGS__);                                     \
      std::fprintf(stderr, "\n");                                               \
      std::abort();                                                             \
    }                                                                           \
  } while (0)

// Takes option bytes off the front of the input; reads 0 past the end.
class Input {
 public:
  Input(const uint8_t* data, std::size_t size) : data_(reinterpret_cast<const char*>(data), size) {}
  uint8_t byte() {
    if (data_.empty()) return 0;
    const auto b = static_cast<uint8_t>(data_[0]);
    data_.remove_prefix(1);
    return b;
  }
  uint32_t u32() {
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(byte()) << (8 * i);
    return v;
  }
  std::string_view rest() const { return data_; }
  bool empty() const { return data_.empty(); }

 private:
  std::string_view data_;
};

// Splits at the first NUL byte: [before, after). No NUL: everything is `before`.
inline std::pair<std::string_view, std::string_view> split_at_nul(std::string_view s) {
  const std::size_t nul = s.find('\0');
  if (nul == std::string_view::npos) return {s, {}};
  return {s.substr(0, nul), s.substr(nul + 1)};
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Every built-in encoding, loaded once from the .tiktoken files the build made (BPEVIZ_ENCODINGS_DIR,
// overridable with the environment variable of the same name).
inline const std::vector<std::unique_ptr<Encoding>>& builtin_encodings() {
  static const auto all = [] {
    const char* env = std::getenv("BPEVIZ_ENCODINGS_DIR");
    const std::string dir = env ? env : BPEVIZ_ENCODINGS_DIR;
    std::vector<std::unique_ptr<Encoding>> out;
    for (const EncodingSpec& spec : openai_encodings()) {
      auto enc = load_openai_encoding(spec, read_file(dir + "/" + spec.ranks_file));
      if (!enc.ok()) {
        std::fprintf(stderr, "cannot load %s from %s: %s\n", spec.name.c_str(), dir.c_str(), enc.error.c_str());
        std::abort();
      }
      out.push_back(std::make_unique<Encoding>(std::move(enc.value)));
    }
    return out;
  }();
  return all;
}

}  // namespace bpeviz::fuzz
