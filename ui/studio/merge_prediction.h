// "Predict the next merge": the training studio holds before each merge and asks which pair wins, from
// the winner and the runners-up the training log kept, in byte order so the order gives nothing away.
// A guess is right if it is the winner, or ties it (the same count: only the tie rule told them apart).
// Plain state and pure functions; the studio draws them, the tests check them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/bpe_trainer.h"
#include "ui/studio/training_session.h"

namespace bpeviz {

// How one merge's question ended.
struct MergeAnswer {
  bool asked = false;     // the question was put and answered (or revealed without a guess)
  int guess = -1;         // index into the candidates, -1: revealed without a guess
  PairCount guessed;      // the pair picked and its count
  bool right = false;     // the winner, or a pair with the winner's count
  bool tie = false;       // right by a tie: another pair won with the same count
};

struct MergePrediction {
  bool on = false;
  // The studio stays at its step and asks which pair merge step + 1 joins.
  bool pending = false;
  std::vector<MergeAnswer> answers;  // answers[i]: merge i + 1 of the training below
  uint32_t right = 0, asked = 0;     // the score: right of asked (unguessed reveals count as asked)
  uint32_t last_step = 0;            // the merge answered last (0: none yet)
  // What follow_prediction last saw, to tell a step forward from a jump.
  uint32_t seen_step = 0;
  uint64_t seen_training = 0;
};

// The pairs competing for merge `step` (1-based): the winner and its runners-up, ordered by the
// bytes of the left token, then of the right (never by count). Empty if there is no such merge.
std::vector<PairCount> prediction_candidates(const TrainingSession& session, uint32_t step);

// Whether `guess` wins merge `t`: the winner itself, or a tie (the same count).
MergeAnswer judge_guess(const TrainingStep& t, const PairCount& guess, int index);

// "a tie: both had 2", "right: it had 4", ... the verdict on merge `step` of the session, for the
// studio's line (empty if it was not asked).
std::string describe_answer(const TrainingSession& session, const MergePrediction& p, uint32_t step);

// Turns prediction on or off at `step` (of `merges`); on, it asks at once for the next merge if that
// was not answered yet.
void set_prediction(MergePrediction& p, bool on, uint32_t step, uint32_t merges);

// Called once a frame after the player moved (buttons, keys, playing, the slider, JavaScript).
// `training` numbers the training shown (a new one forgets the answers and the score); `merges` is 0
// when nothing is trained. With prediction on:
// - a step forward by one onto a merge not answered yet is held back and asked instead (pending);
// - while pending, a step forward or Play reveals it without a guess (counted as asked, not right);
//   any other move (back, a jump) withdraws the question;
// - jumps and steps back never ask, and keep the score.
void follow_prediction(MergePrediction& p, const TrainingSession& session, uint64_t training, uint32_t merges,
                       uint32_t& step, bool& playing);

// Answers the pending question with candidate `index` (prediction_candidates of step + 1) and reveals
// the merge: step becomes step + 1. False (nothing changes) if nothing is pending or the index is out
// of range.
bool guess_merge(MergePrediction& p, const TrainingSession& session, uint32_t& step, int index);

}  // namespace bpeviz
