#include "core/formats/base64.h"

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

TEST_CASE("base64_encode: RFC 4648 test vectors, padded") {
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode("foob") == "Zm9vYg==");
  CHECK(base64_encode("fooba") == "Zm9vYmE=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(base64_encode(std::string(1, '\0')) == "AA==");
  CHECK(base64_encode("\xFF\xFE\xFD") == "//79");
}

TEST_CASE("base64_encode and base64_decode are inverses on every byte and length") {
  std::string bytes;
  for (int i = 0; i < 300; ++i) {
    bytes += static_cast<char>((i * 37 + 11) & 0xFF);
    CHECK(decoded(base64_encode(bytes)) == bytes);
  }
}
