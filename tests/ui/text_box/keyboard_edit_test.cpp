// The on-screen keyboard's side of the text box: the caret line the page mirrors into its hidden text area,
// the edits read back from it (made between frames, as the page's input events come), and where the text
// boxes are for a tap to find them.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/text_box/text_editor.h"
#include "ui/text_box/text_entries.h"

using namespace bpeviz;
using bpeviz::test::editor_frame;

namespace {

ImGuiInputTextState& box() {
  ImGuiInputTextState* box = ImGui::GetInputTextState(ImGui::GetActiveID());
  REQUIRE(box != nullptr);
  return *box;
}

void caret_at(int at) { box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = at; }

// A box holding `text`, focused and drawn.
void focused(TextEditorState& editor, std::string text) {
  editor.text = std::move(text);
  editor_frame(editor);
  editor_frame(editor);
  REQUIRE(editor.active);
}

}  // namespace

TEST_CASE("the mirror is the caret's line with the newlines around it, in characters") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused(editor, "first line\nsecond 👋 line\nthird");
  caret_at(20);  // "second 👋 |line": 👋 is one character
  KeyboardContext context = text_editor_keyboard_context(editor);
  CHECK(context.start == 10);
  CHECK(context.text == "\nsecond 👋 line\n");
  CHECK(context.selection_begin == 20);
  CHECK(context.selection_end == 20);
  caret_at(0);
  context = text_editor_keyboard_context(editor);
  CHECK(context.start == 0);
  CHECK(context.text == "first line\n");
  box().Stb.select_start = 28;
  box().Stb.select_end = box().Stb.cursor = 26;
  context = text_editor_keyboard_context(editor);
  CHECK(context.text == "\nthird");
  CHECK(context.selection_begin == 26);
  CHECK(context.selection_end == 28);
  // Without the focus there is nothing to mirror.
  ImGui::ClearActiveID();
  editor_frame(editor);
  CHECK(text_editor_keyboard_context(editor).start == -1);
  CHECK(!text_editor_keyboard_edit(editor, 0, 0, "x", 1, 1));
  CHECK(editor.text == "first line\nsecond 👋 line\nthird");
}

TEST_CASE("on a long line the mirror starts at a step before the caret, and stays put while typing") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused(editor, std::string(1000, 'a') + "\nb");
  caret_at(600);
  const KeyboardContext context = text_editor_keyboard_context(editor);
  CHECK(context.start == kKeyboardStep);
  CHECK(context.text == std::string(600, 'a'));  // to a step past the caret
  REQUIRE(text_editor_keyboard_edit(editor, 600, 600, "x", 601, 601));
  const KeyboardContext after = text_editor_keyboard_context(editor);
  CHECK(after.start == context.start);
  CHECK(after.selection_begin == 601);
}

TEST_CASE("a keyboard's edits replace, delete across lines, move the caret, and Ctrl+Z takes them back") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused(editor, "I like teh cat\nnext");
  caret_at(10);
  const uint64_t revision = editor.revision;
  // Autocorrect: "teh" becomes "the", the caret after it.
  REQUIRE(text_editor_keyboard_edit(editor, 7, 10, "the", 10, 10));
  CHECK(editor.text == "I like the cat\nnext");
  CHECK(editor.revision > revision);
  CHECK(box().Stb.cursor == 10);
  editor_frame(editor);
  CHECK(editor.text == "I like the cat\nnext");  // ImGui took the edit in as its own
  // Backspace at the next line's start joins the lines.
  REQUIRE(text_editor_keyboard_edit(editor, 14, 15, "", 14, 14));
  CHECK(editor.text == "I like the catnext");
  // A line break from the keyboard, and a selection it makes (a long press on a word).
  REQUIRE(text_editor_keyboard_edit(editor, 14, 14, "\r\n", 15, 15));
  CHECK(editor.text == "I like the cat\nnext");
  REQUIRE(text_editor_keyboard_edit(editor, 0, 0, "", 2, 6));
  CHECK(box().Stb.select_start == 2);
  CHECK(box().Stb.select_end == 6);
  editor_frame(editor);
  CHECK(box().Stb.select_start == 2);
  // Places outside the text are refused.
  CHECK(!text_editor_keyboard_edit(editor, 3, 40, "x", 4, 4));
  CHECK(!text_editor_keyboard_edit(editor, 5, 4, "x", 4, 4));
  // Ctrl+Z: the line break, the joined newline, then the word's letters and the removed "teh".
  ImGuiIO& io = ImGui::GetIO();
  constexpr int kZ = 'Z';  // any free key index: the platform layer names the real one
  io.KeyMap[ImGuiKey_Z] = kZ;
  const auto undo = [&] {
    io.KeyCtrl = io.KeysDown[kZ] = true;
    editor_frame(editor);
    io.KeyCtrl = io.KeysDown[kZ] = false;
    editor_frame(editor);
  };
  undo();
  CHECK(editor.text == "I like the catnext");
  undo();
  CHECK(editor.text == "I like the cat\nnext");
  for (int i = 0; i < 4; ++i) undo();
  CHECK(editor.text == "I like teh cat\nnext");
}

TEST_CASE("a keyboard's edit in a large box at rest lands where the caret is, and the box rests on") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  std::string text;
  while (text.size() < kRestingBoxBytes + 100) text += "a line of text\n";
  focused(editor, text);
  caret_at(15 + 7);  // "a line |of text" on the second line
  editor_frame(editor);
  REQUIRE(editor.resting);
  const KeyboardContext context = text_editor_keyboard_context(editor);
  CHECK(context.start == 14);
  CHECK(context.text == "\na line of text\n");
  REQUIRE(text_editor_keyboard_edit(editor, 22, 22, "bit ", 26, 26));
  editor_frame(editor);
  editor_frame(editor);
  CHECK(editor.resting);
  CHECK(editor.text == text.substr(0, 22) + "bit " + text.substr(22));
  CHECK(box().Stb.cursor == 26);
}

TEST_CASE("a tap finds the text boxes drawn in the last frame, as much of them as shows") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused(editor, "text");
  // The box is 300 pixels high, under the window's title bar (tests/ui/frames.h).
  CHECK(!text_entry_at(20, 5));
  CHECK(text_entry_at(20, 60));
  CHECK(text_entry_at(20, 300));
  CHECK(!text_entry_at(20, 400));
  // A frame without the box: it is not there to tap.
  ImGui::NewFrame();
  ImGui::Render();
  CHECK(!text_entry_at(20, 60));
}
