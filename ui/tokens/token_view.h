// The token view: the text drawn as a flow of coloured tiles, one per token (or per group of tokens
// that share a character), each with its id underneath, optionally over a lane that brackets the
// pre-tokens the tokens came from. Only visible rows are drawn.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/encoding.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/shaping/right_to_left.h"

namespace bpeviz {

// A token id that marks text between tokens (the white space a word scheme leaves out): drawn as
// plain grey text, without a tile, an id or a tooltip.
inline constexpr uint32_t kUntokenized = UINT32_MAX;

// Tiles laid out for drawing: each tile's label, ids and width, and the rows they wrap into. It holds
// the first tiles of the groups it was laid out for (all of them once done: see TokenViewState::next).
struct TileLayout {
  uint64_t laid_out_revision = 0;
  float laid_out_width = -1;
  bool laid_out_whitespace = true;
  bool laid_out_byte_notation = false;
  uint32_t laid_out_fonts = 0;  // Fonts::generation: a new atlas can draw what a label spelled as U+XXXX
  std::string labels;                  // every tile's label, concatenated
  std::vector<uint32_t> label_starts{0};  // tile i's label is labels[label_starts[i], label_starts[i+1])
  std::string ids;                     // every tile's "id id id" line, concatenated
  std::vector<uint32_t> id_starts{0};
  std::vector<float> tile_widths;
  std::vector<uint8_t> tile_ends_line;  // the tile holds a newline: its row ends after it
  std::vector<Direction> tile_directions;  // of each tile's text: rows of Arabic and Hebrew run from the right
  std::vector<uint32_t> row_starts{0};   // first tile of each row, and the end of the last row
  std::vector<uint8_t> row_right_to_left;  // the row's paragraph reads right to left: aligned right
};

// The view's state is the layout it draws, the options it lays out with, and where it drew.
struct TokenViewState : TileLayout {
  bool show_whitespace = true;   // draw · for space, → for tab, ↵ for newline
  bool byte_notation = false;    // label tiles in GPT-2's byte notation (Ġ for a space)
  bool show_pretokens = false;   // the pre-tokenization lane under each row

  // Tiles are laid out a few thousand at a time, a frame's share at most: all of a 10 MB text's took
  // 300 ms, and a new font atlas (new characters scrolled into sight) asks for all of them again. Until
  // the layout for new options or fonts is done, the view draws the one before.
  std::optional<TileLayout> next;
  bool laying_out = false;       // tiles remain to be laid out: the view wants its next frame soon
  uint64_t full_layouts = 0;     // layouts started from the first tile (a splice lays out only some)

  // Where this frame drew the tiles (screen position of row 0, scrolled) and which one the mouse is
  // over (-1 for none): the page's JavaScript API finds tiles and reads the tooltip from these.
  ImVec2 origin{0, 0};
  float content_y = 0;  // row 0's top in its window's content (scroll-independent) coordinates
  float scroll_y = 0;   // how far its window was scrolled down
  float row_height = 0, tile_height = 0;
  float mark_half_width = 1.5f;  // of the bars for TokenViewInput::marks
  int64_t hovered_group = -1;
  int64_t clicked_group = -1;  // the tile clicked this frame (-1 for none): the app acts on it
  // The tile the keyboard is on in the page's list of tiles (ui/access/token_list.h; -1 for none), and
  // whether that list has the focus: then the tile is drawn as hovered, with its tooltip, and kept in sight
  // (while the mouse is elsewhere).
  int64_t keyboard_group = -1;
  bool keyboard_shown = false;
  int64_t keyboard_followed = -1;  // the tile last scrolled into sight for it
};

// How the tiles of revision `from_revision` became those of the next: tiles [first, old_end) of the
// `old_tiles` then were replaced by [first, new_end) now, and the tiles after are the same (their text
// moved, their labels did not). The view then lays out only the replaced ones.
struct TileSplice {
  uint64_t from_revision = 0;
  uint32_t old_tiles = 0;
  uint32_t first = 0, old_end = 0, new_end = 0;
};

// What the view shows. `revision` identifies the tokens, groups and pieces: the layout is rebuilt
// whenever it changes. `encoding` (null for the byte-level baseline) tells which ids are special
// tokens, drawn dark so they stand out.
struct TokenViewInput {
  uint64_t revision = 0;
  std::string_view text;
  std::span<const Token> tokens;
  std::span<const TokenGroup> groups;
  std::span<const Span> pieces;  // the pre-tokens, for the lane and the tooltip
  const Encoding* encoding = nullptr;
  // Byte spans to outline (the places a merge step applied), sorted by begin, not overlapping.
  std::span<const Span> highlights;
  // What a click on a tile does, said in the tooltip (null: nothing said).
  const char* click_hint = nullptr;
  ImU32 highlight_colour = 0;  // of the outlines; 0: the palette's highlight
  // Byte offsets to mark with a bar (the Compare tab: where this tokenizer cuts and another does not),
  // sorted: before the tile that starts there, or across a tile that holds it (a cut inside a character).
  std::span<const uint32_t> marks;
  // Set when the tiles changed only in one stretch since the view last drew (else null).
  const TileSplice* splice = nullptr;
};

void draw_token_view(TokenViewState& state, const Fonts& fonts, const TokenViewInput& input);

// The screen rectangle of tile `group` as last drawn (x, y, width, height); false if out of range.
bool token_view_tile_rect(const TokenViewState& state, std::size_t group, float rect[4]);
// Tile `group`'s label as drawn, left to right ("" if out of range).
std::string_view token_view_tile_label(const TokenViewState& state, std::size_t group);

// Views of one text under different tokenizers scroll together (the Compare tab) by text offsets: the
// text at the top of a view whose window is scrolled to `scroll_y` (the row there, as [begin, end) of
// the text), and the scroll that puts the row holding `offset` at the top. As last drawn.
Span token_view_top_row(const TokenViewState& state, std::span<const TokenGroup> groups, float scroll_y);
float token_view_scroll_to(const TokenViewState& state, std::span<const TokenGroup> groups, uint32_t offset);
// Where the bar for marked offset `offset` was drawn (TokenViewInput::marks); false when no tile holds it.
bool token_view_mark_rect(const TokenViewState& state, std::span<const TokenGroup> groups, uint32_t offset, float rect[4]);

}  // namespace bpeviz
