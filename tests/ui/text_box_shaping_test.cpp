// The text box with Hebrew, Arabic or Devanagari's vowel sign I: its lines drawn as they are read, a
// click on a right-to-left line passed to the box at the letter under the mouse. Drawn headless with
// ImGui's built-in font (a missing glyph drawn as its 7-pixel fallback).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/text_editor.h"

using namespace bpeviz;
using bpeviz::test::editor_frame;

namespace {

void click(TextEditorState& editor, float x, float y) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(x, y);
  io.MouseDown[0] = true;
  editor_frame(editor);
  io.MouseDown[0] = false;
  editor_frame(editor);
  CHECK(io.MousePos.x == x);  // the box saw another x; the app did not
}

int caret() { return ImGui::GetInputTextState(ImGui::GetActiveID())->Stb.cursor; }

}  // namespace

TEST_CASE("which texts the box lays out") {
  CHECK_FALSE(text_needs_shaping("hello, world\n"));
  CHECK_FALSE(text_needs_shaping("\u4F60\u597D \uD55C \U0001F30D \u0561"));  // CJK, Hangul, emoji, Armenian
  CHECK_FALSE(text_needs_shaping("\u0939\u093E"));  // हा: Devanagari with no sign drawn before its consonant
  CHECK(text_needs_shaping("abc \u05E9"));          // Hebrew
  CHECK(text_needs_shaping("\u0645\u0631\u062D\u0628\u0627"));  // Arabic
  CHECK(text_needs_shaping("x\u0939\u093F"));       // हि
  CHECK(text_needs_shaping("\uFEFB"));              // a presentation form
}

TEST_CASE("a Hebrew line is drawn reversed and aligned right; a click at its right end is its start") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abc\n\u05D0\u05D1\u05D2";  // abc, then אבג
  editor_frame(editor);
  editor_frame(editor);
  const TextBoxShaping& shaping = editor.shaping;
  REQUIRE(shaping.drawn);
  REQUIRE(shaping.drawn_lines.size() == 2);
  const DrawnLine& latin = shaping.drawn_lines[0];
  const DrawnLine hebrew = shaping.drawn_lines[1];
  CHECK(latin.glyphs == "abc");
  CHECK(latin.x == shaping.origin.x);
  CHECK(hebrew.glyphs == "\u05D2\u05D1\u05D0");
  CHECK(hebrew.width == 21);
  CHECK(hebrew.x + hebrew.width == doctest::Approx(shaping.origin.x + shaping.view_width));
  CHECK(hebrew.y == latin.y + ImGui::GetFontSize());

  click(editor, hebrew.x + hebrew.width - 2, hebrew.y + 4);
  CHECK(caret() == 4);  // after "abc\n": before א, drawn rightmost
  CHECK(editor.shaping.caret == 4);
  CHECK(editor.shaping.caret_x == doctest::Approx(hebrew.x + hebrew.width));
  click(editor, hebrew.x + 1, hebrew.y + 4);
  CHECK(caret() == 7);  // after ג, drawn leftmost
  CHECK(editor.shaping.caret_x == doctest::Approx(hebrew.x));
  click(editor, latin.x + 8, latin.y + 4);
  CHECK(caret() == 1);  // a Latin line as ImGui places it
  CHECK(editor.text == "abc\n\u05D0\u05D1\u05D2");
}

TEST_CASE("on a right-to-left line the left arrow moves on through the text, as a browser's text area does") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abc\n\u05D0\u05D1\u05D2";  // abc, then אבג
  editor_frame(editor);
  editor_frame(editor);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_LeftArrow] = 1;
  io.KeyMap[ImGuiKey_RightArrow] = 2;
  const auto press = [&](int key) {
    io.KeysDown[key] = true;
    editor_frame(editor);
    io.KeysDown[key] = false;
    editor_frame(editor);
  };
  const DrawnLine hebrew = editor.shaping.drawn_lines[1];
  click(editor, hebrew.x + hebrew.width - 2, hebrew.y + 4);
  REQUIRE(caret() == 4);  // before א, drawn rightmost
  press(1);
  CHECK(caret() == 5);  // after א: one letter to the left on screen
  CHECK(editor.shaping.caret_x == doctest::Approx(hebrew.x + hebrew.width - 7));
  press(1);
  press(2);
  CHECK(caret() == 5);
  CHECK(!io.KeysDown[1]);
  CHECK(io.KeyMap[ImGuiKey_LeftArrow] == 1);
  // On a left-to-right line the keys are as ImGui has them.
  click(editor, editor.shaping.drawn_lines[0].x + 15, editor.shaping.drawn_lines[0].y + 4);
  REQUIRE(caret() == 2);
  press(1);
  CHECK(caret() == 1);
  press(2);
  CHECK(caret() == 2);
}

TEST_CASE("a text with nothing to lay out is drawn by the box itself") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abc\n\u4F60\u597D";
  editor_frame(editor);
  editor_frame(editor);
  CHECK_FALSE(editor.shaping.drawn);
  CHECK(editor.shaping.drawn_lines.empty());
  // Typing Hebrew in turns it on.
  CHECK(text_editor_set_text(editor, "\u05D0").empty());
  for (int i = 0; i < 3; ++i) editor_frame(editor);
  CHECK(editor.shaping.drawn);
}
