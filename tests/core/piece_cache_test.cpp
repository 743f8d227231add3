// The piece cache changes no id: text encoded again (cached), under several encodings in turn (more
// than a thread keeps caches for), and after the cache fills and empties, gives the same ids.
#include <doctest/doctest.h>

#include <string>

#include "core/bpe_merge.h"
#include "core/piece_cache.h"
#include "tests/test_data.h"

using namespace bpeviz;

TEST_CASE("encoding with the piece cache gives the ids of encoding without it") {
  std::string text = test::read_file("/usr/share/common-licenses/GPL-3").substr(0, 20000);
  text += " Здравствуй, мир! こんにちは世界 مرحبا بالعالم नमस्ते दुनिया 🌍🌍 identifiersLikeThis snake_case_names";
  const char* names[] = {"r50k_base", "p50k_base", "cl100k_base", "o200k_base", "gpt2", "p50k_edit"};
  std::vector<std::vector<uint32_t>> first;
  clear_piece_caches();
  for (const char* name : names) first.push_back(test::encoding(name).encode_ordinary(text).value);
  for (int round = 0; round < 2; ++round) {
    for (std::size_t i = 0; i < std::size(names); ++i) {
      INFO(names[i] << " round " << round);
      CHECK(test::encoding(names[i]).encode_ordinary(text).value == first[i]);
    }
  }
  // Each piece checked against the merge loop alone: the reference merge of every non-token piece.
  const Encoding& cl = test::encoding("cl100k_base");
  auto pieces = cl.pieces(text, SpecialPolicy::all_as_text());
  REQUIRE(pieces.ok());
  for (const Span& p : pieces.value) {
    const std::string_view piece = std::string_view(text).substr(p.begin, p.end - p.begin);
    std::vector<uint32_t> expected;
    for (std::string_view t : bpe_merge_reference(cl.ranks(), piece)) expected.push_back(cl.ranks().find(t));
    if (cl.ranks().find(piece) != Vocab::kNone) expected = {cl.ranks().find(piece)};
    CHECK(cl.encode_ordinary(piece).value == expected);  // cached by now for most pieces
  }
}

TEST_CASE("the piece cache empties when full and keeps working") {
  PieceCache cache;
  const uint32_t ids[] = {1, 2, 3};
  const uint8_t lengths[] = {1, 1, 2};
  std::vector<std::string> keys;
  for (int i = 0; i < 40000; ++i) keys.push_back("piece" + std::to_string(i));
  for (const auto& k : keys) cache.insert(k, Vocab::hash(k), ids, lengths, 3);
  PieceCache::Hit hit{};
  CHECK(cache.find(keys.back(), Vocab::hash(keys.back()), hit));
  CHECK(hit.count == 3);
  CHECK(hit.ids[2] == 3);
  CHECK(hit.lengths[2] == 2);
  CHECK(!cache.find(keys.front(), Vocab::hash(keys.front()), hit));  // emptied once on the way
  CHECK(!cache.find("nope", Vocab::hash("nope"), hit));
  const std::string too_long(PieceCache::kMaxPieceBytes + 1, 'x');
  cache.insert(too_long, Vocab::hash(too_long), ids, lengths, 3);
  CHECK(!cache.find(too_long, Vocab::hash(too_long), hit));
}
