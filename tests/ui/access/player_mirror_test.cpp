// The Merge steps view and the status band in the mirror (ui/access/), headless: the step said as the player
// shows it (against the player's own script), its buttons and sliders pressed from the mirror doing what a
// click does, and the page's problems as alerts.
#include <doctest/doctest.h>

#include <string>

#include "tests/ui/access/mirror_lookup.h"
#include "tests/ui/frames.h"
#include "ui/access/mirror.h"
#include "ui/access/spoken.h"
#include "ui/app.h"
#include "ui/text_box/text_editor.h"

using namespace bpeviz;

namespace {

using test::frames;
const AccessNode& node(const AppState& app, const std::string& key) { return test::mirror_node(app, key); }

// What the mirror should say of step `step` (from 1), from the player's script: the pair and the new id.
std::string expected_step(const AppState& app, std::size_t step) {
  const PlayerStep& s = app.player.player.steps()[step - 1];
  const PlayerPlace& p = s.places.front();
  const std::string_view text = app.editor.text;
  return "Step " + std::to_string(step) + " of " + std::to_string(app.player.player.steps().size()) + ": " +
         spoken_quote(text.substr(p.begin, p.mid - p.begin)) + " + " + spoken_quote(text.substr(p.mid, p.end - p.mid)) +
         " → " + spoken_quote(text.substr(p.begin, p.end - p.begin)) + ", id " + std::to_string(s.id);
}

}  // namespace

TEST_CASE("mirror: the Merge steps view says its step, and its buttons and sliders step it") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  text_editor_set_text(app.editor, "the cat sat on the mat");
  app.panel_request = Panel::merges;
  frames(app, 3);
  REQUIRE(app.player.built);
  const std::size_t steps = app.player.player.steps().size();
  REQUIRE(steps > 4);

  const AccessNode& start = node(app, "player:description");
  CHECK(start.live);
  CHECK(start.name.find("one token per byte") != std::string::npos);
  CHECK(node(app, "player:first").disabled);  // at the start: nothing before
  CHECK(node(app, "player:back").name == "Previous step");
  CHECK(node(app, "player:step").role == AccessRole::slider);
  CHECK(node(app, "player:step").range == AccessRange{0, static_cast<float>(steps), 0, 1});

  mirror_command(app.access, "player:next");
  frames(app, 2);
  CHECK(app.player.step == 1);
  CHECK(node(app, "player:description").name.rfind(expected_step(app, 1), 0) == 0);
  mirror_command(app.access, "player:step", "4");
  frames(app, 2);
  CHECK(app.player.step == 4);
  CHECK(node(app, "player:step").range.now == 4);
  CHECK(node(app, "player:description").name.rfind(expected_step(app, 4), 0) == 0);
  mirror_command(app.access, "player:back");
  frames(app, 2);
  CHECK(app.player.step == 3);
  mirror_command(app.access, "player:last");
  frames(app, 2);
  CHECK(app.player.step == steps);
  CHECK(node(app, "player:next").disabled);
  mirror_command(app.access, "player:next");  // disabled: pressing it does nothing
  frames(app, 2);
  CHECK(app.player.step == steps);
  mirror_command(app.access, "player:step", "nine");  // not a number: nothing
  mirror_command(app.access, "player:speed", "12");
  frames(app, 2);
  CHECK(app.player.step == steps);
  CHECK(app.player.steps_per_second == 12);
  mirror_command(app.access, "player:first");
  frames(app, 2);
  CHECK(app.player.step == 0);
  mirror_command(app.access, "player:play");
  frames(app, 2);
  CHECK(app.player.playing);
  CHECK(node(app, "player:play").name == "Pause");
}

TEST_CASE("mirror: the status band's problems are alerts, with a button that dismisses them") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  frames(app, 2);
  CHECK(mirror_find(app.access, "status:message") == nullptr);
  app.message = "Could not export: no tokens.";
  frames(app, 2);
  CHECK(node(app, "status:message").role == AccessRole::alert);
  CHECK(node(app, "status:message").name == app.message);
  CHECK(node(app, "status").role == AccessRole::region);
  mirror_command(app.access, "status:dismiss");
  frames(app, 2);
  CHECK(app.message.empty());
  CHECK(mirror_find(app.access, "status:message") == nullptr);
}
