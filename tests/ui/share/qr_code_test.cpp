// make_qr_code: the smallest version at level M or better, the standard's finder patterns in three corners,
// and a clear error, not qrcodegen's exception, for a text no QR code holds. (The e2e test share.test.mjs
// decodes the drawn code with jsQR.)
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <string>

#include "ui/share/qr_code.h"

using namespace bpeviz;

namespace {

// The 7×7 finder pattern with its top-left module at (x, y): a dark ring, a light ring, a dark 3×3 core.
bool finder_at(const QrCode& code, int x, int y) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      const int ring = std::max(std::abs(dx - 3), std::abs(dy - 3));
      if (code.module(x + dx, y + dy) != (ring != 2)) return false;
    }
  }
  return true;
}

}  // namespace

TEST_CASE("a link becomes the smallest QR code at level M or better, with its three finder patterns") {
  const std::string link = "https://uni.example/~lecturer/bpeviz/#encoding=cl100k_base&text=Hello%2C%20class!";
  const Result<QrCode> code = make_qr_code(link);
  REQUIRE(code.ok());
  CHECK(code.value.version == 5);  // 84 bytes: version 4 holds 62 at level M, version 5 holds 84
  CHECK(code.value.size == 17 + 4 * code.value.version);
  CHECK(std::string("MQH").find(code.value.ecc) != std::string::npos);
  CHECK(code.value.dark.size() == static_cast<std::size_t>(code.value.size * code.value.size));
  CHECK(finder_at(code.value, 0, 0));
  CHECK(finder_at(code.value, code.value.size - 7, 0));
  CHECK(finder_at(code.value, 0, code.value.size - 7));
  CHECK_FALSE(finder_at(code.value, code.value.size - 7, code.value.size - 7));
}

TEST_CASE("the longest link the Share view allows, 300 characters, is version 13 at most") {
  const std::string link = "https://uni.example/bpeviz/#encoding=o200k_base&text=" + std::string(300 - 53, 'a');
  REQUIRE(link.size() == 300);
  const Result<QrCode> code = make_qr_code(link);
  REQUIRE(code.ok());
  CHECK(code.value.version <= 13);
}

TEST_CASE("a text longer than any QR code holds is an error, not a crash") {
  CHECK(make_qr_code(std::string(kQrMaxBytes, 'x')).ok());
  const Result<QrCode> code = make_qr_code(std::string(kQrMaxBytes + 1, 'x'));
  CHECK_FALSE(code.ok());
  CHECK(code.error.find("2331") != std::string::npos);
}
