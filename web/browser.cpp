#include "web/browser.h"

#include <emscripten.h>
#include <emscripten/heap.h>

#include <cstdlib>
#include <new>

#include <imgui.h>
#include <nlohmann/json.hpp>

// clang-format off
EM_JS(void, js_set_clipboard, (const char* text), {
  const s = UTF8ToString(text);
  if (navigator.clipboard) navigator.clipboard.writeText(s).catch((e) => console.warn('bpeviz: copy failed:', e.message));
});

EM_JS(void, js_place_ime, (int x, int y, double line_height), {
  if (Module.placeIme) Module.placeIme(x, y, line_height);
});
EM_JS(void, js_frame_drawn, (double work_ms, double draw_ms), {
  if (Module.onFrameDrawn) Module.onFrameDrawn(work_ms, draw_ms);
});
EM_JS(void, js_fetch_encoding, (const char* name, const char* file), {
  Module.fetchEncoding(UTF8ToString(name), UTF8ToString(file));
});
EM_JS(void, js_fetch_font, (double index, const char* file), {
  Module.fetchFont(index, UTF8ToString(file));
});
EM_JS(char*, js_saved_session, (), {
  return allocateUTF8(Module.savedSession ? Module.savedSession() : '{}');
});
EM_JS(void, js_session_changed, (), {
  if (Module.sessionChanged) Module.sessionChanged();
});
EM_JS(void, js_theme_changed, (const char* name), {
  if (Module.themeChanged) Module.themeChanged(UTF8ToString(name));
});
EM_JS(void, js_copy_link, (), {
  if (Module.copyLink) Module.copyLink();
});
EM_JS(void, js_share_link, (), {
  if (Module.shareLink) Module.shareLink();
});
EM_JS(void, js_open_tokenizer_files, (), {
  if (Module.openTokenizerFiles) Module.openTokenizerFiles();
});
EM_JS(void, js_download, (const char* filename, const char* data, size_t size), {
  if (Module.download) Module.download(UTF8ToString(filename), HEAPU8.slice(data, data + size));
});
EM_JS(void, js_capture_png, (const char* filename), {
  if (Module.capturePng) Module.capturePng(UTF8ToString(filename));
});
EM_JS(void, js_memory_ceiling, (double bytes), {
  Module.maxMemoryBytes = bytes;
});
EM_JS(void, js_out_of_memory, (), {
  Module.outOfMemory = true;
});
// clang-format on

namespace bpeviz {

void browser_set_clipboard(void*, const char* text) { js_set_clipboard(text); }

void browser_place_ime(int x, int y) { js_place_ime(x, y, ImGui::GetFontSize()); }

void browser_fetch_encoding(const char* name, const char* file) { js_fetch_encoding(name, file); }

void browser_fetch_font(std::size_t index, const char* file) { js_fetch_font(static_cast<double>(index), file); }

void browser_frame_drawn(double work_ms, double draw_ms) { js_frame_drawn(work_ms, draw_ms); }

SavedSession browser_saved_session() {
  char* raw = js_saved_session();
  // web/page/session.js builds this JSON itself; anything unexpected in it means "nothing saved".
  const nlohmann::json json = nlohmann::json::parse(raw, nullptr, false);
  std::free(raw);
  SavedSession session;
  if (!json.is_object()) return session;
  if (auto it = json.find("text"); it != json.end() && it->is_string()) {
    session.has_text = true;
    session.text = it->get<std::string>();
  }
  if (auto it = json.find("encoding"); it != json.end() && it->is_string()) session.encoding = it->get<std::string>();
  if (auto it = json.find("message"); it != json.end() && it->is_string()) session.message = it->get<std::string>();
  if (auto it = json.find("theme"); it != json.end() && it->is_string()) session.theme = it->get<std::string>();
  if (auto it = json.find("chat"); it != json.end() && it->is_object()) {
    const auto& messages = (*it)["messages"];
    session.has_chat = messages.is_array();
    for (const auto& m : session.has_chat ? messages : nlohmann::json::array()) {
      if (m.is_object() && m.value("role", nlohmann::json()).is_string() && m.value("content", nlohmann::json()).is_string()) {
        session.chat.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
      }
    }
    if (auto f = it->find("format"); f != it->end() && f->is_string()) session.chat_format = f->get<std::string>();
  }
  return session;
}

void browser_session_changed() { js_session_changed(); }

void browser_theme_changed(const char* name) { js_theme_changed(name); }

void browser_copy_link() { js_copy_link(); }

void browser_share_link() { js_share_link(); }

void browser_open_tokenizer_files() { js_open_tokenizer_files(); }

void browser_download(const char* filename, const char* data, std::size_t size) { js_download(filename, data, size); }

void browser_capture_png(const char* filename) { js_capture_png(filename); }

namespace {
// Stops the page, letting web/page/main.js know why first.
[[noreturn]] void out_of_memory() {
  js_out_of_memory();
  std::abort();
}
}  // namespace

void browser_watch_memory() {
  js_memory_ceiling(static_cast<double>(emscripten_get_heap_max()));
  // Without exceptions a failed `new` aborts.
  std::set_new_handler(out_of_memory);
  // ImGui allocates with malloc and uses what it gets: a null buffer was written over and the page
  // failed later at random ("memory access out of bounds") instead of saying it ran out of memory.
  ImGui::SetAllocatorFunctions(
      [](std::size_t size, void*) {
        void* p = std::malloc(size);
        if (!p && size > 0) out_of_memory();
        return p;
      },
      [](void* p, void*) { std::free(p); });
}

}  // namespace bpeviz
