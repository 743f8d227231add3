// The page's commands from JavaScript: the exports that change the state (the text, the encoding, the
// tabs and their views), as web/js_api.h lists them, and the state and strings all the exports share.
#include <SDL.h>
#include <emscripten.h>

#include <algorithm>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/header.h"
#include "ui/header/models.h"
#include "ui/text_box/text_entries.h"
#include "web/js_api.h"
#include "web/js_exports.h"

namespace bpeviz {
namespace {
AppState* g_state = nullptr;  // JavaScript has no handle to pass back, so the exports share this one
std::string g_result;         // backs the returned strings
std::string g_error;          // why the last call that returned -1 failed
}  // namespace

void js_api_attach(AppState* state) { g_state = state; }
AppState* js_app() { return g_state; }
std::string& js_result() { return g_result; }
std::string& js_error() { return g_error; }
}  // namespace bpeviz

using namespace bpeviz;

namespace {
// -1 when the text editor refused a text (it shows why), else 0.
int refused(const std::string& why) { return why.empty() ? 0 : -1; }
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int bpeviz_set_text(const char* utf8, std::size_t length) {
  return refused(text_editor_set_text(js_app()->editor, std::string(utf8, length)));
}

EMSCRIPTEN_KEEPALIVE int bpeviz_paste(const char* utf8, std::size_t length) {
  return refused(text_editor_paste(focused_editor(*js_app()), std::string_view(utf8, length)));
}

EMSCRIPTEN_KEEPALIVE void bpeviz_paste_part(const char* utf8, std::size_t length, double expected_bytes) {
  // (A guess: anything but a size, NaN too, counts as none; none is larger than the box holds.)
  const double most = static_cast<double>(kMaxTextBytes);
  const std::size_t expected = expected_bytes > 0 ? static_cast<std::size_t>(std::min(expected_bytes, most)) : 0;
  text_editor_paste_part(focused_editor(*js_app()), std::string_view(utf8, length), expected);
}

EMSCRIPTEN_KEEPALIVE int bpeviz_paste_end() { return refused(text_editor_paste_end(focused_editor(*js_app()))); }

EMSCRIPTEN_KEEPALIVE void bpeviz_hold_input(int held) { js_app()->input_held = held != 0; }

EMSCRIPTEN_KEEPALIVE double bpeviz_max_text_bytes() { return static_cast<double>(kMaxTextBytes); }

EMSCRIPTEN_KEEPALIVE void bpeviz_refuse_text(double bytes) { text_editor_refuse(js_app()->editor, bytes); }

EMSCRIPTEN_KEEPALIVE void bpeviz_insert_text(const char* utf8, std::size_t length) {
  if (!focused_editor(*js_app()).active) {
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

EMSCRIPTEN_KEEPALIVE int bpeviz_keyboard_edit(int begin, int end, const char* utf8, std::size_t length, int selection_begin,
                                              int selection_end) {
  return text_editor_keyboard_edit(focused_editor(*js_app()), begin, end, std::string_view(utf8, length), selection_begin,
                                   selection_end) ? 0 : -1;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_text_entry_at(double x, double y) {
  return text_entry_at(static_cast<float>(x), static_cast<float>(y)) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_touch_event_age(double ms) { js_app()->touch.event_age_ms = ms; }

EMSCRIPTEN_KEEPALIVE void bpeviz_follow_caret() { focused_editor(*js_app()).follow_caret = true; }

EMSCRIPTEN_KEEPALIVE int bpeviz_set_encoding(const char* name) {
  if (!select_encoding(*js_app(), name)) return -1;
  return js_app()->encoding == name ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_model(const char* name) {
  if (!select_model(*js_app(), name)) return -1;
  return js_app()->encoding == encoding_for_model(name) ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_special_policy(const char* name) {
  const auto mode = special_mode_from_name(name);
  if (!mode) return -1;
  js_app()->special_mode = *mode;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_option(const char* name, int on) {
  const std::string_view option(name);
  TokenViewState& view = js_app()->token_view;
  bool* flag = option == "whitespace"     ? &view.show_whitespace
               : option == "byteNotation" ? &view.byte_notation
               : option == "pretokenLane" ? &view.show_pretokens
               : option == "addSpecialTokens" ? &js_app()->add_special_tokens
                                          : nullptr;
  if (!flag) return -1;
  *flag = on != 0;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_show_panel(const char* name) {
  const auto panel = panel_from_name(name);
  if (!panel) return -1;
  js_app()->panel_request = *panel;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_theme(const char* name) {
  const auto theme = theme_from_name(name);
  if (!theme) return -1;
  js_app()->theme = *theme;
  return 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_present(int on) { js_app()->presenting = on != 0; }

EMSCRIPTEN_KEEPALIVE void bpeviz_shortcuts_help(int open) { js_app()->shortcuts_help = open != 0; }

EMSCRIPTEN_KEEPALIVE int bpeviz_lesson(const char* name) {
  const int i = find_lesson(name);
  if (i < 0) return -1;
  start_lesson(*js_app(), i);
  return js_app()->encoding == lessons()[static_cast<std::size_t>(i)].encoding ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_player(const char* action, double value) {
  EncodePlayerState& p = js_app()->player;
  update_encode_player(p, player_input(*js_app()));
  const std::string_view a(action);
  const std::size_t steps = p.built ? p.player.steps().size() : 0;
  if (a == "step") {
    p.step = std::min(static_cast<std::size_t>(std::max(0.0, value)), steps);
    p.playing = false;
  } else if (a == "play" || a == "pause") {
    p.playing = a == "play" && p.built;
  } else if (a == "speed") {
    p.steps_per_second = static_cast<float>(std::clamp(value, 0.5, 60.0));
  } else if (a == "part") {
    p.part_begin = static_cast<uint32_t>(std::max(0.0, value));
  } else {
    return -1;
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_merge_tree(uint32_t id) { select_merge_tree_token(js_app()->tree, id); }

EMSCRIPTEN_KEEPALIVE int bpeviz_studio(const char* options_json) {
  const auto fail = [](std::string why) {
    js_error() = std::move(why);
    return -1;
  };
  const nlohmann::json o = nlohmann::json::parse(options_json, nullptr, false);
  if (!o.is_object()) return fail("studio options must be a JSON object");
  TrainingStudioState& st = js_app()->studio;
  if (o.contains("source")) {
    const std::string source = o["source"].is_string() ? o["source"].get<std::string>() : "";
    const auto presets = training_presets();
    if (source == "text") {
      st.source = TrainingStudioState::kSourceText;
    } else {
      std::size_t i = 0;
      while (i < presets.size() && presets[i].name != source) ++i;
      if (i == presets.size()) return fail("unknown source \"" + source + "\": 'text' or a sample's name");
      select_training_preset(st, static_cast<int>(i));
    }
  }
  if (o.contains("merges")) {
    if (!o["merges"].is_number_integer() || o["merges"].get<int64_t>() < 1 || o["merges"].get<int64_t>() > TrainingStudioState::kMaxMerges) {
      return fail("merges must be a whole number from 1 to " + std::to_string(TrainingStudioState::kMaxMerges));
    }
    st.num_merges = o["merges"].get<uint32_t>();
  }
  if (o.contains("pretokenizer") && !(o["pretokenizer"].is_string() && pretokenizer_from_name(o["pretokenizer"].get<std::string>(), st.pretokenizer))) {
    return fail("unknown pre-tokenizer: none, whitespace, gpt2, cl100k or o200k");
  }
  if (o.contains("tie") && !(o["tie"].is_string() && tie_rule_from_name(o["tie"].get<std::string>(), st.tie))) {
    return fail("unknown tie rule: greater or first");
  }
  if (o.contains("specials")) {
    if (!o["specials"].is_string()) return fail("specials must be a string");
    st.specials = o["specials"].get<std::string>();
  }
  if (o.value("train", false)) st.train_request = true;
  update_training_studio(st, {js_app()->editor.text, js_app()->editor.revision}, ImGui::GetTime());
  update_merge_prediction(st);
  if (o.contains("predict")) {
    if (!o["predict"].is_boolean()) return fail("predict must be true or false");
    set_prediction(st.predict, o["predict"].get<bool>(), st.step, st.trained ? st.session.merges() : 0);
  }
  if (o.contains("step")) {
    if (!o["step"].is_number_integer() || o["step"].get<int64_t>() < 0) return fail("step must be a whole number");
    st.step = static_cast<uint32_t>(std::min<int64_t>(o["step"].get<int64_t>(), st.trained ? st.session.merges() : 0));
    st.playing = false;
    update_merge_prediction(st);  // one step forward asks, with Predict on
  }
  if (o.contains("guess")) {
    if (!o["guess"].is_number_integer()) return fail("guess must be an index into state().studio.predict.candidates");
    if (!st.predict.pending) return fail("no merge is being predicted: turn predict on and step forward");
    if (!guess_merge(st.predict, st.session, st.step, o["guess"].get<int>())) {
      return fail("guess must be an index into state().studio.predict.candidates");
    }
  }
  if (o.contains("play")) {
    st.playing = o["play"].is_boolean() && o["play"].get<bool>() && st.trained;
    st.last_step_time = ImGui::GetTime();
  }
  if (o.value("use", false)) st.use_request = true;
  if (o.contains("export")) st.export_request = o["export"].is_string() ? o["export"].get<std::string>() : "?";
  return 0;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_last_error() { return js_error().c_str(); }

EMSCRIPTEN_KEEPALIVE int bpeviz_set_compare(const char* names_json) {
  const nlohmann::json j = nlohmann::json::parse(names_json, nullptr, false);
  std::vector<std::string> names;
  for (const auto& name : j.is_array() ? j : nlohmann::json::array()) {
    if (name.is_string()) names.push_back(name.get<std::string>());
  }
  if (!j.is_array() || names.size() != j.size()) {
    js_error() = "setCompare takes an array of encoding names";
    return -1;
  }
  js_error() = set_compare_encodings(js_app()->compare, names, offered_encodings(*js_app()));
  if (!js_error().empty()) return -1;
  for (const std::string& name : names) js_app()->compare.failed.erase(name);  // picked again: try again
  js_app()->panel_request = Panel::compare;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_chat(const char* chat_json_text) {
  const nlohmann::json j = nlohmann::json::parse(chat_json_text, nullptr, false);
  const auto& list = j.is_object() && j.contains("messages") ? j["messages"] : nlohmann::json();
  std::vector<ChatMessage> messages;
  for (const auto& m : list.is_array() ? list : nlohmann::json::array()) {
    if (!m.is_object() || !m.value("role", nlohmann::json()).is_string() || !m.value("content", nlohmann::json()).is_string()) break;
    messages.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
  }
  if (!list.is_array() || messages.size() != list.size()) {
    js_error() = "setChat takes {messages: [{role, content}, ...], format}, role and content strings";
    return -1;
  }
  if (j.contains("format")) {
    const std::string format = j["format"].is_string() ? j["format"].get<std::string>() : "";
    if (!set_chat_format(js_app()->chat, js_app()->encoding, format)) {
      js_error() = "no chat format \"" + format + "\" for " + js_app()->encoding;
      return -1;
    }
  }
  js_error() = set_chat_messages(js_app()->chat, messages);
  if (!js_error().empty()) return -1;
  js_app()->panel_request = Panel::chat;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_export_tokens(const char* kind) {
  update_tokens(*js_app());
  auto file = export_tokens(*js_app(), kind);
  if (!file.ok()) {
    js_error() = file.error;
    return -1;
  }
  js_result() = std::move(file.value.contents);
  return static_cast<int>(js_result().size());
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_export_data() { return js_result().data(); }

EMSCRIPTEN_KEEPALIVE void bpeviz_wake() {
  if (js_app()) note_input(js_app()->pacing, pacing_now_ms());
}

EMSCRIPTEN_KEEPALIVE void bpeviz_set_decode_input(const char* utf8, std::size_t length) {
  set_decode_input(js_app()->decode_box, std::string(utf8, length));
}

EMSCRIPTEN_KEEPALIVE void bpeviz_request_copy_link() { js_app()->copy_link_request = true; }

EMSCRIPTEN_KEEPALIVE void bpeviz_share(int on) { show_share(js_app()->share, on != 0); }

EMSCRIPTEN_KEEPALIVE void bpeviz_share_link_made(const char* link, const char* address, const char* dropped) {
  share_link_made(js_app()->share, link, address, dropped);
}

EMSCRIPTEN_KEEPALIVE void bpeviz_show_message(int kind, const char* utf8) {
  (kind == 0 ? js_app()->notice : js_app()->message) = utf8;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_ready(const char* name) { encoding_loaded(*js_app(), name); }

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_failed(const char* name, const char* why) {
  encoding_failed(*js_app(), name, why);
}

EMSCRIPTEN_KEEPALIVE void bpeviz_font_ready(std::size_t index, const uint8_t* bytes, std::size_t size) {
  fallback_font_loaded(js_app()->glyphs, index, std::vector<uint8_t>(bytes, bytes + size));
}

EMSCRIPTEN_KEEPALIVE void bpeviz_font_failed(std::size_t index) { fallback_font_failed(js_app()->glyphs, index); }

}  // extern "C"
