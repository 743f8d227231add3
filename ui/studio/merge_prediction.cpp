// Predicting the next merge: the candidates, the verdict, and how the player's moves ask and reveal.
#include "ui/studio/merge_prediction.h"

#include <algorithm>
#include <string_view>

#include "ui/tokens/labels.h"

namespace bpeviz {

namespace {

std::string_view bytes_of(const TrainingSession& s, uint32_t id) {
  return id < s.model.tokens.size() ? std::string_view(s.model.tokens[id]) : std::string_view();
}

std::string pair_label(const TrainingSession& s, uint32_t left, uint32_t right) {
  return quoted_token(bytes_of(s, left), 32) + " + " + quoted_token(bytes_of(s, right), 32);
}

std::string times(uint64_t n) { return thousands(n) + (n == 1 ? " time" : " times"); }

void record(MergePrediction& p, uint32_t step, const MergeAnswer& a) {
  if (step == 0 || step > p.answers.size()) return;
  MergeAnswer& slot = p.answers[step - 1];
  if (slot.asked) {  // not reached by the player (an answered merge is not asked again); kept exact anyway
    --p.asked;
    p.right -= slot.right ? 1 : 0;
  }
  slot = a;
  slot.asked = true;
  ++p.asked;
  p.right += a.right ? 1 : 0;
  p.last_step = step;
}

bool needs_asking(const MergePrediction& p, uint32_t step, uint32_t merges) {
  return step < merges && step < p.answers.size() && !p.answers[step].asked;
}

}  // namespace

std::vector<PairCount> prediction_candidates(const TrainingSession& session, uint32_t step) {
  if (step == 0 || step > session.merges()) return {};
  const TrainingStep& t = session.steps[step - 1];
  std::vector<PairCount> out;
  out.push_back({t.merge.left, t.merge.right, t.count});
  out.insert(out.end(), t.runners_up.begin(), t.runners_up.end());
  // std::string_view compares bytes as unsigned char, so the order is the bytes' order.
  std::sort(out.begin(), out.end(), [&](const PairCount& a, const PairCount& b) {
    const auto al = bytes_of(session, a.left), bl = bytes_of(session, b.left);
    if (al != bl) return al < bl;
    return bytes_of(session, a.right) < bytes_of(session, b.right);
  });
  return out;
}

MergeAnswer judge_guess(const TrainingStep& t, const PairCount& guess, int index) {
  MergeAnswer a;
  a.asked = true;
  a.guess = index;
  a.guessed = guess;
  const bool winner = guess.left == t.merge.left && guess.right == t.merge.right;
  a.right = winner || guess.count == t.count;
  a.tie = !winner && a.right;
  return a;
}

std::string describe_answer(const TrainingSession& s, const MergePrediction& p, uint32_t step) {
  if (step == 0 || step > p.answers.size() || step > s.merges() || !p.answers[step - 1].asked) return {};
  const MergeAnswer& a = p.answers[step - 1];
  const TrainingStep& t = s.steps[step - 1];
  const std::string winner = pair_label(s, t.merge.left, t.merge.right);
  if (a.guess < 0) return "Revealed without a guess: " + winner + " won, counted " + times(t.count) + ".";
  const std::string guessed = pair_label(s, a.guessed.left, a.guessed.right);
  if (a.tie) {
    return "Right, a tie: both had " + thousands(t.count) + ". You picked " + guessed + "; " + winner + " won by the " +
           (s.options.tie == TieRule::greater ? "greater-pair" : "first-occurrence") + " rule.";
  }
  if (a.right) return "Right: " + winner + " won, counted " + times(t.count) + ".";
  return "Not this time: " + guessed + " had " + thousands(a.guessed.count) + "; " + winner + " won with " +
         thousands(t.count) + ".";
}

void set_prediction(MergePrediction& p, bool on, uint32_t step, uint32_t merges) {
  p.on = on;
  p.pending = on && needs_asking(p, step, merges);
  p.seen_step = step;
}

void follow_prediction(MergePrediction& p, const TrainingSession& session, uint64_t training, uint32_t merges,
                       uint32_t& step, bool& playing) {
  merges = std::min(merges, session.merges());
  if (training != p.seen_training || p.answers.size() != merges) {  // a new training: a new game
    const bool on = p.on;
    p = MergePrediction{};
    p.answers.assign(merges, {});
    p.seen_training = training;
    set_prediction(p, on, step, merges);
    if (p.pending) playing = false;
    return;
  }
  const uint32_t before = p.seen_step;
  if (!p.on) {
    p.pending = false;
  } else if (p.pending) {
    if (before < merges && (step == before + 1 || (step == before && playing))) {
      MergeAnswer none;
      none.guess = -1;
      record(p, before + 1, none);
      step = before + 1;
      playing = false;
      p.pending = false;
    } else if (step != before) {
      p.pending = false;  // stepped back or jumped: the question is withdrawn, not counted
    }
  } else if (step == before + 1 && needs_asking(p, before, merges)) {
    step = before;
    playing = false;
    p.pending = true;
  }
  p.seen_step = step;
}

bool guess_merge(MergePrediction& p, const TrainingSession& session, uint32_t& step, int index) {
  if (!p.pending || step >= session.merges() || step >= p.answers.size()) return false;
  const std::vector<PairCount> candidates = prediction_candidates(session, step + 1);
  if (index < 0 || static_cast<std::size_t>(index) >= candidates.size()) return false;
  record(p, step + 1, judge_guess(session.steps[step], candidates[static_cast<std::size_t>(index)], index));
  ++step;
  p.pending = false;
  p.seen_step = step;
  return true;
}

}  // namespace bpeviz
