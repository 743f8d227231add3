// Every function the page's JavaScript (the modules in web/page/) calls into the wasm module, besides the encoder's
// own (web/encode_api.h) and the mirror's (web/access_api.h): reads of the state in web/js_state.cpp, commands in
// web/js_commands.cpp.
// Strings cross as UTF-8 bytes with explicit lengths; returned strings stay valid until the next call.
#pragma once
#include <cstddef>
#include <cstdint>

namespace bpeviz {
struct AppState;
// The state the exports act on; set once by main before the main loop starts.
void js_api_attach(AppState* state);
}  // namespace bpeviz

extern "C" {
// {"text", "encoding", "model", "specialPolicy", "pretokenizer", "error", "message", "notice",
//  "counts", "tokens": [[id, begin, end], ...], "pieces": [[begin, end], ...], "options", "panel",
//  "hover", "decode", "player", "studio", "tree", "schemes", "schemesError", "compare", "theme", "presenting",
//  "fontScale", "fontSize", "lesson", "shortcutsHelp", "fonts", "frame", "layout": {"editor", "tokens", ...}}
//  as JSON.
const char* bpeviz_state_json();
// state().textBox alone: cheap with a large text, whose state() carries all its tokens.
const char* bpeviz_text_box_json();
// The text as UTF-8 (bpeviz_text_size bytes; it may hold NUL), for saving it without JSON.
const char* bpeviz_text();
std::size_t bpeviz_text_size();
// The encoding the page is on, or the one it is fetching: what a reload or a link should restore.
const char* bpeviz_encoding();
// Replaces the whole text: 0, or -1 when it is too large for the page (the message says so).
int bpeviz_set_text(const char* utf8, std::size_t length);
// Inserts pasted text at the caret, replacing the selection (the browser's paste event): as
// bpeviz_set_text.
int bpeviz_paste(const char* utf8, std::size_t length);
// A long paste, a part per task (web/page/text_to_wasm.js): the parts are whole characters. `expected_bytes`: the
// whole paste's size as guessed so far. bpeviz_paste_end queues the paste once the last part has
// come, returning as bpeviz_set_text.
void bpeviz_paste_part(const char* utf8, std::size_t length, double expected_bytes);
int bpeviz_paste_end();
// Holds SDL2's keys and clicks queued (1) while web/page/text_to_wasm.js passes a paste over several tasks, or lets
// them through again (0): what is typed meanwhile lands after the paste.
void bpeviz_hold_input(int held);
// The most text the page holds, in UTF-8 bytes; web/page/text_to_wasm.js refuses a larger text before copying it.
double bpeviz_max_text_bytes();
// Shows why a text of `bytes` was refused.
void bpeviz_refuse_text(double bytes);
// The share of a long text tokenized so far, or -1 when no tokenizing is under way. (state() would
// finish it first: it describes the whole text.)
double bpeviz_tokenizing();
// Inserts typed text that arrived without key events (IME and dead-key composition, emoji pickers).
void bpeviz_insert_text(const char* utf8, std::size_t length);
// The on-screen keyboard (web/page/input/screen_keyboard.js), for the text box with the focus: its caret's line as
// {"start", "text", "selection": [begin, end]} (places in characters, code points; start -1 without the focus),
// which the page mirrors into its hidden text area; an edit made there (characters [begin, end) become the
// UTF-8 text, then [selection_begin, selection_end) is selected): 0, or -1 when the box has not the focus.
const char* bpeviz_keyboard_context();
int bpeviz_keyboard_edit(int begin, int end, const char* utf8, std::size_t length, int selection_begin, int selection_end);
// Whether the canvas point (x, y), in CSS pixels, lies on a text box of the last frame: 1 or 0.
int bpeviz_text_entry_at(double x, double y);
// The touch event the browser dispatches now waited `ms` before the page got it (web/page/input/touch.js):
// the finger's samples are timed when it moved, not when a busy page handled them.
void bpeviz_touch_event_age(double ms);
// The text box with the focus scrolls its caret into view (the canvas shrank under a phone's keyboard).
void bpeviz_follow_caret();
// Selects an encoding: 0 when it is active now, 1 when its data is being fetched, -1 for an unknown name.
int bpeviz_set_encoding(const char* name);
// Selects a model by name, as tiktoken maps it to an encoding: returns as bpeviz_set_encoding.
int bpeviz_set_model(const char* name);
// The model picker's entries as a JSON array of [model, encoding].
const char* bpeviz_models_json();
// Sets the special-token policy ("all", "text" or "error"): 0, or -1 for an unknown name.
int bpeviz_set_special_policy(const char* name);
// Sets a token view switch ("whitespace", "byteNotation", "pretokenLane"): 0, or -1 for an unknown name.
int bpeviz_set_option(const char* name, int on);
// Shows a panel ("tokens", "ids", "decode", "merges", "tree", "studio", "schemes", "compare"): 0, or -1 for an unknown name.
int bpeviz_show_panel(const char* name);
// The theme ("light" or "dark"): 0, or -1 for an unknown name.
int bpeviz_set_theme(const char* name);
// Presentation mode on (1) or off (0); the larger fonts arrive a frame later.
void bpeviz_present(int on);
// Opens (1) or closes (0) the keyboard shortcuts overlay.
void bpeviz_shortcuts_help(int open);
// Shows a preset lesson by name: 0 when its encoding is active now, 1 when its data is being
// fetched, -1 for an unknown name.
int bpeviz_lesson(const char* name);
// The lessons as a JSON array of {name, title, text, encoding, caption}.
const char* bpeviz_lessons_json();
// Drives the encode player: "step" (go to step `value`), "play", "pause", "speed" (steps a second),
// "part" (play the part of a long text from byte `value`). 0, or -1 for an unknown action.
int bpeviz_player(const char* action, double value);
// Shows token `id` of the current encoding in the Merge tree tab (state JSON "tree").
void bpeviz_merge_tree(uint32_t id);
// What a share link carries besides the text and encoding: the tab and where it is, as
// {panel, step?, id?, sample?, merges?, pretokenizer?, tie?, specials?} (the Merge steps tab's step,
// the Merge tree's token, the Train BPE tab's options and step).
const char* bpeviz_view_json();
// Sets the training studio's options and step from a JSON object (see web/page/api.js: bpeviz.studio). 0, or
// -1 with the reason at bpeviz_last_error.
int bpeviz_studio(const char* options_json);
const char* bpeviz_last_error();
// Picks the Compare tab's tokenizers from a JSON array of 2 to 4 names and shows the tab: 0, or -1
// with the reason at bpeviz_last_error. Their data is fetched as the tab shows.
int bpeviz_set_compare(const char* names_json);
// The Chat tab's conversation as the session keeps it: {format, messages: [{role, content}]} (format ""
// for the tokenizer's usual one). Small: no tokens.
const char* bpeviz_chat_session_json();
// setChat: {messages: [{role, content}], format?}. Replaces the conversation and shows the Chat tab:
// 0, or -1 with the reason at bpeviz_last_error.
int bpeviz_set_chat(const char* chat_json_text);
// The shown tokens as a file, kind "json" or "csv": its size in bytes (read it at bpeviz_export_data),
// or -1 with the reason at bpeviz_last_error.
int bpeviz_export_tokens(const char* kind);
const char* bpeviz_export_data();
// The ids of the shown tokens as a JSON array (what the ids panel shows and copies).
const char* bpeviz_ids_json();
// Input from the page (an API call, a paste, a download done): frames are drawn at full rate for a
// while (ui/frame_pacing.h), as after an SDL event.
void bpeviz_wake();
// Replaces the decode box's input.
void bpeviz_set_decode_input(const char* utf8, std::size_t length);
// Where token `index`'s tile was drawn last frame, as JSON [x, y, width, height] in CSS pixels, or null.
const char* bpeviz_token_rect(std::size_t index);
// Asks for a "copy link" as the button does: the platform layer calls web/page/share_links.js on the next frame.
void bpeviz_request_copy_link();
// Opens (1) or closes (0) the Share view, as F2 does; its link comes from web/page/share_links.js.
void bpeviz_share(int on);
// The Share view's link, its short address, and what it leaves out ("" for nothing).
void bpeviz_share_link_made(const char* link, const char* address, const char* dropped);
// Shows a line under the header: kind 0 is news (green), 1 a problem (red); "" clears it.
void bpeviz_show_message(int kind, const char* utf8);
// The data file a built-in encoding is loaded from, e.g. "o200k_base.bpevocab" ("" for unknown names and "bytes").
const char* bpeviz_encoding_file(const char* name);
// web/page/fetching.js reports how fetching an encoding's data ended (the data itself goes to bpeviz_load_encoding).
void bpeviz_encoding_ready(const char* name);
void bpeviz_encoding_failed(const char* name, const char* why);
// web/page/fetching.js hands over fallback font `index` of the font manifest (copied; the caller frees `bytes`),
// or reports that fetching it failed: its characters stay missing.
void bpeviz_font_ready(std::size_t index, const uint8_t* bytes, std::size_t size);
void bpeviz_font_failed(std::size_t index);
// The encodings on offer, as a JSON array of names.
const char* bpeviz_encoding_names_json();
}
