// Problems and news for the reader, in a band over the foot of the window.
#pragma once

namespace bpeviz {

struct AppState;

// Draws state.message and the text box's refusal (problems) and state.notice (news) in a band laid over
// the bottom of the window, with a button that dismisses them all. They often appear on their own (a save
// that failed a moment after a long paste, a tokenizer that did not load): drawn in the page's flow, they
// pushed the text box down a line while someone was clicking it. Sets state.status_rect and
// state.status_dismiss_rect (zero when nothing is shown).
void draw_status_band(AppState& state);

}  // namespace bpeviz
