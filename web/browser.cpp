#include "web/browser.h"

#include <emscripten.h>

// clang-format off
EM_JS(void, js_set_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(s).catch((e) => console.warn('bpeviz: copy failed:', e.message));
});

EM_JS(void, js_frame_drawn, (), {
  if (Module.onFrameDrawn) Module.onFrameDrawn();
});
EM_JS(void, js_fetch_encoding, (const char* name, const char* file), {
  Module.fetchEncoding(UTF8ToString(name), UTF8ToString(file));
});
// clang-format on

namespace bpeviz {

void browser_set_clipboard(void*, const char* text) { js_set_clipboard(text); }

void browser_fetch_encoding(const char* name, const char* file) { js_fetch_encoding(name, file); }

void browser_frame_drawn() { js_frame_drawn(); }

}  // namespace bpeviz
