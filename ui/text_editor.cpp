#include "ui/text_editor.h"

#include <imgui_internal.h>  // ClearActiveID: see draw_text_editor
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

namespace bpeviz {

std::string text_too_large(double bytes, double line_bytes) {
  char message[240];
  if (bytes > static_cast<double>(kMaxTextBytes)) {
    std::snprintf(message, sizeof message,
                  "That text is %.1f MB, more than bpeviz can show (%.1f MB at most); the text box was not "
                  "changed. Paste a part of it.", bytes / 1e6, static_cast<double>(kMaxTextBytes) / 1e6);
    return message;
  }
  if (line_bytes > static_cast<double>(kMaxLineBytes)) {
    std::snprintf(message, sizeof message,
                  "That text has a line of %.1f MB, longer than the text box can show (%.1f MB at most); the "
                  "text box was not changed. Paste it with line breaks, or a part of it.",
                  line_bytes / 1e6, static_cast<double>(kMaxLineBytes) / 1e6);
    return message;
  }
  return "";
}

std::size_t longest_line(std::string_view text) {
  std::size_t longest = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t newline = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, newline - start);
    start = newline + 1;
  }
  return longest;
}

std::string text_editor_set_text(TextEditorState& state, std::string text) {
  state.refusal = text_too_large(static_cast<double>(text.size()), static_cast<double>(longest_line(text)));
  if (!state.refusal.empty()) return state.refusal;
  // While the box is active ImGui edits its own copy of the text: draw_text_editor reloads it.
  if (state.active) state.reload_request = true;
  state.text = std::move(text);
  ++state.revision;
  return "";
}

void text_editor_refuse(TextEditorState& state, double bytes) { state.refusal = text_too_large(bytes); }

std::string text_editor_paste(TextEditorState& state, std::string_view text) {
  // Counted as if nothing were selected: a paste that fits only by replacing a selection is rare.
  const std::size_t queued = state.paste_request ? state.paste_request->size() : 0;
  const double total = static_cast<double>(state.text.size()) + static_cast<double>(queued) + static_cast<double>(text.size());
  state.refusal = text_too_large(total, static_cast<double>(longest_line(text)));
  if (!state.refusal.empty()) return state.refusal;
  if (state.paste_request) state.paste_request->append(text);
  else state.paste_request = std::string(text);
  return "";
}

void text_editor_before_new_frame(TextEditorState& state, ImGuiIO& io) {
  const int v_key = io.KeyMap[ImGuiKey_V];
  using Stage = TextEditorState::PasteStage;
  if (state.paste_stage == Stage::pressing) {
    // Release the shortcut pressed last frame and give the real modifiers back.
    io.KeysDown[v_key] = false;
    io.KeyCtrl = state.saved_ctrl;
    io.KeySuper = state.saved_super;
    io.KeyShift = state.saved_shift;
    io.KeyAlt = state.saved_alt;
    state.paste_clipboard.clear();
    state.paste_stage = Stage::idle;
  }
  if (!state.paste_request) return;
  if (!state.active) {
    // The paste goes to the text box even when it was not focused: focus it, caret at the end.
    if (state.paste_stage == Stage::idle) {
      state.focus_request = true;
      state.cursor_to_end = true;
      state.paste_stage = Stage::focusing;
    }
    return;
  }
  // Press Ctrl+V for one frame (ImGui 1.86 reads KeysDown/KeyCtrl). A duration of -1 makes
  // NewFrame see a fresh press even if the user still holds the real V key.
  state.saved_ctrl = io.KeyCtrl;
  state.saved_super = io.KeySuper;
  state.saved_shift = io.KeyShift;
  state.saved_alt = io.KeyAlt;
  io.KeyCtrl = !io.ConfigMacOSXBehaviors;
  io.KeySuper = io.ConfigMacOSXBehaviors;
  io.KeyShift = io.KeyAlt = false;
  io.KeysDown[v_key] = true;
  io.KeysDownDuration[v_key] = -1.0f;
  state.paste_clipboard = std::move(*state.paste_request);
  state.paste_request.reset();
  state.paste_stage = Stage::pressing;
}

const char* text_editor_clipboard(void* user_data) {
  const auto* state = static_cast<const TextEditorState*>(user_data);
  return state->paste_stage == TextEditorState::PasteStage::pressing ? state->paste_clipboard.c_str() : "";
}

namespace {

int on_edit_callback(ImGuiInputTextCallbackData* data) {
  auto& state = *static_cast<TextEditorState*>(data->UserData);
  if (state.cursor_to_end) {
    data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
    state.cursor_to_end = false;
  }
  return 0;
}

}  // namespace

bool draw_text_editor(TextEditorState& state, const char* label, ImVec2 size) {
  bool changed = false;
  if (state.reload_request) {
    // The box is active and edits its own copy of the text. Replacing that copy from the edit
    // callback (DeleteChars + InsertChars) overran ImGui 1.86's buffers once the new text was
    // about 1 KB longer than the old, corrupting the heap. Instead the box lets go for this frame,
    // showing state.text, and takes the focus back, reloading the new text, caret at the end.
    ImGui::ClearActiveID();
    state.reload_request = false;
    state.focus_request = true;
    state.cursor_to_end = true;
  }
  if (state.focus_request) {
    ImGui::SetKeyboardFocusHere();
    state.focus_request = false;
  }
  if (state.follow_caret) {
    // The box keeps its horizontal scroll in pixels: measured with the fallback glyph's width, a long
    // line of CJK was scrolled past its own end once the real, narrower glyphs arrived.
    if (ImGuiInputTextState* box = ImGui::GetInputTextState(ImGui::GetID(label))) box->CursorFollow = true;
    state.follow_caret = false;
  }
  changed |= ImGui::InputTextMultiline(label, &state.text, size,
                                       ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_AllowTabInput,
                                       on_edit_callback, &state);
  state.active = ImGui::IsItemActive();
  if (changed) {
    ++state.revision;
    state.refusal.clear();
  }
  return changed;
}

}  // namespace bpeviz
