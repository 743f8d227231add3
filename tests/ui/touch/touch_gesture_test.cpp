// The touch classifier and the flick: samples as a finger makes them (a tap with a wobble, a swipe
// at 60 samples a second, a finger held still) to taps, drags, flick speeds and long presses.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "ui/touch/flick.h"
#include "ui/touch/touch_gesture.h"

using namespace bpeviz;

namespace {

using Kind = TouchEvent::Kind;
using SampleKind = TouchSample::Kind;

std::vector<TouchEvent> feed(TouchGesture& g, SampleKind kind, float x, float y, double ms, int64_t finger = 1) {
  std::vector<TouchEvent> out;
  touch_feed(g, {kind, finger, x, y, ms}, out);
  return out;
}

std::vector<Kind> kinds(const std::vector<TouchEvent>& events) {
  std::vector<Kind> k;
  for (const auto& e : events) k.push_back(e.kind);
  return k;
}

// A swipe from (x, y) by (dx, dy) per sample, a sample each 16 ms, `samples` of them; returns every event.
std::vector<TouchEvent> swipe(TouchGesture& g, float x, float y, float dx, float dy, int samples, double ms = 0) {
  std::vector<TouchEvent> all = feed(g, SampleKind::down, x, y, ms);
  for (int i = 1; i <= samples; ++i) {
    const auto e = feed(g, SampleKind::move, x + dx * i, y + dy * i, ms + 16 * i);
    all.insert(all.end(), e.begin(), e.end());
  }
  return all;
}

}  // namespace

TEST_CASE("touch: a finger lifted where it went down, or within the slop, is a tap where it went down") {
  TouchGesture g;
  CHECK(kinds(feed(g, SampleKind::down, 100, 200, 0)) == std::vector{Kind::press});
  CHECK(touch_active(g));
  CHECK(feed(g, SampleKind::move, 104, 197, 30).empty());  // a wobble
  const auto up = feed(g, SampleKind::up, 106, 195, 120);
  REQUIRE(kinds(up) == std::vector{Kind::tap});
  CHECK(up[0].x == 100);
  CHECK(up[0].y == 200);
  CHECK(!touch_active(g));
  // Again, after the first: each touch is one gesture.
  feed(g, SampleKind::down, 10, 10, 500);
  CHECK(kinds(feed(g, SampleKind::up, 10, 10, 560)) == std::vector{Kind::tap});
}

TEST_CASE("touch: a drag moves the content with the finger from where it went down, and never taps") {
  TouchGesture g;
  const auto events = swipe(g, 200, 600, 0, -12, 20);  // up the screen, 12 px a sample
  REQUIRE(events.size() >= 3);
  CHECK(events[1].kind == Kind::drag_begin);
  CHECK(events[1].x == 200);
  CHECK(events[1].y == 600);
  CHECK(events[1].scroll_y);
  CHECK_FALSE(events[1].scroll_x);  // straight up: the drag keeps to the vertical
  float total = 0;
  for (const auto& e : events) {
    CHECK(e.kind != Kind::tap);
    if (e.kind == Kind::drag) total += e.dy;
  }
  CHECK(total == doctest::Approx(-240));
  // Lifted at speed: 12 px each 16 ms, 0.75 px/ms up.
  const auto end = feed(g, SampleKind::up, 200, 600 - 240, 20 * 16 + 8);
  REQUIRE(kinds(end) == std::vector{Kind::drag_end});
  CHECK(end[0].vy == doctest::Approx(-0.75f).epsilon(0.01));
  CHECK(end[0].vx == 0);
}

TEST_CASE("touch: a drag's axes follow its first movement; a diagonal one moves both") {
  TouchGesture g;
  auto events = swipe(g, 0, 0, 10, 2, 5);  // mostly sideways
  CHECK(events[1].scroll_x);
  CHECK_FALSE(events[1].scroll_y);
  for (const auto& e : events) CHECK(e.dy == 0);
  feed(g, SampleKind::up, 50, 10, 200);
  events = swipe(g, 0, 0, 8, 7, 5, 1000);
  CHECK(events[1].scroll_x);
  CHECK(events[1].scroll_y);
}

TEST_CASE("touch: a finger that stops before it lifts flicks nothing") {
  TouchGesture g;
  swipe(g, 100, 500, 0, -20, 10);
  feed(g, SampleKind::move, 100, 300, 10 * 16 + 200);  // the same place, 200 ms later
  const auto end = feed(g, SampleKind::up, 100, 300, 10 * 16 + 300);
  REQUIRE(kinds(end) == std::vector{Kind::drag_end});
  CHECK(end[0].vx == 0);
  CHECK(end[0].vy == 0);
}

TEST_CASE("touch: held still for 500 ms is a long press, which hovers, follows the finger, and never taps") {
  TouchGesture g;
  feed(g, SampleKind::down, 50, 60, 1000);
  std::vector<TouchEvent> out;
  touch_tick(g, 1499, out);
  CHECK(out.empty());
  feed(g, SampleKind::move, 53, 62, 1200);  // within the slop: still still
  touch_tick(g, 1500, out);
  REQUIRE(kinds(out) == std::vector{Kind::long_press});
  CHECK(out[0].x == 50);
  const auto moved = feed(g, SampleKind::move, 90, 62, 1700);  // now the hover follows, it does not scroll
  REQUIRE(kinds(moved) == std::vector{Kind::long_press_move});
  CHECK(moved[0].x == 90);
  CHECK(kinds(feed(g, SampleKind::up, 90, 62, 1800)) == std::vector{Kind::long_press_end});
  // A lift that reached the page 600 ms after the press, with no frame between (a busy page): a tap.
  feed(g, SampleKind::down, 5, 5, 3000);
  CHECK(kinds(feed(g, SampleKind::up, 5, 5, 3600)) == std::vector{Kind::tap});
}

TEST_CASE("touch: a second finger makes the touch no gesture; other fingers' samples are ignored") {
  TouchGesture g;
  feed(g, SampleKind::down, 100, 100, 0, 1);
  CHECK(kinds(feed(g, SampleKind::down, 200, 100, 20, 2)) == std::vector{Kind::cancelled});
  CHECK(feed(g, SampleKind::move, 300, 100, 40, 2).empty());
  CHECK(feed(g, SampleKind::up, 300, 100, 60, 2).empty());
  CHECK(feed(g, SampleKind::up, 100, 100, 80, 1).empty());  // no tap
  std::vector<TouchEvent> out;
  touch_tick(g, 2000, out);
  CHECK(out.empty());  // nor a long press
  CHECK(!touch_active(g));
  // During a drag a second finger changes nothing.
  swipe(g, 0, 400, 0, -15, 4, 3000);
  CHECK(feed(g, SampleKind::down, 200, 100, 3100, 7).empty());
  CHECK(kinds(feed(g, SampleKind::move, 0, 320, 3110)) == std::vector{Kind::drag});
}

TEST_CASE("flick: it coasts v0 times the decay time, whatever the frame rate, slower and slower") {
  for (const double frame_ms : {1000.0 / 60, 1000.0 / 30, 1000.0 / 120}) {
    CAPTURE(frame_ms);
    Flick f;
    flick_start(f, 0, -2, 0);  // 2 px/ms up the screen
    REQUIRE(flick_moving(f));
    float total = 0, last = 1e9f;
    double t = 0;
    while (flick_moving(f)) {
      t += frame_ms;
      const FlickStep step = flick_step(f, t);
      CHECK(step.dx == 0);
      CHECK(std::fabs(step.dy) <= last);
      last = std::fabs(step.dy);
      total += step.dy;
      REQUIRE(t < 10000);
    }
    // v0·T = 650 px, less the tail below the stopping speed (0.02 px/ms · 325 ms = 6.5 px).
    CHECK(total == doctest::Approx(-650).epsilon(0.015));
    CHECK(t < 2000);  // "a little": it stops within two seconds
  }
  Flick slow;
  flick_start(slow, 0.1f, 0.1f, 0);  // a lift at 140 px/s is no flick
  CHECK_FALSE(flick_moving(slow));
  Flick wild;
  flick_start(wild, 40, 0, 0);
  CHECK(wild.vx == doctest::Approx(Flick::kMaxSpeed));
}
