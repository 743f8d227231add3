#include "ui/text_box/resting_box.h"

#include <imgui_internal.h>  // the box's edit state, and the focus it keeps while it rests

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <cstring>

namespace bpeviz {

namespace {

// The keys ImGui 1.86's box acts on without Ctrl, Alt or Super (InputTextEx): while one is down it may
// move the caret or edit. A letter key alone only types its character; Shift only changes what a
// character or a key does.
constexpr ImGuiKey kBoxKeys[] = {ImGuiKey_Tab,    ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                                 ImGuiKey_DownArrow, ImGuiKey_PageUp, ImGuiKey_PageDown,  ImGuiKey_Home,
                                 ImGuiKey_End,    ImGuiKey_Insert,    ImGuiKey_Delete,     ImGuiKey_Backspace,
                                 ImGuiKey_Enter,  ImGuiKey_KeyPadEnter, ImGuiKey_Escape};

// A key, modifier or mouse button this frame the box may have something to do with (characters aside).
bool input_for_the_box() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl || io.KeyAlt || io.KeySuper) return true;
  for (const ImGuiKey key : kBoxKeys) {
    const int index = io.KeyMap[key];
    if (index >= 0 && index < IM_ARRAYSIZE(io.KeysDown) && io.KeysDown[index]) return true;
  }
  for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) {
    if (io.MouseDown[b] || io.MouseReleased[b]) return true;
  }
  return false;
}

// Whether a character typed now may go in at the caret as ImGui's box would put it (InputTextFilterCharacter,
// for a multiline box taking tabs).
bool box_takes(ImWchar c) {
  if (c < 0x20) return c == '\n' || (c == '\t' && !ImGui::GetIO().KeyShift);
  return c != 127 && !(c >= 0xE000 && c <= 0xF8FF);
}

// The newlines of a piece, eight bytes at a time: memchr, called once a line, took 30-50 ms over
// 10 MB of short lines on a page just opened. Written by hand for that speed.
[[gnu::noinline]] std::size_t count_newlines_in_piece(std::string_view text) {
  constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7FULL, kNewlines = 0x0A0A0A0A0A0A0A0AULL;
  std::size_t count = 0, i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    const uint64_t x = word ^ kNewlines;  // a zero byte where a newline was
    // The high bit of each byte that is zero, and of no other (no carry crosses a byte).
    count += static_cast<std::size_t>(std::popcount(~(((x & kLow7) + kLow7) | x | kLow7)));
  }
  for (; i < text.size(); ++i) count += text[i] == '\n';
  return count;
}

// In pieces of 64 KB: V8 runs a wasm function's first calls in baseline code, and later calls in the
// optimized code it makes meanwhile (one call over 10 MB would run in baseline code throughout).
std::size_t count_newlines(std::string_view text) {
  constexpr std::size_t kPiece = std::size_t{1} << 16;
  std::size_t count = 0;
  for (std::size_t from = 0; from < text.size(); from += kPiece) count += count_newlines_in_piece(text.substr(from, kPiece));
  return count;
}

// A keyboard focus or activation on its way (SetKeyboardFocusHere, Tab): ImGui hands it to a box
// without the focus by reloading its text, which must not happen to a box that only rests.
bool focus_on_its_way(ImGuiID id) {
  const ImGuiContext& g = *GImGui;
  return g.NavMoveSubmitted || g.NavMoveForwardToNextFrame || g.NavActivateId == id || g.NavActivateInputId == id ||
         g.NavNextActivateId != 0;
}

// All box_may_rest asks but that no character was typed.
bool box_may_rest_but_for_characters(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes) {
  return text_bytes >= kRestingBoxBytes && ImGui::GetActiveID() == id && box.ID == id &&
         static_cast<std::size_t>(box.CurLenA) == text_bytes && !box.HasSelection() && box.ScrollX == 0.0f &&
         !input_for_the_box() && !focus_on_its_way(id);
}

// Fills view.text with lines [first, last) of `text` (as many as there are), after `first` newlines.
// The first line is found from the nearest place known: the text's start, the caret's line, or the
// last frame's first line.
void show_lines(RestingView& view, std::string_view text, const RestingCaret& caret, std::size_t first, std::size_t last) {
  first = std::min(first, caret.lines - 1);
  std::size_t line = 0, byte = 0;
  const auto distance = [&](std::size_t from) { return from > first ? from - first : first - from; };
  if (view.revision == caret.revision && distance(view.line) < distance(line)) {
    line = view.line;
    byte = view.byte;
  }
  if (distance(caret.line) < distance(line)) {
    line = caret.line;
    byte = caret.line_begin;
  }
  for (; line > first; --line) byte = byte < 2 ? 0 : text.rfind('\n', byte - 2) + 1;  // npos + 1: the text's start
  for (; line < first; ++line) byte = text.find('\n', byte) + 1;
  view.revision = caret.revision;
  view.line = first;
  view.byte = byte;
  std::size_t end = byte;
  for (std::size_t i = first; i < last && end < text.size(); ++i) {
    const std::size_t newline = text.find('\n', end);
    end = newline == std::string_view::npos ? text.size() : newline + 1;
  }
  view.text.assign(first, '\n');
  view.text.append(text.substr(byte, end - byte));
}

}  // namespace

bool box_may_rest(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes) {
  return ImGui::GetIO().InputQueueCharacters.empty() && box_may_rest_but_for_characters(box, id, text_bytes);
}

std::string take_typed_characters(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes) {
  ImGuiIO& io = ImGui::GetIO();
  std::string typed;
  if (io.InputQueueCharacters.empty() || box.Stb.insert_mode || !box_may_rest_but_for_characters(box, id, text_bytes)) {
    return typed;
  }
  char utf8[5];
  for (const ImWchar c : io.InputQueueCharacters) {
    if (box_takes(c)) typed += ImTextCharToUtf8(utf8, c);
  }
  io.InputQueueCharacters.resize(0);
  return typed;
}

bool begin_rest(RestingCaret& caret, RestingView& view, ImGuiInputTextState& box, std::string_view text, uint64_t revision,
                ImGuiWindow* child) {
  ImGuiContext& g = *GImGui;
  if (!child) return false;
  if (caret.revision != revision || caret.cursor != box.Stb.cursor) {
    // Measured from the nearer end: after a paste the caret is at the text's end, 10 MB from its start.
    const int cursor = std::clamp(box.Stb.cursor, 0, box.CurLenW);
    const ImWchar* chars = box.TextW.Data;
    const std::size_t byte = cursor <= box.CurLenW / 2
        ? static_cast<std::size_t>(ImTextCountUtf8BytesFromStr(chars, chars + cursor))
        : text.size() - std::min<std::size_t>(text.size(), ImTextCountUtf8BytesFromStr(chars + cursor, chars + box.CurLenW));
    caret.byte = std::min(byte, text.size());
    const std::string_view before = text.substr(0, caret.byte);
    caret.line = count_newlines(before);
    caret.lines = caret.line + 1 + count_newlines(text.substr(caret.byte));
    const std::size_t newline = before.rfind('\n');
    caret.line_begin = newline == std::string_view::npos ? 0 : newline + 1;
    caret.revision = revision;
    caret.cursor = box.Stb.cursor;
  }
  // Where ImGui 1.86 places it (InputTextEx's cursor_offset): the bottom of its line, from the text's top left.
  const float size = g.FontSize;
  caret.offset = ImVec2(g.Font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data() + caret.line_begin, text.data() + caret.byte).x,
                        static_cast<float>(caret.line + 1) * size);
  const ImGuiStyle& style = g.Style;
  // Where the window will be scrolled to: where it is, or where the mouse wheel sent it.
  float top = child->Scroll.y, bottom = child->Scroll.y;
  if (child->ScrollTarget.y < FLT_MAX) {
    top = std::min(top, child->ScrollTarget.y);
    bottom = std::max(bottom, child->ScrollTarget.y);
  }
  if (box.CursorFollow) {
    // Scrolled to as ImGui's active box scrolls to it; a caret past the box's right edge takes a sideways
    // scroll, which only ImGui's active box draws.
    const ImVec2 inner(child->Size.x - style.ScrollbarSize, child->Size.y);
    if (caret.offset.x >= inner.x - style.FramePadding.x) return false;
    float scroll_y = child->Scroll.y;
    if (caret.offset.y - size < scroll_y) scroll_y = std::max(0.0f, caret.offset.y - size);
    else if (caret.offset.y - (inner.y - style.FramePadding.y * 2) >= scroll_y) scroll_y = caret.offset.y - inner.y + style.FramePadding.y * 2;
    ImGui::SetNextWindowScroll(ImVec2(-1.0f, scroll_y));
    top = bottom = scroll_y;
    box.CursorFollow = false;
  }
  // The window's height as the box would give it for the whole text (its own text is only the lines in sight).
  ImGui::SetNextWindowContentSize(ImVec2(0.0f, static_cast<float>(caret.lines) * size + style.FramePadding.y * 2));
  const auto line_at = [&](float y) { return static_cast<std::size_t>(std::max(0.0f, std::floor(y / size))); };
  show_lines(view, text, caret, line_at(top - style.FramePadding.y), line_at(bottom + child->Size.y) + 2);
  g.ActiveId = 0;
  return true;
}

void end_rest(const RestingCaret& caret, ImGuiInputTextState& box, ImGuiID id, ImGuiWindow* child, bool draw_caret) {
  ImGuiContext& g = *GImGui;
  g.ActiveId = id;
  ImGui::KeepAliveID(id);
  // What the box does each frame it is active: it wants the keyboard's text (the app's shortcuts stand
  // aside), lets other items be hovered, and blinks its caret.
  g.WantTextInputNextFrame = 1;
  g.ActiveIdAllowOverlap = true;
  box.CursorAnim += g.IO.DeltaTime;
  if (!child->Active) return;
  const ImGuiStyle& style = g.Style;
  const float size = g.FontSize;
  const ImVec2 origin(child->Pos.x + style.FramePadding.x - child->Scroll.x, child->Pos.y + style.FramePadding.y - child->Scroll.y);
  const ImVec2 bottom(std::floor(origin.x + caret.offset.x), std::floor(origin.y + caret.offset.y));
  g.PlatformImePos = ImVec2(bottom.x - 1.0f, bottom.y - size);  // the IME's window by the caret
  const bool shown = !g.IO.ConfigInputTextCursorBlink || box.CursorAnim <= 0.0f || std::fmod(box.CursorAnim, 1.20f) <= 0.80f;
  // Drawn, as ImGui draws it, when it is within the box (scrolled out of sight, it is not).
  const ImRect caret_rect(bottom.x, bottom.y - size + 0.5f, bottom.x + 1.0f, bottom.y - 1.5f);
  const ImRect box_rect(child->Pos.x, child->Pos.y, child->Pos.x + child->Size.x - child->ScrollbarSizes.x, child->Pos.y + child->Size.y);
  if (!draw_caret || !shown || !caret_rect.Overlaps(box_rect)) return;
  child->DrawList->PushClipRect(child->InnerClipRect.Min, child->InnerClipRect.Max);
  child->DrawList->AddLine(caret_rect.Min, caret_rect.GetBL(), ImGui::GetColorU32(ImGuiCol_Text));
  child->DrawList->PopClipRect();
}

}  // namespace bpeviz
