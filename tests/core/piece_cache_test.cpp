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

// The short-piece table keeps no bytes beyond a few words: pieces that differ in any one byte, at any
// length up to kShortPieceBytes, must never answer for each other, and a piece must not answer for a
// shorter or longer one with the same leading bytes.
TEST_CASE("the short-piece table tells apart pieces that differ in one byte or in length") {
  PieceCache cache;
  std::string base = "abcdefghijklmnop";
  REQUIRE(base.size() == PieceCache::kShortPieceBytes);
  std::vector<std::string> pieces;
  for (std::size_t n = 1; n <= PieceCache::kShortPieceBytes; ++n) {
    pieces.push_back(base.substr(0, n));
    for (std::size_t at = 0; at < n; ++at) {
      std::string p = base.substr(0, n);
      p[at] = 'Z';
      pieces.push_back(p);
    }
  }
  const auto emitted = [&](const std::string& p, std::vector<uint32_t>& ids, std::vector<uint32_t>& ends) {
    ids.clear();
    ends.clear();
    return cache.emit_short(p, 100, [&](uint32_t id, uint32_t, uint32_t e) {
      ids.push_back(id);
      ends.push_back(e);
    });
  };
  std::vector<uint32_t> ids, ends;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    // Each piece stored alone, then every other piece looked up: only itself is found.
    cache.clear();
    const uint32_t id = static_cast<uint32_t>(1000 + i);
    cache.insert_short(pieces[i], &id, nullptr, 1);
    for (std::size_t j = 0; j < pieces.size(); ++j) {
      INFO(pieces[i] << " looked up as " << pieces[j]);
      CHECK(emitted(pieces[j], ids, ends) == (i == j));
    }
    REQUIRE(emitted(pieces[i], ids, ends));
    CHECK(ids == std::vector<uint32_t>{id});
    CHECK(ends == std::vector<uint32_t>{static_cast<uint32_t>(100 + pieces[i].size())});
  }
  // A piece of three tokens gives each token's span; one of four is not kept.
  cache.clear();
  const uint32_t three[] = {7, 8, 9}, four[] = {1, 2, 3, 4};
  const uint8_t lengths[] = {2, 3, 4, 1};
  cache.insert_short("abcdefghi", three, lengths, 3);
  REQUIRE(emitted("abcdefghi", ids, ends));
  CHECK(ids == std::vector<uint32_t>{7, 8, 9});
  CHECK(ends == std::vector<uint32_t>{102, 105, 109});
  cache.insert_short("abcdefghij", four, lengths, 4);
  CHECK(!emitted("abcdefghij", ids, ends));
}
