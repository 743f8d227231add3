// The text box's limits: a text too large for the page, or with a line too long to draw, is refused
// with a message and the text stays as it was.
#include <doctest/doctest.h>

#include <string>

#include "ui/text_editor.h"

using namespace bpeviz;

namespace {

// `bytes` of text in lines of 80 characters.
std::string lines_of(std::size_t bytes) {
  std::string text;
  while (text.size() + 81 <= bytes) text += std::string(80, 'a') + "\n";
  return text + std::string(bytes - text.size(), 'b');
}

}  // namespace

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
