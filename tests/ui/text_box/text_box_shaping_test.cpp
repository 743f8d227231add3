// The text box with Hebrew, Arabic or Devanagari's vowel sign I: its lines drawn as they are read, a
// click on a right-to-left line passed to the box at the letter under the mouse. Drawn headless with
// ImGui's built-in font (a missing glyph drawn as its 7-pixel fallback).
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/text_box/text_editor.h"

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

TEST_CASE("an insertion carries over the lines found for the text before it, as if found anew") {
  // Lines of Hebrew, Latin and emoji; insertions anywhere, of text with and without newlines.
  std::string text;
  for (int i = 0; i < 40; ++i) text += i % 3 ? "line " + std::to_string(i) + " \u05D0\u05D1 \U0001F600\n" : std::string("abc\n");
  const std::string insertions[] = {"x", "\n", "\u05D2\n\n\u4F60", "end\n", "", "\n\n"};
  TextBoxShaping carried;
  find_text_lines(carried, text, 1);
  uint64_t revision = 1;
  for (int k = 0; k < 60; ++k) {
    const std::string& inserted = insertions[k % std::size(insertions)];
    std::size_t at = (static_cast<std::size_t>(k) * 7919) % (text.size() + 1);
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;  // a character's start
    text.insert(at, inserted);
    // Every other insertion read before, in two parts, as a paste is.
    InsertedLines read;
    const std::size_t half = inserted.find('\n') == std::string::npos ? 0 : inserted.find('\n');
    add_inserted_part(read, std::string_view(inserted).substr(0, half));
    add_inserted_part(read, std::string_view(inserted).substr(half));
    note_insertion(carried, text, revision, revision + 1, at, inserted.size(), k % 2 ? &read : nullptr);
    ++revision;
    TextBoxShaping fresh;
    find_text_lines(fresh, text, revision);
    REQUIRE(carried.revision == revision);
    REQUIRE(carried.needed);
    REQUIRE(carried.lines_found);
    CHECK(carried.line_starts == fresh.line_starts);
    CHECK(carried.line_chars == fresh.line_chars);
  }
  // Pasted into a text that needed nothing (read as it came): the lines of all of it, found around the paste's.
  std::string box = "ab\ncd";
  TextBoxShaping pasted_into;
  find_text_lines(pasted_into, box, 1);
  CHECK(!pasted_into.needed);
  InsertedLines read;
  add_inserted_part(read, "x\n\u05D0\u05D1\n");
  add_inserted_part(read, "\u05D2 y\n");
  box.insert(4, "x\n\u05D0\u05D1\n\u05D2 y\n");
  note_insertion(pasted_into, box, 1, 2, 4, read.bytes, &read);
  TextBoxShaping fresh;
  find_text_lines(fresh, box, 2);
  REQUIRE(pasted_into.needed);
  REQUIRE(pasted_into.lines_found);
  CHECK(pasted_into.line_starts == fresh.line_starts);
  CHECK(pasted_into.line_chars == fresh.line_chars);
  // A text that needed nothing needs shaping once Hebrew is typed into it; another revision is left alone.
  TextBoxShaping latin;
  std::string plain = "abc\ndef";
  find_text_lines(latin, plain, 7);
  CHECK(!latin.needed);
  plain.insert(2, "\u05D0");
  note_insertion(latin, plain, 7, 8, 2, 2);
  CHECK(latin.needed);
  CHECK(latin.line_starts == std::vector<std::size_t>{0, 6});
  CHECK(latin.revision == 8);
  note_insertion(latin, plain, 5, 9, 0, 0);
  CHECK(latin.revision == 8);
}
