// Differential-test helper (not built by CMake): prints the pieces of each text in a file as JSON, so
// tests/tools/pretokenize_vs_regex.mjs can compare them with a real regex engine. Build it with
//   g++ -std=c++20 -O2 -I. tests/tools/pretokenize_dump.cpp core/text/pretokenize.cpp -lutf8proc -o /tmp/pretokenize_dump
// Usage: pretokenize_dump KIND FILE   FILE holds texts as (uint32 little-endian byte length, bytes)...;
//        prints one line per text: [begin,end,begin,end,...]
//        pretokenize_dump --categories  prints utf8proc's general category of every code point, one a line.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <utf8proc.h>

#include "core/text/pretokenize.h"

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--categories") {
    for (utf8proc_int32_t cp = 0; cp <= 0x10FFFF; ++cp) std::printf("%s\n", utf8proc_category_string(cp));
    return 0;
  }
  bpeviz::Pretokenizer kind{};
  if (argc != 3 || !bpeviz::pretokenizer_from_name(argv[1], kind)) {
    std::fprintf(stderr, "usage: %s KIND FILE | --categories\n", argv[0]);
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
