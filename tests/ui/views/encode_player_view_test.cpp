// The encode player tab, headless: it plays the app's text under the app's encoding, from bytes to
// the tokens the Tokens tab shows, steps by buttons' state, plays in time, and explains itself.
#include <doctest/doctest.h>

#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"

using namespace bpeviz;

namespace {

void frame(AppState& app) { test::app_frame_headless(app); }

void load(AppState& app, const char* name) { test::load_builtin_encoding(app, name); }

}  // namespace

TEST_CASE("the merge steps tab plays the text from bytes to the encode result") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  load(app, "o200k_base");
  text_editor_set_text(app.editor, "hello hello 123456789 Hello, 🌍!");
  app.panel_request = Panel::merges;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.panel == Panel::merges);
  REQUIRE(app.player.built);
  const std::size_t steps = app.player.player.steps().size();
  CHECK(steps > 5);
  CHECK(app.player.tokens.size() == app.editor.text.size());  // step 0: one token per byte
  CHECK(describe_player_step(app.player, app.editor.text, 0).find("one token per byte") != std::string::npos);
  CHECK(describe_player_step(app.player, app.editor.text, 1).find("Step 1 of") == 0);

  app.player.step = steps;
  frame(app);
  CHECK(app.player.tokens == app.tokens);  // the last step is what the Tokens tab shows
  CHECK(!app.player.highlights.empty());

  // Playing at 60 steps a second advances about a step a frame (60 frames a second here).
  app.player.step = 0;
  app.player.steps_per_second = 60;
  app.player.playing = true;
  app.player.last_step_time = ImGui::GetTime();
  for (int i = 0; i < 4; ++i) frame(app);
  CHECK(app.player.step >= 2);
  CHECK(app.player.step <= 5);
  for (int i = 0; i < 200 && app.player.playing; ++i) frame(app);
  CHECK(app.player.step == steps);
  CHECK(!app.player.playing);  // stops at the end
}

TEST_CASE("the merge steps tab follows text and encoding changes, and explains when it cannot play") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  text_editor_set_text(app.editor, "abc");
  app.panel_request = Panel::merges;
  for (int i = 0; i < 2; ++i) frame(app);
  CHECK(!app.player.built);
  CHECK(app.player.error.find("byte-level") != std::string::npos);

  load(app, "cl100k_base");
  app.special_mode = SpecialMode::error;
  text_editor_set_text(app.editor, "a <|endoftext|>");
  frame(app);
  CHECK(!app.player.built);
  CHECK(app.player.error.find("<|endoftext|>") != std::string::npos);

  app.special_mode = SpecialMode::allowed;
  frame(app);
  REQUIRE(app.player.built);
  app.player.step = app.player.player.steps().size();
  frame(app);
  CHECK(app.player.tokens.back().id == 100257);  // <|endoftext|>

  // A long text is played a part at a time.
  text_editor_set_text(app.editor, test::read_file("/usr/share/common-licenses/GPL-3"));
  app.player.part_begin = 10000;
  frame(app);
  REQUIRE(app.player.built);
  CHECK(app.player.player.span().begin <= 10000);
  CHECK(app.player.player.span().end - app.player.player.span().begin < 2 * EncodePlayerState::kPartBytes);
  CHECK(app.player.step == 0);  // a new script starts at the bytes
}
