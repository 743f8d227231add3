// One training run as the training studio plays it back: the text trained on, every merge step
// (core/train/bpe_trainer.h) made at once, the token count after each step, and what any step k looks like
// — the model truncated to its first k merges, the text segmented by it, and the files it exports to.
// No ImGui: the studio view draws it, the tests check it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/bpe_model.h"
#include "core/train/bpe_trainer.h"
#include "core/encoding.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

struct TrainingSession {
  std::string text;                // a copy of what was trained on (the trainer only views its text)
  TrainerOptions options;
  BpeModel model;                  // every merge made, and the special tokens
  std::vector<TrainingStep> steps; // steps[i] is merge i + 1
  // tokens[k]: how many tokens the text is after k merges (tokens[0]: one per byte, one per special
  // token); each step takes away the places it replaced.
  std::vector<uint64_t> tokens;
  std::vector<Span> pieces;        // the pre-tokens (special tokens are pieces of their own)

  uint32_t merges() const { return static_cast<uint32_t>(steps.size()); }
  // Bytes per token after k merges (0 for an empty text).
  double bytes_per_token(uint32_t k) const;
};

// The special tokens typed in one field: separated by commas or line breaks, spaces around each
// trimmed, empty entries dropped. (A special token therefore cannot hold a comma.)
std::vector<std::string> parse_special_tokens(std::string_view field);

// Trains on `text` with `options` (its num_merges is what is asked for; top_k competing pairs are
// kept per step), making every merge at once. Errors: an empty text, no merges asked for, and the
// trainer's own (an empty or repeated special token).
Result<TrainingSession> train_session(std::string_view text, const TrainerOptions& options);

// The model after the first k merges (k is clamped to the merges made): the byte tokens, the tokens
// those merges made, and the special tokens, whose ids follow them — what the trainer's model() was
// after k merges.
BpeModel model_at(const TrainingSession& session, uint32_t k);

// The text as the model after k merges segments it, special tokens kept as theirs, with byte spans.
Result<std::vector<Token>> segmentation_at(const TrainingSession& session, uint32_t k);

// The same from the segmentation after j <= k merges, by applying merges j+1..k as the trainer did:
// each replaces its pair left to right, without overlap, inside each pre-token. O(tokens) per merge,
// so stepping forward through a long text does not encode it again; the tests check it against
// segmentation_at.
std::vector<Token> advance_segmentation(const TrainingSession& session, std::vector<Token> tokens, uint32_t j, uint32_t k);

// The chart's series, one value per merge count 0..merges().
std::vector<float> token_series(const TrainingSession& session);
std::vector<float> bytes_per_token_series(const TrainingSession& session);

// A file to hand to the browser for download.
struct ExportFile {
  std::string filename;
  std::string contents;
};
// The kinds the studio offers, as export_request names them: "model" (bpeviz's model file, which
// loads back), "vocab" (its human-readable companion), "tiktoken" (ranks; special tokens are not part
// of that format), "vocab.json" and "merges.txt" (GPT-2 / Hugging Face).
inline constexpr const char* kExportKinds[] = {"model", "vocab", "tiktoken", "vocab.json", "merges.txt"};
// The model after k merges as the file `kind`; an unknown kind is an error.
Result<ExportFile> export_session(const TrainingSession& session, uint32_t k, std::string_view kind);

}  // namespace bpeviz
