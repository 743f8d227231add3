// The text box drawn as it is read. Dear ImGui 1.86's multiline box draws code points left to right,
// one glyph each: Arabic came out unjoined and reversed, Hebrew reversed, Devanagari's vowel sign I
// after its consonant. For a text with such characters the box still edits the text (caret, keys,
// selection, undo, IME), but its own drawing of the text is hidden and each visible line is drawn
// laid out as it is read (ui/text_box/line_layout.h), a right-to-left line aligned right; the caret and the
// selection are drawn where their characters went, and a click on such a line is passed to the box
// at the place of the character under it. On a right-to-left line the arrow keys are swapped for the
// box, which moves in text order: the left arrow moves on through the text, leftwards on screen.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "ui/text_box/line_layout.h"

struct ImGuiWindow;

namespace bpeviz {

// A line as the box drew it in the last frame (for the page's test API).
struct DrawnLine {
  uint32_t line;        // its index in the text
  std::string glyphs;   // what was drawn, left to right (UTF-8)
  float x, y, width;    // where, in the app's coordinates
};

struct TextBoxShaping {
  uint64_t revision = 0;     // the text's revision the fields below were found for
  bool needed = false;       // the text has a character the box would draw out of place
  bool lines_found = false;  // line_starts and line_chars are filled in (when needed)
  std::vector<std::size_t> line_starts;  // each line's first byte
  std::vector<std::size_t> line_chars;   // each line's first character, counted from the text's start

  // This frame: the box's text is hidden, and the mouse x moved for the box (restored after it).
  bool hiding = false;
  bool mouse_moved = false;
  bool arrows_swapped = false;  // the caret is on a right-to-left line: the arrow keys swapped for the box
  float mouse_x = 0;
  ImU32 text_color = 0, selection_color = 0;
  // Where the box drew its text in the last frame, for this frame's clicks.
  bool drawn = false;
  ImVec2 origin;              // the first line's top left on screen, scrolled
  ImVec2 clip_min, clip_max;  // the box's inside
  float view_width = 0;       // the width its lines have to be aligned in
  float font_size = 0;
  const ImFont* font = nullptr;  // the box's font, taken anew each frame
  std::vector<DrawnLine> drawn_lines;
  int caret = -1;                    // the caret's character index when the box has the focus, else -1
  int selection_begin = 0, selection_end = 0;  // the selection's characters (equal: none)
  float caret_x = -1, caret_y = -1;  // where it was drawn (blinking aside)
  float scroll_x = 0;                // the box's sideways scroll (it scrolls only while it has the focus)

  std::vector<uint32_t> line;  // scratch, kept to spare allocations
  LineLayout layout;
};

// Whether `text` (UTF-8) has Hebrew, Arabic (or another right-to-left script of theirs) or
// Devanagari's vowel sign I: characters the box would draw out of place.
bool text_needs_shaping(std::string_view text);

// What note_insertion reads of an inserted text, when read before: a paste's, part by part as it came.
struct InsertedLines {
  bool needs_shaping = false;             // as text_needs_shaping
  std::size_t bytes = 0, characters = 0;  // of the parts so far
  std::vector<std::size_t> line_starts;   // after each newline: its byte, from the text's start
  std::vector<std::size_t> line_chars;    // and the characters before it
};
// Reads the next part of the inserted text (whole characters).
void add_inserted_part(InsertedLines& lines, std::string_view part);

// Finds all of the fields above that depend on the text alone (needed; when needed, the lines), for
// `revision`. Done when the box is drawn, as needed.
void find_text_lines(TextBoxShaping& shaping, std::string_view text, uint64_t revision);
// The text, at `revision` now, changed from `old_revision` only by `inserted` bytes put in at byte `at`
// (a paste or typing without a selection): what was found for the old text is carried over, and only
// the inserted bytes are read (a keystroke in 10 MB read all of it again: up to 65 ms), or not even
// they when `read` holds what they are (a 10 MB paste read in the frame after it: up to 120 ms).
void note_insertion(TextBoxShaping& shaping, std::string_view text, uint64_t old_revision, uint64_t revision,
                    std::size_t at, std::size_t inserted, const InsertedLines* read = nullptr);
// Called right before the box is drawn (ImGui::InputTextMultiline with `id`): hides its text and
// passes a click on a laid-out line to the character under it.
void begin_shaped_box(TextBoxShaping& shaping, std::string_view text, uint64_t revision, ImGuiID id);
// Called right after (`label` is the box's), with the text as the box left it and its revision: draws
// the lines.
void end_shaped_box(TextBoxShaping& shaping, std::string_view text, uint64_t revision, const char* label, ImGuiID id);

// The child window ImGui 1.86 draws the multiline box `label` (`id`) in, found by the name BeginChildEx
// gives it (in the current window); null when there is none.
ImGuiWindow* text_box_window(const char* label, ImGuiID id);

}  // namespace bpeviz
