// CS336's Tokenizer(vocab, merges, special_tokens), as load_tokenizer_files takes a list of special
// tokens: assignment 1's tokenizer expectations on GPT-2's ranks (r50k_base.tiktoken, which lacks
// <|endoftext|>), checked against tiktoken's gpt2 (the built-in encoding, from npm tiktoken's data).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/formats/tokenizer_files.h"
#include "core/hf/hf_tokenizer_json.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

const std::string kEnd = "<|endoftext|>";

Encoding gpt2_ranks_with(const std::vector<std::string>& specials) {
  const std::vector<TokenizerFile> files{
      {"r50k_base.tiktoken", test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/r50k_base.tiktoken")}};
  auto loaded = load_tokenizer_files(files, Pretokenizer::gpt2, "gpt2 ranks", specials);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  return loaded.value;
}

std::vector<uint32_t> ids(const Encoding& e, std::string_view text, const SpecialPolicy& policy) {
  auto r = e.encode(text, policy);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}

std::vector<uint32_t> tiktoken_gpt2(std::string_view text) {
  return ids(test::encoding("gpt2"), text, SpecialPolicy::allow_all_specials());
}

}  // namespace

TEST_CASE("CS336: a special token the vocabulary lacks gets the next free id, and the ids are tiktoken gpt2's") {
  const Encoding ours = gpt2_ranks_with({kEnd});
  const SpecialPolicy policy{false, {kEnd}, true};  // as the CLI allows its --special tokens
  const std::string gpl = test::read_file("/usr/share/common-licenses/GPL-3");
  REQUIRE(gpl.size() > 30000);
  // Their strings (empty, one character, ASCII, Unicode, with special tokens), then real text with
  // special tokens between paragraphs and before blank lines, as their TinyStories and newline fixtures.
  const std::vector<std::string> texts = {
      "", "s", "🙃", "Hello, how are you?", "Héllò hôw are ü? 🙃",
      "Héllò hôw <|endoftext|><|endoftext|> are ü? 🙃<|endoftext|>",
      gpl.substr(0, 12000),
      gpl.substr(0, 3000) + "\n\n<|endoftext|>\n\n" + gpl.substr(3000, 3000) + "<|endoftext|>\n\n",
      "Once upon a time.\n\n<|endoftext|>\n\nThe end. <|endoftext|>\n\n\n"};
  for (const std::string& text : texts) {
    CAPTURE(text.substr(0, 80));
    const std::vector<uint32_t> got = ids(ours, text, policy);
    CHECK(got == tiktoken_gpt2(text));
    const auto decoded = ours.decode_bytes(got);
    CHECK(decoded.value == text);
  }
  CHECK(ours.token_bytes(50256) == kEnd);
  CHECK(ours.n_vocab() == test::encoding("gpt2").n_vocab());
}

TEST_CASE("CS336: overlapping special tokens, the longest first, never merged with the text around them") {
  const Encoding ours = gpt2_ranks_with({kEnd, kEnd + kEnd});
  const std::string text = "Hello, how " + kEnd + kEnd + " are you?" + kEnd;
  std::vector<uint32_t> want = tiktoken_gpt2("Hello, how ");
  want.push_back(50257);  // the double: after the single, the next free id
  for (const uint32_t id : tiktoken_gpt2(" are you?")) want.push_back(id);
  want.push_back(50256);
  const std::vector<uint32_t> got = ids(ours, text, SpecialPolicy::allow_all_specials());
  CHECK(got == want);
  CHECK(ours.token_bytes(50257) == kEnd + kEnd);
  CHECK(ours.decode_bytes(got).value == text);
  // Listed the other way round: the same cut, only the ids follow the order given.
  const Encoding reversed = gpt2_ranks_with({kEnd + kEnd, kEnd});
  CHECK(reversed.token_bytes(50256) == kEnd + kEnd);
  CHECK(ids(reversed, text, SpecialPolicy::allow_all_specials()).size() == want.size());
}

TEST_CASE("CS336: a special token the vocabulary has takes that token's id") {
  const Encoding plain = gpt2_ranks_with({});
  const uint32_t hello = plain.ranks().find("Hello");
  REQUIRE(hello != Vocab::kNone);
  const Encoding ours = gpt2_ranks_with({"Hello"});
  CHECK(ours.is_special(hello));
  CHECK(ours.n_vocab() == plain.n_vocab());
  // " Hello" is one token of GPT-2; as a special, "Hello" is cut out of it and the space stands alone.
  const std::vector<uint32_t> got = ids(ours, "Say Hello", SpecialPolicy::allow_all_specials());
  std::vector<uint32_t> want = tiktoken_gpt2("Say ");
  want.push_back(hello);
  CHECK(got == want);
}

TEST_CASE("special tokens added to an encoding: a known one becomes special, an empty one is refused") {
  const Encoding& cl100k = test::encoding("cl100k_base");
  const std::vector<std::string> same{"<|endoftext|>"};
  auto with = cl100k.with_special_tokens(same);
  REQUIRE(with.ok());
  CHECK(with.value.specials().size() == cl100k.specials().size());
  CHECK(with.value.n_vocab() == cl100k.n_vocab());
  const std::vector<std::string> empty{""};
  CHECK(cl100k.with_special_tokens(empty).error == "a special token cannot be empty");
  // A tokenizer.json keeps its model: the Hugging Face path still encodes the text between.
  auto hf = load_hf_tokenizer_json(test::kAddedTokensJson, "pairs");
  REQUIRE_MESSAGE(hf.ok(), hf.error);
  const std::vector<std::string> end{"<end>"};
  auto added = hf.value.with_special_tokens(end);
  REQUIRE(added.ok());
  CHECK(added.value.hf_model() == hf.value.hf_model());
  CHECK(ids(added.value, "abc<end>abc", SpecialPolicy::allow_all_specials()) ==
        std::vector<uint32_t>{0, 4, 9, 0, 4});
  CHECK(added.value.decode_bytes(std::vector<uint32_t>{9}).value == "<end>");
  // An added token that was not special becomes one, keeping its id: now the policy's.
  const std::vector<std::string> tool{"<tool_call>"};
  auto made = hf.value.with_special_tokens(tool);
  REQUIRE(made.ok());
  CHECK((made.value.is_special(7) && !made.value.is_added_token(7)));
  CHECK_FALSE(made.value.encode("a<tool_call>", SpecialPolicy::error_on_specials()).ok());
}
