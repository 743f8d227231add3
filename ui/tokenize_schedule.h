// When the tokens of the text are brought up to date: around an edit at once, a short text whole, a
// long one a part per frame within a budget that follows how long the frames take.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace bpeviz {

struct AppState;

// The tokenizing's own bookkeeping (AppState::schedule). The tokens, and what they are of (encoding,
// policy, revision), are AppState's: the views read those, and only the functions below read this.
struct TokenizeSchedule {
  // The text the tokens are of: a long text's parts are cut from it, and an edit is found by comparing
  // it with the new one.
  std::string text;
  // A long text is tokenized a part per frame (parts end at cuts, so they are independent), the
  // tokens so far shown as they come: set while that is under way, to the bytes done.
  std::optional<uint32_t> tokenized_up_to;
  bool waited = false;  // the last frame ran long and left its parts to this one
  // How long a frame tokenizes parts for: halved after a frame whose work ran over 80 ms, raised again
  // after quick ones, so frames stay within 100 ms on slow machines too (see update_tokens_for_frame).
  double budget_ms = 12;
  bool tokenized_this_frame = false;
};

// Brings state.tokens (and groups, pieces, counts) up to date with the text, encoding and policy,
// finishing a tokenizing under way (the page's API and exports read whole results).
void update_tokens(AppState& state);
// The same within a frame's budget: a long text is started, or carried on, a few parts at a time
// (fewer, or none, when the frame that started at `frame_started` has run long already).
void update_tokens_for_frame(AppState& state,
                             std::chrono::steady_clock::time_point frame_started = std::chrono::steady_clock::now());
// After a frame whose work took `frame_work_ms`: if it tokenized parts, the budget follows (halved
// over 80 ms, a millisecond more under 60 ms, from 1 to 12 ms).
void note_frame_work(TokenizeSchedule& schedule, double frame_work_ms);
// The share of the text tokenized so far while that is under way, else -1.
double tokenizing_progress(const AppState& state);

}  // namespace bpeviz
