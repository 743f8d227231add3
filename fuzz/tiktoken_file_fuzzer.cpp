// The .tiktoken loader on arbitrary bytes. Checks: it returns (a value or a message, never a crash,
// a hang or a huge allocation); a loaded vocabulary maps every token both ways, has as many tokens
// as the file has token lines, and written back in the same form loads to the same vocabulary; an
// encoding over it encodes (or says a byte has no token) and decodes back what it encoded.
#include <cstdint>
#include <string>

#include "core/formats/base64.h"
#include "core/encoding.h"
#include "core/formats/tiktoken_file.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto vocab = load_tiktoken_file(bytes);
  if (!vocab.ok()) {
    FUZZ_CHECK(!vocab.error.empty());
    return 0;
  }
  const Vocab& v = vocab.value;
  FUZZ_CHECK(v.size() > 0);
  std::string rewritten;
  std::size_t count = 0;
  for (uint32_t id = 0; id < v.id_end(); ++id) {
    if (!v.contains(id)) continue;
    ++count;
    FUZZ_CHECK(v.find(v.token(id)) == id, "token %u", id);
    rewritten += base64_encode(v.token(id)) + " " + std::to_string(id) + "\n";
  }
  FUZZ_CHECK(count == v.size());
  auto again = load_tiktoken_file(rewritten);
  FUZZ_CHECK(again.ok() && again.value.size() == v.size(), "%s", again.error.c_str());
  for (uint32_t id = 0; id < v.id_end(); ++id) FUZZ_CHECK(again.value.token(id) == v.token(id), "token %u", id);

  const Encoding enc("fuzz", Pretokenizer::cl100k, vocab.value, {}, v.id_end());
  for (std::string_view text : {bytes.substr(0, 256), std::string_view("hello world, 123 ÿ\n")}) {
    auto ids = enc.encode(text, SpecialPolicy::allow_all_specials());
    if (!ids.ok()) {
      FUZZ_CHECK(ids.error.find("not a token of this vocabulary") != std::string::npos, "%s", ids.error.c_str());
      continue;
    }
    auto back = enc.decode_bytes(ids.value);
    FUZZ_CHECK(back.ok() && back.value == text, "round trip");
  }
  return 0;
}
