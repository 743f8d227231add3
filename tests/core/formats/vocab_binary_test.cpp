// The binary vocabulary form: the build's files hold exactly the .tiktoken files' tokens, a round
// trip keeps every id, and damaged files are refused with a reason.
#include <doctest/doctest.h>

#include "core/catalog/openai_encodings.h"
#include "core/formats/tiktoken_file.h"
#include "core/formats/vocab_binary.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

void check_same(const Vocab& a, const Vocab& b) {
  REQUIRE(a.id_end() == b.id_end());
  CHECK(a.size() == b.size());
  for (uint32_t id = 0; id < a.id_end(); ++id) {
    if (a.token(id) != b.token(id)) {
      FAIL("token " << id << " differs");
      return;
    }
    CHECK(a.contains(id) == b.contains(id));
  }
}

}  // namespace

TEST_CASE("the build's .bpevocab files hold the .tiktoken files' tokens, and load as the same encoding") {
  for (const char* name : {"r50k_base", "p50k_base", "cl100k_base", "o200k_base"}) {
    INFO(name);
    const std::string dir = BPEVIZ_TEST_ENCODINGS_DIR;
    auto text = load_tiktoken_file(test::read_file(dir + "/" + name + ".tiktoken"));
    const std::string binary = test::read_file(dir + "/" + name + ".bpevocab");
    auto bin = load_vocab_binary(binary);
    REQUIRE((text.ok() && bin.ok()));
    check_same(text.value, bin.value);
    CHECK(write_vocab_binary(text.value) == binary);  // the JavaScript writer and ours agree
    CHECK(binary.size() < test::read_file(dir + "/" + name + ".tiktoken").size() * 6 / 10);
  }
  const EncodingSpec& o200k = *find_openai_encoding("o200k_base");
  auto encoding = load_openai_encoding(o200k, test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/o200k_base.bpevocab"));
  REQUIRE(encoding.ok());
  CHECK(encoding.value.encode_ordinary("hello world").value ==
        test::encoding("o200k_base").encode_ordinary("hello world").value);
}

TEST_CASE("damaged binary vocabularies are refused with a reason") {
  Vocab v;
  v.add(0, "a");
  v.add(1, "b");
  v.add(3, "ab");  // id 2 unused
  const std::string good = write_vocab_binary(v);
  auto back = load_vocab_binary(good);
  REQUIRE(back.ok());
  check_same(v, back.value);
  CHECK(!back.value.contains(2));

  CHECK(load_vocab_binary("IQ== 0\n").error.find("bad header") != std::string::npos);
  CHECK(load_vocab_binary(good.substr(0, good.size() - 1)).error.find("truncated") == 0);
  CHECK(load_vocab_binary(std::string(kVocabBinaryMagic) + "\x01").error.find("truncated") == 0);
  std::string same = good;
  same[same.size() - 3] = 'a';  // the bytes "abab" become "aaab": tokens "a", "a", "ab"
  CHECK(load_vocab_binary(same).error == "token 1 has the same bytes as token 0");
  auto error = load_openai_encoding(*find_openai_encoding("cl100k_base"), std::string(kVocabBinaryMagic) + "xx");
  CHECK(error.error.find("cl100k_base.bpevocab: ") == 0);
}
