// Every function the page's JavaScript (web/page.js) calls into the wasm module. Strings cross as
// UTF-8 bytes with explicit lengths; returned strings stay valid until the next call.
#pragma once
#include <cstddef>

namespace bpeviz {
struct AppState;
// The state the exports act on; set once by main before the main loop starts.
void js_api_attach(AppState* state);
}  // namespace bpeviz

extern "C" {
// {"text", "encoding", "tokens": [[id, begin, end], ...], "frame", "layout": {"editor", "tokens"}} as JSON.
const char* bpeviz_state_json();
// Replaces the whole text.
void bpeviz_set_text(const char* utf8, std::size_t length);
// Inserts pasted text at the caret, replacing the selection (the browser's paste event).
void bpeviz_paste(const char* utf8, std::size_t length);
// Inserts typed text that arrived without key events (IME and dead-key composition, emoji pickers).
void bpeviz_insert_text(const char* utf8, std::size_t length);
// Selects an encoding; returns 0, or -1 when the name is unknown.
int bpeviz_set_encoding(const char* name);
// The encodings on offer, as a JSON array of names.
const char* bpeviz_encoding_names_json();
}
