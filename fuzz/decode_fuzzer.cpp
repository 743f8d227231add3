// ids → text on every built-in encoding, ids from the input (known, unknown, special, out of range).
// Checks: decode_bytes succeeds exactly when every id is a token (ordinary or special) and then is
// the concatenation of token_bytes; its error names the first bad id's position; decode_text is the
// same bytes with ill-formed UTF-8 repaired, so always valid UTF-8; and decoded bytes re-encode
// (specials allowed) to ids that decode to the same bytes.
// Input: byte 0 picks the encoding; then 4 bytes per id: a top byte of 0xFF means the raw 32-bit
// value, else the value modulo n_vocab + 64 (so most ids are real tokens, some just past the end).
#include <cstdint>
#include <string>
#include <vector>

#include "core/encoding.h"
#include "core/text/utf8.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto& all = fuzz::builtin_encodings();
  fuzz::Input in(data, size);
  const Encoding& enc = *all[in.byte() % all.size()];
  const char* name = enc.name().c_str();
  std::vector<uint32_t> ids;
  while (in.rest().size() >= 4) {
    const uint32_t v = in.u32();
    ids.push_back(v >> 24 == 0xFF ? v : v % (enc.n_vocab() + 64));
  }

  std::string expected;
  std::size_t first_bad = SIZE_MAX;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string_view bytes = enc.token_bytes(ids[i]);
    FUZZ_CHECK(bytes.empty() == (!enc.ranks().contains(ids[i]) && !enc.is_special(ids[i])), "%s: id %u", name, ids[i]);
    if (bytes.empty() && first_bad == SIZE_MAX) first_bad = i;
    expected.append(bytes);
  }
  auto bytes = enc.decode_bytes(ids);
  auto text = enc.decode_text(ids);
  if (first_bad != SIZE_MAX) {
    const std::string where = "at position " + std::to_string(first_bad) + " ";
    FUZZ_CHECK(!bytes.ok() && !text.ok() && bytes.error.find(where) != std::string::npos, "%s: \"%s\"", name,
               bytes.error.c_str());
    return 0;
  }
  FUZZ_CHECK(bytes.ok() && bytes.value == expected, "%s: decode_bytes (%s)", name, bytes.error.c_str());
  FUZZ_CHECK(text.ok() && text.value == utf8_repair(expected) && utf8_is_valid(text.value), "%s: decode_text", name);
  FUZZ_CHECK(!utf8_is_valid(expected) || text.value == expected, "%s: decode_text changed valid UTF-8", name);

  auto again = enc.encode(expected, SpecialPolicy::allow_all_specials());
  FUZZ_CHECK(again.ok(), "%s: %s", name, again.error.c_str());
  auto back = enc.decode_bytes(again.value);
  FUZZ_CHECK(back.ok() && back.value == expected, "%s: decode(encode(decode(ids))) != decode(ids)", name);
  return 0;
}
