// The files a user brings (tokenizer_files.h) on arbitrary bytes: byte 0 picks the pre-tokenizer,
// the rest is one to three files joined by NUL bytes. Checks: loading returns; what loads was
// recognised as a kind and names no file it was not given; the encoding it makes round-trips text
// (a .tiktoken without every single byte may refuse text, saying so); a tokenizer.json's tokens lie
// in the text in order.
#include <cstdint>
#include <string>
#include <vector>

#include "core/formats/tokenizer_files.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const auto pretokenizer = static_cast<Pretokenizer>(in.byte() % 5);
  std::vector<TokenizerFile> files;
  std::string_view rest = in.rest();
  while (files.size() < 3) {
    const auto [file, after] = fuzz::split_at_nul(rest);
    files.push_back({"file" + std::to_string(files.size()), std::string(file)});
    if (after.data() == nullptr) break;
    rest = after;
  }
  const std::string_view kind = tokenizer_files_kind(files);
  auto enc = load_tokenizer_files(files, pretokenizer, "fuzz");
  if (!enc.ok()) {
    FUZZ_CHECK(!enc.error.empty());
    return 0;
  }
  FUZZ_CHECK(!kind.empty(), "loaded files of no kind");
  FUZZ_CHECK(enc.value.name() == "fuzz");
  std::string text = "Hello world! 123 ";
  for (const auto& s : enc.value.specials()) text += s.text + " x";
  text += files.back().bytes.substr(0, 200);
  if (kind == "tokenizer.json") {
    // Hugging Face's pipelines may drop or change text (Removed splits, normalizers): no round trip,
    // but tokens lie in the text, in order, and decode returns.
    auto tokens = enc.value.encode_with_spans(text, SpecialPolicy::allow_all_specials());
    if (!tokens.ok()) {
      FUZZ_CHECK(!tokens.error.empty());
      return 0;
    }
    uint32_t at = 0;
    std::vector<uint32_t> ids;
    for (const Token& t : tokens.value) {
      FUZZ_CHECK(t.begin >= at && t.end >= t.begin && t.end <= text.size(), "token span out of order");
      at = t.begin;
      ids.push_back(t.id);
    }
    (void)enc.value.decode_bytes(ids);
    return 0;
  }
  auto ids = enc.value.encode(text, SpecialPolicy::allow_all_specials());
  if (!ids.ok()) {
    FUZZ_CHECK(kind == ".tiktoken" && ids.error.find("not a token of this vocabulary") != std::string::npos, "%s",
               ids.error.c_str());
    return 0;
  }
  auto back = enc.value.decode_bytes(ids.value);
  FUZZ_CHECK(back.ok() && back.value == text, "round trip");
  return 0;
}
