// The ids panel: the token ids as one JSON array (selectable, with a copy button), as a program
// would receive them from tiktoken's encode.
#pragma once
#include <cstdint>
#include <span>
#include <string>

#include <imgui.h>

#include "core/token.h"

namespace bpeviz {

struct AccessMirror;

struct IdsPanelState {
  std::string json;           // the ids as a JSON array, as of json_revision
  uint64_t json_revision = 0;
  bool copy_request = false;  // set by the copy button (or the page's API): the frame copies `json`
  int64_t keyboard_index = -1;  // the id the keyboard is on in the mirror's list of ids (-1: none yet)
};

// "[15339,1917]": compact, like tiktoken's list printed by json.dumps(separators=(",", ":")).
std::string ids_json(std::span<const Token> tokens);

// Brings state.json up to date with the tokens identified by `revision`.
void update_ids_json(IdsPanelState& state, uint64_t revision, std::span<const Token> tokens);

// `font` draws the ids. `access`: the page's semantic copy (ui/access/), which gets the button and the count.
void draw_ids_panel(IdsPanelState& state, uint64_t revision, std::span<const Token> tokens, ImFont* font,
                    AccessMirror* access = nullptr);

}  // namespace bpeviz
