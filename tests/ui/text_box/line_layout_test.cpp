// The text box's lines laid out as they are read, and where its caret and clicks fall on them. The
// font is ImGui's built-in one, where every glyph (a missing one drawn as its fallback) is 7 pixels
// wide; lam-alef is added to it so that the ligature is taken.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text/utf8.h"
#include "tests/ui/headless.h"
#include "ui/text_box/line_layout.h"

using namespace bpeviz;

namespace {

std::vector<uint32_t> code_points(std::string_view utf8) {
  std::vector<uint32_t> out;
  for (std::size_t i = 0; i < utf8.size(); i += utf8_char_length(utf8, i)) out.push_back(utf8_code_point(utf8, i));
  return out;
}

struct Laid {
  LineLayout layout;
  std::string drawn;  // the glyphs, left to right
};

Laid laid_out(std::string_view line) {
  Laid laid;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  lay_out_line(code_points(line), font, font->FontSize, laid.layout);
  for (const PlacedGlyph& g : laid.layout.glyphs) utf8_append(laid.drawn, g.code_point);
  return laid;
}

std::vector<float> carets(const LineLayout& layout) {
  std::vector<float> xs;
  for (uint32_t k = 0; k <= layout.glyph_of.size(); ++k) xs.push_back(caret_x(layout, k));
  return xs;
}

std::vector<uint32_t> clicks(const LineLayout& layout, std::initializer_list<float> xs) {
  std::vector<uint32_t> out;
  for (const float x : xs) out.push_back(index_at_x(layout, x));
  return out;
}

}  // namespace

TEST_CASE("a line of Latin text is left as it is: carets at the characters' left edges") {
  test::HeadlessImGui imgui;
  const Laid laid = laid_out("abc");
  CHECK_FALSE(laid.layout.shaped);
  CHECK_FALSE(laid.layout.right_to_left);
  CHECK(laid.drawn == "abc");
  CHECK(carets(laid.layout) == std::vector<float>{0, 7, 14, 21});
  CHECK(clicks(laid.layout, {-5, 1, 4, 10, 20, 50}) == std::vector<uint32_t>{0, 0, 1, 1, 3, 3});
  CHECK(unshaped_x(code_points("abc"), 2, ImGui::GetIO().Fonts->Fonts[0], 13) == 14);
}

TEST_CASE("a Hebrew line reads from the right: its first character's caret at the right edge") {
  test::HeadlessImGui imgui;
  const Laid laid = laid_out("\u05D0\u05D1\u05D2");  // אבג
  CHECK(laid.layout.shaped);
  CHECK(laid.layout.right_to_left);
  CHECK(laid.drawn == "\u05D2\u05D1\u05D0");
  CHECK(carets(laid.layout) == std::vector<float>{21, 14, 7, 0});
  // A click on a letter's right half puts the caret before it (on its right), on its left half after it.
  CHECK(clicks(laid.layout, {20, 15, 12, 1, -3, 40}) == std::vector<uint32_t>{0, 1, 1, 3, 3, 0});
}

TEST_CASE("Hebrew inside a Latin line: the run reversed, carets on its letters' right edges") {
  test::HeadlessImGui imgui;
  const Laid laid = laid_out("ab \u05D0\u05D1 cd");  // ab אב cd
  CHECK_FALSE(laid.layout.right_to_left);
  CHECK(laid.drawn == "ab \u05D1\u05D0 cd");
  // Indexes 0-2 ab and the space; 3 א (drawn 5th, 28-35), 4 ב (drawn 4th, 21-28); 5 the space after.
  CHECK(carets(laid.layout) == std::vector<float>{0, 7, 14, 35, 28, 35, 42, 49, 56});
  CHECK(clicks(laid.layout, {33, 30, 26, 22}) == std::vector<uint32_t>{3, 4, 4, 5});
}

TEST_CASE("lam-alef is one glyph for two characters: the caret between them at its middle") {
  test::HeadlessImGui imgui;
  ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  for (const ImWchar form : {ImWchar{0xFEFB}, ImWchar{0xFEFC}}) font->AddGlyph(nullptr, form, 0, 0, 0, 0, 0, 0, 0, 0, 14);
  font->BuildLookupTable();
  const Laid laid = laid_out("\u0644\u0627");  // لا
  REQUIRE(laid.drawn == "\uFEFB");
  CHECK(laid.layout.width() == 14);
  CHECK(carets(laid.layout) == std::vector<float>{14, 7, 0});
  CHECK(clicks(laid.layout, {13, 8, 2}) == std::vector<uint32_t>{0, 1, 2});
}

TEST_CASE("Devanagari's vowel sign I is drawn first; a caret beside it stands after its consonant") {
  test::HeadlessImGui imgui;
  const Laid laid = laid_out("\u0915\u093F\u0924");  // कित: ka, sign I, ta
  CHECK(laid.drawn == "\u093F\u0915\u0924");
  CHECK(carets(laid.layout) == std::vector<float>{0, 14, 14, 21});
  // The sign's left half is the syllable's start; its right half, after the sign.
  CHECK(clicks(laid.layout, {1, 5, 13}) == std::vector<uint32_t>{0, 2, 1});
}

TEST_CASE("a line too long to shape is laid out in text order") {
  test::HeadlessImGui imgui;
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  LineLayout layout;
  lay_out_line(code_points("\u05D0\u05D1"), font, font->FontSize, layout, false);
  CHECK_FALSE(layout.shaped);
  CHECK(layout.glyphs[0].code_point == 0x05D0);
}
