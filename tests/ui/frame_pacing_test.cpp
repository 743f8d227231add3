// Frame pacing: full rate after input and while something moves, a frame every kStillMs when still;
// and what the app counts as moving by itself.
#include <doctest/doctest.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/frame_pacing.h"

using namespace bpeviz;

namespace {

// Asks for a frame 60 times a second for `seconds` from `from` ms (a browser's animation frames) and
// returns how many were drawn.
int frames_drawn(FramePacing& pacing, double from, int seconds, bool moving) {
  int drawn = 0;
  for (int frame = 0; frame < 60 * seconds; ++frame) {
    const double now = from + frame * 1000.0 / 60;
    if (frame_due(pacing, now, moving)) {
      note_drawn(pacing, now);
      ++drawn;
    }
  }
  return drawn;
}

// An app on o200k_base with the text box unfocused, in the ImGui context the caller keeps.
void set_up(AppState& app) {
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "o200k_base");
  app.editor.focus_request = false;
}

}  // namespace

TEST_CASE("frames: every one for a second after input, then four a second, and every one while moving") {
  FramePacing pacing;
  CHECK(frame_due(pacing, 0, false));  // the first frame
  note_input(pacing, 0);
  CHECK(frames_drawn(pacing, 0, 1, false) == 60);
  // Still: a frame each 250 ms (the caret's blink, 0.8 s on and 0.4 s off, is seen in both states).
  const int still = frames_drawn(pacing, 1000, 2, false);
  CHECK(still >= 7);
  CHECK(still <= 9);
  CHECK(frames_drawn(pacing, 3000, 1, true) == 60);
  // A key, a click or a call from the page: the next frame at once, then full rate again.
  note_input(pacing, 4100);
  CHECK(frame_due(pacing, 4100, false));
  CHECK(frames_drawn(pacing, 4100, 1, false) == 60);
}

TEST_CASE("the app moves by itself while a long text is tokenized and while a paste is carried out") {
  test::HeadlessImGui imgui;
  AppState app;
  set_up(app);
  test::app_frame_headless(app);
  CHECK(!app_moving(app));

  std::string text;
  while (text.size() < 4 * 1024 * 1024) text += "The quick brown fox jumps over the lazy dog.\n";
  text_editor_set_text(app.editor, text);
  test::app_frame_headless(app);
  CHECK(tokenizing_progress(app) >= 0);
  CHECK(app_moving(app));
  for (int frames = 0; tokenizing_progress(app) >= 0; ++frames) {
    REQUIRE(app_moving(app));
    REQUIRE(frames < 1000);
    test::app_frame_headless(app);
  }
  CHECK(!app_moving(app));

  text_editor_paste(app.editor, "pasted");
  CHECK(app_moving(app));
  for (int frames = 0; app_moving(app); ++frames) {
    REQUIRE(frames < 100);
    test::app_frame_headless(app);
  }
  CHECK(app.editor.text.find("pasted") != std::string::npos);
}

TEST_CASE("the app moves by itself while the Merge steps player plays, and is still once it stops at the end") {
  test::HeadlessImGui imgui;
  AppState app;
  set_up(app);
  text_editor_set_text(app.editor, "hello hello 123456789");
  app.panel_request = Panel::merges;
  for (int i = 0; i < 3; ++i) test::app_frame_headless(app);
  REQUIRE(app.player.built);
  CHECK(!app_moving(app));
  app.player.steps_per_second = 60;
  app.player.playing = true;  // as the Play button and bpeviz.player("play") do
  app.player.last_step_time = ImGui::GetTime();
  int frames = 0;
  for (; app.player.playing; ++frames) {
    REQUIRE(app_moving(app));
    REQUIRE(frames < 200);
    test::app_frame_headless(app);
  }
  CHECK(frames > 5);
  CHECK(app.player.step == app.player.player.steps().size());
  CHECK(!app_moving(app));
}
