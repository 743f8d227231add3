// Inputs the fuzz targets (fuzz/) found to crash, hang or exhaust memory, kept as regression tests:
// each case names its target and what went wrong before the fix.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/train/bpe_trainer.h"
#include "core/formats/gpt2_files.h"
#include "core/formats/tiktoken_file.h"
#include "core/text/utf8.h"

using namespace bpeviz;

TEST_CASE("fuzz tiktoken_file: a huge rank is refused instead of allocating gigabytes") {
  // Ids index arrays, so this 17-byte file asked for 8 GB.
  CHECK(load_tiktoken_file("YQ== 1002230250\n").error == "line 1: rank 1002230250 leaves more than 1048576 ids unused before it");
  CHECK(load_tiktoken_file("YQ== 0\nYg== 4294967294\n").error ==
        "line 2: rank 4294967294 leaves more than 1048576 ids unused before it");
  // Gaps up to the limit stay allowed (cl100k skips ids where its special tokens sit).
  auto gap = load_tiktoken_file("YQ== 0\nYg== 1048577\n");
  REQUIRE_MESSAGE(gap.ok(), gap.error);
  CHECK(gap.value.token(1048577) == "b");
  CHECK(!load_tiktoken_file("YQ== 0\nYg== 1048578\n").ok());
}

TEST_CASE("fuzz tiktoken_file: a token of padding alone is refused, not loaded as an empty token") {
  CHECK(load_tiktoken_file("= 2\r\n\r\n").error == "line 1: the token \"=\" has no bytes");
  CHECK(load_tiktoken_file("YQ== 0\n=== 1\n").error == "line 2: the token \"===\" has no bytes");
}

TEST_CASE("fuzz gpt2_files: two tokens no merge makes, on one id, are refused") {
  // Both became special tokens with id 256, and decoding 256 gave one of them for either.
  std::string encoder = "{";
  for (int b = 0; b < 256; ++b) {
    std::string spelled;
    utf8_append(spelled, gpt2_byte_to_char(static_cast<uint8_t>(b)));
    nlohmann::json key = spelled;
    encoder += key.dump() + ":" + std::to_string(b) + ",";
  }
  CHECK(load_gpt2_files(encoder + "\"s\u0120\":256,\"e\u0120\":256}", "#version: 0.2\n").error ==
        "encoder.json gives id 256 to both \"e\u0120\" and \"s\u0120\"");
  auto one = load_gpt2_files(encoder + "\"s\u0120\":256,\"e\u0120\":257}", "#version: 0.2\n");
  REQUIRE_MESSAGE(one.ok(), one.error);
  CHECK(one.value.specials.size() == 2);
}

TEST_CASE("fuzz trainer: two threads never cut the text after whitespace and a newline") {
  // The counting threads split the text after a '\n' that a letter follows; after "\n\n" the first
  // part ended in a whitespace run that was one pre-token alone but two in the whole text, so
  // segmentation() looked up a pre-token that was never counted (std::out_of_range, an abort in wasm).
  for (const std::string text : {"\n\nc", "ab \nc", "ab\t\nc d\n\ne", "x\xE3\x80\x80\nabc", "a\r\nb"}) {
    for (Pretokenizer p : {Pretokenizer::gpt2, Pretokenizer::cl100k, Pretokenizer::o200k, Pretokenizer::whitespace}) {
      INFO(pretokenizer_name(p) << ": " << text);
      TrainerOptions options;
      options.pretokenizer = p;
      options.num_merges = 48;
      options.threads = 2;
      auto two = BpeTrainer::create(text, options);
      options.threads = 1;
      auto one = BpeTrainer::create(text, options);
      REQUIRE((two.ok() && one.ok()));
      two.value->run();
      one.value->run();
      CHECK(two.value->model().merges == one.value->model().merges);
      CHECK(two.value->segmentation() == one.value->segmentation());
      auto enc = make_model_encoding(two.value->model(), "t");
      REQUIRE(enc.ok());
      CHECK(enc.value.encode_with_spans(text, SpecialPolicy::allow_all_specials()).value == two.value->segmentation());
    }
  }
}
