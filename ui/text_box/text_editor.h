// The text box: an ImGui multiline input over a std::string, plus requests from outside ImGui
// (the page's JavaScript API replacing the text, the browser's paste event inserting text).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/fonts/code_point_set.h"
#include "ui/text_box/resting_box.h"
#include "ui/text_box/text_box_shaping.h"

namespace bpeviz {

// The most text the box holds: a long book or a large log, yet small enough that the text, ImGui's
// copy of it, its tokens and the views stay well below the page's memory ceiling (2 GB, see
// CMakeLists.txt) under any encoding. A 100 MB paste is refused with a message, not a crashed tab.
inline constexpr std::size_t kMaxTextBytes = std::size_t{10} << 20;
// The longest line the box can draw: ImGui 1.86 reserves about 100 bytes of vertices for every
// character of a line it draws, so a 10 MB line without a newline would exhaust memory.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

// The message for a text of `bytes` whose longest line has `line_bytes` when it does not fit ("" when
// it does). Doubles: the browser may offer more than a 32-bit size_t can count.
std::string text_too_large(double bytes, double line_bytes = 0);
// The length of the longest line of `text`, in bytes.
std::size_t longest_line(std::string_view text);
// Room kept for typing after a long text arrives (a paste's buffers, the tokens' copy of the text): a
// buffer full to its last byte grew by half at the next key, copying 40 MB (28 ms).
inline constexpr std::size_t kTypingRoomBytes = 64 << 10;

struct TextEditorState {
  std::string text;
  uint64_t revision = 1;  // bumped on every change, so views know when to recompute

  // Requests; draw_text_editor carries them out on the next frames.
  bool reload_request = false;  // text_editor_set_text while the box is active: it must reload the text
  std::optional<std::string> paste_request;    // insert at the caret, replacing the selection
  std::optional<InsertedLines> paste_lines;    // its lines, read as it came (not for two pastes joined)
  CodePointSet paste_code_points;              // its characters, gathered as it came
  bool focus_request = true;                   // give the box keyboard focus
  bool follow_caret = false;  // characters changed width (a new font atlas): scroll the caret back into view
  std::string refusal;  // why the last text offered was refused; shown until the text changes

  // A paste arriving in parts (text_editor_paste_part), made ready for the box part by part.
  struct IncomingPaste {
    std::string text;              // as the box keeps it (see text_editor_paste)
    double bytes = 0;              // as it came, all parts (the rest is not kept once it cannot fit)
    bool ended_with_cr = false;    // the last part ended with "\r" (kept as "\n"): a "\n" next is dropped
    InsertedLines lines;           // its lines, for the box's shaping
    CodePointSet code_points;      // and its characters, for the font atlas (ui/fonts/visible_glyphs.h)
  };
  std::optional<IncomingPaste> incoming;

  bool paste_memory_claimed = false;  // for the pending paste, and its characters prepared: see draw_text_editor
  std::size_t paste_claimed_bytes = 0;  // of that memory, written so far (a part a frame)
  // A paste at the text's end is written as the box's characters, where they will go, in the frames
  // that claim its memory: converting 10 MB took 50-120 ms of the paste's own frame on a page just opened.
  struct PreparedPaste {
    const ImWchar* data = nullptr;  // the box's characters then (moved since: nothing prepared holds)
    int at = -1;                    // the box's length then, the caret at it (-1: not begun, -2: not done)
    uint64_t revision = 0;          // the text's then (edited since: nothing prepared holds)
    std::size_t bytes = 0;          // of the paste, written so far
    int characters = 0;             // the characters they made
  };
  PreparedPaste paste_prepared;
  uint32_t prepared_pastes = 0;  // pastes that went in so prepared (not converted in their own frame)
  int paste_held_frames = 0;
  bool active = false;          // the box had keyboard focus last frame
  ImGuiID box_id = 0;           // the box's ImGui id, as last drawn (the on-screen keyboard's edits come between frames)
  bool cursor_to_end = false;   // once the box is active: caret at the end of the text
  TextBoxShaping shaping;       // Arabic, Hebrew and Devanagari drawn as they are read
  bool resting = false;         // the box, holding a large text, was drawn at rest last frame (ui/text_box/resting_box.h)
  RestingCaret resting_caret;
  RestingView resting_view;
};

// Replaces the whole text at once (the undo history does not keep the old text). A text over
// kMaxTextBytes, or with a line over kMaxLineBytes, is refused: the text stays, and the returned
// message (also kept in state.refusal) says why; "" when the text was set.
std::string text_editor_set_text(TextEditorState& state, std::string text);
// Inserts text at the caret as a paste, replacing the selection, on the next frames (focusing the box
// first if it was not). Two pastes in one frame are joined, so none is lost. Refused as
// text_editor_set_text refuses. Every character is kept but NUL (shown as U+FFFD: the box's text ends
// at a NUL), and line breaks become "\n" as in a browser's text area.
std::string text_editor_paste(TextEditorState& state, std::string_view text);
// The same for a paste handed over in parts of whole characters, as the page hands a long one over a
// part per task: each part is checked and made ready for the box as it comes (a 10 MB paste done in
// one go took 80 ms of the frame it landed in), and text_editor_paste_end queues the paste, or
// refuses it, once the last part has come. `expected_bytes`, the whole paste's size as guessed so far
// (0: no guess), lets its memory be claimed once: grown a doubling at a time, copying up to 8 MB into
// fresh memory, one part took 30-40 ms more.
void text_editor_paste_part(TextEditorState& state, std::string_view part, std::size_t expected_bytes = 0);
std::string text_editor_paste_end(TextEditorState& state);
// Refuses a text of `bytes` that the platform did not even pass on (a 100 MB paste).
void text_editor_refuse(TextEditorState& state, double bytes);

// The on-screen keyboard's view of the box with the focus: web/page/input/screen_keyboard.js mirrors it into the
// page's hidden text area, so that a phone's keyboard sees the words it corrects, suggests and deletes. The
// caret's line (from the newline before it, so Backspace at a line's start joins the lines as in a text area),
// in steps of kKeyboardStep characters within a long line so that typing does not move the window; `start`,
// the selection and all places count the box's characters (code points). start is -1 without the focus.
inline constexpr int kKeyboardStep = 256;
struct KeyboardContext {
  int start = -1;
  std::string text;  // UTF-8
  int selection_begin = 0, selection_end = 0;  // the caret when equal
};
KeyboardContext text_editor_keyboard_context(const TextEditorState& state);
// An edit the on-screen keyboard made in that mirror: the box's characters [begin, end) become `text` (as
// typed: an undo step a character), then [selection_begin, selection_end) is selected (the caret when equal;
// places in the text after the edit). False when the box has not the focus or a place lies outside its text.
bool text_editor_keyboard_edit(TextEditorState& state, int begin, int end, std::string_view text, int selection_begin,
                               int selection_end);

// Draws an ImGui text widget (`draw()` returns whether its text changed) with Escape hidden from it:
// ImGui 1.86 takes Escape in a text box as "cancel" and puts back the text the box had when it got the
// focus, dropping all that was typed and pasted since. The app's shortcuts still see Escape.
template <typename Draw>
bool draw_keeping_text_on_escape(Draw draw) {
  ImGuiIO& io = ImGui::GetIO();
  const int escape = io.KeyMap[ImGuiKey_Escape];
  const bool mapped = escape >= 0 && escape < IM_ARRAYSIZE(io.KeysDownDuration);
  const float held = mapped ? io.KeysDownDuration[escape] : -1.0f;
  if (mapped) io.KeysDownDuration[escape] = -1.0f;  // not down, as ImGui's IsKeyPressed reads it
  const bool changed = draw();
  if (mapped) io.KeysDownDuration[escape] = held;
  return changed;
}

// Draws the box at the cursor, carrying out pending requests first. Returns true when the text changed.
// `hold_paste`: a large paste whose memory is claimed waits (the app's font atlas is being rebuilt),
// half a second at most.
bool draw_text_editor(TextEditorState& state, const char* label, ImVec2 size, bool hold_paste = false);


}  // namespace bpeviz
