// The text box at rest (ui/text_box/resting_box.h), drawn headless: a box holding a large text, with nothing to
// do in a frame, is drawn as a box without the focus yet keeps it, and looks as ImGui draws it active;
// the next key, character or click finds it active, caret and undo history kept.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <cctype>
#include <string>
#include <vector>

#include "tests/ui/frames.h"
#include "ui/text_box/text_box_shaping.h"
#include "ui/text_box/text_editor.h"

using namespace bpeviz;
using bpeviz::test::editor_frame;

namespace {

// `bytes` (at least) of text in numbered lines of about 60 characters.
std::string numbered_lines(std::size_t bytes) {
  std::string text;
  for (int i = 0; text.size() < bytes; ++i) text += "line " + std::to_string(i) + ": the quick brown fox jumps over the lazy dog\n";
  return text;
}

ImGuiInputTextState& box() {
  ImGuiInputTextState* box = ImGui::GetInputTextState(ImGui::GetActiveID());
  REQUIRE(box != nullptr);
  return *box;
}

// The box's window's vertices as drawn in the last frame: positions, texture places and colours.
std::vector<ImDrawVert> box_vertices() {
  // Named as BeginChildEx names it, with the box's ID within the "editor" window.
  ImGuiWindow* editor = ImGui::FindWindowByName("editor");
  REQUIRE(editor != nullptr);
  char name[64];
  ImFormatString(name, sizeof name, "editor/##text_%08X", editor->GetID("##text"));
  ImGuiWindow* child = ImGui::FindWindowByName(name);
  REQUIRE(child != nullptr);
  const ImVector<ImDrawVert>& v = child->DrawList->VtxBuffer;
  return std::vector<ImDrawVert>(v.begin(), v.end());
}

bool same(const std::vector<ImDrawVert>& a, const std::vector<ImDrawVert>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].pos.x != b[i].pos.x || a[i].pos.y != b[i].pos.y || a[i].uv.x != b[i].uv.x || a[i].uv.y != b[i].uv.y || a[i].col != b[i].col) {
      return false;
    }
  }
  return true;
}

// A frame with Ctrl held (the box does nothing with Ctrl alone): it is drawn active, by ImGui.
void frame_with_a_key_held(TextEditorState& editor) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = true;
  editor_frame(editor);
  io.KeyCtrl = false;
}

// A box holding `text`, focused, its caret at character `cursor`, with a frame drawn since.
void focused_box(TextEditorState& editor, std::string text, int cursor) {
  REQUIRE(text_editor_set_text(editor, std::move(text)).empty());
  for (int i = 0; i < 3; ++i) editor_frame(editor);
  REQUIRE(editor.active);
  box().Stb.cursor = box().Stb.select_start = box().Stb.select_end = cursor;
  box().CursorFollow = true;  // scrolled to, as a click or a key would have
  box().CursorAnimReset();
  frame_with_a_key_held(editor);
}

// Types `characters` in one frame, Shift held for an upper-case letter, the keys of letters down as a
// keyboard holds them. With `alt_held`, Alt is held too: the box takes characters with it (AltGr is
// Ctrl+Alt), but may act on keys, so it is drawn active and ImGui takes the characters itself.
void type(TextEditorState& editor, const std::u32string& characters, bool alt_held) {
  ImGuiIO& io = ImGui::GetIO();
  for (const char32_t c : characters) {
    io.AddInputCharacter(static_cast<unsigned>(c));
    if (c >= 'A' && c <= 'Z') io.KeyShift = true;
    if (c < 128) io.KeysDown[std::toupper(static_cast<int>(c))] = true;
  }
  io.KeyAlt = alt_held;
  editor_frame(editor);
  io.KeyShift = io.KeyAlt = false;
  for (int key = 0; key < 128; ++key) io.KeysDown[key] = false;
}

}  // namespace

TEST_CASE("a box holding a large text rests in a frame with nothing to do, keeping the focus, and looks the same") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  const std::string text = numbered_lines(std::size_t{2} << 20);
  // The caret in line 30 000 of 37 450 (the box scrolled down to it), after "line 30000: the q".
  const std::size_t line = text.find("line 30000:");
  REQUIRE(line != std::string::npos);
  const int cursor = static_cast<int>(line + 17);
  focused_box(editor, text, cursor);
  const ImGuiID id = ImGui::GetActiveID();
  CHECK(!editor.resting);
  const std::vector<ImDrawVert> active = box_vertices();

  editor_frame(editor);
  CHECK(editor.resting);
  CHECK(ImGui::GetActiveID() == id);  // it keeps the focus
  CHECK(editor.active);
  const std::vector<ImDrawVert> resting = box_vertices();
  // Text, caret and all drawn where ImGui drew them (the caret's two ends: the last vertices).
  REQUIRE(resting.size() > 100);
  CHECK(same(active, resting));
  editor_frame(editor);
  CHECK(ImGui::GetIO().WantTextInput);  // the keyboard's text is still the box's, not the shortcuts'
  CHECK(editor.resting);
  CHECK(same(active, box_vertices()));  // its scroll bar too, sized by the last frame's text

  // The caret blinks at rest as it does active: gone after 0.9 s, back after 1.2 s.
  ImGui::GetIO().DeltaTime = 1.2f;
  editor_frame(editor);
  CHECK(editor.resting);
  CHECK(box_vertices().size() < resting.size());
  ImGui::GetIO().DeltaTime = 0.3f;
  editor_frame(editor);
  CHECK(box_vertices().size() == resting.size());
  ImGui::GetIO().DeltaTime = 1.0f / 60;
}

TEST_CASE("a resting box scrolled by the mouse wheel draws the lines ImGui draws there") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  const std::string text = numbered_lines(std::size_t{2} << 20);
  focused_box(editor, text, static_cast<int>(text.find("line 20000:")));
  editor_frame(editor);
  REQUIRE(editor.resting);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(100, 150);  // over the box
  // Small and large turns, up and down: each frame at rest, then the same place drawn by ImGui's active
  // box (the caret too, or not when it is out of sight).
  for (const float wheel : {-1.0f, -1.0f, 3.0f, -40.0f, 400.0f, -2.0f}) {
    io.MouseWheel = wheel;
    editor_frame(editor);
    io.MouseWheel = 0;
    CHECK(editor.resting);
    const std::vector<ImDrawVert> at_rest = box_vertices();
    frame_with_a_key_held(editor);
    REQUIRE(!editor.resting);
    CHECK(at_rest.size() > 100);
    CHECK(same(at_rest, box_vertices()));
  }
}

TEST_CASE("after a paste the resting box scrolls to the caret, as ImGui's active box does") {
  // The same paste twice: the frame after it drawn by ImGui (a key held), then at rest.
  const std::string pasted = numbered_lines(std::size_t{3} << 19) + "the end";
  const auto after_paste = [&](bool key_held, bool& rested) {
    test::HeadlessImGui imgui;
    TextEditorState editor;
    editor.text = "";
    for (int i = 0; i < 3; ++i) editor_frame(editor);
    REQUIRE(text_editor_paste(editor, pasted).empty());
    for (int i = 0; i < 200 && editor.paste_request; ++i) editor_frame(editor);  // (its memory claimed first)
    REQUIRE(!editor.paste_request);
    REQUIRE(box().CursorFollow);
    if (key_held) frame_with_a_key_held(editor);
    else editor_frame(editor);
    rested = editor.resting;
    std::vector<ImDrawVert> drawn = box_vertices();
    editor_frame(editor);  // and the next frame, at rest in both
    CHECK(editor.resting);
    CHECK(!box().CursorFollow);
    CHECK(editor.text == pasted);
    const std::vector<ImDrawVert> next = box_vertices();
    drawn.insert(drawn.end(), next.begin(), next.end());
    return drawn;
  };
  bool rested_a = false, rested_b = false;
  const std::vector<ImDrawVert> by_imgui = after_paste(true, rested_a);
  const std::vector<ImDrawVert> at_rest = after_paste(false, rested_b);
  CHECK(!rested_a);
  CHECK(rested_b);
  CHECK(same(by_imgui, at_rest));  // the last lines, "the end" and the caret after it, where ImGui drew them
}


TEST_CASE("characters typed into a resting box go in at the caret as ImGui's box puts them, and it rests on") {
  // The same keys typed twice: into the box at rest, and into the box drawn by ImGui (Alt held).
  const std::string text = numbered_lines(std::size_t{1} << 20);
  const std::vector<std::u32string> typing = {U"x", U"Yz", U"\u4e16\U0001F600", U"\x01\x7f\ue000!", U"\t\n"};
  struct Typed {
    std::string text;
    int cursor = 0;
    std::vector<ImDrawVert> drawn;  // the frame after the last key, at rest
    std::vector<std::string> undone;  // after each of three Ctrl+Z
  };
  const auto typed = [&](bool by_imgui) {
    test::HeadlessImGui imgui;
    TextEditorState editor;
    focused_box(editor, text, 5);
    editor_frame(editor);
    REQUIRE(editor.resting);
    for (const std::u32string& characters : typing) {
      const uint64_t revision = editor.revision;
      type(editor, characters, by_imgui);
      CHECK(editor.resting == !by_imgui);
      CHECK(editor.revision > revision);
    }
    Typed out{editor.text, box().Stb.cursor, {}, {}};
    editor_frame(editor);
    CHECK(editor.resting);
    out.drawn = box_vertices();
    // Ctrl+Z wakes the box and takes back what was typed last.
    ImGuiIO& io = ImGui::GetIO();
    constexpr int z = 'Z';
    io.KeyMap[ImGuiKey_Z] = z;
    for (int i = 0; i < 3; ++i) {
      io.KeyCtrl = io.KeysDown[z] = true;
      editor_frame(editor);
      CHECK(!editor.resting);
      io.KeyCtrl = io.KeysDown[z] = false;
      editor_frame(editor);
      out.undone.push_back(editor.text);
    }
    return out;
  };
  const Typed at_rest = typed(false), by_imgui = typed(true);
  // Control characters but tab and newline, DEL and private use are dropped, as ImGui drops them.
  const std::string expected = text.substr(0, 5) + "xYz\u4e16\U0001F600!\t\n" + text.substr(5);
  CHECK(by_imgui.text == expected);
  CHECK(at_rest.text == expected);
  CHECK(at_rest.cursor == 5 + 8);
  CHECK(by_imgui.cursor == at_rest.cursor);
  CHECK(same(at_rest.drawn, by_imgui.drawn));  // the text and the caret after it, where ImGui drew them
  // Ctrl+Z takes the characters back one at a time, as ImGui's box does, though a frame took two of them.
  const std::vector<std::string> undone = {text.substr(0, 5) + "xYz\u4e16\U0001F600!\t" + text.substr(5),
                                           text.substr(0, 5) + "xYz\u4e16\U0001F600!" + text.substr(5),
                                           text.substr(0, 5) + "xYz\u4e16\U0001F600" + text.substr(5)};
  CHECK(by_imgui.undone == undone);
  CHECK(at_rest.undone == undone);
}

TEST_CASE("a key the box acts on wakes a resting box: Ctrl+Z and the caret's moves work as before") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  const std::string text = numbered_lines(std::size_t{1} << 20);
  focused_box(editor, text, 5);
  editor_frame(editor);
  REQUIRE(editor.resting);
  ImGuiIO& io = ImGui::GetIO();

  // Backspace: an edit only ImGui's box makes.
  io.KeyMap[ImGuiKey_Backspace] = 259;
  io.KeysDown[259] = true;
  editor_frame(editor);
  CHECK(!editor.resting);
  io.KeysDown[259] = false;
  editor_frame(editor);
  CHECK(editor.text == text.substr(0, 4) + text.substr(5));
  CHECK(box().Stb.cursor == 4);
  for (int i = 0; i < 3; ++i) editor_frame(editor);
  CHECK(editor.resting);

  // The undo history from before the rest: Ctrl+Z puts the character back.
  constexpr int z = 'Z';
  io.KeyMap[ImGuiKey_Z] = z;
  io.KeyCtrl = true;
  io.KeysDown[z] = true;
  editor_frame(editor);
  CHECK(!editor.resting);
  io.KeysDown[z] = false;
  io.KeyCtrl = false;
  editor_frame(editor);
  CHECK(editor.text == text);

  // An arrow key moves the caret from where it rested.
  for (int i = 0; i < 3; ++i) editor_frame(editor);
  REQUIRE(editor.resting);
  const int caret = box().Stb.cursor;
  io.KeyMap[ImGuiKey_RightArrow] = 262;
  io.KeysDown[262] = true;
  editor_frame(editor);
  CHECK(!editor.resting);
  io.KeysDown[262] = false;
  editor_frame(editor);
  CHECK(box().Stb.cursor == caret + 1);
}

TEST_CASE("a click on a resting box puts the caret there; a click outside takes the focus away") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused_box(editor, numbered_lines(std::size_t{1} << 20), 0);
  editor_frame(editor);
  REQUIRE(editor.resting);
  // Character 3 of line 2 ("line 1: ..."): ImGui's built-in font is 7 pixels a character.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float top = ImGui::GetFontSize() + 2 * style.FramePadding.y + style.WindowPadding.y + style.FramePadding.y;
  ImGuiIO& io = ImGui::GetIO();
  const auto click = [&](ImVec2 where) {
    io.MousePos = where;
    io.MouseDown[0] = true;
    editor_frame(editor);
    io.MouseDown[0] = false;
    editor_frame(editor);
  };
  click(ImVec2(style.WindowPadding.x + style.FramePadding.x + 7.0f * 3 + 1, top + ImGui::GetFontSize() * 1.5f));
  const std::size_t line_1 = editor.text.find('\n') + 1;
  CHECK(box().Stb.cursor == static_cast<int>(line_1) + 3);
  CHECK(!box().HasSelection());
  editor_frame(editor);
  CHECK(editor.resting);
  click(ImVec2(600, 700));  // below the box (300 pixels tall)
  CHECK(ImGui::GetActiveID() == 0);
  CHECK(!editor.active);
  CHECK(!editor.resting);
}

TEST_CASE("a small text, a selection, a sideways scroll or a pending paste keeps the box drawn by ImGui") {
  test::HeadlessImGui imgui;
  TextEditorState editor;
  focused_box(editor, numbered_lines(kRestingBoxBytes - 100), 0);
  editor_frame(editor);
  CHECK(!editor.resting);  // below 1 MB

  focused_box(editor, numbered_lines(kRestingBoxBytes), 0);
  editor_frame(editor);
  CHECK(editor.resting);
  box().Stb.select_end = 10;  // a selection: ImGui draws it only while the box is active
  editor_frame(editor);
  CHECK(!editor.resting);
  box().ClearSelection();
  editor_frame(editor);
  CHECK(editor.resting);
  box().ScrollX = 20;
  editor_frame(editor);
  CHECK(!editor.resting);
  box().ScrollX = 0;
  editor_frame(editor);
  CHECK(editor.resting);
  REQUIRE(text_editor_paste(editor, "pasted").empty());
  editor_frame(editor);
  CHECK(!editor.resting);
  CHECK(editor.text.substr(0, 6) == "pasted");
}
