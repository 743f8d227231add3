// bpeviz-bench: the native side of bench/run.mjs. Times our encoder's encode_ordinary on the corpus files
// the Node side wrote (so both measure the same bytes), and prints one JSON object shaped like bench/worker.mjs's.
//   bpeviz-bench load ENCODING [--data DIR]
//   bpeviz-bench encode ENCODING [--data DIR] [--runs N] NAME=FILE...
//   bpeviz-bench encode MODEL --compact FILE.bpevizhf [--runs N] NAME=FILE...   (an open model, bench/hf.mjs)
// load: time to read the binary vocabulary (.bpevocab, as the page loads it) and build the encoding, and the growth of RSS and of malloc's
// in-use bytes; run it in a fresh process for each sample. encode: a first pass gives the ids' count and
// digest (FNV-1a over 32-bit ids, as bench/measure.mjs), a second warms up, then N timed runs.
// cold: the piece cache emptied before each timed run; warm: the same text again (piece_cache.h).
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog/encoding_set.h"
#include "core/hf/hf_compact.h"
#include "core/catalog/openai_encodings.h"
#include "core/piece_cache.h"

using namespace bpeviz;
using Clock = std::chrono::steady_clock;

namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// Resident set size from /proc/self/statm (second field, in pages).
int64_t rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  int64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * 4096;
}

int64_t heap_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<int64_t>(m.uordblks + m.hblkhd);  // in use: small blocks + mmap'd blocks
}

// The text as encoded pieces: the whole text, or its lines (split on '\n', without the '\n').
std::vector<std::string_view> pieces_of(std::string_view text, bool lines) {
  if (!lines) return {text};
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string_view::npos; start = nl + 1) {
    out.push_back(text.substr(start, nl - start));
  }
  out.push_back(text.substr(start));
  return out;
}

int fail(const std::string& message) {
  std::cerr << "bpeviz-bench: " << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2 || (args[0] != "load" && args[0] != "encode")) {
    return fail("usage: bpeviz-bench load|encode ENCODING [--data DIR] [--runs N] [NAME=FILE...]");
  }
  const std::string command = args[0], name = args[1];
  std::string data_dir = BPEVIZ_ENCODINGS_DIR, compact;
  int runs = 7;
  std::vector<std::pair<std::string, std::string>> corpora;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--data" && i + 1 < args.size()) data_dir = args[++i];
    else if (args[i] == "--runs" && i + 1 < args.size()) runs = std::stoi(args[++i]);
    else if (args[i] == "--compact" && i + 1 < args.size()) compact = args[++i];
    else if (const auto eq = args[i].find('='); eq != std::string::npos) {
      corpora.emplace_back(args[i].substr(0, eq), args[i].substr(eq + 1));
    } else return fail("unknown argument " + args[i]);
  }
  const EncodingSpec* spec = find_openai_encoding(name);
  if (!spec && compact.empty()) return fail("unknown encoding " + name);

  const int64_t rss_before = rss_bytes(), heap_before = heap_bytes();
  const auto load_start = Clock::now();
  EncodingSet set;
  Encoding open_model;
  {
    std::string file;
    const std::string path = compact.empty() ? data_dir + "/" + binary_vocab_file(*spec) : compact;
    if (!read_file(path, file)) return fail("cannot read " + path);
    if (compact.empty()) {
      const auto loaded = set.load_builtin(name, file);
      if (!loaded.ok()) return fail(loaded.error);
    } else {
      auto loaded = load_compact_hf(file, name);
      if (!loaded.ok()) return fail(loaded.error);
      open_model = std::move(loaded.value);
    }
  }  // the file's bytes are freed here, as the wasm side frees its copy after loading
  const double load_ms = ms_since(load_start);
  const Encoding& encoding = compact.empty() ? *set.find(name) : open_model;
  nlohmann::json out;
  if (command == "load") {
    out = {{"init_ms", 0}, {"load_ms", load_ms}, {"rss_bytes", rss_bytes() - rss_before},
           {"heap_bytes", heap_bytes() - heap_before}};
    std::cout << out.dump() << "\n";
    return 0;
  }

  for (const auto& [corpus, path] : corpora) {
    std::string text;
    if (!read_file(path, text)) return fail("cannot read " + path);
    for (const bool lines : {false, true}) {
      const auto pieces = pieces_of(text, lines);
      std::size_t tokens = 0, bytes = 0;
      uint32_t digest = 2166136261u;
      for (const auto piece : pieces) {
        const auto ids = encoding.encode_ordinary(piece).value;
        for (const uint32_t id : ids) digest = (digest ^ id) * 16777619u;
        tokens += ids.size();
        bytes += piece.size();
      }
      // The token total of every timed run is checked, which also keeps the work from being optimized away.
      const auto encode_all = [&] {
        std::size_t n = 0;
        for (const auto piece : pieces) n += encoding.encode_ordinary(piece).value.size();
        return n;
      };
      if (encode_all() != tokens) return fail("token count changed between runs");  // the warm-up pass
      std::vector<double> cold, warm;
      for (const bool clear : {true, false}) {
        for (int r = 0; r < runs; ++r) {
          if (clear) clear_piece_caches();
          const auto start = Clock::now();
          const std::size_t n = encode_all();
          (clear ? cold : warm).push_back(ms_since(start));
          if (n != tokens) return fail("token count changed between runs");
        }
      }
      out[corpus][lines ? "lines" : "whole"] = {{"bytes", bytes}, {"tokens", tokens}, {"digest", digest},
                                                {"cold_ms", cold}, {"warm_ms", warm}};
    }
  }
  std::cout << out.dump() << "\n";
  return 0;
}
