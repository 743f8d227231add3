// An edit re-tokenizes only around itself (core/incremental_encode.h), and the page's state after it —
// tokens, pieces, groups, the character count and the Tokens tab's tiles and rows — is exactly what
// computing everything again gives: random edits through the text box's API. (Ill-formed bytes are
// core's test: the page's text box holds only UTF-8.)
#include <doctest/doctest.h>

#include <random>

#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"

using namespace bpeviz;

namespace {

const char* const kLines[] = {"The quick brown fox jumps over the lazy dog.\n", "    return x + 12345;\n", "\n",
                              "naïve café — 你好，世界！ 👋🏽\n", "don't I'm\n", "<|endoftext|> after\n", "123456789\r\n"};
const char* const kInserts[] = {"a", "7", " ", "\n", "'s", "<|endoftext|>", "你", "👍", "\nX", "word\nline\n"};

// The state tokenized at once (update_tokens finishes what a frame would do by parts), then drawn.
void require_same_as_at_once(AppState& app, const char* encoding) {
  AppState fresh;
  fresh.fonts = app.fonts;
  if (std::string(encoding) != "bytes") test::load_builtin_encoding(fresh, encoding);
  fresh.editor.focus_request = false;
  text_editor_set_text(fresh.editor, app.editor.text);
  update_tokens(fresh);
  // The views lay out tiles for 12 ms a frame: both are drawn until they hold every tile.
  for (AppState* state : {&fresh, &app}) {
    test::app_frame_headless(*state);
    for (int frames = 0; state->token_view.laying_out; ++frames) {
      REQUIRE(frames < 1000);
      test::app_frame_headless(*state);
    }
  }
  REQUIRE(app.tokens == fresh.tokens);
  REQUIRE(app.pieces == fresh.pieces);
  REQUIRE(app.groups.size() == fresh.groups.size());
  for (std::size_t g = 0; g < app.groups.size(); ++g) {
    const TokenGroup &x = app.groups[g], &y = fresh.groups[g];
    REQUIRE((x.first_token == y.first_token && x.token_count == y.token_count && x.begin == y.begin && x.end == y.end));
  }
  REQUIRE(app.characters == fresh.characters);
  REQUIRE(app.token_view.labels == fresh.token_view.labels);
  REQUIRE(app.token_view.label_starts == fresh.token_view.label_starts);
  REQUIRE(app.token_view.ids == fresh.token_view.ids);
  REQUIRE(app.token_view.id_starts == fresh.token_view.id_starts);
  REQUIRE(app.token_view.tile_widths == fresh.token_view.tile_widths);
  REQUIRE(app.token_view.row_starts == fresh.token_view.row_starts);
}

}  // namespace

TEST_CASE("random edits: the spliced state equals the state computed again, tiles and rows too") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  std::mt19937 rng(7);
  std::string text;
  for (int i = 0; i < 80; ++i) text += kLines[rng() % std::size(kLines)];
  // The boxes stay inactive: an active ImGui box edits its own copy of the text (it drops "\r").
  app.editor.focus_request = false;
  text_editor_set_text(app.editor, text);
  test::app_frame_headless(app);
  int spliced = 0;
  for (int step = 0; step < 150; ++step) {
    CAPTURE(step);
    std::string next = app.editor.text;
    const std::size_t at = rng() % (next.size() + 1);
    if (rng() % 3) next.insert(at, kInserts[rng() % std::size(kInserts)]);
    else next.erase(at, std::min<std::size_t>(rng() % 6, next.size() - at));
    text_editor_set_text(app.editor, next);
    test::app_frame_headless(app);
    spliced += app.tokens_splice.has_value();
    if (step % 10 != 9) continue;  // an error stays, so every tenth step is checked (a load of cl100k each)
    require_same_as_at_once(app, "cl100k_base");
  }
  CHECK(spliced > 140);  // nearly every edit took the short way (the others: the first line has no cut before it)
  CHECK(app.token_view.full_layouts < 10);  // and the view laid out only the tiles it replaced
}

TEST_CASE("the short way is not taken across a change of encoding or policy, or for an encoding without cuts") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "o200k_base");
  text_editor_set_text(app.editor, "line one\nline two\n");
  test::app_frame_headless(app);
  text_editor_set_text(app.editor, "line one\nline 2\n");
  test::app_frame_headless(app);
  CHECK(app.tokens_splice.has_value());
  app.special_mode = SpecialMode::as_text;
  text_editor_set_text(app.editor, "line one\nline 3\n");
  test::app_frame_headless(app);
  CHECK_FALSE(app.tokens_splice.has_value());
  select_encoding(app, "bytes");
  test::app_frame_headless(app);
  text_editor_set_text(app.editor, "line one\nline 4\n");
  test::app_frame_headless(app);
  CHECK_FALSE(app.tokens_splice.has_value());
  CHECK(app.tokens.size() == std::string("line one\nline 4\n").size());
}


TEST_CASE("a long text is tokenized a part per frame, shown as it comes, and ends as tokenizing at once") {
  for (const char* encoding : {"o200k_base", "bytes"}) {
    CAPTURE(encoding);
    test::HeadlessImGui imgui;
    AppState app;
    app.fonts = test::default_fonts();
    if (std::string(encoding) != "bytes") test::load_builtin_encoding(app, encoding);
    app.editor.focus_request = false;
    std::mt19937 rng(3);
    std::string text;
    while (text.size() < 2 * 1024 * 1024)  // more than a frame's 12 ms of parts anywhere
      text += kLines[rng() % std::size(kLines)];
    text_editor_set_text(app.editor, text);
    test::app_frame_headless(app);
    CHECK(tokenizing_progress(app) == 0);  // started, and left to the next frame
    test::app_frame_headless(app);
    if (tokenizing_progress(app) == 0) test::app_frame_headless(app);  // (a slow frame leaves it to the next)
    double done = tokenizing_progress(app);
    REQUIRE(done > 0);
    REQUIRE(done < 1);
    CHECK(!app.tokens.empty());
    CHECK(app.tokens.back().end == static_cast<uint32_t>(done * static_cast<double>(text.size()) + 0.5));
    CHECK(app.token_view.tile_widths.size() == app.groups.size());  // the tiles so far are laid out
    int frames = 2;
    // An edit half-way: typed into a part already tokenized; the tokenizing starts again and ends right.
    std::string edited = app.editor.text;
    edited.insert(1000, "typed while tokenizing\n");
    text_editor_set_text(app.editor, edited);
    const uint64_t full_layouts = app.token_view.full_layouts;
    test::app_frame_headless(app);  // the edit is taken in: the tokens before its cut stay
    ++frames;
    bool typed_at_end = false;
    for (; tokenizing_progress(app) >= 0; ++frames) {  // (parts of 12 ms: how many depends on the machine)
      const double before = tokenizing_progress(app);
      if (!typed_at_end && before > 0.2) {
        // Typed at the end: the work done is kept.
        text_editor_set_text(app.editor, app.editor.text + "!");
        typed_at_end = true;
        test::app_frame_headless(app);
        REQUIRE(tokenizing_progress(app) != 0);
        if (tokenizing_progress(app) > 0) REQUIRE(tokenizing_progress(app) >= before - 0.001);
        continue;
      }
      test::app_frame_headless(app);
      const double now = tokenizing_progress(app);
      if (now >= 0) REQUIRE(now > 0);
      REQUIRE(frames < 1000);
    }
    // The parts were laid out as they came: all the tiles only once, after the first edit started again.
    CHECK(app.token_view.full_layouts <= full_layouts + 1);
    require_same_as_at_once(app, encoding);
  }
}

namespace {

// Frames until the token view holds every tile (it lays them out for 12 ms a frame); how many it took.
int frames_until_laid_out(AppState& app) {
  int frames = 0;
  do {
    REQUIRE(frames < 1000);
    test::app_frame_headless(app);
    ++frames;
  } while (app.token_view.laying_out);
  return frames;
}

}  // namespace

TEST_CASE("a new font atlas lays every tile out again over frames, the view drawing the old layout meanwhile") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "o200k_base");
  app.editor.focus_request = false;
  std::mt19937 rng(5);
  std::string text;
  while (text.size() < 2 * 1024 * 1024)  // more tiles than 12 ms lay out anywhere
    text += kLines[rng() % std::size(kLines)];
  text_editor_set_text(app.editor, text);
  update_tokens(app);
  CHECK(frames_until_laid_out(app) > 1);  // a text taken in at once is laid out over frames too
  REQUIRE(app.token_view.tile_widths.size() == app.groups.size());
  const std::string labels = app.token_view.labels;
  const uint64_t layouts = app.token_view.full_layouts;

  ++app.fonts.generation;  // a new atlas (with the same glyphs: the labels come out the same)
  test::app_frame_headless(app);
  REQUIRE(app.token_view.next.has_value());
  CHECK(app.token_view.laying_out);
  CHECK(app.token_view.next->tile_widths.size() < app.groups.size());  // a frame's share
  CHECK(app.token_view.tile_widths.size() == app.groups.size());       // the old layout, still whole
  CHECK(app.token_view.laid_out_fonts + 1 == app.fonts.generation);
  CHECK(frames_until_laid_out(app) >= 1);
  CHECK_FALSE(app.token_view.next.has_value());
  CHECK(app.token_view.laid_out_fonts == app.fonts.generation);
  CHECK(app.token_view.full_layouts == layouts + 1);
  CHECK(app.token_view.labels == labels);

  // An edit while the new layout is made: the view keeps the tiles before it, and ends right.
  ++app.fonts.generation;
  test::app_frame_headless(app);
  REQUIRE(app.token_view.next.has_value());
  std::string edited = app.editor.text;
  edited.insert(1000, "typed while laying out\n");
  text_editor_set_text(app.editor, edited);
  frames_until_laid_out(app);
  require_same_as_at_once(app, "o200k_base");

  // A narrower window only wraps the tiles again, in the same frame.
  const uint64_t before_resize = app.token_view.full_layouts;
  ImGui::GetIO().DisplaySize.x -= 300;
  test::app_frame_headless(app);
  CHECK_FALSE(app.token_view.laying_out);
  CHECK(app.token_view.full_layouts == before_resize);
  require_same_as_at_once(app, "o200k_base");
}
