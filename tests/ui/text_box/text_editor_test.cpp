// The text box's limits: a text too large for the page, or with a line too long to draw, is refused
// with a message and the text stays as it was. And pastes, drawn headless: where they land, the
// characters they keep, and ImGui's Ctrl+Z and Ctrl+Y taking them back and forth.
#include <doctest/doctest.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <limits>
#include <string>
#include <utility>

#include "core/text/utf8.h"
#include "tests/ui/frames.h"
#include "ui/text_box/text_editor.h"

using namespace bpeviz;
using bpeviz::test::editor_frame;

namespace {

// `bytes` of text in lines of 80 characters.
std::string lines_of(std::size_t bytes) {
  std::string text;
  while (text.size() + 81 <= bytes) text += std::string(80, 'a') + "\n";
  return text + std::string(bytes - text.size(), 'b');
}

// Frames until the pending paste is in (it may first focus the box).
void paste(TextEditorState& editor, std::string_view text) {
  REQUIRE(text_editor_paste(editor, text).empty());
  for (int i = 0; i < 200 && editor.paste_request; ++i) editor_frame(editor);  // (a large one claims its memory first)
  CHECK(!editor.paste_request);
  editor_frame(editor);
}

ImGuiInputTextState& box() {
  ImGuiInputTextState* box = ImGui::GetInputTextState(ImGui::GetActiveID());
  REQUIRE(box != nullptr);
  return *box;
}

// Presses Ctrl (with Shift when `shift`) and a letter for one frame, as ImGui 1.86 reads keys.
void shortcut(TextEditorState& editor, int letter, bool shift = false) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Z] = 'Z';
  io.KeyMap[ImGuiKey_Y] = 'Y';
  io.KeyCtrl = true;
  io.KeyShift = shift;
  io.KeysDown[letter] = true;
  editor_frame(editor);
  io.KeysDown[letter] = false;
  io.KeyCtrl = io.KeyShift = false;
  editor_frame(editor);
}

}  // namespace

TEST_CASE("a paste lands at the end of a box that had no focus, and at the caret of one that has") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abc";
  editor.focus_request = false;
  editor_frame(editor);
  CHECK(!editor.active);
  const uint64_t revision = editor.revision;
  paste(editor, "XY");
  CHECK(editor.text == "abcXY");
  CHECK(editor.active);
  CHECK(editor.revision > revision);
  box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = 1;
  paste(editor, "é");
  CHECK(editor.text == "aébcXY");
  CHECK(box().Stb.cursor == 2);
  // Typed characters move the caret alone (stb_textedit leaves select_start and select_end as they
  // were, equal): a paste after typing lands after what was typed.
  ImGui::GetIO().AddInputCharacter('!');
  editor_frame(editor);
  ImGui::GetIO().AddInputCharacter('?');
  editor_frame(editor);
  CHECK(editor.text == "aé!?bcXY");
  CHECK(box().Stb.select_start == 2);
  paste(editor, "Z");
  CHECK(editor.text == "aé!?ZbcXY");
  CHECK(box().Stb.cursor == 5);
}

TEST_CASE("a paste replaces the selection and keeps every character but NUL; Ctrl+Z and Ctrl+Y step through it") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "hello world";
  editor_frame(editor);
  editor_frame(editor);
  REQUIRE(editor.active);
  box().Stb.select_start = 6;
  box().Stb.cursor = box().Stb.select_end = 11;
  // ImGui's own Ctrl+V dropped the form feed, the private use character and DEL.
  paste(editor, std::string("a\r\nb\fc\uE000d\x7f\re") + '\0' + "f👍");
  CHECK(editor.text == "hello a\nb\fc\uE000d\x7f\ne\uFFFDf👍");
  CHECK(box().CurLenA == static_cast<int>(editor.text.size()));
  shortcut(editor, 'Z');
  CHECK(editor.text == "hello ");
  shortcut(editor, 'Z');
  CHECK(editor.text == "hello world");
  shortcut(editor, 'Y');
  CHECK(editor.text == "hello ");
  shortcut(editor, 'Y');
  CHECK(editor.text == "hello a\nb\fc\uE000d\x7f\ne\uFFFDf👍");
}

TEST_CASE("a megabyte paste of every kind of character arrives whole, repaired where ill-formed") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "start\n";
  editor_frame(editor);
  editor_frame(editor);
  std::string pasted;
  const char* parts[] = {"word ", "日本語", "👍🏽", "\xff", "\xe2\x82", "Ω\n", "\t", "ÿ"};
  for (std::size_t i = 0; pasted.size() < (1u << 20); ++i) pasted += parts[(i * 7 + i / 3) % 8];
  box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = box().CurLenW;
  paste(editor, pasted);
  CHECK(editor.text == "start\n" + utf8_repair(pasted));
  CHECK(box().CurLenA == static_cast<int>(editor.text.size()));
  shortcut(editor, 'Z');
  CHECK(editor.text == "start\n");
}

TEST_CASE("a 10 MB paste claims its memory over several frames, then lands whole at the caret") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "ab";
  editor_frame(editor);
  editor_frame(editor);
  box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = 1;
  const std::string pasted = lines_of(10000000);
  REQUIRE(text_editor_paste(editor, pasted).empty());
  // The box's characters (four bytes each), its UTF-8 copy and the text: 60 MB, claimed a MiB at a
  // time for 20 ms a frame (how many frames that takes depends on the machine).
  int frames = 0;
  std::size_t claimed = 0;
  for (; editor.paste_request && frames < 200; ++frames) {
    editor_frame(editor);
    if (!editor.paste_request) break;
    CHECK(editor.text == "ab");  // until the paste's own frame
    if (editor.paste_memory_claimed) continue;
    CHECK(editor.paste_claimed_bytes > claimed);  // each frame claims more
    CHECK(editor.paste_claimed_bytes % (std::size_t{1} << 20) == 0);  // (until the last MiB)
    claimed = editor.paste_claimed_bytes;
  }
  CHECK(frames >= 1);  // claimed in a frame before the paste's own
  CHECK(frames < 200);
  CHECK(!editor.paste_request);
  CHECK(editor.paste_claimed_bytes == 0);
  CHECK((editor.text == "a" + pasted + "b"));  // (not printed: 10 MB)
  CHECK(box().Stb.cursor == 1 + static_cast<int>(pasted.size()));
}

// The box's characters as UTF-8 (what ImGui takes in from them).
std::string box_characters() {
  std::string utf8(static_cast<std::size_t>(box().CurLenW) * 4, '\0');
  const int length = ImTextStrToUtf8(utf8.data(), static_cast<int>(utf8.size()) + 1, box().TextW.Data, box().TextW.Data + box().CurLenW);
  utf8.resize(static_cast<std::size_t>(length));
  return utf8;
}

// Pastes `pasted` at the end of "ab", the caret there, typing `typed` (none when 0) in the paste's own
// frame; returns whether it went in prepared.
bool paste_at_end(TextEditorState& editor, const std::string& pasted, ImWchar typed = 0) {
  editor.text = "ab";
  editor_frame(editor);
  editor_frame(editor);
  box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = 2;
  REQUIRE(text_editor_paste(editor, pasted).empty());
  const uint64_t revision = editor.revision;
  const uint32_t prepared = editor.prepared_pastes;
  for (int frames = 0; editor.paste_request && frames < 400; ++frames) {
    if (editor.paste_memory_claimed && typed) ImGui::GetIO().AddInputCharacter(std::exchange(typed, 0));
    editor_frame(editor);
    if (editor.paste_request) CHECK(editor.revision == revision);  // the box took nothing for an edit meanwhile
  }
  REQUIRE(!editor.paste_request);
  CHECK(editor.revision == revision + 1);
  CHECK(editor.paste_prepared.at == -1);  // ready for the next paste
  return editor.prepared_pastes > prepared;
}

TEST_CASE("a large paste at the text's end is written as the box's characters ahead, in the frames that claim its memory") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  // Characters of one to four bytes, a part's end falling inside some of them.
  std::string pasted;
  for (int i = 0; pasted.size() < 3000000; ++i) pasted += "line " + std::to_string(i) + " caf\u00e9 \u4e16\U0001F600\n";
  CHECK(paste_at_end(editor, pasted));
  CHECK((editor.text == "ab" + pasted));
  const int characters = static_cast<int>(utf8_count_characters(editor.text));
  CHECK(box().CurLenW == characters);
  CHECK(box().Stb.cursor == characters);
  CHECK((box_characters() == editor.text));  // what ImGui takes in from them
  shortcut(editor, 'Z');
  CHECK(editor.text == "ab");
}

TEST_CASE("a large paste at the end lands whole when the box is edited in the paste's frame") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  const std::string pasted = lines_of(3000000);
  CHECK(!paste_at_end(editor, pasted, 'x'));  // prepared, but no longer where it goes: converted anew
  CHECK((editor.text == "abx" + pasted));
  CHECK(box().CurLenW == static_cast<int>(editor.text.size()));
  CHECK((box_characters() == editor.text));
}

TEST_CASE("Shift+click extends the selection from the caret, or from the selection's far end") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abcdefghij\nklmnopqrst";
  editor_frame(editor);
  editor_frame(editor);
  // Where character `column` of line `line` starts, in the box below the window's title bar: ImGui's
  // built-in font is 7 pixels a character.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float top = ImGui::GetFontSize() + 2 * style.FramePadding.y + style.WindowPadding.y + style.FramePadding.y;
  const auto at = [&](int column, int line) {
    return ImVec2(style.WindowPadding.x + style.FramePadding.x + 7.0f * static_cast<float>(column) + 1,
                  top + ImGui::GetFontSize() * (static_cast<float>(line) + 0.5f));
  };
  ImGuiIO& io = ImGui::GetIO();
  const auto click = [&](ImVec2 where, bool shift) {
    io.MousePos = where;
    io.KeyShift = shift;
    io.MouseDown[0] = true;
    editor_frame(editor);
    io.MouseDown[0] = false;
    editor_frame(editor);
    io.KeyShift = false;
    editor_frame(editor);
  };
  const auto selection = [] { return std::pair{box().Stb.select_start, box().Stb.select_end}; };
  click(at(2, 0), false);
  REQUIRE(box().Stb.cursor == 2);
  click(at(5, 1), true);  // from the caret to "klmno|"
  CHECK(selection() == std::pair{2, 16});
  CHECK(box().Stb.cursor == 16);
  click(at(8, 0), true);  // the far end stays: back to "abcdefgh|"
  CHECK(selection() == std::pair{2, 8});
  click(at(0, 0), true);  // across the far end
  CHECK(selection() == std::pair{2, 0});
  CHECK(box().Stb.cursor == 0);
  click(at(4, 0), false);  // without Shift, a click puts the caret there and drops the selection
  CHECK(!box().HasSelection());
  CHECK(box().Stb.cursor == 4);
  CHECK(editor.text == "abcdefghij\nklmnopqrst");
}

TEST_CASE("the undo history keeps its newest records when pastes overflow it") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "";
  editor_frame(editor);
  editor_frame(editor);
  for (int i = 0; i < 120; ++i) paste(editor, std::string(1, static_cast<char>('a' + i % 26)) + "0123456789");
  REQUIRE(editor.text.size() == 120 * 11);
  const std::string all = editor.text;
  for (int i = 0; i < 150; ++i) shortcut(editor, 'Z');
  // stb_textedit keeps 99 records: the 21 oldest pastes stay.
  CHECK(editor.text == all.substr(0, 21 * 11));
  // A selection longer than the history can hold (999 characters) is replaced, but cannot come back.
  paste(editor, std::string(2000, '-'));
  box().SelectAll();
  paste(editor, "new");
  CHECK(editor.text == "new");
  shortcut(editor, 'Z');
  CHECK(editor.text == "");
  shortcut(editor, 'Z');
  CHECK(editor.text == "");
}

TEST_CASE("a text up to the limit is set; a larger one is refused and the text stays") {
  TextEditorState editor;
  CHECK(text_editor_set_text(editor, "before") == "");
  const uint64_t revision = editor.revision;
  const std::string refused = text_editor_set_text(editor, lines_of(kMaxTextBytes + 1));
  CHECK(refused.starts_with("That text is 10.5 MB, more than bpeviz can show (10.5 MB at most)"));
  CHECK(editor.text == "before");
  CHECK(editor.revision == revision);
  CHECK(text_editor_set_text(editor, lines_of(kMaxTextBytes)) == "");
  CHECK(editor.text.size() == kMaxTextBytes);
  CHECK(editor.revision == revision + 1);
}

TEST_CASE("a line longer than the box can draw is refused, whatever the text's size") {
  TextEditorState editor;
  editor.text = "kept";
  const std::string line(kMaxLineBytes + 1, 'x');
  for (const std::string& text : {line, "first\n" + line, "first\n" + line + "\nlast"}) {
    CHECK(text_editor_set_text(editor, text).starts_with("That text has a line of 1.0 MB, longer than the text box can show"));
    CHECK(text_editor_paste(editor, text).starts_with("That text has a line of 1.0 MB"));
  }
  CHECK(editor.text == "kept");
  CHECK(!editor.paste_request);
  CHECK(text_editor_set_text(editor, std::string(kMaxLineBytes, 'x') + "\n" + std::string(kMaxLineBytes, 'y')) == "");
}

TEST_CASE("pastes count the text they join, and two pastes in one frame are joined") {
  TextEditorState editor;
  editor.text = lines_of(kMaxTextBytes - 10);
  CHECK(text_editor_paste(editor, "12345") == "");
  CHECK(text_editor_paste(editor, "67890") == "");
  REQUIRE(editor.paste_request);
  CHECK(*editor.paste_request == "1234567890");
  CHECK(text_editor_paste(editor, "!").starts_with("That text is 10.5 MB"));
  CHECK(*editor.paste_request == "1234567890");
}

TEST_CASE("a paste in parts is the paste of the whole: CR LF split between parts is one line break") {
  TextEditorState editor;
  using namespace std::string_view_literals;
  for (const std::string_view part : {"one\r"sv, "\ntwo\r"sv, "\r\nthree"sv, "\0!"sv}) {
    text_editor_paste_part(editor, part);
  }
  CHECK(!editor.paste_request);  // queued only once the last part has come
  CHECK(text_editor_paste_end(editor) == "");
  REQUIRE(editor.paste_request);
  CHECK(*editor.paste_request == "one\ntwo\n\nthree\xEF\xBF\xBD!");
  CHECK(!editor.incoming);
}

TEST_CASE("a paste in parts claims its memory once for the size expected, and takes more if it comes") {
  TextEditorState editor;
  const std::string part = lines_of(1 << 18);
  text_editor_paste_part(editor, part, 4 * part.size());
  const std::size_t claimed = editor.incoming->text.capacity();
  CHECK(claimed >= 4 * part.size());
  for (int i = 1; i < 4; ++i) text_editor_paste_part(editor, part, 4 * part.size());
  CHECK(editor.incoming->text.capacity() == claimed);  // never copied to a larger block
  text_editor_paste_part(editor, part, 0);               // more than expected: still kept
  CHECK(text_editor_paste_end(editor) == "");
  REQUIRE(editor.paste_request);
  CHECK(editor.paste_request->size() == 5 * part.size());
  // A guess past what the box holds claims no more than it holds.
  text_editor_paste_part(editor, part, std::numeric_limits<std::size_t>::max());
  CHECK(editor.incoming->text.capacity() < 2 * kMaxTextBytes);
}

TEST_CASE("a paste in parts is refused whole: a line longer than the box can draw across parts, or too many bytes") {
  TextEditorState editor;
  editor.text = "kept";
  const std::string half(kMaxLineBytes / 2 + 1, 'x');
  for (const std::string& part : {"first\n" + half, half, std::string("\nlast")}) text_editor_paste_part(editor, part);
  CHECK(text_editor_paste_end(editor).starts_with("That text has a line of 1.0 MB"));
  CHECK(!editor.paste_request);
  // 11 MB in parts of a megabyte's lines: what cannot fit is not kept, and the message counts all of it.
  for (int part = 0; part < 11; ++part) text_editor_paste_part(editor, lines_of(1 << 20));
  CHECK(editor.incoming->text.size() < kMaxTextBytes);
  CHECK(text_editor_paste_end(editor).starts_with("That text is 11.5 MB"));
  CHECK(!editor.paste_request);
  CHECK(editor.text == "kept");
  // The next paste starts afresh.
  text_editor_paste_part(editor, "ok");
  CHECK(text_editor_paste_end(editor) == "");
  CHECK(*editor.paste_request == "ok");
}

TEST_CASE("longest_line measures lines between newlines") {
  CHECK(longest_line("") == 0);
  CHECK(longest_line("abc") == 3);
  CHECK(longest_line("a\nbcd\n") == 3);
  CHECK(longest_line("\n\nabcd") == 4);
}

TEST_CASE("text_too_large names sizes a 32-bit size_t cannot hold") {
  CHECK(text_too_large(5e9).starts_with("That text is 5000.0 MB"));
  CHECK(text_too_large(100).empty());
}

TEST_CASE("the refusal is kept to be shown, and a text that is set clears it") {
  TextEditorState editor;
  text_editor_refuse(editor, 1e8);
  CHECK(editor.refusal.starts_with("That text is 100.0 MB"));
  CHECK(text_editor_paste(editor, "fits") == "");
  CHECK(editor.refusal.empty());
  CHECK(!text_editor_set_text(editor, std::string(kMaxLineBytes + 1, 'x')).empty());
  CHECK(!editor.refusal.empty());
  CHECK(text_editor_set_text(editor, "fits") == "");
  CHECK(editor.refusal.empty());
}

TEST_CASE("Escape does not take back what was typed and pasted since the box got the focus") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  editor.text = "abc";
  editor_frame(editor);
  editor_frame(editor);
  REQUIRE(editor.active);
  ImGuiIO& io = ImGui::GetIO();
  paste(editor, "pasted and ");
  io.AddInputCharactersUTF8("typed");
  editor_frame(editor);
  editor_frame(editor);
  const std::string kept = editor.text;
  CHECK(kept == "pasted and typedabc");
  io.KeyMap[ImGuiKey_Escape] = 27;
  io.KeysDown[27] = true;
  editor_frame(editor);
  io.KeysDown[27] = false;
  editor_frame(editor);
  CHECK(editor.text == kept);
}

TEST_CASE("draw_keeping_text_on_escape keeps any text widget's text; without it ImGui takes it back") {
  test::HeadlessImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Escape] = 27;
  for (const bool guarded : {true, false}) {
    std::string text = "ids";
    const auto frame = [&](bool focus) {
      ImGui::NewFrame();
      ImGui::Begin("widgets");
      if (focus) ImGui::SetKeyboardFocusHere();
      const auto input = [&] { return ImGui::InputText("##ids", &text); };
      if (guarded) draw_keeping_text_on_escape(input);
      else input();
      ImGui::End();
      ImGui::Render();
    };
    frame(true);
    frame(false);
    io.AddInputCharactersUTF8(" 15339");
    frame(false);
    const std::string typed = text;  // (focused from code, a one-line box selects all: typing replaced it)
    REQUIRE(typed.find("15339") != std::string::npos);
    io.KeysDown[27] = true;
    frame(false);
    io.KeysDown[27] = false;
    frame(false);
    CHECK(text == (guarded ? typed : "ids"));
  }
}
