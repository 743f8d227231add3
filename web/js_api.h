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
// Selects an encoding: 0 when it is active now, 1 when its data is being fetched, -1 for an unknown name.
int bpeviz_set_encoding(const char* name);
// The data file a built-in encoding is loaded from ("" for unknown names and "bytes").
const char* bpeviz_encoding_file(const char* name);
// page.js reports how fetching an encoding's data ended (the data itself goes to bpeviz_load_encoding).
void bpeviz_encoding_ready(const char* name);
void bpeviz_encoding_failed(const char* name, const char* why);
// The encodings on offer, as a JSON array of names.
const char* bpeviz_encoding_names_json();
}
