// What the page needs from the browser that SDL2 does not give: the system clipboard for copies,
// and telling the page's JavaScript that the first frame is on screen.
#pragma once

namespace bpeviz {

// ImGui's SetClipboardTextFn: writes to the operating system's clipboard via navigator.clipboard.
void browser_set_clipboard(void* user_data, const char* text);

// Asks web/page.js to fetch encodings/<file> and load it as encoding `name`.
void browser_fetch_encoding(const char* name, const char* file);

// Tells web/page.js that a frame is on screen (the first one resolves window.bpeviz.ready).
void browser_frame_drawn();

}  // namespace bpeviz
