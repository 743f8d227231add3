#include "core/vocab.h"

#include <doctest/doctest.h>

#include <random>

using namespace bpeviz;

TEST_CASE("Vocab maps bytes to ids and back, with gaps in the ids") {
  Vocab v;
  CHECK(v.find("a") == Vocab::kNone);
  CHECK(v.add(0, "a"));
  CHECK(v.add(1, "b"));
  CHECK(v.add(5, "ab"));
  CHECK(v.add(6, std::string_view("\0\xFF", 2)));
  CHECK(v.find("ab") == 5);
  CHECK(v.find(std::string_view("\0\xFF", 2)) == 6);
  CHECK(v.find("ba") == Vocab::kNone);
  CHECK(v.token(5) == "ab");
  CHECK(v.token(3).empty());
  CHECK_FALSE(v.contains(3));
  CHECK(v.id_end() == 7);
  CHECK(v.size() == 4);
}

TEST_CASE("Vocab refuses a repeated id or repeated bytes") {
  Vocab v;
  CHECK(v.add(0, "x"));
  CHECK_FALSE(v.add(0, "y"));
  CHECK_FALSE(v.add(1, "x"));
  CHECK(v.size() == 1);
}

TEST_CASE("Vocab stays correct through growth (100k random tokens)") {
  std::mt19937 rng(7);
  Vocab v;
  std::vector<std::string> tokens;
  for (uint32_t id = 0; tokens.size() < 100000; ++id) {
    std::string t(1 + rng() % 12, '\0');
    for (char& c : t) c = static_cast<char>(rng());
    if (v.add(id, t)) tokens.push_back(t);
    else --id;
  }
  for (uint32_t id = 0; id < tokens.size(); ++id) {
    REQUIRE(v.find(tokens[id]) == id);
    REQUIRE(v.token(id) == tokens[id]);
  }
}
