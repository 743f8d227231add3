// The binary vocabulary form (.bpevocab, vocab_binary.h: what the page downloads) on arbitrary bytes,
// alone and through load_openai_encoding, which tells it from a .tiktoken file by its header.
// Checks: loading returns; a loaded vocabulary maps every token both ways, and written back loads to
// the same tokens; an encoding built over it (when the ids fit the spec) round-trips text.
#include <cstdint>
#include <string>

#include "core/catalog/openai_encodings.h"
#include "core/formats/vocab_binary.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto vocab = load_vocab_binary(bytes);
  // Any spec will do: its check of the largest id decides, and r50k's is dense (every id checked).
  for (const char* name : {"r50k_base", "cl100k_base"}) {
    auto enc = load_openai_encoding(*find_openai_encoding(name), bytes);
    FUZZ_CHECK(enc.ok() || !enc.error.empty());
    if (!enc.ok()) continue;
    const std::string text = "Hello world! 123 <|endoftext|>" + std::string(bytes.substr(0, 100));
    auto ids = enc.value.encode(text, SpecialPolicy::allow_all_specials());
    if (!ids.ok()) continue;  // a vocabulary without some single bytes
    auto back = enc.value.decode_bytes(ids.value);
    FUZZ_CHECK(back.ok() && back.value == text, "%s: round trip", name);
  }
  if (!vocab.ok()) {
    FUZZ_CHECK(!vocab.error.empty());
    return 0;
  }
  const Vocab& v = vocab.value;
  FUZZ_CHECK(v.size() > 0);
  for (uint32_t id = 0; id < v.id_end(); ++id) {
    if (v.contains(id)) FUZZ_CHECK(!v.token(id).empty() && v.find(v.token(id)) == id, "token %u", id);
  }
  auto again = load_vocab_binary(write_vocab_binary(v));
  FUZZ_CHECK(again.ok() && again.value.size() == v.size() && again.value.id_end() == v.id_end(), "%s", again.error.c_str());
  for (uint32_t id = 0; id < v.id_end(); ++id) FUZZ_CHECK(again.value.token(id) == v.token(id), "token %u", id);
  return 0;
}
