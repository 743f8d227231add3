// Hebrew and Arabic in labels: right-to-left runs in visual order, Arabic letters in their joined
// forms. The expected forms are the code points of Unicode's Arabic Presentation Forms-B chart.
#include <doctest/doctest.h>

#include <string>

#include "tests/ui/headless.h"
#include "ui/fonts/glyph_needs.h"
#include "ui/shaping/right_to_left.h"
#include "ui/tokens/visible_text.h"

using namespace bpeviz;

namespace {
std::string ordered(std::string text, const ImFont* font = nullptr) {
  order_right_to_left(text, 0, font);
  return text;
}
}  // namespace

TEST_CASE("Hebrew reads right to left; the text around it and its numbers keep their order") {
  CHECK(ordered("\u05E9\u05DC\u05D5\u05DD") == "\u05DD\u05D5\u05DC\u05E9");  // שלום → םולש
  // The run spans both words and the number between them; the number reads left to right.
  CHECK(ordered("abc \u05E9\u05DC\u05D5\u05DD 123 \u05E2\u05D5\u05DC\u05DD def") ==
        "abc \u05DD\u05DC\u05D5\u05E2 123 \u05DD\u05D5\u05DC\u05E9 def");
  // A number keeps its separators inside it; Arabic-Indic digits read left to right too.
  CHECK(ordered("\u05D0 12,5 \u05D1") == "\u05D1 12,5 \u05D0");
  CHECK(ordered("\u0621 \u0661\u0662 \u0621") == "\uFE80 \u0661\u0662 \uFE80");
  // Brackets inside a run are mirrored.
  CHECK(ordered("\u05D0(\u05D1)\u05D2") == "\u05D2(\u05D1)\u05D0");
  // A mark stays after its letter: בָּ (bet, dagesh, qamats) then א.
  CHECK(ordered("\u05D1\u05BC\u05B8\u05D0") == "\u05D0\u05D1\u05BC\u05B8");
}

TEST_CASE("text with no right-to-left letter is untouched, and so is text that is not UTF-8") {
  for (const std::string text : {"hello", "\u00B7caf\u00E9\u21B5", "\u4F60\u597D \U0001F30D", "\u0E2A\u0E31", ""}) {
    CHECK(ordered(text) == text);
  }
  const std::string broken = "\u05D0\xFF\u05D1";
  CHECK(ordered(broken) == broken);
  std::string tail = "abc\u05D0\u05D1";
  order_right_to_left(tail, 3, nullptr);  // only from byte 3 on
  CHECK(tail == "abc\u05D1\u05D0");
}

TEST_CASE("Arabic letters take their initial, medial, final or isolated forms, then read right to left") {
  // مرحبا: meem initial, reh final (reh joins only to the letter before it), hah initial, beh medial,
  // alef final.
  CHECK(ordered("\u0645\u0631\u062D\u0628\u0627") == "\uFE8E\uFE92\uFEA3\uFEAE\uFEE3");
  CHECK(ordered("\u0628") == "\uFE8F");                                  // a letter alone: isolated
  CHECK(ordered("\u0628\u0628\u0628") == "\uFE90\uFE92\uFE91");          // ببب: initial, medial, final
  CHECK(ordered("\u0621\u0628") == "\uFE8F\uFE80");                      // hamza joins nothing
  // A mark between two letters does not part them: بَب (beh, fatha, beh).
  CHECK(ordered("\u0628\u064E\u0628") == "\uFE90\uFE91\u064E");
  // Tatweel joins both ways: ـب is beh final.
  CHECK(ordered("\u0640\u0628") == "\uFE90\u0640");
  // Arabic in a tile label with its leading space drawn as ·.
  std::string label;
  append_visible_text(label, " \u0645\u0631", true, nullptr);
  CHECK(label == "\u00B7\uFEAE\uFEE3");
}

TEST_CASE("lam and alef are one ligature, isolated or final") {
  CHECK(ordered("\u0644\u0627") == "\uFEFB");                   // لا
  CHECK(ordered("\u0633\u0644\u0627\u0645") == "\uFEE1\uFEFC\uFEB3");  // سلام: seen initial, lam-alef final, meem isolated
  CHECK(ordered("\u0644\u0622") == "\uFEF5");                   // lam with alef madda
  // Other lam ligatures are left to fonts: الم is alef, lam initial, meem final.
  CHECK(ordered("\u0627\u0644\u0645") == "\uFEE2\uFEDF\uFE8D");
}

TEST_CASE("a form the font lacks is drawn as the plain letter") {
  test::HeadlessImGui imgui;  // ImGui's built-in font: ASCII only
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  CHECK(ordered("\u0645\u0631", font) == "\u0631\u0645");  // only reversed
}

TEST_CASE("noting an Arabic letter notes its joined forms for the atlas") {
  GlyphNeeds needs;
  note_text(needs, "\u0628\u0627");  // با
  for (const uint32_t form : {0xFE8Fu, 0xFE90u, 0xFE91u, 0xFE92u, 0xFE8Du, 0xFE8Eu, 0xFEFBu, 0xFEFCu}) {
    CHECK_MESSAGE(noted(needs, form), "code point ", form);
  }
  CHECK(joined_forms('a').empty());
  CHECK(joined_forms(0x05D0).empty());  // Hebrew letters have no joined forms
}

TEST_CASE("a right-to-left tile's label reads from the right, its left-to-right words kept in order") {
  const LabelPlace tile{.right_to_left = true};
  std::string label;
  append_visible_text(label, " \u05E9\u05DC\u05D5\u05DD", true, nullptr, tile);  // " שלום"
  CHECK(label == "\u05DD\u05D5\u05DC\u05E9\u00B7");                               // its space on the right
  std::string mixed = "\u05D0 abc (\u05D1)";
  order_right_to_left(mixed, 0, nullptr, tile);
  CHECK(mixed == "(\u05D1) abc \u05D0");
  std::string neutral = "\u00B7!";
  order_right_to_left(neutral, 0, nullptr, tile);
  CHECK(neutral == "!\u00B7");
}

TEST_CASE("Arabic letters at a tile's edge join the letters beyond it, as in the word") {
  // مرحبا cut into مرح and با, as o200k_base cuts it: hah joins the beh after it, beh both its neighbours.
  std::string first = "\u0645\u0631\u062D", second = "\u0628\u0627";
  order_right_to_left(first, 0, nullptr, {.right_to_left = true, .after = 0x0628});
  order_right_to_left(second, 0, nullptr, {.right_to_left = true, .before = 0x062D});
  CHECK(first == "\uFEA3\uFEAE\uFEE3");  // hah initial (alone it would be isolated), reh final, meem initial
  CHECK(second == "\uFE8E\uFE92");       // beh medial (alone: initial), alef final
  // A letter that does not join leftwards ends the word: after reh, beh starts anew.
  std::string after_reh = "\u0628";
  order_right_to_left(after_reh, 0, nullptr, {.right_to_left = true, .before = 0x0631});
  CHECK(after_reh == "\uFE8F");
  // Lam before an alef in the next tile: its initial form, not the ligature it cannot form alone.
  std::string lam = "\u0644";
  order_right_to_left(lam, 0, nullptr, {.right_to_left = true, .after = 0x0627});
  CHECK(lam == "\uFEDF");
}

TEST_CASE("a text's direction is its first letter's that has one") {
  CHECK(text_direction("hello") == Direction::left_to_right);
  CHECK(text_direction(" \u05E9\u05DC\u05D5\u05DD") == Direction::right_to_left);
  CHECK(text_direction("\u0645\u0631 abc") == Direction::right_to_left);
  CHECK(text_direction("12 abc") == Direction::left_to_right);
  CHECK(text_direction("\u4F60\u597D") == Direction::left_to_right);
  CHECK(text_direction(" 123") == Direction::number);
  CHECK(text_direction("\u0661\u0662") == Direction::number);  // Arabic-Indic digits
  CHECK(text_direction(" ,\n") == Direction::neutral);
  CHECK(text_direction("") == Direction::neutral);
  CHECK(text_direction("\xFF") == Direction::neutral);
}
