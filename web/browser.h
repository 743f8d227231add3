// What the page needs from the browser that SDL2 does not give: the system clipboard for copies,
// fetching vocabularies, keeping the text across reloads, share links, and telling the page's
// JavaScript that a frame is on screen. the page's ES modules in web/page/ do the browser side of each.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "core/explain/chat_format.h"

namespace bpeviz {

// ImGui's SetClipboardTextFn: writes to the operating system's clipboard via navigator.clipboard.
void browser_set_clipboard(void* user_data, const char* text);

// ImGui's ImeSetInputScreenPosFn: moves the page's hidden text area, which receives IME composition,
// to the text box's caret (x, y: the top left of its line, CSS pixels), so that the IME's window of
// candidates opens beside the caret rather than at the page's corner.
void browser_place_ime(int x, int y);

// Asks web/page/fetching.js to fetch encodings/<file> and load it as encoding `name`.
void browser_fetch_encoding(const char* name, const char* file);

// Asks web/page/fetching.js to fetch fonts/<file>, fallback font `index` of the font manifest; it hands the
// bytes to bpeviz_font_ready (or reports bpeviz_font_failed).
void browser_fetch_font(std::size_t index, const char* file);

// Tells web/page/frames.js that a frame is on screen (the first one resolves window.bpeviz.ready), and how
// long its own work and its drawing took (ms; bpeviz.frameTimes()).
void browser_frame_drawn(double work_ms, double draw_ms);

// What the page starts with: the text and encoding of a share link in the URL, else those saved at
// the last visit. `message` explains a link that was ignored (damaged, or naming no known encoding).
struct SavedSession {
  bool has_text = false;
  std::string text;
  std::string encoding;  // "" when none was given
  std::string message;
  std::string theme;     // "light" or "dark": the one picked at an earlier visit, else the system's
  bool has_chat = false; // the Chat tab's conversation at the last visit
  std::vector<ChatMessage> chat;
  std::string chat_format;
};
SavedSession browser_saved_session();

// The text, encoding or Chat conversation changed: web/page/session.js saves them (after a pause in typing) for the next visit.
void browser_session_changed();

// The user picked a theme: web/page/theme.js remembers it for the next visit.
void browser_theme_changed(const char* name);

// Builds a share link for the current text and encoding and copies it (web/page/share_links.js reports the result
// with bpeviz_show_message).
void browser_copy_link();

// Builds the link the Share view shows as a QR code (web/page/share_links.js hands it back with
// bpeviz_share_link_made).
void browser_share_link();

// Opens the browser's file picker for tokenizer files (web/page/user_files.js loads what the user picks).
void browser_open_tokenizer_files();

// From now on, memory running out (the page's ceiling reached) stops the program with a message
// that says so, instead of "internal error".
void browser_watch_memory();

// Offers bytes as a file download (the training studio's exports); nothing leaves the browser.
void browser_download(const char* filename, const char* data, std::size_t size);

// Offers the canvas as drawn this frame as a PNG download; called right after drawing, while WebGL's
// drawing buffer still holds the frame.
void browser_capture_png(const char* filename);

}  // namespace bpeviz
