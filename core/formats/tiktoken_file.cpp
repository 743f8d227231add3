#include "core/formats/tiktoken_file.h"

#include <cstring>
#include <string>

#include "core/formats/base64.h"

namespace bpeviz {

namespace {
constexpr uint64_t kMaxUnusedIds = uint64_t{1} << 20;
}  // namespace

Result<Vocab> load_tiktoken_file(std::string_view data) {
  Result<Vocab> result;
  Vocab& vocab = result.value;
  // One token per line: size the table once instead of growing it.
  std::size_t lines = 1;
  for (const char* p = data.data(); (p = static_cast<const char*>(std::memchr(p, '\n', data.data() + data.size() - p)));
       ++p) {
    ++lines;
  }
  vocab.reserve(lines, data.size() * 3 / 4);
  std::string bytes;
  std::size_t line_number = 0;
  int64_t previous_rank = -1;
  const auto fail = [&](const std::string& what) {
    return Result<Vocab>::failure("line " + std::to_string(line_number) + ": " + what);
  };
  for (std::size_t pos = 0; pos < data.size();) {
    ++line_number;
    std::size_t eol = data.find('\n', pos);
    const bool last_line_unterminated = eol == std::string_view::npos;
    if (last_line_unterminated) eol = data.size();
    std::string_view line = data.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      if (pos >= data.size()) break;  // a blank last line is harmless
      return fail("empty line");
    }
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) {
      return fail(last_line_unterminated ? "truncated: the file ends in the middle of a line"
                                         : "expected \"<base64 token> <rank>\"");
    }
    const std::string_view b64 = line.substr(0, space), rank_text = line.substr(space + 1);
    // Ranks are plain decimal; a hand loop is twice as fast as std::from_chars here.
    uint64_t rank = 0;
    bool digits = !rank_text.empty() && rank_text.size() <= 10;
    for (const char c : rank_text) {
      digits = digits && c >= '0' && c <= '9';
      rank = rank * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!digits || rank >= Vocab::kNone) {
      return fail("the rank \"" + std::string(rank_text.substr(0, 20)) + "\" is not a number");
    }
    bytes.clear();
    if (b64.empty() || !base64_decode(b64, bytes)) {
      return fail("the token \"" + std::string(b64.substr(0, 40)) + "\" is not valid base64");
    }
    if (bytes.empty()) {  // "=" alone: no token is empty (found by fuzz/tiktoken_file_fuzzer.cpp)
      return fail("the token \"" + std::string(b64.substr(0, 40)) + "\" has no bytes");
    }
    if (static_cast<int64_t>(rank) <= previous_rank) {
      return fail("rank " + std::to_string(rank) + (static_cast<int64_t>(rank) == previous_rank ? " repeats" : " is out of order") +
                  " (the previous line has rank " + std::to_string(previous_rank) + ")");
    }
    // Ids are array indices (vocab.h), so a rank far past the tokens before it would make a tiny
    // file allocate gigabytes (found by fuzz/tiktoken_file_fuzzer.cpp). Real files skip a few ids at
    // most (cl100k, for its special tokens): allow up to 2^20 unused ids in all.
    if (rank >= line_number + kMaxUnusedIds) {
      return fail("rank " + std::to_string(rank) + " leaves more than " + std::to_string(kMaxUnusedIds) +
                  " ids unused before it");
    }
    previous_rank = static_cast<int64_t>(rank);
    if (!vocab.add(static_cast<uint32_t>(rank), bytes)) {
      return fail("the token with rank " + std::to_string(rank) + " has the same bytes as token " +
                  std::to_string(vocab.find(bytes)));
    }
  }
  if (vocab.size() == 0) return Result<Vocab>::failure("the file has no tokens");
  return result;
}

}  // namespace bpeviz
