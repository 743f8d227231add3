// The whole page as one plain state struct and one frame function that draws it.
// Views request work by setting state; app_frame carries it out (re-tokenizing when the text changes).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/encoding_set.h"
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

  // The encoding the tokens are shown for: "bytes" or a built-in encoding already in `encodings`.
  std::string encoding = "bytes";
  EncodingSet encodings;  // vocabularies loaded so far
  // An encoding picked but not loaded yet: the platform layer fetches its data and calls
  // encoding_loaded or encoding_failed. The tokens stay those of the current encoding meanwhile.
  std::string requested_encoding;
  bool fetch_started = false;
  std::string message;  // shown under the header until the next change (e.g. a failed download)

  // The tokens of editor.text under `encoding`, as of tokens_revision (text revision + encoding).
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  uint64_t tokens_revision = 0;
  std::string tokens_encoding;
  uint64_t tokens_serial = 0;  // bumped whenever `tokens` is recomputed: views cache by it

  // Where the views were drawn last frame, in CSS pixels (tests and the page's JS API read these).
  struct Rect { float x = 0, y = 0, width = 0, height = 0; };
  Rect editor_rect, tokens_rect;

  uint64_t frame = 0;  // frames drawn so far
};

// The encodings the page offers: the byte-level baseline and every built-in OpenAI encoding.
const std::vector<std::string>& encoding_names();
bool is_encoding_name(const std::string& name);

// Picks an encoding: at once if its data is loaded, else by setting requested_encoding.
// Returns false for an unknown name.
bool select_encoding(AppState& state, const std::string& name);
void encoding_loaded(AppState& state, const std::string& name);
void encoding_failed(AppState& state, const std::string& name, const std::string& why);

// Brings state.tokens up to date with the text and encoding.
void update_tokens(AppState& state);

// Draws one frame of the app into the current ImGui frame, filling the display.
void app_frame(AppState& state);

}  // namespace bpeviz
