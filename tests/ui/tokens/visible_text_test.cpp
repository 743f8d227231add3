// How tile labels and tooltips show text: whitespace as symbols, characters the atlas lacks spelled
// out, and a combining mark that starts a tile on a dotted circle.
#include <doctest/doctest.h>

#include <string>

#include "tests/ui/headless.h"
#include "ui/tokens/visible_text.h"

using namespace bpeviz;

namespace {
std::string visible(std::string_view text, const ImFont* font = nullptr) {
  std::string out;
  append_visible_text(out, text, true, font);
  return out;
}
}  // namespace

TEST_CASE("a combining mark alone sits on a dotted circle; after its letter it is left alone") {
  CHECK(visible("\u0E31") == "\u25CC\u0E31");              // Thai ั, a token of its own in o200k
  CHECK(visible("\u0E2A\u0E31") == "\u0E2A\u0E31");        // สั
  CHECK(visible("\u0301e") == "\u25CC\u0301e");            // a combining acute first
  CHECK(visible("\u0915\u094D") == "\u0915\u094D");        // क्: the virama after its consonant
  CHECK(visible("\u093E") == "\u093E");                    // ा is a spacing mark: drawn as it is
  CHECK(visible(" a\n") == "\u00B7a\u21B5");
}

TEST_CASE("characters the atlas lacks are spelled as code points") {
  test::HeadlessImGui imgui;  // ImGui's built-in font: ASCII only
  const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
  CHECK(visible("a\u4F60\u597D", font) == "aU+4F60 U+597D");
  CHECK(visible("a\u4F60\u597D") == "a\u4F60\u597D");
}
