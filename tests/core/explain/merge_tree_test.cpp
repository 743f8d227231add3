// Merge trees: every inner node is its two children's bytes joined, the leaves are the bytes, and
// the root is the token — for every token of r50k and a sample of cl100k and o200k.
#include <doctest/doctest.h>

#include <string>

#include "core/explain/merge_tree.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

void check_tree(const Encoding& e, uint32_t id) {
  auto tree = merge_tree(e, id);
  REQUIRE_MESSAGE(tree.ok(), tree.error);
  const std::string_view bytes = e.ranks().token(id);
  const auto& nodes = tree.value.nodes;
  CHECK(tree.value.root().id == id);
  CHECK(tree.value.whole_parts.empty());  // the OpenAI vocabularies reach every token by merges
  CHECK(nodes.size() == 2 * bytes.size() - 1);
  for (const MergeTreeNode& n : nodes) {
    CHECK(e.ranks().token(n.id) == bytes.substr(n.begin, n.end - n.begin));
    if (n.left < 0) {
      CHECK(n.end - n.begin == 1);
      continue;
    }
    const MergeTreeNode& l = nodes[static_cast<std::size_t>(n.left)];
    const MergeTreeNode& r = nodes[static_cast<std::size_t>(n.right)];
    CHECK(l.begin == n.begin);
    CHECK(l.end == r.begin);
    CHECK(r.end == n.end);
    CHECK(l.step < n.step);
    CHECK(r.step < n.step);
  }
}

}  // namespace

TEST_CASE("merge tree of ' hello' in cl100k: worked example") {
  const Encoding& cl = test::encoding("cl100k_base");
  const uint32_t hello = cl.encode_ordinary(" hello").value.at(0);
  auto tree = merge_tree(cl, hello);
  REQUIRE(tree.ok());
  CHECK(tree.value.nodes.size() == 11);
  // The first merge of " hello" is the lowest-ranked pair among " h", "he", "el", "ll", "lo".
  uint32_t lowest = UINT32_MAX;
  for (const char* pair : {" h", "he", "el", "ll", "lo"}) lowest = std::min(lowest, cl.ranks().find(pair));
  CHECK(tree.value.nodes[6].id == lowest);
  CHECK(tree.value.nodes[6].step == 1);
}

TEST_CASE("merge trees are well formed for every token") {
  const Encoding& r50k = test::encoding("r50k_base");
  for (uint32_t id = 0; id < 50256; ++id) check_tree(r50k, id);
  for (const char* name : {"cl100k_base", "o200k_base"}) {
    const Encoding& e = test::encoding(name);
    for (uint32_t id = 0; id < e.ranks().id_end(); id += 97) {
      if (e.ranks().contains(id)) check_tree(e, id);
    }
  }
}

TEST_CASE("merge trees: errors and the whole-token shortcut") {
  const Encoding& cl = test::encoding("cl100k_base");
  CHECK(merge_tree(cl, 100257).error.find("special token") != std::string::npos);  // <|endoftext|>
  CHECK(merge_tree(cl, 100256).error.find("no token") == 0);                        // an unused id

  Vocab ranks;
  for (int b = 0; b < 256; ++b) ranks.add(static_cast<uint32_t>(b), std::string(1, static_cast<char>(b)));
  // "abcd" is reached by merges ("bc", then "a" + "bc", then "abc" + "d"); "xyz" only whole: no
  // pair inside it is a token.
  ranks.add(256, "bc");
  ranks.add(257, "abc");
  ranks.add(258, "abcd");
  ranks.add(259, "xyz");
  const Encoding toy("toy", Pretokenizer::none, std::move(ranks), {}, 260);
  auto reachable = merge_tree(toy, 258);
  REQUIRE(reachable.ok());
  CHECK(reachable.value.whole_parts.empty());
  CHECK(reachable.value.root().id == 258);
  auto whole = merge_tree(toy, 259);
  REQUIRE(whole.ok());
  CHECK(whole.value.whole_parts.size() == 3);
  CHECK(whole.value.root().id == 259);
  CHECK(whole.value.root().left == -1);
}
