// The token view: the text drawn as a flow of coloured tiles, one per token (or per group of tokens
// that share a character), each with its id underneath. Only visible rows are drawn.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/token.h"
#include "core/token_groups.h"
#include "ui/fonts.h"

namespace bpeviz {

struct TokenViewState {
  bool show_whitespace = true;  // draw · for space, → for tab, ↵ for newline

  // Layout cache, rebuilt when the tokens, the width or the options change.
  uint64_t laid_out_revision = 0;
  float laid_out_width = -1;
  bool laid_out_whitespace = true;
  std::string labels;                  // every tile's label, concatenated
  std::vector<uint32_t> label_starts;  // tile i's label is labels[label_starts[i], label_starts[i+1])
  std::string ids;                     // every tile's "id id id" line, concatenated
  std::vector<uint32_t> id_starts;
  std::vector<float> tile_widths;
  std::vector<uint32_t> row_starts;    // first tile of each row
};

// `revision` identifies the tokens: the layout is rebuilt whenever it changes. `encoding` (null for
// the byte-level baseline) tells which ids are special tokens, drawn dark so they stand out.
void draw_token_view(TokenViewState& state, const Fonts& fonts, uint64_t revision, std::string_view text,
                     std::span<const Token> tokens, std::span<const TokenGroup> groups, const Encoding* encoding);

}  // namespace bpeviz
