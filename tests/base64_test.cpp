#include "core/base64.h"

#include <doctest/doctest.h>

using namespace bpeviz;

static std::string decoded(std::string_view s) {
  std::string out;
  REQUIRE(base64_decode(s, out));
  return out;
}

TEST_CASE("base64_decode: RFC 4648 test vectors, with and without padding") {
  CHECK(decoded("") == "");
  CHECK(decoded("Zg==") == "f");
  CHECK(decoded("Zm8=") == "fo");
  CHECK(decoded("Zm9v") == "foo");
  CHECK(decoded("Zm9vYg==") == "foob");
  CHECK(decoded("Zm9vYmE=") == "fooba");
  CHECK(decoded("Zm9vYmFy") == "foobar");
  CHECK(decoded("Zm9vYg") == "foob");
  CHECK(decoded("8J+RjQ==") == "\xF0\x9F\x91\x8D");
  CHECK(decoded("AA==") == std::string(1, '\0'));
}

TEST_CASE("base64_decode rejects what no encoder produces") {
  std::string out;
  CHECK_FALSE(base64_decode("Zm9v!", out));
  CHECK_FALSE(base64_decode("Z", out));     // a single leftover character carries no byte
  CHECK_FALSE(base64_decode("Zh==", out));  // non-zero padding bits
  CHECK_FALSE(base64_decode("Zm 9v", out));
}
