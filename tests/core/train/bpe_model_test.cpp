// BpeModel's invariants, and a model with a merge that reuses an earlier token's bytes.
#include <doctest/doctest.h>

#include "core/train/bpe_model.h"

using namespace bpeviz;

namespace {

// Adds merge (left, right); a new token unless its bytes exist already.
void merge(BpeModel& m, uint32_t left, uint32_t right) {
  const std::string bytes = m.tokens[left] + m.tokens[right];
  uint32_t id = static_cast<uint32_t>(m.tokens.size());
  for (uint32_t i = 0; i < m.tokens.size(); ++i) {
    if (m.tokens[i] == bytes) id = i;
  }
  if (id == m.tokens.size()) m.tokens.push_back(bytes);
  m.merges.push_back({left, right, id});
}

}  // namespace

TEST_CASE("a merge may reuse the id of a token with the same bytes; the encoder ranks by bytes") {
  // (a, b), (ab, c) make "abc"; then (b, c) and (a, bc) make "abc" again: the last merge records
  // id 257 and the vocabulary keeps one token per byte string.
  BpeModel m = BpeModel::bytes_only(Pretokenizer::none);
  merge(m, 'a', 'b');  // 256 "ab"
  merge(m, 256, 'c');  // 257 "abc"
  merge(m, 'b', 'c');  // 258 "bc"
  merge(m, 'a', 258);  // "abc" again → 257
  CHECK(m.merges.back() == BpeMerge{'a', 258, 257});
  CHECK(m.tokens.size() == 259);
  CHECK(m.check() == "");

  auto enc = make_model_encoding(m, "reuse");
  REQUIRE(enc.ok());
  CHECK(enc.value.encode_ordinary("abc").value == std::vector<uint32_t>{257});
  CHECK(enc.value.encode_ordinary("bc").value == std::vector<uint32_t>{258});
  CHECK(enc.value.encode_ordinary("xbcab").value == std::vector<uint32_t>{'x', 258, 256});
}

TEST_CASE("check() names what is wrong with a model") {
  BpeModel m = BpeModel::bytes_only(Pretokenizer::gpt2);
  merge(m, 'a', 'b');
  CHECK(m.check() == "");

  BpeModel bad = m;
  bad.tokens[256] = "xy";
  CHECK(bad.check().find("not the pair's") != std::string::npos);

  bad = m;
  bad.merges[0].left = 300;
  CHECK(bad.check().find("not made yet") != std::string::npos);

  bad = m;
  bad.tokens.push_back("abc");
  CHECK(bad.check().find("made by no merge") != std::string::npos);

  bad = m;
  bad.specials = {{"<s>", 300}};
  CHECK(bad.check().find("does not follow") != std::string::npos);

  bad = m;
  bad.specials = {{"<s>", 257}, {"<s>", 258}};
  CHECK(bad.check().find("twice") != std::string::npos);

  bad = m;
  bad.tokens[7] = "q";
  CHECK(bad.check().find("not the byte 7") != std::string::npos);

  CHECK(!make_model_encoding(bad, "bad").ok());
}
