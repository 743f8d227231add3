// The decode box: what counts as a list of ids, and how bytes that are not UTF-8 are shown.
#include <doctest/doctest.h>

#include "tests/test_data.h"
#include "ui/views/decode_box.h"

using namespace bpeviz;

TEST_CASE("parse_ids accepts JSON arrays and numbers separated by commas or whitespace") {
  CHECK(parse_ids("[15339, 1917]").ids == std::vector<uint32_t>{15339, 1917});
  CHECK(parse_ids("15339 1917\n").ids == std::vector<uint32_t>{15339, 1917});
  CHECK(parse_ids("15339,1917,").ids == std::vector<uint32_t>{15339, 1917});
  CHECK(parse_ids("").ids.empty());
  CHECK(parse_ids(" [ ] ").error.empty());
}

TEST_CASE("parse_ids names what is not an id") {
  CHECK(parse_ids("[1, x]").error.starts_with("\"x\" at character 5"));
  CHECK(parse_ids("-3").error.starts_with("\"-\" at character 1"));
  CHECK(parse_ids("[1]]").error.starts_with("\"]\" at character 4"));
  CHECK(parse_ids("99999999999").error.find("too large") != std::string::npos);
}

TEST_CASE("decode_ids under cl100k_base: text, unknown ids, and broken UTF-8 as U+FFFD") {
  const Encoding& cl100k = test::encoding("cl100k_base");
  CHECK(decode_ids("[15339, 1917]", &cl100k).text == "hello world");
  CHECK(decode_ids("[100257]", &cl100k).text == "<|endoftext|>");
  CHECK_FALSE(decode_ids("[100261]", &cl100k).error.empty());  // an unused id
  // 你 is E4 BD A0; two of its three bytes alone are not UTF-8.
  const std::string e4 = std::to_string(cl100k.ranks().find("\xE4"));
  const std::string bd = std::to_string(cl100k.ranks().find("\xBD"));
  const DecodedIds broken = decode_ids("[15339, " + e4 + ", " + bd + "]", &cl100k);
  REQUIRE(broken.error.empty());
  CHECK(broken.text == "hello\xEF\xBF\xBD");
  REQUIRE(broken.bad_bytes.size() == 1);
  CHECK(broken.bad_bytes[0].offset == 5);
  CHECK(broken.bad_bytes[0].hex == "E4 BD");
}

TEST_CASE("decode_ids for the byte-level baseline: ids are bytes") {
  CHECK(decode_ids("104 105", nullptr).text == "hi");
  CHECK(decode_ids("104 256", nullptr).error.find("256") != std::string::npos);
}
