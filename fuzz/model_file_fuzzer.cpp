// The model file loader on arbitrary bytes. Checks: it returns; a loaded model passes check(),
// writes back to a file that loads to the same model, becomes an encoding that round-trips text, and
// its exports (.tiktoken ranks, vocab.json + merges.txt) load back with the same tokens and ids.
#include <cstdint>
#include <string>

#include "core/formats/gpt2_files.h"
#include "core/formats/model_file.h"
#include "core/formats/tiktoken_file.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

namespace {

bool same(const BpeModel& a, const BpeModel& b) {
  if (a.pretokenizer != b.pretokenizer || a.tie != b.tie || a.tokens != b.tokens || a.merges != b.merges ||
      a.specials.size() != b.specials.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.specials.size(); ++i) {
    if (a.specials[i].text != b.specials[i].text || a.specials[i].id != b.specials[i].id) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // A small token-bytes limit: the default (256 MB) would let one input use more memory than the
  // fuzzer allows, and the limit is what is being tested.
  auto model = load_model_file(bytes, std::size_t{1} << 20);
  if (!model.ok()) {
    FUZZ_CHECK(!model.error.empty());
    return 0;
  }
  const BpeModel& m = model.value;
  FUZZ_CHECK(m.check().empty(), "%s", m.check().c_str());
  const std::string written = write_model_file(m);
  auto again = load_model_file(written);
  FUZZ_CHECK(again.ok() && same(again.value, m), "written back: %s", again.error.c_str());

  auto enc = make_model_encoding(m, "fuzz");
  FUZZ_CHECK(enc.ok(), "%s", enc.error.c_str());
  std::string text = "Hello world! 123 ";
  for (const auto& s : m.specials) text += s.text + " x";
  text += std::string(bytes.substr(0, 200));
  auto ids = enc.value.encode(text, SpecialPolicy::allow_all_specials());
  FUZZ_CHECK(ids.ok(), "%s", ids.error.c_str());
  auto back = enc.value.decode_bytes(ids.value);
  FUZZ_CHECK(back.ok() && back.value == text, "round trip");

  auto ranks = load_tiktoken_file(write_tiktoken_ranks(m));
  FUZZ_CHECK(ranks.ok() && ranks.value.size() == m.tokens.size(), "ranks export: %s", ranks.error.c_str());
  for (uint32_t id = 0; id < m.tokens.size(); ++id) FUZZ_CHECK(ranks.value.token(id) == m.tokens[id], "rank %u", id);
  FUZZ_CHECK(!write_vocab_companion(m).empty());
  auto gpt2 = load_gpt2_files(write_gpt2_vocab_json(m), write_gpt2_merges(m));
  FUZZ_CHECK(gpt2.ok() && gpt2.value.ranks.size() == m.tokens.size(), "vocab.json + merges.txt export: %s",
             gpt2.error.c_str());
  for (uint32_t id = 0; id < m.tokens.size(); ++id) FUZZ_CHECK(gpt2.value.ranks.token(id) == m.tokens[id], "id %u", id);
  return 0;
}
