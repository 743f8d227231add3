// "Predict the next merge": the candidates are the logged competitors in byte order with the winner
// among them, guesses are judged (ties included), and the player's moves ask, reveal and keep score as
// the studio promises; drawn headless, the question fits a 1280×720 window.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/train/training_text.h"
#include "tests/ui/frames.h"
#include "ui/studio/merge_prediction.h"
#include "ui/studio/training_studio.h"

using namespace bpeviz;
using bpeviz::test::default_fonts;

namespace {

TrainingSession train(std::string_view text, uint32_t merges, Pretokenizer pretokenizer = Pretokenizer::none,
                      TieRule tie = TieRule::greater) {
  TrainerOptions options;
  options.num_merges = merges;
  options.pretokenizer = pretokenizer;
  options.tie = tie;
  options.top_k = 8;
  auto s = train_session(text, options);
  REQUIRE_MESSAGE(s.ok(), s.error);
  return std::move(s.value);
}

std::pair<std::string, std::string> names(const TrainingSession& s, const PairCount& p) {
  return {s.model.tokens[p.left], s.model.tokens[p.right]};
}

// Every adjacent pair of the segmentation after k merges, counted inside pre-tokens with overlaps,
// by the obvious method: what the candidates' hidden counts must be.
std::map<std::pair<std::string, std::string>, uint64_t> count_pairs(const TrainingSession& s, uint32_t k) {
  auto tokens = segmentation_at(s, k);
  REQUIRE(tokens.ok());
  std::map<std::pair<std::string, std::string>, uint64_t> counts;
  std::size_t piece = 0;
  for (std::size_t i = 0; i + 1 < tokens.value.size(); ++i) {
    const Token& a = tokens.value[i];
    const Token& b = tokens.value[i + 1];
    while (s.pieces[piece].end <= a.begin) ++piece;
    if (b.end > s.pieces[piece].end) continue;  // across pre-tokens: never counted
    ++counts[{s.text.substr(a.begin, a.end - a.begin), s.text.substr(b.begin, b.end - b.begin)}];
  }
  return counts;
}

int index_of(const TrainingSession& s, const std::vector<PairCount>& candidates, std::string_view left, std::string_view right) {
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (names(s, candidates[i]) == std::pair<std::string, std::string>(left, right)) return static_cast<int>(i);
  }
  FAIL("no candidate " << left << " + " << right);
  return -1;
}

}  // namespace

TEST_CASE("prediction: the candidates are the winner and the runners-up, in byte order, with their true counts") {
  const std::string gpl =
      "The GNU General Public License is a free, copyleft license for software and other kinds of works. "
      "The licenses for most software and other practical works are designed to take away your freedom to "
      "share and change the works. By contrast, the GNU General Public License is intended to guarantee your "
      "freedom to share and change all versions of a program--to make sure it remains free software for all its users.";
  for (const auto& example : {std::pair<std::string, Pretokenizer>{"aaabdaaabac", Pretokenizer::none},
                               {gpl, Pretokenizer::gpt2}}) {
    const std::string& text = example.first;  // (not a structured binding: clang 14 cannot capture one in INFO)
    const TrainingSession s = train(text, 40, example.second);
    CHECK(prediction_candidates(s, 0).empty());
    CHECK(prediction_candidates(s, s.merges() + 1).empty());
    for (uint32_t k = 1; k <= s.merges(); ++k) {
      INFO("merge " << k << " of " << text.substr(0, 20));
      const TrainingStep& t = s.steps[k - 1];
      const auto candidates = prediction_candidates(s, k);
      REQUIRE(candidates.size() == t.runners_up.size() + 1);
      const auto winner = std::find(candidates.begin(), candidates.end(), PairCount{t.merge.left, t.merge.right, t.count});
      CHECK(winner != candidates.end());
      CHECK(std::is_sorted(candidates.begin(), candidates.end(),
                           [&](const PairCount& a, const PairCount& b) { return names(s, a) < names(s, b); }));
      // Each count is the pair's count in the text before the merge, and none beats the winner.
      const auto counts = count_pairs(s, k - 1);
      for (const PairCount& c : candidates) {
        CHECK(counts.at(names(s, c)) == c.count);
        CHECK(c.count <= t.count);
      }
    }
  }
  // aaabdaaabac before the first merge: (a, a) 4 wins; a runner-up (a, b) 2 sorts after it, (d, a) last.
  const TrainingSession s = train("aaabdaaabac", 3);
  const auto first = prediction_candidates(s, 1);
  CHECK(names(s, first.front()) == std::pair<std::string, std::string>("a", "a"));
  CHECK(names(s, first.back()) == std::pair<std::string, std::string>("d", "a"));
}

TEST_CASE("prediction: a guess is right when it is the winner or ties it, and the verdict says which") {
  const TrainingSession s = train("aaabdaaabac", 3);
  MergePrediction p;
  uint32_t step = 0;
  bool playing = false;
  follow_prediction(p, s, 1, s.merges(), step, playing);
  set_prediction(p, true, step, s.merges());
  REQUIRE(p.pending);

  // Merge 1: (a, a) with 4; (a, b) with 2 is wrong.
  auto candidates = prediction_candidates(s, 1);
  MergeAnswer a = judge_guess(s.steps[0], candidates[static_cast<std::size_t>(index_of(s, candidates, "a", "b"))], 1);
  CHECK_FALSE(a.right);
  CHECK(guess_merge(p, s, step, index_of(s, candidates, "a", "b")));
  CHECK(step == 1);
  CHECK(describe_answer(s, p, 1) == "Not this time: \"a\" + \"b\" had 2; \"a\" + \"a\" won with 4.");
  CHECK(p.right == 0);
  CHECK(p.asked == 1);

  // Merge 2: (aa, a) and (a, b) tie at 2; the greater pair wins ("aa" > "a"): (aa, a). Guessing
  // (a, b) is right by a tie.
  step = 2;  // a step forward asks merge 2 instead of showing it
  follow_prediction(p, s, 1, s.merges(), step, playing);
  REQUIRE(p.pending);
  CHECK(step == 1);
  candidates = prediction_candidates(s, 2);
  REQUIRE(guess_merge(p, s, step, index_of(s, candidates, "a", "b")));
  CHECK(p.answers[1].right);
  CHECK(p.answers[1].tie);
  CHECK(describe_answer(s, p, 2).find("a tie: both had 2") != std::string::npos);

  // Merge 3: the winner itself.
  step = 3;
  follow_prediction(p, s, 1, s.merges(), step, playing);
  REQUIRE(p.pending);
  candidates = prediction_candidates(s, 3);
  REQUIRE(guess_merge(p, s, step, index_of(s, candidates, "aaa", "b")));
  CHECK(p.answers[2].right);
  CHECK_FALSE(p.answers[2].tie);
  CHECK(describe_answer(s, p, 3) == "Right: \"aaa\" + \"b\" won, counted 2 times.");
  CHECK(p.right == 2);
  CHECK(p.asked == 3);
  CHECK(p.last_step == 3);
  // Nothing is pending at the end; a guess now changes nothing.
  CHECK_FALSE(guess_merge(p, s, step, 0));
  CHECK(step == 3);
}

TEST_CASE("prediction: stepping asks, Next or Play reveals without a guess, back and jumps keep the score, retraining resets") {
  const TrainingSession s = train("low lower lowest newer newest wider widest", 12, Pretokenizer::whitespace);
  REQUIRE(s.merges() == 12);
  MergePrediction p;
  uint32_t step = 0;
  bool playing = false;
  const auto frame = [&](uint64_t training = 1) { follow_prediction(p, s, training, s.merges(), step, playing); };
  frame();
  CHECK_FALSE(p.pending);  // off: nothing asked
  step = 1;
  frame();
  CHECK(step == 1);
  step = 0;
  frame();

  set_prediction(p, true, step, s.merges());
  CHECK(p.pending);  // turning it on asks merge 1 at once
  // Next (or the right arrow) while asked: revealed without a guess, counted.
  step = 1;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(step == 1);
  CHECK(p.answers[0].asked);
  CHECK(p.answers[0].guess == -1);
  CHECK(p.asked == 1);
  CHECK(p.right == 0);
  CHECK(describe_answer(s, p, 1).rfind("Revealed without a guess", 0) == 0);

  // Play steps forward one, which asks; Play (space) while asked reveals.
  playing = true;
  step = 2;  // what advance_playback does a tick later
  frame();
  CHECK(p.pending);
  CHECK(step == 1);
  CHECK_FALSE(playing);
  playing = true;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(step == 2);
  CHECK_FALSE(playing);
  CHECK(p.asked == 2);

  // Asked merge 3 and a guess: right or not, it is scored once.
  step = 3;
  frame();
  REQUIRE(p.pending);
  const auto candidates = prediction_candidates(s, 3);
  const TrainingStep& t = s.steps[2];
  REQUIRE(guess_merge(p, s, step, index_of(s, candidates, s.model.tokens[t.merge.left], s.model.tokens[t.merge.right])));
  CHECK(p.right == 1);
  CHECK(p.asked == 3);

  // Back withdraws nothing and keeps the score; forward onto an answered merge shows it at once.
  step = 2;
  frame();
  CHECK_FALSE(p.pending);
  step = 3;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(step == 3);
  CHECK(p.asked == 3);
  // Asked merge 4, then a step back: the question is withdrawn and not counted.
  step = 4;
  frame();
  REQUIRE(p.pending);
  step = 2;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(p.asked == 3);
  // A jump (the slider, |<, >|) never asks.
  step = 9;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(step == 9);
  step = 12;
  frame();
  CHECK_FALSE(p.pending);
  CHECK(p.asked == 3);
  // Off: stepping shows merges again, the score stays.
  step = 5;
  frame();
  set_prediction(p, false, step, s.merges());
  step = 6;
  frame();
  CHECK(step == 6);
  CHECK(p.asked == 3);

  // A new training starts a new game (asking at once if prediction is on).
  set_prediction(p, true, step, s.merges());
  CHECK(p.pending);
  frame(2);
  CHECK(p.asked == 0);
  CHECK(p.right == 0);
  CHECK(p.pending);
  CHECK(std::none_of(p.answers.begin(), p.answers.end(), [](const MergeAnswer& a) { return a.asked; }));
}

TEST_CASE("prediction: with one pair left it still asks, with that pair as the only candidate") {
  const TrainingSession s = train("ab", 5);
  REQUIRE(s.merges() == 1);
  const auto candidates = prediction_candidates(s, 1);
  REQUIRE(candidates.size() == 1);
  MergePrediction p;
  uint32_t step = 0;
  bool playing = false;
  follow_prediction(p, s, 1, s.merges(), step, playing);
  set_prediction(p, true, step, s.merges());
  CHECK(p.pending);
  CHECK_FALSE(guess_merge(p, s, step, 1));  // out of range: still asked
  CHECK_FALSE(guess_merge(p, s, step, -1));
  CHECK(p.pending);
  REQUIRE(guess_merge(p, s, step, 0));
  CHECK(p.right == 1);
  CHECK(step == 1);
  // At the end there is nothing left to ask.
  set_prediction(p, true, step, s.merges());
  CHECK_FALSE(p.pending);
}

namespace {

void run_frame(TrainingStudioState& state, const TrainingStudioInput& input) { test::studio_frame_headless(state, input); }

}  // namespace

TEST_CASE("prediction in the studio: the player's Next asks, the question fits 1280×720, retraining resets the score") {
  bpeviz::test::HeadlessImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
  ImGui::GetIO().FontGlobalScale = 18.0f / 13;  // the page's text size
  TrainingStudioState state;
  const auto presets = training_presets();
  select_training_preset(state, static_cast<int>(presets.size()) - 1);  // prose: many candidates, long caption
  const TrainingStudioInput input{"", 1};
  run_frame(state, input);
  REQUIRE(state.trained);
  state.step = 20;
  run_frame(state, input);
  set_prediction(state.predict, true, state.step, state.session.merges());
  run_frame(state, input);
  CHECK(state.predict.pending);
  CHECK(state.step == 20);
  // The text shown is the one before merge 21: no token of merge 21 yet.
  CHECK(state.shown_step == 20);
  for (int f = 0; f < 2; ++f) run_frame(state, input);
  const ImGuiWindow* window = ImGui::FindWindowByName("studio");
  REQUIRE(window != nullptr);
  CHECK(window->ContentSize.y <= window->Size.y - 2 * ImGui::GetStyle().WindowPadding.y + 1);
  CHECK(window->ContentSize.x <= window->Size.x - 2 * ImGui::GetStyle().WindowPadding.x + 1);

  REQUIRE(guess_merge(state.predict, state.session, state.step, 0));
  run_frame(state, input);
  CHECK(state.step == 21);
  CHECK(state.predict.asked == 1);
  state.step = 22;  // Next
  run_frame(state, input);
  CHECK(state.step == 21);
  CHECK(state.predict.pending);

  state.train_request = true;  // Train: the same options, a new game
  run_frame(state, input);
  CHECK(state.predict.asked == 0);
  CHECK(state.predict.on);
}
