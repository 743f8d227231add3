// The mirror's exports (see web/access_api.h): the records as JSON only when they changed, and the page's
// commands and focus into the mirror's state, each waking the frame loop that carries it out.
#include "web/access_api.h"

#include <emscripten.h>

#include <cstdint>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "ui/access/mirror.h"
#include "ui/app.h"
#include "web/js_exports.h"

// clang-format off
EM_JS(void, js_access_changed, (), {
  if (Module.accessChanged) Module.accessChanged();
});
// clang-format on

namespace bpeviz {

void access_frame_done(const AccessMirror& mirror) {
  static uint64_t told = 0;
  if (mirror.serial == told) return;
  told = mirror.serial;
  js_access_changed();
}

}  // namespace bpeviz

using namespace bpeviz;

namespace {

nlohmann::json node_json(const AccessNode& n) {
  nlohmann::json j = {{"role", access_role_name(n.role)}, {"key", n.key}, {"name", n.name}, {"parent", n.parent},
                      {"rect", {n.rect.x, n.rect.y, n.rect.width, n.rect.height}}};
  if (!n.value.empty() || n.role == AccessRole::combobox) j["value"] = n.value;
  if (n.on) j["on"] = true;
  if (n.disabled) j["disabled"] = true;
  if (n.live) j["live"] = true;
  if (n.role == AccessRole::slider) j["range"] = {n.range.low, n.range.high, n.range.now, n.range.step};
  if (n.set_size > 0) {
    j["place"] = n.place;
    j["setSize"] = n.set_size;
  }
  if (!n.options.empty()) {
    auto& options = j["options"] = nlohmann::json::array();
    for (const AccessOption& o : n.options) options.push_back({o.value, o.label});
  }
  return j;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* bpeviz_access_json() {
  const AccessMirror& mirror = js_app()->access;
  // Each record's JSON is kept by its key and written again only when the record changed: a keystroke changes
  // the counts and the token list, not the pickers and their dozens of options (this halved a keystroke's export).
  struct Written {
    AccessNode node;
    std::string json;
    uint64_t export_number = 0;  // the last export that had this key
  };
  static std::unordered_map<std::string, Written> written;
  static uint64_t exports = 0;
  ++exports;
  std::string& out = js_result();
  out = "{\"serial\":" + std::to_string(mirror.serial) + ",\"nodes\":[";
  for (const AccessNode& n : mirror.published) {
    Written& w = written[n.key];
    if (w.export_number == 0 || !(w.node == n)) {
      w.node = n;
      // A name cut mid-character (a long token's text) must not stop the export: replace what is not UTF-8.
      w.json = node_json(n).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    w.export_number = exports;
    if (out.back() != '[') out += ',';
    out += w.json;
  }
  out += "]}";
  // The records of this list only: the cache never outgrows it.
  std::erase_if(written, [](const auto& entry) { return entry.second.export_number != exports; });
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_access_act(const char* key, const char* value) {
  mirror_command(js_app()->access, key, value);
  note_input(js_app()->pacing, pacing_now_ms());
}

EMSCRIPTEN_KEEPALIVE void bpeviz_access_focus(const char* key) {
  mirror_focus(js_app()->access, key);
  note_input(js_app()->pacing, pacing_now_ms());
}

}  // extern "C"
