// The whole page as one plain state struct and one frame function that draws it.
// Views request work by setting state; app_frame carries it out (re-tokenizing when the text changes).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/token.h"
#include "core/token_groups.h"
#include "ui/fonts.h"
#include "ui/text_editor.h"
#include "ui/token_view.h"

namespace bpeviz {

struct AppState {
  TextEditorState editor;
  TokenViewState token_view;
  Fonts fonts;
  std::string encoding = "bytes";

  // The tokens of editor.text under `encoding`, as of editor.revision == tokens_revision.
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  uint64_t tokens_revision = 0;

  // Where the views were drawn last frame, in CSS pixels (tests and the page's JS API read these).
  struct Rect { float x = 0, y = 0, width = 0, height = 0; };
  Rect editor_rect, tokens_rect;

  uint64_t frame = 0;  // frames drawn so far
};

// The encodings the page offers; for now only the byte-level baseline.
const std::vector<std::string>& encoding_names();
bool is_encoding_name(const std::string& name);

// Brings state.tokens up to date with the text and encoding.
void update_tokens(AppState& state);

// Draws one frame of the app into the current ImGui frame, filling the display.
void app_frame(AppState& state);

}  // namespace bpeviz
