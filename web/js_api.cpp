#include "web/js_api.h"

#include <SDL.h>
#include <emscripten.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/openai_encodings.h"
#include "ui/app.h"

namespace bpeviz {
namespace {
AppState* g_state = nullptr;  // JavaScript has no handle to pass back, so the exports share this one
std::string g_result;         // backs the returned strings
}  // namespace

void js_api_attach(AppState* state) { g_state = state; }
}  // namespace bpeviz

using namespace bpeviz;

namespace {
nlohmann::json rect_json(const AppState::Rect& r) {
  return {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* bpeviz_state_json() {
  update_tokens(*g_state);
  nlohmann::json tokens = nlohmann::json::array();
  for (const Token& t : g_state->tokens) tokens.push_back({t.id, t.begin, t.end});
  const nlohmann::json state{{"text", g_state->editor.text},
                             {"encoding", g_state->encoding},
                             {"requestedEncoding", g_state->requested_encoding},
                             {"message", g_state->message},
                             {"tokens", std::move(tokens)},
                             {"frame", g_state->frame},
                             {"layout", {{"editor", rect_json(g_state->editor_rect)},
                                         {"tokens", rect_json(g_state->tokens_rect)}}}};
  // The text may hold ill-formed UTF-8 (typed bytes never are, but pasted data may be): replace it.
  g_result = state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_set_text(const char* utf8, std::size_t length) {
  text_editor_set_text(g_state->editor, std::string(utf8, length));
}

EMSCRIPTEN_KEEPALIVE void bpeviz_paste(const char* utf8, std::size_t length) {
  // Two pastes in one frame are joined, so none is lost.
  auto& request = g_state->editor.paste_request;
  if (request) request->append(utf8, length);
  else request = std::string(utf8, length);
}

EMSCRIPTEN_KEEPALIVE void bpeviz_insert_text(const char* utf8, std::size_t length) {
  if (!g_state->editor.active) {
    // Nothing has the keyboard focus, and ImGui would drop the characters: insert as a paste does.
    bpeviz_paste(utf8, length);
    return;
  }
  // Queue the text as SDL text events, behind the keystrokes SDL already holds, so that typed
  // characters keep their order. An event carries at most 31 bytes: split on character boundaries.
  const std::string_view text(utf8, length);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.size(), pos + sizeof(SDL_TextInputEvent::text) - 1);
    while (end > pos + 1 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    std::copy(text.begin() + pos, text.begin() + end, event.text.text);
    SDL_PushEvent(&event);
    pos = end;
  }
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_encoding(const char* name) {
  if (!select_encoding(*g_state, name)) return -1;
  return g_state->encoding == name ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_file(const char* name) {
  const EncodingSpec* spec = find_openai_encoding(name);
  g_result = spec ? spec->ranks_file : "";
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_ready(const char* name) { encoding_loaded(*g_state, name); }

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_failed(const char* name, const char* why) {
  encoding_failed(*g_state, name, why);
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_names_json() {
  g_result = nlohmann::json(encoding_names()).dump();
  return g_result.c_str();
}

}  // extern "C"
