// The training studio: train a byte-level BPE on the current text or a built-in sample and play the
// merges back. At step k it shows the winning pair and its count, a leaderboard of the pairs that
// competed (ties with the winner marked), the text re-coloured by the model after k merges, the
// vocabulary growing, and a chart of tokens and bytes per token against merges. With Predict on, it
// asks which pair wins before each merge is shown, and keeps score. The trained model
// (truncated to k merges) can be handed to the visualizer or exported; the app does both when the
// view sets a request flag.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/bpe_model.h"
#include "core/encoding.h"
#include "core/text/pretokenize.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/studio/merge_prediction.h"
#include "ui/tokens/token_view.h"
#include "ui/studio/training_presets.h"
#include "ui/studio/training_session.h"

namespace bpeviz {

struct TrainingStudioState {
  // The options the next training uses. `source` is kSourceText (the app's current text) or an index
  // into training_presets(); picking a preset sets the others from it.
  static constexpr int kSourceText = -1;
  int source = kSourceText;
  uint32_t num_merges = 50;  // the slider offers 1..kMaxMerges
  static constexpr uint32_t kMaxMerges = 2000;
  Pretokenizer pretokenizer = Pretokenizer::gpt2;
  std::string specials = "<|endoftext|>";  // comma- or newline-separated (parse_special_tokens)
  TieRule tie = TieRule::greater;
  // Retrain by itself when an option or the text changes, for texts up to this many bytes (training
  // is then a few milliseconds); longer texts wait for the Train button.
  static constexpr std::size_t kAutoTrainBytes = 64 * 1024;
  bool auto_train = true;

  // Requests. The view sets them; update_training_studio (called by the draw function) does
  // train_request; the app does the others and clears them.
  bool train_request = false;
  bool use_request = false;       // "Use in visualizer": add trained_model(state) to the encodings
  std::string export_request;     // one of kExportKinds: download export_training(state, kind)

  // The training shown: its log, and the options and text it was made from.
  bool trained = false;
  TrainingSession session;
  std::string error;              // why the last training failed (shown in place of the results)
  int trained_source = kSourceText - 1;
  uint64_t trained_text_revision = 0;
  uint32_t trained_num_merges = 0;
  Pretokenizer trained_pretokenizer = Pretokenizer::none;
  std::string trained_specials;
  TieRule trained_tie = TieRule::greater;
  uint64_t trainings = 0;         // counts trainings, so a view can tell a new one

  // The player: the step shown (merges applied, 0..session.merges()).
  uint32_t step = 0;
  bool playing = false;
  float steps_per_second = 2;
  double last_step_time = 0;
  // "Predict": hold before each merge and ask which pair wins (ui/studio/merge_prediction.h).
  MergePrediction predict;
  std::vector<float> candidate_rects;  // the question's buttons as drawn: x, y, width, height each

  // The text at `shown_step`: the segmentation by the model after that many merges (a few steps are
  // kept, so stepping back and forth does not encode again), grouped by character for the token view.
  struct Cached {
    uint32_t step = 0;
    uint64_t training = 0;
    std::vector<Token> tokens;
    uint64_t used = 0;
  };
  std::vector<Cached> cache;
  uint64_t cache_clock = 0;
  static constexpr std::size_t kCacheTokens = 4u << 20;  // tokens kept in all, about 48 MB at most
  static constexpr uint32_t kAdvanceSteps = 16;  // a step this close after a kept one is reached by merging
  uint32_t shown_step = UINT32_MAX;
  uint64_t shown_training = 0;
  Encoding shown_encoding;        // the model after shown_step merges, for the token view's specials
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  std::vector<Span> highlights;   // where the step's merge made its token
  std::string shown_error;
  uint64_t view_revision = 0;
  TokenViewState view;
  uint32_t vocab_scrolled_to = UINT32_MAX;  // the step whose row the vocabulary table last scrolled to
};

// What the app gives the studio each frame: its current text, and a number that changes with it.
struct AccessMirror;

struct TrainingStudioInput {
  std::string_view text;
  uint64_t text_revision = 0;
  // The page's semantic copy (ui/access/): the player's controls, the step, the Predict question and verdict
  // (the step and the verdict said as they change).
  AccessMirror* access = nullptr;
};

// Sets the options from preset `index` of training_presets() and asks for training.
void select_training_preset(TrainingStudioState& state, int index);
// Trains now with the state's options on the current text or the preset's, replacing the shown
// training. On failure `error` says why and nothing is shown. A first training of the current text
// shows its end, a sample starts at step 0; a retraining keeps the step (clamped), or the end if it
// was there.
void train_studio(TrainingStudioState& state, const TrainingStudioInput& input);
// Does train_request, retrains by itself if auto_train applies, keeps `source` and `step` in range,
// and advances a playing player to the time given (seconds, as ImGui::GetTime()). The draw function
// calls it first; the app may call it too (after setting options from JavaScript, say).
void update_training_studio(TrainingStudioState& state, const TrainingStudioInput& input, double now);
// Keeps the prediction game in step with the player and the training (follow_prediction); the draw
// function calls it after the player's controls, JavaScript after it moves the step.
void update_merge_prediction(TrainingStudioState& state);
// True when the options or the text differ from what the shown training used.
bool training_is_stale(const TrainingStudioState& state, const TrainingStudioInput& input);

// The tokens of the text after `state.step` merges (computed and cached on first use); empty with
// shown_error set if encoding failed.
const std::vector<Token>& studio_tokens(TrainingStudioState& state);

// The step's description, e.g. `Step 1 of 3: "a" (97) + "a" (97) → "aa" id 256, counted 4 times
// (overlaps included), replaced at 2 places: 11 → 9 tokens.` `spoken`: as a screen reader says it
// (ui/access/spoken.h), without the parts' ids: `Step 1 of 3: 'a' + 'a' → 'aa', id 256, counted 4 times …`.
std::string describe_training_step(const TrainingStudioState& state, uint32_t step, bool spoken = false);

// The model after `state.step` merges, for the visualizer (or the model after `k` merges).
BpeModel trained_model(const TrainingStudioState& state);
BpeModel trained_model(const TrainingStudioState& state, uint32_t k);
// A name for it among the encodings, e.g. "trained (50 merges)".
std::string trained_model_name(const TrainingStudioState& state);
// The model after `state.step` merges as a file of kind `kind` (kExportKinds); an error if nothing is
// trained or the kind is unknown.
Result<ExportFile> export_training(const TrainingStudioState& state, std::string_view kind);

void draw_training_studio(TrainingStudioState& state, const Fonts& fonts, const TrainingStudioInput& input);

}  // namespace bpeviz
