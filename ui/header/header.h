// The page's head, over the text box and under it down to the tabs: the title with the pickers (model,
// encoding, lessons) and the classroom's controls; the counts with Export and the token view's
// switches; the line that says what produced the tokens; the lesson's caption.
#pragma once
#include "ui/header/lessons.h"

namespace bpeviz {

struct AppState;

// The title line: the pickers and the classroom's controls at its right edge (on a line of their own in
// a narrow window); presenting keeps only the encoding and the classroom's controls.
void draw_header(AppState& state);
// The counts of the shown tokens, the tokenizing's progress bar and Export, then the token view's
// switches (the last two not while presenting).
void draw_counts(AppState& state);
// One line that says what produced the tokens: encoding (and model), pre-tokenizer, special tokens.
void draw_provenance(AppState& state);
// The lesson's caption in a tinted band above the tabs, so it heads whichever view is open.
void draw_lesson_caption(AppState& state);

// Picks lesson `index` of lessons(): its text and its encoding (fetched if needed). Returns false for
// an index out of range. The text box's undo history does not keep the text it replaces.
bool start_lesson(AppState& state, int index);
// The lesson whose text the text box holds (-1 for none).
int current_lesson(const AppState& state);
// That lesson while its encoding's tokens are on screen (its caption is true of them), else null.
const Lesson* shown_lesson(const AppState& state);

}  // namespace bpeviz
