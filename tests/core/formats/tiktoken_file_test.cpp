#include "core/formats/tiktoken_file.h"

#include <doctest/doctest.h>

#include "tests/test_data.h"

using namespace bpeviz;

TEST_CASE("load_tiktoken_file reads base64 tokens and ranks") {
  const auto r = load_tiktoken_file("YQ== 0\nYg== 1\nYWI= 2\n");
  REQUIRE(r.ok());
  CHECK(r.value.size() == 3);
  CHECK(r.value.find("ab") == 2);
  CHECK(load_tiktoken_file("YQ== 0\r\nYg== 1").ok());  // CRLF, no final newline
}

TEST_CASE("load_tiktoken_file names the line and the problem") {
  CHECK(load_tiktoken_file("").error == "the file has no tokens");
  CHECK(load_tiktoken_file("YQ== 0\nYg== 0\n").error == "line 2: rank 0 repeats (the previous line has rank 0)");
  CHECK(load_tiktoken_file("YQ== 1\nYg== 0\n").error == "line 2: rank 0 is out of order (the previous line has rank 1)");
  CHECK(load_tiktoken_file("YQ== 0\n!!!! 1\n").error == "line 2: the token \"!!!!\" is not valid base64");
  CHECK(load_tiktoken_file("YQ== 0\nYg== one\n").error == "line 2: the rank \"one\" is not a number");
  CHECK(load_tiktoken_file("YQ== 0\nYQ== 1\n").error == "line 2: the token with rank 1 has the same bytes as token 0");
  CHECK(load_tiktoken_file("YQ== 0\nYg==").error == "line 2: truncated: the file ends in the middle of a line");
  CHECK(load_tiktoken_file("YQ== 0\n\nYg== 1\n").error == "line 2: empty line");
  CHECK(load_tiktoken_file("YQ==0\n").error == "line 1: expected \"<base64 token> <rank>\"");
}

TEST_CASE("the built-in vocabularies load with the token counts of the manifest") {
  CHECK(test::encoding("r50k_base").ranks().size() == 50256);
  CHECK(test::encoding("p50k_base").ranks().size() == 50280);
  CHECK(test::encoding("cl100k_base").ranks().size() == 100256);
  CHECK(test::encoding("o200k_base").ranks().size() == 199998);
}

TEST_CASE("make_encoding finds gaps in the ids") {
  const auto vocab = load_tiktoken_file("YQ== 0\nYg== 2\n");
  REQUIRE(vocab.ok());
  const EncodingSpec spec{"toy", "toy.tiktoken", Pretokenizer::none, {}, 3, true};
  CHECK(make_encoding(spec, vocab.value).error ==
        "toy: gap at id 1: no token and no special token has it (is the ranks file truncated?)");
  const EncodingSpec with_special{"toy", "toy.tiktoken", Pretokenizer::none, {{"<s>", 1}}, 3, true};
  CHECK(make_encoding(with_special, vocab.value).ok());
  const EncodingSpec sparse{"toy", "toy.tiktoken", Pretokenizer::none, {}, 3, false};
  CHECK(make_encoding(sparse, vocab.value).ok());
  const EncodingSpec longer{"toy", "toy.tiktoken", Pretokenizer::none, {}, 5, false};
  CHECK(make_encoding(longer, vocab.value).error == "toy: the largest id is below n_vocab 5 (is the ranks file truncated?)");
}
