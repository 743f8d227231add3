// The BPE trainer: worked examples from the literature, both tie rules, overlaps, special tokens,
// edge cases, and the fast trainer against the reference on random and real text.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/train/bpe_trainer.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

std::unique_ptr<BpeTrainer> make(std::string_view text, TrainerOptions options) {
  auto t = BpeTrainer::create(text, options);
  REQUIRE_MESSAGE(t.ok(), t.error);
  return std::move(t.value);
}

// The merges as "left right" pairs of bytes, as the literature writes them, joined by ", ".
std::string merge_names(const BpeModel& model) {
  std::string out;
  for (const auto& m : model.merges) out += (out.empty() ? "" : ", ") + model.tokens[m.left] + " " + model.tokens[m.right];
  return out;
}

TrainerOptions with(Pretokenizer p, uint32_t merges, TieRule tie = TieRule::greater) {
  TrainerOptions o;
  o.pretokenizer = p;
  o.num_merges = merges;
  o.tie = tie;
  return o;
}

std::vector<uint32_t> ids_of(const std::vector<Token>& tokens) {
  std::vector<uint32_t> ids;
  for (const auto& t : tokens) ids.push_back(t.id);
  return ids;
}

// Fast and reference trainers agree on every step, and the model's encoder reproduces the
// trainer's segmentation of its own training text.
void check_against_reference(std::string_view text, const TrainerOptions& options) {
  auto fast = make(text, options);
  std::vector<TrainingStep> steps;
  while (!fast->done()) {
    auto more = fast->step(7);
    if (more.empty()) break;
    steps.insert(steps.end(), more.begin(), more.end());
  }
  auto ref = train_reference(text, options);
  REQUIRE(ref.ok());
  REQUIRE(steps.size() == ref.value.steps.size());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto& a = steps[i];
    const auto& b = ref.value.steps[i];
    INFO("step " << i + 1);
    CHECK(a.merge == b.merge);
    CHECK(a.count == b.count);
    CHECK(a.replaced == b.replaced);
    CHECK(a.reused_id == b.reused_id);
    CHECK(a.first_offset == b.first_offset);
    CHECK(a.runners_up == b.runners_up);
  }
  const BpeModel model = fast->model();
  CHECK(model.tokens == ref.value.model.tokens);
  CHECK(model.merges == ref.value.model.merges);
  CHECK(model.check() == "");

  auto encoding = make_model_encoding(model, "trained");
  REQUIRE(encoding.ok());
  auto encoded = encoding.value.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(encoded.ok());
  CHECK(encoded.value == fast->segmentation());
}

std::string random_text(std::mt19937& rng, std::size_t length, std::string_view alphabet) {
  std::string s;
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  for (std::size_t i = 0; i < length; ++i) s += alphabet[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("Wikipedia's aaabdaaabac: aa, then aaa, then aaab") {
  for (TieRule tie : {TieRule::greater, TieRule::first}) {
    auto t = make("aaabdaaabac", with(Pretokenizer::none, 3, tie));
    auto steps = t->step(10);
    REQUIRE(steps.size() == 3);
    CHECK(merge_names(t->model()) == "a a, aa a, aaa b");
    CHECK(steps[0].count == 4);     // "aaa" holds (a, a) twice, overlapping, and there are two of them
    CHECK(steps[0].replaced == 2);  // ...but each "aaa" is replaced once, left to right
    CHECK(steps[0].merge.id == 256);
    // The second step is a tie: (aa, a) and (a, b) both occur twice; both rules pick (aa, a) here.
    CHECK(steps[1].count == 2);
    REQUIRE(!steps[1].runners_up.empty());
    CHECK(steps[1].runners_up[0] == PairCount{'a', 'b', 2});
    CHECK(ids_of(t->segmentation()) == std::vector<uint32_t>{258, 'd', 258, 'a', 'c'});
  }
}

TEST_CASE("CS336's worked example (after Sennrich et al.): whitespace pre-tokens, greater pair wins ties") {
  const std::string text =
      "low low low low low lower lower widest widest widest newest newest newest newest newest newest";
  auto t = make(text, with(Pretokenizer::whitespace, 6));
  auto steps = t->step(6);
  CHECK(merge_names(t->model()) == "s t, e st, o w, l ow, w est, n e");
  // (e, s) and (s, t) tie at 9: (s, t) is the greater pair.
  CHECK(steps[0].count == 9);
  CHECK(steps[0].runners_up[0] == PairCount{'e', 's', 9});
}

TEST_CASE("the two tie rules pick different pairs") {
  // (a, b) and (c, d) both occur twice; (c, d) is greater, (a, b) comes first.
  const std::string text = "ab cd ab cd";
  auto greater = make(text, with(Pretokenizer::whitespace, 1, TieRule::greater));
  auto first = make(text, with(Pretokenizer::whitespace, 1, TieRule::first));
  greater->step(1);
  first->step(1);
  CHECK(merge_names(greater->model()) == "c d");
  CHECK(merge_names(first->model()) == "a b");
  // Bytes compare as Python compares bytes: a longer left part with the same prefix is greater.
  auto longer = make("xxa xxa xb xb", with(Pretokenizer::whitespace, 2, TieRule::greater));
  longer->step(2);
  CHECK(merge_names(longer->model()) == "x x, xx a");
}

TEST_CASE("overlapping pairs: aaaa counts (a, a) three times and merges it twice") {
  auto t = make("aaaa", with(Pretokenizer::none, 5));
  auto steps = t->step(5);
  REQUIRE(steps.size() == 2);  // then one token is left: no pair
  CHECK(steps[0].count == 3);
  CHECK(steps[0].replaced == 2);
  CHECK(steps[1].count == 1);
  CHECK(merge_names(t->model()) == "a a, aa aa");
  CHECK(t->done());
}

TEST_CASE("special tokens split the text, are never merged, and take the ids after the merges") {
  TrainerOptions o = with(Pretokenizer::none, 3);
  o.specials = {"<|end|>", "<|end|>x"};  // overlapping: the longer one matches first
  const std::string text = "ab<|end|>xab<|end|>ab";
  auto t = make(text, o);
  auto steps = t->step(3);
  CHECK(merge_names(t->model()) == "a b");
  for (const auto& m : t->model().merges) {
    CHECK(t->model().tokens[m.id].find('<') == std::string::npos);
  }
  const BpeModel model = t->model();
  REQUIRE(model.specials.size() == 2);
  CHECK(model.specials[0].id == model.tokens.size());
  CHECK(model.specials[1].id == model.tokens.size() + 1);
  const auto seg = t->segmentation();
  REQUIRE(seg.size() == 5);
  CHECK(seg[1] == Token{model.specials[1].id, 2, 10});  // "<|end|>x"
  CHECK(seg[3] == Token{model.specials[0].id, 12, 19});
  check_against_reference(text, o);
}

TEST_CASE("vocab_size counts the bytes, the merges and the special tokens") {
  TrainerOptions o;
  o.pretokenizer = Pretokenizer::gpt2;
  o.vocab_size = 256 + 10 + 1;
  o.specials = {"<|endoftext|>"};
  const std::string text = test::read_file("/usr/share/common-licenses/Apache-2.0");
  REQUIRE(text.size() > 1000);
  auto t = make(text, o);
  CHECK(t->merges_target() == 10);
  t->run();
  CHECK(t->model().n_vocab() == 267);
  CHECK(t->model().merges.size() == 10);

  o.vocab_size = 256;
  CHECK(!BpeTrainer::create(text, o).ok());  // no room for the special token
  o.vocab_size = 300;
  o.specials = {"x", "x"};
  CHECK(!BpeTrainer::create(text, o).ok());
  o.specials = {""};
  CHECK(!BpeTrainer::create(text, o).ok());
}

TEST_CASE("edge cases: empty text, one distinct byte, invalid UTF-8") {
  auto empty = make("", with(Pretokenizer::gpt2, 10));
  CHECK(empty->step(10).empty());
  CHECK(empty->done());
  CHECK(empty->model().tokens.size() == 256);
  CHECK(empty->segmentation().empty());

  auto one = make("aaaaaaaa", with(Pretokenizer::gpt2, 10));
  one->run();
  CHECK(merge_names(one->model()) == "a a, aa aa, aaaa aaaa");
  CHECK(ids_of(one->segmentation()) == std::vector<uint32_t>{258});

  const std::string invalid = "\xff\xfe\xff\xfe \xc3\x28 \xed\xa0\x80\xff\xfe";
  for (Pretokenizer p : {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::gpt2, Pretokenizer::cl100k,
                         Pretokenizer::o200k}) {
    check_against_reference(invalid, with(p, 20));
  }
}

TEST_CASE("the fast trainer makes the reference trainer's merges on random text") {
  std::mt19937 rng(2024);
  const std::vector<std::string_view> alphabets = {"ab", "abc ", "aab  c\n", "xyz'0123 \t\n.", "ab\xc3\xa9\xe4\xbd\xa0 "};
  for (int round = 0; round < 120; ++round) {
    const auto alphabet = alphabets[static_cast<std::size_t>(round) % alphabets.size()];
    const std::string text = random_text(rng, 20 + static_cast<std::size_t>(round) * 3, alphabet);
    for (Pretokenizer p : {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::cl100k}) {
      for (TieRule tie : {TieRule::greater, TieRule::first}) {
        TrainerOptions o = with(p, 40, tie);
        o.top_k = static_cast<uint32_t>(round % 4);
        if (round % 5 == 0) o.specials = {"a b", "c"};
        INFO("round " << round << " pretokenizer " << pretokenizer_name(p) << " tie " << tie_rule_name(tie));
        check_against_reference(text, o);
      }
    }
  }
}

TEST_CASE("the fast trainer makes the reference trainer's merges on real text") {
  const std::string text = test::read_file("/usr/share/common-licenses/GPL-3").substr(0, 12000);
  REQUIRE(text.size() == 12000);
  for (Pretokenizer p : {Pretokenizer::gpt2, Pretokenizer::o200k}) {
    for (TieRule tie : {TieRule::greater, TieRule::first}) {
      TrainerOptions o = with(p, 60, tie);
      o.specials = {"GNU"};
      check_against_reference(text, o);
    }
  }
}

TEST_CASE("counting on two threads gives the same model as on one") {
  std::string text;
  for (const char* name : {"GPL-3", "Apache-2.0", "Artistic"}) text += test::read_file(std::string("/usr/share/common-licenses/") + name);
  TrainerOptions o = with(Pretokenizer::cl100k, 200);
  o.specials = {"License"};
  auto one = make(text, o);
  one->run();
#ifndef __EMSCRIPTEN__  // the wasm test build has no threads
  o.threads = 2;
#endif
  auto two = make(text, o);
  two->run();
  CHECK(one->model().merges == two->model().merges);
  CHECK(one->distinct_pretokens() == two->distinct_pretokens());
  CHECK(one->total_pretokens() == two->total_pretokens());
}
