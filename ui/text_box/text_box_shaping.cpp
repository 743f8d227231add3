#include "ui/text_box/text_box_shaping.h"

#include <imgui_internal.h>  // the box's child window and edit state: where it drew its text

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "core/text/utf8.h"
#include "ui/shaping/pre_base_vowels.h"

namespace bpeviz {

namespace {

// Lines longer than this are drawn as ImGui draws them, unshaped: laying out a line of a megabyte
// every frame would stall the page, and nobody reads such a line in the box.
constexpr std::size_t kLongestShapedLine = 16 << 10;

void note_text(TextBoxShaping& s, std::string_view text, uint64_t revision) {
  s.revision = revision;
  s.needed = text_needs_shaping(text);
  s.lines_found = false;
}

// Appends the start of each line after a newline in `text` (which starts at byte `byte` and character
// `chars` of the whole) to `starts`, and its first character to `line_chars`; returns the characters
// counted, `chars` included. Newlines are found with memchr and each line's characters counted apart
// (one call a line: V8 runs a long wasm call in its baseline code, and one loop over a 10 MB text took
// 50 to 100 ms of a frame).
std::size_t add_lines(std::string_view text, std::size_t byte, std::size_t chars, std::vector<std::size_t>& starts,
                      std::vector<std::size_t>& line_chars) {
  for (std::size_t start = 0;;) {
    const void* newline = std::memchr(text.data() + start, '\n', text.size() - start);
    const std::size_t end = newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1 : text.size();
    chars += utf8_count_characters(text.substr(start, end - start));
    if (!newline) return chars;
    starts.push_back(byte + end);
    line_chars.push_back(chars);
    start = end;
  }
}

// Each line's first byte and first character, once per revision.
void find_lines(TextBoxShaping& s, std::string_view text) {
  s.line_starts.assign(1, 0);
  s.line_chars.assign(1, 0);
  add_lines(text, 0, 0, s.line_starts, s.line_chars);
  s.lines_found = true;
}

// Lays out line `i` into s.layout (its characters in s.line).
void lay_out(TextBoxShaping& s, std::string_view text, std::size_t i) {
  const std::size_t begin = s.line_starts[i];
  const std::size_t end = i + 1 < s.line_starts.size() ? s.line_starts[i + 1] - 1 : text.size();
  s.line.clear();
  for (std::size_t k = begin; k < end; k += utf8_char_length(text, k)) s.line.push_back(utf8_code_point(text, k));
  lay_out_line(s.line, s.font, s.font_size, s.layout, end - begin <= kLongestShapedLine);
}

// Where a laid-out line starts on screen: a right-to-left line that fits ends at the box's right edge.
float line_left(const TextBoxShaping& s, const LineLayout& layout) {
  const float room = s.view_width - layout.width();
  return layout.right_to_left && room > 0 ? s.origin.x + s.scroll_x + room : s.origin.x;
}

// The arrow keys' places in ImGui's key arrays (-1 when the platform did not map them).
std::pair<int, int> arrow_keys() {
  const ImGuiIO& io = ImGui::GetIO();
  const int left = io.KeyMap[ImGuiKey_LeftArrow], right = io.KeyMap[ImGuiKey_RightArrow];
  const auto mapped = [](int key) { return key >= 0 && key < IM_ARRAYSIZE(io.KeysDown); };
  return mapped(left) && mapped(right) ? std::pair{left, right} : std::pair{-1, -1};
}

// Swaps what ImGui reads of the two arrow keys (swapped back in end_shaped_box).
void swap_arrows() {
  ImGuiIO& io = ImGui::GetIO();
  const auto [left, right] = arrow_keys();
  std::swap(io.KeysDown[left], io.KeysDown[right]);
  std::swap(io.KeysDownDuration[left], io.KeysDownDuration[right]);
  std::swap(io.KeysDownDurationPrev[left], io.KeysDownDurationPrev[right]);
}

// On a line read right to left, the left arrow key moves the caret on in the text (to the left on
// screen) and the right arrow back, as in a browser's text area: ImGui 1.86 moves in text order only,
// so the box is shown the keys the other way round while the caret is on such a line.
void swap_arrows_on_right_to_left_line(TextBoxShaping& s, std::string_view text, ImGuiID id) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto [left, right] = arrow_keys();
  const ImGuiInputTextState* box = ImGui::GetActiveID() == id ? ImGui::GetInputTextState(id) : nullptr;
  if (!box || left < 0 || (!io.KeysDown[left] && !io.KeysDown[right]) || s.font_size <= 0) return;
  if (!s.lines_found) find_lines(s, text);
  const auto after = std::upper_bound(s.line_chars.begin(), s.line_chars.end(), static_cast<std::size_t>(box->Stb.cursor));
  lay_out(s, text, static_cast<std::size_t>(after - s.line_chars.begin()) - 1);
  s.arrows_swapped = s.layout.right_to_left;
  if (s.arrows_swapped) swap_arrows();
}

}  // namespace

ImGuiWindow* text_box_window(const char* label, ImGuiID id) {
  char name[512];
  ImFormatString(name, sizeof name, "%s/%s_%08X", ImGui::GetCurrentWindow()->Name, label, id);
  return ImGui::FindWindowByName(name);
}

bool text_needs_shaping(std::string_view text) {
  for (std::size_t i = utf8_skip_ascii(text, 0); i < text.size(); i = utf8_skip_ascii(text, i)) {
    const auto b = static_cast<unsigned char>(text[i]);
    // Only these lead bytes start U+0590–U+08FF (Hebrew to Arabic Extended), U+093F and U+094E
    // (E0), and the presentation forms (EF): the rest is skipped undecoded.
    if ((b >= 0xD6 && b <= 0xE0) || b == 0xEF) {
      const uint32_t c = utf8_code_point(text, i);
      if ((c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF) || pre_base_vowel(c)) {
        return true;
      }
    }
    i += utf8_char_length(text, i);
  }
  return false;
}

void find_text_lines(TextBoxShaping& s, std::string_view text, uint64_t revision) {
  note_text(s, text, revision);
  if (s.needed) find_lines(s, text);
}

void add_inserted_part(InsertedLines& lines, std::string_view part) {
  lines.needs_shaping = lines.needs_shaping || text_needs_shaping(part);
  lines.characters = add_lines(part, lines.bytes, lines.characters, lines.line_starts, lines.line_chars);
  lines.bytes += part.size();
}

void note_insertion(TextBoxShaping& s, std::string_view text, uint64_t old_revision, uint64_t revision, std::size_t at,
                    std::size_t inserted, const InsertedLines* read) {
  if (s.revision != old_revision) return;  // found for another text, or not yet: found anew when needed
  s.revision = revision;
  InsertedLines lines;
  if (!read || read->bytes != inserted) {
    add_inserted_part(lines, text.substr(at, inserted));
    read = &lines;
  }
  if (!s.needed) {
    // The text needed nothing before: its lines are found now, around the inserted text's (a paste of
    // Arabic into an empty box, read as it came).
    s.needed = read->needs_shaping;
    s.lines_found = false;
    if (!s.needed) return;
    s.line_starts.assign(1, 0);
    s.line_chars.assign(1, 0);
    const std::size_t chars = add_lines(text.substr(0, at), 0, 0, s.line_starts, s.line_chars);
    for (std::size_t i = 0; i < read->line_starts.size(); ++i) {
      s.line_starts.push_back(at + read->line_starts[i]);
      s.line_chars.push_back(chars + read->line_chars[i]);
    }
    add_lines(text.substr(at + inserted), at + inserted, chars + read->characters, s.line_starts, s.line_chars);
    s.lines_found = true;
    return;
  }
  if (!s.lines_found) return;
  // The lines starting after `at` move by the inserted bytes and characters; each newline inserted
  // starts a line of its own.
  const auto after = static_cast<std::size_t>(std::upper_bound(s.line_starts.begin(), s.line_starts.end(), at) - s.line_starts.begin());
  const std::size_t line = s.line_starts[after - 1];
  const std::size_t chars = s.line_chars[after - 1] + utf8_count_characters(text.substr(line, at - line));
  for (std::size_t i = after; i < s.line_starts.size(); ++i) {
    s.line_starts[i] += inserted;
    s.line_chars[i] += read->characters;
  }
  const auto where = static_cast<std::ptrdiff_t>(after);
  s.line_starts.insert(s.line_starts.begin() + where, read->line_starts.begin(), read->line_starts.end());
  s.line_chars.insert(s.line_chars.begin() + where, read->line_chars.begin(), read->line_chars.end());
  for (std::size_t i = after; i < after + read->line_starts.size(); ++i) {
    s.line_starts[i] += at;
    s.line_chars[i] += chars;
  }
}

void begin_shaped_box(TextBoxShaping& s, std::string_view text, uint64_t revision, ImGuiID id) {
  if (s.revision != revision) note_text(s, text, revision);
  s.hiding = s.needed;
  s.mouse_moved = false;
  if (!s.hiding) return;
  s.text_color = ImGui::GetColorU32(ImGuiCol_Text);
  s.selection_color = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
  ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(0, 0, 0, 0));
  ImGui::PushStyleColor(ImGuiCol_TextSelectedBg, IM_COL32(0, 0, 0, 0));

  ImGuiIO& io = ImGui::GetIO();
  s.font = ImGui::GetFont();  // last frame's may be gone: the atlas is rebuilt between frames
  s.font_size = ImGui::GetFontSize();
  swap_arrows_on_right_to_left_line(s, text, id);

  // A click (or a drag) over a laid-out line: the box is told of the place, unshaped, of the
  // character under the mouse, and puts its caret there. ImGui's box reads the mouse's place only
  // while its button is down: a mouse merely passing over the box costs nothing.
  const ImVec2 mouse = io.MousePos;
  const bool inside = mouse.x >= s.clip_min.x && mouse.x < s.clip_max.x && mouse.y >= s.clip_min.y && mouse.y < s.clip_max.y;
  const bool held = io.MouseDown[0] && (inside || ImGui::GetActiveID() == id);  // a click, or a drag the box took
  if (!s.drawn || !held || s.font_size <= 0) return;
  if (!s.lines_found) find_lines(s, text);
  const float row = std::floor((mouse.y - s.origin.y) / s.font_size);
  const auto line = static_cast<std::size_t>(std::clamp(row, 0.0f, static_cast<float>(s.line_starts.size() - 1)));
  lay_out(s, text, line);
  if (!s.layout.shaped) return;
  const uint32_t index = index_at_x(s.layout, mouse.x - line_left(s, s.layout));
  float x = s.origin.x + unshaped_x(s.line, index, s.font, s.font_size);
  // A click stays over the box, or the box ignores it (or, having the focus, lets it go).
  if (io.MouseClicked[0]) x = std::clamp(x, s.clip_min.x, s.clip_max.x - 1);
  s.mouse_x = mouse.x;
  io.MousePos.x = x;
  s.mouse_moved = true;
}

void end_shaped_box(TextBoxShaping& s, std::string_view text, uint64_t revision, const char* label, ImGuiID id) {
  s.drawn_lines.clear();
  s.caret = -1;
  s.selection_begin = s.selection_end = 0;
  s.caret_x = s.caret_y = -1;
  s.drawn = false;
  if (!s.hiding) return;
  s.hiding = false;
  ImGui::PopStyleColor(2);
  ImGuiIO& io = ImGui::GetIO();
  if (s.mouse_moved) io.MousePos.x = s.mouse_x;
  if (std::exchange(s.arrows_swapped, false)) swap_arrows();
  if (s.revision != revision) note_text(s, text, revision);
  if (!s.lines_found) find_lines(s, text);

  ImGuiWindow* child = text_box_window(label, id);
  if (!child || !child->Active) return;
  ImGuiInputTextState* box = ImGui::GetActiveID() == id ? ImGui::GetInputTextState(id) : nullptr;
  const ImGuiStyle& style = ImGui::GetStyle();
  s.scroll_x = box ? box->ScrollX : 0.0f;  // as ImGui: scrolled sideways only while it has the focus
  s.origin = ImVec2(child->Pos.x + style.FramePadding.x - child->Scroll.x - s.scroll_x,
                    child->Pos.y + style.FramePadding.y - child->Scroll.y);
  s.clip_min = child->InnerClipRect.Min;
  s.clip_max = child->InnerClipRect.Max;
  s.view_width = child->InnerRect.GetWidth() - 2 * style.FramePadding.x;
  s.drawn = true;

  const float size = s.font_size;
  const std::size_t lines = s.line_starts.size();
  const auto first = static_cast<std::size_t>(std::max(0.0f, std::floor((s.clip_min.y - s.origin.y) / size)));
  const std::size_t last = std::min(lines, static_cast<std::size_t>(std::max(0.0f, std::floor((s.clip_max.y - s.origin.y) / size))) + 1);
  const bool selected = box && box->HasSelection();
  const auto selection_begin = static_cast<std::size_t>(selected ? std::min(box->Stb.select_start, box->Stb.select_end) : 0);
  const auto selection_end = static_cast<std::size_t>(selected ? std::max(box->Stb.select_start, box->Stb.select_end) : 0);
  s.selection_begin = static_cast<int>(selection_begin);
  s.selection_end = static_cast<int>(selection_end);
  const bool caret_shown = box && (!io.ConfigInputTextCursorBlink || box->CursorAnim <= 0.0f || ImFmod(box->CursorAnim, 1.20f) <= 0.80f);
  ImDrawList* draw = child->DrawList;
  draw->PushClipRect(s.clip_min, s.clip_max);
  std::string glyphs;
  for (std::size_t i = first; i < last; ++i) {
    lay_out(s, text, i);
    const LineLayout& layout = s.layout;
    const float x = line_left(s, layout), y = s.origin.y + static_cast<float>(i) * size;
    const std::size_t start = s.line_chars[i], length = s.line.size();
    if (selected && length == 0 && selection_begin <= start && start < selection_end) {  // as ImGui shows a selected empty line
      draw->AddRectFilled(ImVec2(x, y), ImVec2(x + std::floor(s.font->GetCharAdvance(' ') * size / s.font->FontSize * 0.5f), y + size), s.selection_color);
    }
    for (std::size_t g = 0; selected && g < layout.glyphs.size(); ++g) {
      const std::size_t from = start + layout.glyphs[g].source, to = from + layout.glyphs[g].count;
      if (from < selection_end && to > selection_begin) {
        draw->AddRectFilled(ImVec2(x + layout.left[g], y), ImVec2(x + layout.left[g + 1], y + size), s.selection_color);
      }
    }
    glyphs.clear();
    append_glyphs(glyphs, layout.glyphs);
    draw->AddText(s.font, size, ImVec2(x, y), s.text_color, glyphs.data(), glyphs.data() + glyphs.size());
    s.drawn_lines.push_back({static_cast<uint32_t>(i), glyphs, x, y, layout.width()});
    const auto caret = box ? static_cast<std::size_t>(box->Stb.cursor) : 0;
    if (box && caret >= start && caret <= start + length) {
      const float caret_x = std::floor(x + bpeviz::caret_x(layout, static_cast<uint32_t>(caret - start)));
      s.caret = static_cast<int>(caret);
      s.caret_x = caret_x;
      s.caret_y = y;
      if (caret_shown) draw->AddLine(ImVec2(caret_x, y + 0.5f), ImVec2(caret_x, y + size - 1.5f), s.text_color);
      GImGui->PlatformImePos = ImVec2(caret_x - 1.0f, y);  // the IME's window by the caret as drawn
    }
  }
  draw->PopClipRect();
}

}  // namespace bpeviz
