// Tokenizer files a user brings: each form a trained model exports is recognised by its content and
// encodes as the model does; wrong combinations get a message naming the files.
#include <doctest/doctest.h>

#include <vector>

#include "core/train/bpe_trainer.h"
#include "core/catalog/encoding_set.h"
#include "core/hf/hf_compact.h"
#include "core/formats/model_file.h"
#include "core/formats/tokenizer_files.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

BpeModel trained_model() {
  TrainerOptions o;
  o.pretokenizer = Pretokenizer::cl100k;
  o.num_merges = 300;
  o.specials = {"<|endoftext|>"};
  const std::string text = test::read_file("/usr/share/common-licenses/GPL-3");
  auto trainer = BpeTrainer::create(text, o);
  REQUIRE(trainer.ok());
  trainer.value->run();
  return trainer.value->model();
}

}  // namespace

TEST_CASE("every export of a trained model loads as a tokenizer file and encodes as the model does") {
  const BpeModel model = trained_model();
  auto original = make_model_encoding(model, "trained");
  REQUIRE(original.ok());
  const std::string sample = "The GNU General Public License, version 3 — “copyleft” 123456 ünïcödé 你好 👍<|endoftext|>";
  const auto expected = original.value.encode(sample, SpecialPolicy::allow_all_specials());
  REQUIRE(expected.ok());

  const std::vector<TokenizerFile> model_file{{"my.model", write_model_file(model)}};
  CHECK(tokenizer_files_kind(model_file) == "bpeviz model");
  auto from_model = load_tokenizer_files(model_file, Pretokenizer::gpt2, "m");  // the model's own pre-tokenizer wins
  REQUIRE_MESSAGE(from_model.ok(), from_model.error);
  CHECK(from_model.value.pretokenizer() == Pretokenizer::cl100k);
  CHECK(from_model.value.encode(sample, SpecialPolicy::allow_all_specials()).value == expected.value);

  // Merges first or vocabulary first, whatever the files are called.
  const std::vector<TokenizerFile> pair{{"b.txt", write_gpt2_merges(model)}, {"a.txt", write_gpt2_vocab_json(model)}};
  CHECK(tokenizer_files_kind(pair) == "vocab.json + merges.txt");
  CHECK(tokenizer_files_name(pair) == "a.txt");
  auto from_pair = load_tokenizer_files(pair, Pretokenizer::cl100k, "p");
  REQUIRE_MESSAGE(from_pair.ok(), from_pair.error);
  CHECK(from_pair.value.encode(sample, SpecialPolicy::allow_all_specials()).value == expected.value);

  const std::vector<TokenizerFile> ranks{{"ranks.tiktoken", write_tiktoken_ranks(model)}};
  CHECK(tokenizer_files_kind(ranks) == ".tiktoken");
  auto from_ranks = load_tokenizer_files(ranks, Pretokenizer::cl100k, "r");
  REQUIRE_MESSAGE(from_ranks.ok(), from_ranks.error);
  // A .tiktoken file has no special tokens: compare on ordinary text.
  CHECK(from_ranks.value.encode_ordinary("copyleft 123456 你好").value ==
        original.value.encode_ordinary("copyleft 123456 你好").value);
}

TEST_CASE("a Hugging Face tokenizer.json and its compact form (as the build writes it) load as tokenizer files") {
  const std::string json = R"({"added_tokens": [], "normalizer": null, "post_processor": null, "decoder": {"type": "ByteLevel"},
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
    "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "abc": 4, "Ġ": 5}, "merges": ["a b", "ab c"]}})";
  const auto compact = write_compact_hf(json);
  REQUIRE_MESSAGE(compact.ok(), compact.error);
  for (const TokenizerFile& file : {TokenizerFile{"tokenizer.json", json}, TokenizerFile{"m.bpevizhf", compact.value}}) {
    const std::vector<TokenizerFile> files{file};
    CHECK(tokenizer_files_kind(files) == (file.name == "tokenizer.json" ? "tokenizer.json" : "compact tokenizer.json"));
    auto encoding = load_tokenizer_files(files, Pretokenizer::none, file.name);
    REQUIRE_MESSAGE(encoding.ok(), encoding.error);
    CHECK(encoding.value.encode_ordinary("abc ab").value == std::vector<uint32_t>{4, 5, 3});
  }
  const std::vector<TokenizerFile> cut{{"cut.bpevizhf", compact.value.substr(0, compact.value.size() - 3)}};
  CHECK(load_tokenizer_files(cut, Pretokenizer::none, "x").error.starts_with("cut.bpevizhf: compact model: truncated"));
}

TEST_CASE("wrong tokenizer files get a message naming them") {
  const BpeModel model = trained_model();
  const auto message = [](std::vector<TokenizerFile> files) {
    auto r = load_tokenizer_files(files, Pretokenizer::gpt2, "x");
    CHECK(!r.ok());
    return r.error;
  };
  CHECK(message({}) == "no file given");
  CHECK(message({{"vocab.json", write_gpt2_vocab_json(model)}}).find("vocab.json given without its merges.txt") == 0);
  CHECK(message({{"merges.txt", write_gpt2_merges(model)}}).find("merges.txt is a merges list") == 0);
  CHECK(message({{"a", "x"}, {"b", "y"}}).find("a and b: neither is a vocab.json") == 0);
  CHECK(message({{"a", "{}"}, {"b", "{}"}}).find("both are JSON") != std::string::npos);
  CHECK(message({{"a", "1"}, {"b", "2"}, {"c", "3"}}).find("give one tokenizer file") == 0);
  CHECK(message({{"photo.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10)}}).find("photo.png is not a tokenizer file") == 0);
  CHECK(message({{"cut.tiktoken", "IQ== 0\nIg== 1\nIw"}}).find("cut.tiktoken: line 3: ") == 0);
  CHECK(message({{"bad.model", "bpeviz-bpe 1\npretokenizer nonsense\n"}}).find("bad.model: ") == 0);
  CHECK(tokenizer_files_kind(std::vector<TokenizerFile>{{"a", "{}"}}) == "");
}

TEST_CASE("a user's tokenizer joins the encoding set under a name no other encoding has") {
  const BpeModel model = trained_model();
  EncodingSet set;
  auto first = make_model_encoding(model, "my.model");
  auto second = make_model_encoding(model, "my.model");
  auto clash = make_model_encoding(model, "cl100k_base");
  REQUIRE((first.ok() && second.ok() && clash.ok()));
  CHECK(set.add_user(std::move(first.value))->name() == "my.model");
  CHECK(set.add_user(std::move(second.value))->name() == "my.model (2)");
  CHECK(set.add_user(std::move(clash.value))->name() == "cl100k_base (2)");  // built-in names stay theirs
  CHECK(set.user_names() == std::vector<std::string>{"my.model", "my.model (2)", "cl100k_base (2)"});
  REQUIRE(set.find("my.model (2)"));
  CHECK(set.find("my.model (2)")->encode_ordinary("GNU").value ==
        make_model_encoding(model, "x").value.encode_ordinary("GNU").value);
}
