// The mirror's side of the page's exports (ui/access/): its records for web/page/access/, the commands and the
// keyboard focus that come back from there. Strings cross as NUL-terminated UTF-8.
#pragma once

namespace bpeviz {
struct AccessMirror;
// After each frame: tells web/page/access/ when the records changed (cheap when they did not).
void access_frame_done(const AccessMirror& mirror);
}  // namespace bpeviz

extern "C" {
// The records of the last frame as JSON: {"serial", "nodes": [{"role", "key", "name", "value"?, "on"?,
// "disabled"?, "live"?, "parent", "rect": [x, y, width, height], "range"?: [low, high, now, step] (a slider's),
// "options"?: [[value, label], ...]}, ...]}.
const char* bpeviz_access_json();
// Acts on the control `key` as a click would (value ""), or chooses option `value` of the picker `key`:
// carried out while the next frame draws it.
void bpeviz_access_act(const char* key, const char* value);
// The mirror's keyboard focus is now on the control `key` ("text": the text box; "": none of them).
void bpeviz_access_focus(const char* key);
}
