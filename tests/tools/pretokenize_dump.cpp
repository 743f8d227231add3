// Differential-test helper (not built by CMake): prints the pieces of each text in a file as JSON, so
// tests/tools/pretokenize_vs_regex.mjs can compare them with a real regex engine. Build it with
//   g++ -std=c++20 -O2 -I. -Ibuild/native tests/tools/pretokenize_dump.cpp core/text/pretokenize.cpp \
//       core/text/pretokenize_patterns.cpp core/text/unicode_data.cpp -lutf8proc -o /tmp/pretokenize_dump
//   (build/native/generated/unicode_tables.h comes from the native build)
// Usage: pretokenize_dump KIND FILE   FILE holds texts as (uint32 little-endian byte length, bytes)...;
//        prints one line per text: [begin,end,begin,end,...]
//        pretokenize_dump --patterns    prints each scanner's regexes (pretokenize_patterns.h), one scanner a
//        line: {"kind":"gpt2","regexes":["..."]}
//        pretokenize_dump --categories  prints the general category (unicode_data.h) of every code point, one a line.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/text/pretokenize.h"
#include "core/text/pretokenize_patterns.h"
#include "core/text/unicode_data.h"

namespace {

// A JSON string: the patterns hold quotes, backslashes and UTF-8, and no control characters.
std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--categories") {
    for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) std::printf("%s\n", bpeviz::category_name(bpeviz::general_category(cp)).data());
    return 0;
  }
  if (argc == 2 && std::string(argv[1]) == "--patterns") {
    for (const bpeviz::ScannerPattern& p : bpeviz::scanner_patterns()) {
      std::string line = "{\"kind\":" + json_string(bpeviz::pretokenizer_name(p.kind)) + ",\"regexes\":[";
      for (std::size_t i = 0; i < p.regexes.size(); ++i) line += (i ? "," : "") + json_string(p.regexes[i]);
      std::printf("%s]}\n", line.c_str());
    }
    return 0;
  }
  bpeviz::Pretokenizer kind{};
  if (argc != 3 || !bpeviz::pretokenizer_from_name(argv[1], kind)) {
    std::fprintf(stderr, "usage: %s KIND FILE | --patterns | --categories\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[2], std::ios::binary);
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<bpeviz::Span> spans;
  std::string line;
  for (std::size_t pos = 0; pos + 4 <= data.size();) {
    uint32_t n = 0;
    for (std::size_t i = 4; i-- > 0;) n = n << 8 | static_cast<unsigned char>(data[pos + i]);
    pos += 4;
    spans.clear();
    bpeviz::pretokenize(kind, std::string_view(data).substr(pos, n), spans);
    pos += n;
    line = "[";
    for (const auto& s : spans) {
      if (line.size() > 1) line += ',';
      line += std::to_string(s.begin) + ',' + std::to_string(s.end);
    }
    line += "]\n";
    std::fputs(line.c_str(), stdout);
  }
  return 0;
}
