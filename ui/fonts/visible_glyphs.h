// The strings on screen whose characters the font atlas must have: the text (and with it the tiles,
// tooltips, merge steps, schemes and the studio on the text), the decoded ids, the merge tree's
// token and the Chat tab's conversation. Each is scanned once per change, not every frame.
#pragma once
#include <cstdint>
#include <string>

namespace bpeviz {

struct AppState;

// What was scanned last, so an unchanged string is not scanned again.
struct VisibleGlyphSources {
  uint64_t text_revision = UINT64_MAX;
  uint64_t decode_revision = UINT64_MAX;
  std::string decode_encoding;
  uint64_t tree_serial = UINT64_MAX;
  uint64_t chat_serial = UINT64_MAX;
  bool paste_noted = false;  // the text box's pending paste was noted ahead of it
};

// Notes the code points of what changed since the last call in state.glyphs.
void note_visible_glyphs(AppState& state);

}  // namespace bpeviz
