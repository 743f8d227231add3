// Streamed encoding: each part the reader hands out (cli_io.h read_parts) encoded and its ids written.
#include "cli/stream_encode.h"

#include <charconv>
#include <cstdint>
#include <cstdio>

#include "cli/cli_io.h"
#include "core/stream/stream_cuts.h"

namespace bpeviz::cli {

int encode_stream(const Encoding& encoding, SpecialPolicy policy, const std::string& path) {
  const StreamCuts cuts = StreamCuts::for_encoding(encoding, policy);
  // The post-processor's tokens go around the whole input, not around each part.
  const HfModel* around = policy.add_special_tokens ? encoding.hf_model() : nullptr;
  policy.add_special_tokens = false;

  // Nothing is printed before the first part encoded: an error there prints only the message, as the
  // whole text's would.
  std::string out = "[";
  bool first_id = true;
  const auto put = [&](uint32_t id) {
    char digits[16];
    if (!first_id) out += ',';
    first_id = false;
    out.append(digits, std::to_chars(digits, digits + sizeof digits, id).ptr);
  };
  if (around) {
    for (const uint32_t id : around->prefix_ids) put(id);
  }

  std::string error;
  const std::string read_error = read_parts(path, cuts, [&](std::string_view part, uint64_t offset) {
    if (part.size() >= UINT32_MAX) {
      error = "the input has no place to cut it within 4 GiB (encoded offsets are 32-bit)";
      return false;
    }
    const auto ids = encoding.encode(part, policy);
    if (!ids.ok()) {
      error = offset == 0 ? ids.error
                          : ids.error + " (a byte offset in the part of the input from byte " + std::to_string(offset) + ")";
      return false;
    }
    for (const uint32_t id : ids.value) put(id);
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
    return true;
  });
  if (!read_error.empty()) return fail(read_error);
  if (!error.empty()) return fail(error);
  if (around) {
    for (const uint32_t id : around->suffix_ids) put(id);
  }
  out += "]\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : fail("cannot write the ids to standard output");
}

}  // namespace bpeviz::cli
