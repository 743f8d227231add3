// The Schemes tab, headless: the tiles each scheme draws (ids as that scheme numbers them, white space
// between words kept visible), bars that stay visible beside much longer ones, and the app's tab,
// which compares once per text or encoding and follows both.
#include <doctest/doctest.h>
#include <imgui_internal.h>

#include "core/text/utf8.h"
#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"

using namespace bpeviz;

namespace {

void frame(AppState& app) { test::app_frame_headless(app); }

void load(AppState& app, const char* name) { test::load_builtin_encoding(app, name); }

// Tiles cover [0, end) in order, without gaps.
void check_cover(const std::vector<Token>& tiles, uint32_t end) {
  uint32_t at = 0;
  for (const Token& t : tiles) {
    CHECK(t.begin == at);
    CHECK(t.end > t.begin);
    at = t.end;
  }
  CHECK(at >= end);
}

}  // namespace

TEST_CASE("each scheme's tiles carry the ids that scheme would give") {
  const Encoding& o200k = test::encoding("o200k_base");
  const std::string text = " the cat é\u00A0the 🌍\n";
  const auto size = static_cast<uint32_t>(text.size());
  const auto results = compare_schemes(text, o200k);
  REQUIRE(results.size() == 5);

  const auto chars = scheme_tiles(results[0], text, size, o200k);
  check_cover(chars, size);
  for (const Token& t : chars) CHECK(t.id == utf8_code_point(text, t.begin));
  CHECK(chars.size() == results[0].tokens);

  const auto bytes = scheme_tiles(results[1], text, size, o200k);
  check_cover(bytes, size);
  for (const Token& t : bytes) CHECK(t.id == static_cast<unsigned char>(text[t.begin]));

  // Words: numbered in order of first appearance, so both "the" share id 0 (and a colour); the white
  // space around them (U+00A0 too) is there as untokenized text.
  const auto words = scheme_tiles(results[2], text, size, o200k);
  check_cover(words, size);
  std::vector<std::string> word_texts;
  std::vector<uint32_t> word_ids;
  std::size_t gaps = 0;
  for (const Token& t : words) {
    if (t.id == kUntokenized) {
      ++gaps;
      CHECK(is_white_space(utf8_code_point(text, t.begin)));
      continue;
    }
    word_texts.push_back(text.substr(t.begin, t.end - t.begin));
    word_ids.push_back(t.id);
  }
  CHECK(word_texts == std::vector<std::string>{"the", "cat", "é", "the", "🌍"});
  CHECK(word_ids == std::vector<uint32_t>{0, 1, 2, 0, 3});
  CHECK(gaps == 6);  // leading space, three single spaces, U+00A0, the final newline

  // The regex's words cover the text (its pieces keep the spaces).
  check_cover(scheme_tiles(results[3], text, size, o200k), size);

  const auto bpe = scheme_tiles(results[4], text, size, o200k);
  std::vector<uint32_t> ids;
  for (const Token& t : bpe) ids.push_back(t.id);
  CHECK(ids == o200k.encode_ordinary(text).value);

  // Cut short, a scheme stops at the first token that starts at or after the cut.
  const auto cut = scheme_tiles(results[1], text, 4, o200k);
  CHECK(cut.size() == 4);
}

TEST_CASE("a bar for 1 token stays visible beside one for 10,000") {
  CHECK(scheme_bar_length(10000, 10000, 500) == doctest::Approx(500));
  CHECK(scheme_bar_length(5000, 10000, 500) == doctest::Approx(250));
  CHECK(scheme_bar_length(1, 10000, 500) >= kMinBar);
  CHECK(scheme_bar_length(0, 10000, 500) == 0);
  CHECK(scheme_bar_length(0, 0, 500) == 0);
}

TEST_CASE("the Schemes tab compares once per text and encoding, and follows both") {
  test::HeadlessImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
  AppState app;
  app.fonts = test::default_fonts();
  load(app, "cl100k_base");
  text_editor_set_text(app.editor, "Hello hello world, tokenization!");
  app.panel_request = Panel::schemes;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.panel == Panel::schemes);
  REQUIRE(schemes_current(app.schemes, schemes_input(app)));
  REQUIRE(app.schemes.results.size() == 5);
  CHECK(app.schemes.results[4].name == "BPE (cl100k_base)");
  CHECK(app.schemes.results[4].tokens == app.tokens.size());
  CHECK(app.schemes.drawn.size() == 5);

  // Frames without a change reuse the comparison.
  const uint64_t revision = app.schemes.drawn_revision;
  for (int i = 0; i < 3; ++i) frame(app);
  CHECK(app.schemes.drawn_revision == revision);

  load(app, "o200k_base");
  frame(app);
  CHECK(app.schemes.drawn_revision == revision + 1);
  CHECK(app.schemes.results[4].name == "BPE (o200k_base)");
  CHECK(app.schemes.results[3].name == "words (o200k)");

  text_editor_set_text(app.editor, "");
  frame(app);
  for (const SchemeResult& r : app.schemes.results) CHECK(r.tokens == 0);

  // The byte-level baseline compares against a BPE with no merges.
  REQUIRE(select_encoding(app, "bytes"));
  text_editor_set_text(app.editor, "ab ab c");
  frame(app);
  REQUIRE(app.schemes.results.size() == 4);
  CHECK(app.schemes.results[3].name == "BPE (bytes)");
  CHECK(app.schemes.results[3].tokens == 7);
  CHECK(app.schemes.results[2].unseen == 1);  // "ab"; "c" is a byte
  CHECK(app.schemes.error.empty());
}

TEST_CASE("a long text is counted whole and drawn only at its start") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  load(app, "o200k_base");
  std::string text;
  while (text.size() < 100000) text += "Tokenizers cut text into pieces, die Wörter and 🌍 alike.\n";
  text_editor_set_text(app.editor, text);
  app.panel_request = Panel::schemes;
  // Frames until every part is tokenized (how many depends on the machine), and one to draw the tab.
  for (int i = 0; i < 500 && (i < 3 || tokenizing_progress(app) >= 0); ++i) frame(app);
  frame(app);
  REQUIRE(app.schemes.results.size() == 5);
  CHECK(app.schemes.results[1].tokens == text.size());
  CHECK(app.schemes.drawn_bytes <= SchemesViewState::kDrawBytes);
  CHECK(app.schemes.drawn_bytes + 4 > SchemesViewState::kDrawBytes);
  for (const auto& d : app.schemes.drawn) {
    REQUIRE(!d.tokens.empty());
    CHECK(d.tokens.back().end < SchemesViewState::kDrawBytes + 64);
  }
  CHECK(app.schemes.drawn[1].tokens.size() == app.schemes.drawn_bytes);

  // The cut falls on a character boundary at or before kDrawBytes: 8,190 bytes of three-byte euro signs.
  std::string euros;
  for (int i = 0; i < 5000; ++i) euros += "€";
  text_editor_set_text(app.editor, euros);
  frame(app);
  CHECK(app.schemes.drawn_bytes == 8190);
  CHECK(app.schemes.drawn[0].tokens.size() == 2730);
}

TEST_CASE("the Schemes tab's table and chart fit 1280×720 at the page's 18 px text size") {
  test::HeadlessImGui imgui;
  ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
  ImGui::GetIO().FontGlobalScale = 18.0f / 13;
  SchemesViewState state;
  const Encoding& o200k = test::encoding("o200k_base");
  std::string text;
  while (text.size() < 20000) text += "Zażółć gęślą jaźń, привет мир, hello world 1234567. ";
  const SchemesInput input{1, text, "o200k_base", &o200k};
  for (int f = 0; f < 3; ++f) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin("schemes");
    draw_schemes_view(state, test::default_fonts(), input);
    ImGui::End();
    ImGui::Render();
  }
  const ImGuiWindow* window = ImGui::FindWindowByName("schemes");
  REQUIRE(window != nullptr);
  INFO("content " << window->ContentSize.x << " x " << window->ContentSize.y);
  CHECK(window->ContentSize.x <= window->Size.x - 2 * ImGui::GetStyle().WindowPadding.x + 1);
}
