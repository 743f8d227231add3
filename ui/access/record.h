// Recording ImGui's controls into the mirror as they are drawn (ui/access/mirror.h), and what the mirror's
// keyboard focus does to the canvas: the text box lets go of the keys, and a ring marks the focused control.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ui/access/mirror.h"

namespace bpeviz {

struct TextEditorState;

// Records ImGui's last item as a control; true when the mirror pressed it this frame, which the caller
// carries out exactly as a click on it (`on`, `disabled`: its state, as the role reads it).
bool mirror_control(AccessMirror& mirror, AccessRole role, std::string key, std::string name, bool on = false,
                    bool disabled = false);
// Records ImGui's last item as a picker of `options` showing `value`; returns the option chosen in the
// mirror this frame, which the caller carries out as a click on that entry of its list.
std::optional<std::string> mirror_picker(AccessMirror& mirror, std::string key, std::string name, std::string value,
                                         std::vector<AccessOption> options);
// Records ImGui's last item as a slider over `range`, named `name`; returns the value chosen in the mirror this
// frame (clamped to the range), which the caller sets as dragging the slider there would.
std::optional<float> mirror_slider(AccessMirror& mirror, std::string key, std::string name, AccessRange range,
                                   bool disabled = false);
// Records ImGui's last item as a field showing `value` (several lines: `multiline`); returns the text typed in the
// mirror this frame, which the caller takes as typed into the field.
std::optional<std::string> mirror_textfield(AccessMirror& mirror, std::string key, std::string name, std::string value,
                                            bool multiline = false);
// Records ImGui's last item as text (role text, listitem or heading), under `parent` when given.
void mirror_text(AccessMirror& mirror, AccessRole role, std::string key, std::string text,
                 std::optional<int> parent = std::nullopt);
// As mirror_text, and a change of `text` is announced to a screen reader (politely, a few times a second at most).
void mirror_live_text(AccessMirror& mirror, std::string key, std::string text);
// Adds a row of `cells` (each a cell's text) under the table `table`; no rectangle (a table stands for a view as
// a whole: its rectangle is the table's).
void mirror_row(AccessMirror& mirror, int table, const std::string& key, const std::vector<std::string>& cells);
// Inside an ImGui window drawn as a modal: opens a dialog over it, named `title`, with a Close button first (over
// its title bar); true when that button was pressed in the mirror (the caller closes the window). The records
// after it are the dialog's content, until mirror_close.
bool mirror_dialog(AccessMirror& mirror, const std::string& key, std::string title);
// Opens a landmark or group that the records after it belong to until mirror_close; no rectangle.
int mirror_group(AccessMirror& mirror, AccessRole role, std::string key, std::string name);

// At the frame's start: focus that moved into the mirror takes the keyboard from the text box (the
// single-key shortcuts then work, as after a click on the tokens); focus that moved to the text box gives it back.
void mirror_apply_focus(AccessMirror& mirror, TextEditorState& editor);
// At the frame's end: a ring around the control with the mirror's focus, over everything drawn.
void draw_focus_ring(const AccessMirror& mirror);

}  // namespace bpeviz
