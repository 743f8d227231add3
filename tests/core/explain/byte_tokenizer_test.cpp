#include "core/explain/byte_tokenizer.h"

#include <doctest/doctest.h>

using namespace bpeviz;
using namespace std::string_literals;

TEST_CASE("encode_bytes gives one token per byte with its value as id and its span") {
  const auto tokens = encode_bytes("h\xC3\xA9");  // "hé"
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0] == Token{104, 0, 1});
  CHECK(tokens[1] == Token{0xC3, 1, 2});
  CHECK(tokens[2] == Token{0xA9, 2, 3});
  CHECK(encode_bytes("").empty());
  CHECK(encode_bytes("\0"s).at(0) == Token{0, 0, 1});
}

TEST_CASE("decode_bytes round-trips every byte value and rejects ids above 255") {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  std::vector<uint32_t> ids;
  for (const auto& t : encode_bytes(all)) ids.push_back(t.id);
  const auto back = decode_bytes(ids);
  CHECK(back.bytes == all);
  CHECK(back.bad_index == SIZE_MAX);

  const std::vector<uint32_t> bad{72, 105, 256, 33};
  const auto partial = decode_bytes(bad);
  CHECK(partial.bytes == "Hi");
  CHECK(partial.bad_index == 2);
}
