// A text box at rest. Dear ImGui 1.86's multiline box, while it has the keyboard focus, walks its whole
// text several times every frame, keys or none: it converts its own copy back to UTF-8, compares that
// with the caller's text, and counts the lines. With 10 MB that took 35 to 190 ms of a frame in the
// browser. A box without the focus only counts the lines of the caller's text and draws those in sight.
// So in a frame with nothing for the box to do (no key, character, mouse button or request), a box
// holding a large text keeps the focus but is drawn as ImGui draws a box without it, and its caret is
// drawn here. Characters typed go in at the caret while it rests. The next key it acts on (an arrow,
// Backspace, a shortcut) or click finds it active as before: caret, undo history and all.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <imgui.h>

struct ImGuiInputTextState;
struct ImGuiWindow;

namespace bpeviz {

// Below this the walks cost a few milliseconds a frame, and the box is always drawn as ImGui draws it.
inline constexpr std::size_t kRestingBoxBytes = std::size_t{1} << 20;

// The caret's place in the text, found once for each text revision and caret.
struct RestingCaret {
  uint64_t revision = 0;
  int cursor = -1;        // the character it was found for
  std::size_t line = 0;   // its line's index
  std::size_t lines = 0;  // the text's lines
  std::size_t line_begin = 0, byte = 0;  // its line's first byte, and its own
  ImVec2 offset;          // its bottom, from the text's top left, as ImGui places it (this frame's font)
};

// What ImGui is given to draw at rest: the lines that may be in sight this frame, after a newline for
// each line above them, so they are drawn where they belong. ImGui's box without the focus counts the
// lines of all its text a byte at a time: 10 MB took 30 to 130 ms of a frame on a page just opened.
struct RestingView {
  std::string text;
  uint64_t revision = 0;           // the text's revision, and the first line in it (index and first byte),
  std::size_t line = 0, byte = 0;  // from the last frame: where the next looks from
};

// Whether the box with the focus (`box`, `id`), holding `text_bytes`, may rest this frame: nothing for it
// to do, and nothing it draws only while active (a selection, a sideways scroll).
bool box_may_rest(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes);
// The characters typed this frame (UTF-8, filtered as ImGui's box filters them), taken from ImGui's queue
// when the box may rest but for them: the caller puts them in at the caret, and the box stays at rest
// (ImGui's active box would walk the whole text to take them). "" when it may not: the queue is left.
std::string take_typed_characters(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes);
// Right before the box is drawn: it is to be drawn as a box without the focus, which it keeps, from
// view.text. Places the caret, scrolls the box's window `child` to it when the box was to (after a
// paste, a key, a font change), as ImGui would, and fills in `view`. False when it cannot rest after
// all: no window yet, or a caret past the box's right edge to scroll to (only ImGui's active box
// scrolls sideways).
bool begin_rest(RestingCaret& caret, RestingView& view, ImGuiInputTextState& box, std::string_view text, uint64_t revision,
                ImGuiWindow* child);
// Right after: the box has the focus again, and its caret is drawn (when `draw_caret`: the shaped box
// draws its own), blinking as ImGui's does.
void end_rest(const RestingCaret& caret, ImGuiInputTextState& box, ImGuiID id, ImGuiWindow* child, bool draw_caret);

}  // namespace bpeviz
