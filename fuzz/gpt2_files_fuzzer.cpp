// GPT-2's encoder.json + vocab.bpe (Hugging Face's vocab.json + merges.txt) on arbitrary bytes: the
// input is the two files joined by one NUL byte (neither holds one). Checks: the loader returns; a
// loaded vocabulary has the 256 single bytes, specials in id order on ids no other token has, and
// an encoding over it (any special-token policy) round-trips text, including the specials' own.
#include <algorithm>
#include <cstdint>
#include <string>

#include "core/encoding.h"
#include "core/formats/gpt2_files.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const auto [encoder_json, vocab_bpe] = fuzz::split_at_nul({reinterpret_cast<const char*>(data), size});
  auto loaded = load_gpt2_files(encoder_json, vocab_bpe);
  if (!loaded.ok()) {
    FUZZ_CHECK(!loaded.error.empty());
    return 0;
  }
  const Vocab& ranks = loaded.value.ranks;
  const auto& specials = loaded.value.specials;
  for (int b = 0; b < 256; ++b) FUZZ_CHECK(ranks.find(std::string(1, static_cast<char>(b))) != Vocab::kNone, "byte %d", b);
  for (std::size_t i = 0; i < specials.size(); ++i) {
    FUZZ_CHECK(!ranks.contains(specials[i].id), "special %zu", i);
    FUZZ_CHECK(i == 0 || specials[i - 1].id < specials[i].id, "special %zu out of order or on a shared id", i);
  }
  uint32_t n_vocab = ranks.id_end();
  for (const auto& s : specials) n_vocab = std::max(n_vocab, s.id + 1);
  const Encoding enc("fuzz", Pretokenizer::gpt2, ranks, specials, n_vocab);
  std::string text = "Hello world! 123 ";
  for (const auto& s : specials) text += s.text + " x";
  text += std::string(vocab_bpe.substr(0, 200));
  for (const SpecialPolicy& policy : {SpecialPolicy::allow_all_specials(), SpecialPolicy::all_as_text()}) {
    auto ids = enc.encode(text, policy);
    FUZZ_CHECK(ids.ok(), "%s", ids.error.c_str());
    auto back = enc.decode_bytes(ids.value);
    FUZZ_CHECK(back.ok() && back.value == text, "round trip");
  }
  return 0;
}
