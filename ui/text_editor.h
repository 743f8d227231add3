// The text box: an ImGui multiline input over a std::string, plus requests from outside ImGui
// (the page's JavaScript API replacing the text, the browser's paste event inserting text).
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <imgui.h>

namespace bpeviz {

struct TextEditorState {
  std::string text;
  uint64_t revision = 1;  // bumped on every change, so views know when to recompute

  // Requests; draw_text_editor carries them out on the next frames.
  bool reload_request = false;  // text_editor_set_text while the box is active: it must reload the text
  std::optional<std::string> paste_request;    // insert at the caret, replacing the selection
  bool focus_request = true;                   // give the box keyboard focus

  // How a paste is carried out: ImGui's own Ctrl+V handling, fed with the pasted text, so that
  // selection replacement and undo behave exactly as for typed text.
  enum class PasteStage { idle, focusing, pressing };
  PasteStage paste_stage = PasteStage::idle;
  std::string paste_clipboard;  // what ImGui reads as the clipboard while pressing
  bool active = false;          // the box had keyboard focus last frame
  bool cursor_to_end = false;
  bool saved_ctrl = false, saved_super = false, saved_shift = false, saved_alt = false;
};

// Replaces the whole text at once (the undo history does not keep the old text).
void text_editor_set_text(TextEditorState& state, std::string text);

// Call after the platform backend's NewFrame and before ImGui::NewFrame: presses and releases the
// paste shortcut for pending paste requests.
void text_editor_before_new_frame(TextEditorState& state, ImGuiIO& io);

// Draws the box at the cursor. Returns true when the text changed this frame.
bool draw_text_editor(TextEditorState& state, const char* label, ImVec2 size);

// ImGui's GetClipboardTextFn for platforms whose clipboard arrives as paste events (the browser):
// user_data is the TextEditorState. It yields the pasted text during a paste and nothing otherwise.
const char* text_editor_clipboard(void* user_data);

}  // namespace bpeviz
