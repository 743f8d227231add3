// Training on a text counted part by part (as bpeviz-cli train reads a corpus larger than memory)
// makes the model that training on the whole text makes: same merges, same steps, same counts.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/train/bpe_trainer.h"
#include "core/train/pretoken_counts.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

// Reads `text` as bpeviz-cli does a file: `chunk` bytes at a time, each buffer handed over up to its
// last cut. Returns the counts and how many parts there were.
PretokenCounts count_in_parts(std::string_view text, const TrainerOptions& o, std::size_t chunk, std::size_t& parts) {
  PretokenCounts counts(o.pretokenizer, o.specials, o.threads);
  std::string buffer;
  parts = 0;
  for (std::size_t read = 0; read < text.size() || !buffer.empty();) {
    const std::size_t n = std::min(chunk, text.size() - read);
    buffer.append(text.substr(read, n));
    read += n;
    const std::size_t cut = read < text.size() ? counts.cuts().last_cut(buffer) : buffer.size();
    if (cut == 0) continue;
    counts.add(std::string_view(buffer).substr(0, cut));
    buffer.erase(0, cut);
    ++parts;
  }
  return counts;
}

std::vector<TrainingStep> all_steps(BpeTrainer& t) {
  std::vector<TrainingStep> steps;
  while (!t.done()) {
    auto more = t.step(50);
    if (more.empty()) break;
    steps.insert(steps.end(), more.begin(), more.end());
  }
  return steps;
}

void check_streamed_equals_whole(std::string_view text, const TrainerOptions& o, std::size_t chunk) {
  auto whole = BpeTrainer::create(text, o);
  REQUIRE_MESSAGE(whole.ok(), whole.error);
  std::size_t parts = 0;
  auto streamed = BpeTrainer::create(count_in_parts(text, o, chunk, parts), o);
  REQUIRE_MESSAGE(streamed.ok(), streamed.error);
  CHECK(parts >= 10);  // many parts, not one
  CHECK(streamed.value->distinct_pretokens() == whole.value->distinct_pretokens());
  CHECK(streamed.value->total_pretokens() == whole.value->total_pretokens());
  const auto a = all_steps(*whole.value), b = all_steps(*streamed.value);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("step " << i + 1);
    CHECK(a[i].merge == b[i].merge);
    CHECK(a[i].count == b[i].count);
    CHECK(a[i].replaced == b[i].replaced);
    CHECK(a[i].first_offset == b[i].first_offset);
    CHECK(a[i].runners_up == b[i].runners_up);
  }
  CHECK(whole.value->model().tokens == streamed.value->model().tokens);
  CHECK(streamed.value->segmentation().empty());  // no text to segment
}

}  // namespace

TEST_CASE("training on a text counted part by part makes the whole text's merges") {
  std::string text;
  for (const char* name : {"GPL-3", "Apache-2.0", "Artistic"}) text += test::read_file(std::string("/usr/share/common-licenses/") + name);
  REQUIRE(text.size() > 50000);
  for (Pretokenizer p : {Pretokenizer::gpt2, Pretokenizer::cl100k, Pretokenizer::o200k, Pretokenizer::whitespace}) {
    for (TieRule tie : {TieRule::greater, TieRule::first}) {
      for (uint32_t threads : {1u, 2u}) {
#ifdef __EMSCRIPTEN__  // the wasm test build has no threads
        if (threads > 1) continue;
#endif
        TrainerOptions o;
        o.pretokenizer = p;
        o.num_merges = 300;
        o.tie = tie;
        o.top_k = 3;
        o.threads = threads;
        o.specials = {"License", "the Program"};
        INFO(pretokenizer_name(p) << " tie " << tie_rule_name(tie) << " threads " << threads);
        check_streamed_equals_whole(text, o, 777);
      }
    }
  }
}

TEST_CASE("part by part on adversarial text, and with pre-tokenizer none cut only at special tokens") {
  std::mt19937 rng(5);
  static const char* const kPieces[] = {"a\n\nB", "x.\nY", "  \n", "ab cd ", "7 8", "<s>", "<s><s>", "<s", "\n\n", "don't ",
                                        "caf\xc3\xa9 ", "\xe4\xbd\xa0\xe5\xa5\xbd\n", "\t\r\n", "'s ", "x<s>y "};
  for (int round = 0; round < 20; ++round) {
    std::string text;
    for (int i = 0; i < 300; ++i) text += kPieces[rng() % std::size(kPieces)];
    for (Pretokenizer p : {Pretokenizer::gpt2, Pretokenizer::cl100k, Pretokenizer::none}) {
      TrainerOptions o;
      o.pretokenizer = p;
      o.num_merges = 40;
      o.tie = round % 2 ? TieRule::first : TieRule::greater;
      o.specials = {"<s>", "<s><s>"};
      INFO("round " << round << " " << pretokenizer_name(p));
      check_streamed_equals_whole(text, o, 1 + rng() % 50);
    }
  }
}
