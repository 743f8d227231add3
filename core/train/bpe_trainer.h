// Training a byte-level BPE: start from the 256 byte tokens, count adjacent pairs, merge the most
// frequent pair into a new token, repeat. Step-able: the page advances it k merges at a time and
// shows each step's log, without retraining from scratch.
//
// The text is split at special tokens first (longest match first; they are never merged across or
// into), then into pre-tokens by the chosen scanner; training counts each distinct pre-token once,
// with its frequency. Pairs are counted at every position, overlaps included ("aaaa" holds the pair
// (a, a) three times), and a merge replaces them left to right without overlap ("aaaa" → "aa aa").
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/bpe_model.h"
#include "core/train/pretoken_counts.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

struct TrainerOptions {
  // The target size: the 256 bytes + the merged tokens + the special tokens (as CS336 counts), or,
  // when num_merges is set instead (vocab_size 0), the number of merges. Training stops early when
  // no adjacent pair is left.
  uint32_t vocab_size = 0;
  uint32_t num_merges = 0;
  Pretokenizer pretokenizer = Pretokenizer::gpt2;
  std::vector<std::string> specials;  // their ids follow the merged tokens, in this order
  TieRule tie = TieRule::greater;
  uint32_t top_k = 5;   // competing pairs reported per step (0: none, the fastest)
  uint32_t threads = 1; // for counting pre-tokens (the browser build has one)
};

struct PairCount {
  uint32_t left = 0, right = 0;
  uint64_t count = 0;
  bool operator==(const PairCount&) const = default;
};

// One merge, as the page animates it.
struct TrainingStep {
  BpeMerge merge;
  uint64_t count = 0;         // occurrences of the pair before the merge (overlaps counted)
  uint64_t replaced = 0;      // places the merge replaced (left to right, no overlap)
  bool reused_id = false;     // the bytes already had a token (see bpe_model.h)
  uint64_t first_offset = 0;  // where the pair first occurs in the text (byte offset)
  std::vector<PairCount> runners_up;  // the next top_k pairs by the same order (equal counts: ties)
};

class BpeTrainer {
 public:
  // Counts the pre-tokens of `text` (which must outlive the trainer). Errors: options that ask for a
  // vocabulary smaller than the bytes and specials, an empty special token, duplicate specials.
  static Result<std::unique_ptr<BpeTrainer>> create(std::string_view text, const TrainerOptions& options);
  // Trains on pre-tokens counted part by part (pretoken_counts.h), with options.pretokenizer and
  // options.specials: a text larger than memory. The same model as create(whole text); there is no
  // text to segment (segmentation() is empty).
  static Result<std::unique_ptr<BpeTrainer>> create(PretokenCounts counts, const TrainerOptions& options);
  ~BpeTrainer();

  // Makes up to k more merges (stopping at the target) and returns their steps.
  std::vector<TrainingStep> step(uint32_t k);
  // Makes all remaining merges; on_progress(done, target) is called now and then if set.
  template <class F>
  void run(F&& on_progress);
  void run() { run([](uint32_t, uint32_t) {}); }

  bool done() const;
  uint32_t merges_done() const;
  uint32_t merges_target() const;  // merges the options ask for (training may stop sooner)
  // The model so far: tokens and merges made, and the special tokens.
  BpeModel model() const;
  // The training text as the model segments it now, with byte spans (empty when trained on counts).
  std::vector<Token> segmentation() const;
  // Distinct pre-tokens and their total count (what the counting pass found).
  std::size_t distinct_pretokens() const;
  uint64_t total_pretokens() const;

 private:
  struct Impl;
  explicit BpeTrainer(std::unique_ptr<Impl> impl);
  static Result<std::unique_ptr<BpeTrainer>> start(std::string_view text, PretokenCounts counts, const TrainerOptions& options);
  std::unique_ptr<Impl> impl_;
};

template <class F>
void BpeTrainer::run(F&& on_progress) {
  while (!done()) {
    step(256);
    on_progress(merges_done(), merges_target());
  }
}

// The slow, obviously-correct trainer the fast one is tested against: recounts every pair of every
// pre-token occurrence, in text order, before each merge. Same options, same model, same steps.
struct ReferenceTraining {
  BpeModel model;
  std::vector<TrainingStep> steps;
};
Result<ReferenceTraining> train_reference(std::string_view text, const TrainerOptions& options);

}  // namespace bpeviz
