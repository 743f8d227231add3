#include "ui/tokens/token_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <utf8proc.h>

#include "core/text/utf8.h"
#include "ui/tokens/byte_notation.h"
#include "ui/tokens/reserve_ahead.h"
#include "ui/theme.h"
#include "ui/tokens/tile_order.h"
#include "ui/tokens/token_details.h"
#include "ui/tokens/visible_text.h"

namespace bpeviz {

namespace {

constexpr float kPad = 5.0f;      // inside a tile
constexpr float kGap = 3.0f;      // between tiles
constexpr float kMinWidth = 14.0f;
constexpr float kLaneHeight = 6.0f;  // the pre-token bar under a row
constexpr float kLaneGap = 3.0f;

float text_width(ImFont* font, float size, std::string_view s) {
  return font->CalcTextSizeA(size, 1e9f, 0, s.data(), s.data() + s.size()).x;
}

// Where a tile's text stands in the text: the letters around it (marks skipped), which Arabic letters
// at its edges join, and its direction.
LabelPlace tile_place(std::string_view text, const TokenGroup& group, Direction direction) {
  LabelPlace place;
  place.right_to_left = direction == Direction::right_to_left;
  if (!place.right_to_left) return place;  // only Arabic joins: its tiles read right to left
  for (std::size_t end = group.begin; end > 0;) {
    const std::size_t at = utf8_previous_char(text, 0, end);
    const uint32_t c = utf8_code_point(text, at);
    const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    if (category != UTF8PROC_CATEGORY_MN && category != UTF8PROC_CATEGORY_ME) {
      place.before = c;
      break;
    }
    end = at;
  }
  if (group.end < text.size()) place.after = utf8_code_point(text, group.end);
  return place;
}

// A tile's label: its text made visible, or each token's bytes in GPT-2's notation. Returns true
// when the tile holds a newline (its row ends there).
bool append_tile_label(std::string& out, const TokenViewState& state, const TokenViewInput& in, const TokenGroup& group,
                       Direction direction, const ImFont* font) {
  if (group.begin == group.end && in.encoding) {
    // A token that covers no text (a model's BOS/EOS): its name.
    out += in.encoding->token_bytes(in.tokens[group.first_token].id);
    return false;
  }
  const std::string_view text = in.text.substr(group.begin, group.end - group.begin);
  if (!state.byte_notation) {
    return append_visible_text(out, text, state.show_whitespace, font, tile_place(in.text, group, direction));
  }
  append_gpt2_byte_notation(out, text);
  return text.find('\n') != std::string_view::npos;
}

// Appends the labels, ids, widths and line ends of tiles [first, last) to `out` (whose strings and start
// lists continue from what is there).
void lay_out_tiles(TileLayout& out, const TokenViewState& options, const Fonts& fonts, const TokenViewInput& in,
                   uint32_t first, uint32_t last) {
  const float text_size = fonts.text->FontSize * fonts.text->Scale * ImGui::GetIO().FontGlobalScale;
  const float mono_size = fonts.mono->FontSize * fonts.mono->Scale * ImGui::GetIO().FontGlobalScale;
  for (uint32_t g = first; g < last; ++g) {
    const TokenGroup& group = in.groups[g];
    const std::size_t label_begin = out.labels.size();
    const Direction direction = text_direction(in.text.substr(group.begin, group.end - group.begin));
    const bool ends_line = append_tile_label(out.labels, options, in, group, direction, fonts.text);
    const std::size_t ids_begin = out.ids.size();
    const bool untokenized = in.tokens[group.first_token].id == kUntokenized;
    for (uint32_t t = group.first_token; t < group.first_token + group.token_count && !untokenized; ++t) {
      if (t != group.first_token) out.ids.push_back(' ');
      out.ids += std::to_string(in.tokens[t].id);
    }
    out.label_starts.push_back(static_cast<uint32_t>(out.labels.size()));
    out.id_starts.push_back(static_cast<uint32_t>(out.ids.size()));
    const float label_w = text_width(fonts.text, text_size, std::string_view(out.labels).substr(label_begin));
    const float w = untokenized ? label_w
                                : std::max({kMinWidth, label_w,
                                            text_width(fonts.mono, mono_size, std::string_view(out.ids).substr(ids_begin))}) +
                                      2 * kPad;
    out.tile_widths.push_back(w);
    out.tile_ends_line.push_back(ends_line);
    out.tile_directions.push_back(direction);
  }
}

// The row holding tile `tile`, as last laid out (row_starts holds a row and its sentinel at least).
std::size_t row_of(const TileLayout& state, std::size_t tile) {
  return static_cast<std::size_t>(std::upper_bound(state.row_starts.begin(), state.row_starts.end() - 1, tile) -
                                  state.row_starts.begin()) - 1;
}

// The last of the groups that begins at or before `offset`, or groups.size() when none does.
std::size_t group_at(std::span<const TokenGroup> groups, uint32_t offset) {
  const auto it = std::upper_bound(groups.begin(), groups.end(), offset, [](uint32_t o, const TokenGroup& g) { return o < g.begin; });
  return it == groups.begin() ? groups.size() : static_cast<std::size_t>(it - groups.begin()) - 1;
}

// Each row's paragraph direction, from the paragraph holding row `from` on: that of the paragraph's
// first tile with a direction (UAX #9's P2, P3; left to right when it has none). A paragraph ends
// after a tile that holds a newline.
void set_row_directions(TileLayout& state, std::size_t from) {
  const std::size_t rows = state.row_starts.size() - 1;
  const auto ends_paragraph = [&](std::size_t row) { return state.tile_ends_line[state.row_starts[row + 1] - 1] != 0; };
  while (from > 0 && !ends_paragraph(from - 1)) --from;
  state.row_right_to_left.resize(rows);
  for (std::size_t row = from; row < rows;) {
    std::size_t end = row + 1;  // the paragraph's rows are [row, end)
    while (end < rows && !ends_paragraph(end - 1)) ++end;
    bool right_to_left = false;
    for (uint32_t g = state.row_starts[row]; g < state.row_starts[end]; ++g) {
      const Direction d = state.tile_directions[g];
      if (d == Direction::left_to_right || d == Direction::right_to_left) {
        right_to_left = d == Direction::right_to_left;
        break;
      }
    }
    std::fill(state.row_right_to_left.begin() + static_cast<std::ptrdiff_t>(row),
              state.row_right_to_left.begin() + static_cast<std::ptrdiff_t>(end), right_to_left);
    row = end;
  }
}

// The tiles of row `row` in the order they are drawn, left to right (ui/tokens/tile_order.h), and the x of the
// first from the view's left edge: a right-to-left paragraph's rows are aligned right.
float row_order(const TileLayout& state, std::size_t row, std::vector<uint32_t>& order) {
  const uint32_t first = state.row_starts[row], end = state.row_starts[row + 1];
  const bool right_to_left = state.row_right_to_left[row] != 0;
  visual_order(std::span(state.tile_directions).subspan(first, end - first), right_to_left, order);
  for (uint32_t& g : order) g += first;
  if (!right_to_left) return 0;
  float width = 0;
  for (uint32_t g = first; g < end; ++g) width += state.tile_widths[g] + kGap;
  return std::max(0.0f, state.laid_out_width - (width - kGap));
}

// Breaks the tiles into rows of `width`: a row also ends after a tile that holds a newline. The rows
// before the one holding tile `from - 1` stay (whether a row ends before a tile depends on that tile
// and those before it): tiles appended a frame at a time do not wrap millions of tiles again each frame.
void wrap_rows(TileLayout& state, float width, uint32_t from = 0) {
  // The row holding tile from - 1 is wrapped again from its start; the sentinel goes.
  state.row_starts.resize(from > 0 && state.row_starts.size() >= 2 ? row_of(state, from - 1) + 1 : 1);
  state.row_starts[0] = 0;
  float x = 0;
  const auto n = static_cast<uint32_t>(state.tile_widths.size());
  const std::size_t first_row = state.row_starts.size() - 1;
  const uint32_t first = state.row_starts.back();  // the first row wrapped again starts here
  for (uint32_t g = first; g < n; ++g) {
    const float w = state.tile_widths[g];
    if (g > first && (state.tile_ends_line[g - 1] || x + w > width)) {
      state.row_starts.push_back(g);
      x = 0;
    }
    x += w + kGap;
  }
  state.row_starts.push_back(n);  // sentinel
  set_row_directions(state, first_row);
}

// Replaces one stretch of a concatenated string list: entries [first, old_end) of `starts` (n + 1
// offsets into `text`) by those of `fresh` (its own text and offsets from 0).
void splice_strings(std::string& text, std::vector<uint32_t>& starts, uint32_t first, uint32_t old_end,
                    const std::string& fresh_text, const std::vector<uint32_t>& fresh_starts) {
  const uint32_t from = starts[first], to = starts[old_end];
  const int64_t shift = static_cast<int64_t>(fresh_text.size()) - static_cast<int64_t>(to - from);
  text.replace(from, to - from, fresh_text);
  // starts[0..first] stay; then the fresh tiles' starts after their first, and their end; then the
  // starts after the old stretch's end, shifted.
  std::vector<uint32_t> tail(starts.begin() + old_end + 1, starts.end());
  starts.resize(first + std::size_t{1});
  for (std::size_t i = 1; i < fresh_starts.size(); ++i) starts.push_back(from + fresh_starts[i]);
  for (const uint32_t t : tail) starts.push_back(static_cast<uint32_t>(t + shift));
}

// A long text comes a part a frame (TokenizeSchedule::tokenized_up_to), its tiles appended: room for the tiles
// of the whole text, estimated from those laid out so far (ui/tokens/reserve_ahead.h). The share is that of
// the laid-out tiles, not of the tokens: the layout trails the tokens, and measured against them its
// lists looked ever longer as the layout caught up, each time reserved again (60 MB copied, up to
// 68 ms of a frame during a 10 MB paste).
void make_room_for_whole_text(TileLayout& state, const TokenViewInput& in) {
  const std::size_t tiles = state.tile_widths.size();
  if (tiles == 0 || tiles > in.groups.size() || in.groups[tiles - 1].end >= in.text.size()) return;
  const double share = static_cast<double>(in.groups[tiles - 1].end) / static_cast<double>(in.text.size());
  reserve_for_whole_text(state.labels, share);
  reserve_for_whole_text(state.label_starts, share);
  reserve_for_whole_text(state.ids, share);
  reserve_for_whole_text(state.id_starts, share);
  reserve_for_whole_text(state.tile_widths, share);
  reserve_for_whole_text(state.tile_ends_line, share);
  reserve_for_whole_text(state.tile_directions, share);
  reserve_for_whole_text(state.row_starts, share);
  reserve_for_whole_text(state.row_right_to_left, share);
}

// Lays out only the tiles an edit replaced (TokenViewInput::splice) in a layout that holds every tile
// before it, then wraps the rows again from there.
void splice_layout(TileLayout& layout, const TokenViewState& options, const Fonts& fonts, const TokenViewInput& in) {
  const TileSplice& s = *in.splice;
  TileLayout fresh;
  lay_out_tiles(fresh, options, fonts, in, s.first, s.new_end);
  splice_strings(layout.labels, layout.label_starts, s.first, s.old_end, fresh.labels, fresh.label_starts);
  splice_strings(layout.ids, layout.id_starts, s.first, s.old_end, fresh.ids, fresh.id_starts);
  const auto replace = [&](auto& list, const auto& with) {
    list.erase(list.begin() + s.first, list.begin() + s.old_end);
    list.insert(list.begin() + s.first, with.begin(), with.end());
  };
  replace(layout.tile_widths, fresh.tile_widths);
  replace(layout.tile_ends_line, fresh.tile_ends_line);
  replace(layout.tile_directions, fresh.tile_directions);
  wrap_rows(layout, layout.laid_out_width, s.first);
  make_room_for_whole_text(layout, in);
}

// Keeps the first `tiles` tiles of the layout (their rows are wrapped again as more are laid out).
void keep_tiles(TileLayout& layout, uint32_t tiles) {
  if (tiles >= layout.tile_widths.size()) return;
  layout.labels.resize(layout.label_starts[tiles]);
  layout.label_starts.resize(tiles + std::size_t{1});
  layout.ids.resize(layout.id_starts[tiles]);
  layout.id_starts.resize(tiles + std::size_t{1});
  layout.tile_widths.resize(tiles);
  layout.tile_ends_line.resize(tiles);
  layout.tile_directions.resize(tiles);
  wrap_rows(layout, layout.laid_out_width, tiles);
}

// Brings `layout` to the tiles of `in` (their first ones: see lay_out_more) and to `width`. The tiles
// an edit replaced are laid out again when the layout holds all tiles before it and was made with the
// view's options; otherwise the layout keeps the tiles before the edit.
void follow_input(TileLayout& layout, const TokenViewState& options, const Fonts& fonts, const TokenViewInput& in,
                  float width) {
  if (layout.laid_out_width != width) {
    wrap_rows(layout, width);
    layout.laid_out_width = width;
  }
  if (layout.laid_out_revision == in.revision) return;
  const TileSplice* splice = in.splice && in.splice->from_revision == layout.laid_out_revision ? in.splice : nullptr;
  const bool same_options = layout.laid_out_whitespace == options.show_whitespace &&
                            layout.laid_out_byte_notation == options.byte_notation && layout.laid_out_fonts == fonts.generation;
  if (splice && same_options && layout.tile_widths.size() == splice->old_tiles) {
    splice_layout(layout, options, fonts, in);
  } else {
    keep_tiles(layout, splice ? std::min<uint32_t>(splice->first, static_cast<uint32_t>(layout.tile_widths.size())) : 0);
  }
  layout.laid_out_revision = in.revision;
}

// Lays out the tiles of `in` that `layout` lacks, a step at a time until `deadline`, and wraps them
// into rows. Returns whether it holds all of them.
constexpr uint32_t kTilesPerStep = 4096;

bool lay_out_more(TileLayout& layout, const TokenViewState& options, const Fonts& fonts, const TokenViewInput& in,
                  std::chrono::steady_clock::time_point deadline) {
  const auto total = static_cast<uint32_t>(in.groups.size());
  const auto from = static_cast<uint32_t>(layout.tile_widths.size());
  if (from >= total) return true;
  uint32_t end = from;
  do {
    const uint32_t step_end = std::min(total, end + kTilesPerStep);
    lay_out_tiles(layout, options, fonts, in, end, step_end);
    end = step_end;
  } while (end < total && std::chrono::steady_clock::now() < deadline);
  wrap_rows(layout, layout.laid_out_width, from);
  make_room_for_whole_text(layout, in);
  return end == total;
}

// A layout with no tiles yet, for the view's options and `fonts`.
TileLayout empty_layout(const TokenViewState& options, const Fonts& fonts, const TokenViewInput& in, float width) {
  TileLayout layout;
  layout.laid_out_revision = in.revision;
  layout.laid_out_width = width;
  layout.laid_out_whitespace = options.show_whitespace;
  layout.laid_out_byte_notation = options.byte_notation;
  layout.laid_out_fonts = fonts.generation;
  return layout;
}

// Brings the view's layout up to date within the frame's share of time (kLayoutBudget). New options
// or fonts need every tile laid out again: that layout is made in state.next, and the view draws the
// one it has until the new one holds every tile. (The tiles of an edit go straight into the layout.)
constexpr std::chrono::milliseconds kLayoutBudget{12};

void update_layout(TokenViewState& state, const Fonts& fonts, const TokenViewInput& in, float width) {
  const auto deadline = std::chrono::steady_clock::now() + kLayoutBudget;
  const auto made_for_view = [&](const TileLayout& layout) {
    return layout.laid_out_whitespace == state.show_whitespace && layout.laid_out_byte_notation == state.byte_notation &&
           layout.laid_out_fonts == fonts.generation;
  };
  if (made_for_view(state)) {
    state.next.reset();  // (the options went back to those the view has)
  } else if (!state.next || !made_for_view(*state.next)) {
    state.next = empty_layout(state, fonts, in, width);
    ++state.full_layouts;
  }
  if (state.laid_out_revision != in.revision && !(in.splice && in.splice->from_revision == state.laid_out_revision)) {
    ++state.full_layouts;
  }
  follow_input(state, state, fonts, in, width);
  if (state.next) {
    follow_input(*state.next, state, fonts, in, width);
    if (lay_out_more(*state.next, state, fonts, in, deadline)) {
      static_cast<TileLayout&>(state) = std::move(*state.next);
      state.next.reset();
    }
  } else {
    lay_out_more(state, state, fonts, in, deadline);
  }
  state.laying_out = state.next.has_value() || state.tile_widths.size() < in.groups.size();
}

// In the text font throughout: the tile's 14 px mono font is too small to read at a glance, and
// DejaVu Sans has fixed-width digits, so ids and hex bytes still line up.
void draw_tooltip(const TokenDetails& d, const char* click_hint) {
  ImGui::BeginTooltip();
  ImGui::TextDisabled(d.token_count > 1 ? "ids" : "id");
  ImGui::SameLine(105);
  ImGui::TextUnformatted(d.ids.c_str());
  if (d.special) {
    ImGui::SameLine();
    ImGui::TextDisabled(d.added ? "added token" : "special token");
  }
  ImGui::TextDisabled("text");
  ImGui::SameLine(105);
  ImGui::Text("\"%s\"", d.text.c_str());
  ImGui::TextDisabled("bytes");
  ImGui::SameLine(105);
  ImGui::TextUnformatted(d.hex.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%u byte%s)", d.byte_length, d.byte_length == 1 ? "" : "s");
  if (!d.pretoken_text.empty()) {
    ImGui::TextDisabled("pre-token");
    ImGui::SameLine(105);
    ImGui::Text("\"%s\"", d.pretoken_text.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("bytes %u–%u", d.pretoken.begin, d.pretoken.end);
  }
  if (click_hint && !d.special) ImGui::TextDisabled("%s", click_hint);
  ImGui::EndTooltip();
}

// Whether [begin, end) overlaps one of the sorted spans.
bool highlighted(std::span<const Span> spans, uint32_t begin, uint32_t end) {
  const auto it = std::upper_bound(spans.begin(), spans.end(), begin, [](uint32_t b, const Span& s) { return b < s.end; });
  return it != spans.end() && it->begin < end;
}

// The bars for the marked offsets in [group.begin, group.end): in the gap before the tile for its own
// start, across the tile (at the offset's share of its bytes) for one inside it. A right-to-left tile
// starts at its right edge.
float mark_x(const TokenGroup& group, bool right_to_left, uint32_t offset, float left, float right) {
  const float share = static_cast<float>(offset - group.begin) / static_cast<float>(group.end - group.begin);
  if (right_to_left) return offset == group.begin ? right + kGap / 2 : right - (right - left) * share;
  return offset == group.begin ? left - kGap / 2 : left + (right - left) * share;
}
constexpr float kMarkOverhang = 3.0f;

// 3 pixels wide, as wide as the gap between tiles; wider with larger type (presenting), so that a
// projector still shows it.
float mark_half_width(float text_height) { return 1.5f * std::max(1.0f, text_height / 16.0f); }

void draw_marks(ImDrawList* draw, std::span<const uint32_t> marks, const TokenGroup& group, bool right_to_left,
                ImVec2 min, ImVec2 max, float half_width, ImU32 colour) {
  for (auto it = std::lower_bound(marks.begin(), marks.end(), group.begin); it != marks.end() && *it < group.end; ++it) {
    const float x = mark_x(group, right_to_left, *it, min.x, max.x);
    draw->AddRectFilled(ImVec2(x - half_width, min.y - kMarkOverhang), ImVec2(x + half_width, max.y + kMarkOverhang), colour, 1.0f);
  }
}

}  // namespace

void draw_token_view(TokenViewState& state, const Fonts& fonts, const TokenViewInput& in) {
  update_layout(state, fonts, in, ImGui::GetContentRegionAvail().x);

  ImGui::PushFont(fonts.text);
  const float text_h = ImGui::GetFontSize();
  ImGui::PopFont();
  ImGui::PushFont(fonts.mono);
  const float mono_h = ImGui::GetFontSize();
  ImGui::PopFont();
  const float tile_h = kPad + text_h + 2 + mono_h + kPad;
  const bool lane = state.show_pretokens && !in.pieces.empty();
  const float row_h = tile_h + (lane ? kLaneGap + kLaneHeight : 0) + kGap + (lane ? kGap : 0);
  state.origin = ImGui::GetCursorScreenPos();
  state.content_y = ImGui::GetCursorPosY();
  state.scroll_y = ImGui::GetScrollY();
  state.row_height = row_h;
  state.tile_height = tile_h;
  state.mark_half_width = mark_half_width(text_h);
  state.hovered_group = -1;
  state.clicked_group = -1;
  // The keyboard's tile: in sight (from the next frame), hovered while the mouse is not over the view.
  const bool mouse_here = ImGui::IsWindowHovered();
  const int64_t keyed = state.keyboard_shown && !mouse_here ? state.keyboard_group : -1;
  if (keyed >= 0 && keyed != state.keyboard_followed && static_cast<std::size_t>(keyed) < state.tile_widths.size()) {
    const auto row = std::upper_bound(state.row_starts.begin(), state.row_starts.end(), static_cast<uint32_t>(keyed)) -
                     state.row_starts.begin() - 1;
    const float top = state.content_y + static_cast<float>(row) * row_h;
    if (top < state.scroll_y || top + row_h > state.scroll_y + ImGui::GetWindowHeight()) {
      ImGui::SetScrollY(std::max(0.0f, top - ImGui::GetWindowHeight() / 3));
    }
  }
  state.keyboard_followed = keyed;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const Palette& colours = palette();
  const int rows = static_cast<int>(state.row_starts.size()) - 1;
  ImGuiListClipper clipper;
  clipper.Begin(rows, row_h);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImVec2 pos = ImGui::GetCursorScreenPos();
      std::size_t lane_piece = in.pieces.size();  // the pre-token whose bar is being drawn in this row
      float lane_begin = 0, lane_end = 0;
      const auto flush_lane = [&] {
        if (lane_piece >= in.pieces.size()) return;
        // Neighbouring pre-tokens alternate colours; the gap between tiles separates them too.
        const ImU32 colour = lane_piece % 2 ? colours.lane_b : colours.lane_a;
        const float y = pos.y + tile_h + kLaneGap;
        draw->AddRectFilled(ImVec2(lane_begin, y), ImVec2(lane_end, y + kLaneHeight), colour, 3.0f);
      };
      static thread_local std::vector<uint32_t> order;
      pos.x += row_order(state, static_cast<std::size_t>(row), order);
      for (const uint32_t g : order) {
        const float w = state.tile_widths[g];
        const ImVec2 min = pos, max(pos.x + w, pos.y + tile_h);
        const TokenGroup& group = in.groups[g];
        const uint32_t first_id = in.tokens[group.first_token].id;
        if (first_id == kUntokenized) {
          draw->AddText(fonts.text, text_h, ImVec2(min.x, min.y + kPad), colours.between_text,
                        state.labels.data() + state.label_starts[g], state.labels.data() + state.label_starts[g + 1]);
          pos.x += w + kGap;
          continue;
        }
        const bool special = in.encoding && in.encoding->is_special(first_id);
        draw->AddRectFilled(min, max, special ? colours.special_fill : token_color(first_id), 4.0f);
        const bool by_key = static_cast<int64_t>(g) == keyed;
        const bool hovered = (ImGui::IsMouseHoveringRect(min, max) && mouse_here) || by_key;
        draw->AddRect(min, max, hovered ? colours.tile_hover : colours.tile_edge, 4.0f, 0,
                      hovered ? 2.0f : 1.0f);
        if (highlighted(in.highlights, group.begin, group.end)) {
          draw->AddRect(ImVec2(min.x - 2, min.y - 2), ImVec2(max.x + 2, max.y + 2),
                        in.highlight_colour ? in.highlight_colour : colours.highlight, 5.0f, 0, 3.0f);
        }
        const char* label = state.labels.data() + state.label_starts[g];
        const char* label_end = state.labels.data() + state.label_starts[g + 1];
        draw->AddText(fonts.text, text_h, ImVec2(min.x + kPad, min.y + kPad),
                      special ? colours.special_text : colours.token_text, label, label_end);
        const char* ids = state.ids.data() + state.id_starts[g];
        const char* ids_end = state.ids.data() + state.id_starts[g + 1];
        draw->AddText(fonts.mono, mono_h, ImVec2(min.x + kPad, min.y + kPad + text_h + 2),
                      special ? colours.special_id : colours.token_id, ids, ids_end);
        if (!in.marks.empty()) {
          draw_marks(draw, in.marks, group, state.tile_directions[g] == Direction::right_to_left, min, max,
                     state.mark_half_width, colours.boundary_mark);
        }
        if (lane) {
          const std::size_t piece = pretoken_at(in.pieces, group.begin);
          if (piece != lane_piece) {
            flush_lane();
            lane_piece = piece;
            lane_begin = min.x;
          }
          lane_end = max.x;
        }
        if (hovered) {
          state.hovered_group = g;
          if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !by_key) state.clicked_group = g;
          if (by_key) ImGui::SetNextWindowPos(ImVec2(min.x, max.y + 6));  // under the tile, not at the mouse
          draw_tooltip(describe_token_group(in.text, in.tokens, group, in.pieces, in.encoding, fonts.text), in.click_hint);
        }
        pos.x += w + kGap;
      }
      flush_lane();
      ImGui::Dummy(ImVec2(1, row_h - ImGui::GetStyle().ItemSpacing.y));
    }
  }
  clipper.End();
}

Span token_view_top_row(const TokenViewState& state, std::span<const TokenGroup> groups, float scroll_y) {
  if (state.row_starts.size() < 2 || state.row_height <= 0 || state.row_starts.back() > groups.size()) return {0, 0};
  const float rows = static_cast<float>(state.row_starts.size() - 2);  // the last row's index
  const float at = std::floor((scroll_y - state.content_y) / state.row_height + 0.01f);
  const auto row = static_cast<std::size_t>(std::clamp(at, 0.0f, rows));
  const uint32_t first = state.row_starts[row], end = state.row_starts[row + 1];
  if (first >= end) return {0, 0};
  return {groups[first].begin, groups[end - 1].end};
}

float token_view_scroll_to(const TokenViewState& state, std::span<const TokenGroup> groups, uint32_t offset) {
  if (state.row_starts.size() < 2 || state.row_starts.back() > groups.size()) return 0;
  const std::size_t group = group_at(groups.first(state.row_starts.back()), offset);
  const std::size_t row = group < state.row_starts.back() ? row_of(state, group) : 0;
  return state.content_y + static_cast<float>(row) * state.row_height;
}

bool token_view_tile_rect(const TokenViewState& state, std::size_t group, float rect[4]) {
  if (group >= state.tile_widths.size() || state.row_starts.size() < 2) return false;
  const std::size_t row = row_of(state, group);
  std::vector<uint32_t> order;
  float x = state.origin.x + row_order(state, row, order);
  for (std::size_t i = 0; order[i] != group; ++i) x += state.tile_widths[order[i]] + kGap;
  rect[0] = x;
  rect[1] = state.origin.y + static_cast<float>(row) * state.row_height;
  rect[2] = state.tile_widths[group];
  rect[3] = state.tile_height;
  return true;
}

std::string_view token_view_tile_label(const TokenViewState& state, std::size_t group) {
  if (group + 1 >= state.label_starts.size()) return {};
  return std::string_view(state.labels).substr(state.label_starts[group], state.label_starts[group + 1] - state.label_starts[group]);
}

bool token_view_mark_rect(const TokenViewState& state, std::span<const TokenGroup> groups, uint32_t offset, float rect[4]) {
  const std::size_t group = group_at(groups, offset);
  if (group == groups.size() || offset >= groups[group].end) return false;
  float tile[4];
  if (!token_view_tile_rect(state, group, tile)) return false;
  const float x = mark_x(groups[group], state.tile_directions[group] == Direction::right_to_left, offset, tile[0],
                         tile[0] + tile[2]);
  rect[0] = x - state.mark_half_width;
  rect[1] = tile[1] - kMarkOverhang;
  rect[2] = 2 * state.mark_half_width;
  rect[3] = tile[3] + 2 * kMarkOverhang;
  return true;
}

}  // namespace bpeviz
