// What one finger on a touch screen means, from its samples alone: a tap, a drag (and its flick
// speed when it lifts), or a long press. Pure: the platform feeds samples, the frame reads events.
#pragma once
#include <cstdint>
#include <vector>

namespace bpeviz {

// A finger's sample as the browser (or SDL) reports it, in CSS pixels and milliseconds.
struct TouchSample {
  enum class Kind { down, move, up, cancel };
  Kind kind = Kind::down;
  int64_t finger = 0;
  float x = 0, y = 0;
  double ms = 0;
};

struct TouchEvent {
  enum class Kind {
    press,            // a finger went down: whatever a long press left hovered is let go
    tap,              // lifted without moving or waiting: a click at (x, y), where it went down
    drag_begin,       // moved beyond the slop: (x, y) where it went down, which axes it scrolls
    drag,             // moved by (dx, dy) on the axes the drag scrolls
    drag_end,         // lifted after a drag, moving at (vx, vy) px/ms on those axes (0 if it had stopped)
    long_press,       // held still for kLongPressMs at (x, y): hover there
    long_press_move,  // the held finger moved to (x, y): the hover follows it
    long_press_end,   // lifted after a long press (the hover stays until the next touch)
    cancelled,        // the browser took the touch, or a second finger made it no gesture
  };
  Kind kind = Kind::tap;
  float x = 0, y = 0;
  float dx = 0, dy = 0;
  float vx = 0, vy = 0;
  bool scroll_x = true, scroll_y = true;  // drag_begin: the axes the drag moves
};

struct TouchGesture {
  // Fingers wobble: Android takes 8 dp as still, Chrome's touch slop is 15 px.
  static constexpr float kSlopPx = 10;
  static constexpr double kLongPressMs = 500;
  // The flick speed is the finger's over its last stretch: a finger that paused before lifting flicks nothing.
  static constexpr double kVelocityWindowMs = 100;

  enum class Phase { idle, undecided, dragging, long_pressing, ignoring };
  Phase phase = Phase::idle;
  int64_t finger = 0;  // the finger followed; others are ignored
  float start_x = 0, start_y = 0;
  double start_ms = 0;
  bool scroll_x = true, scroll_y = true;
  struct Point {
    float x, y;
    double ms;
  };
  std::vector<Point> recent;  // the drag's samples within kVelocityWindowMs of the last one
};

// The events `sample` makes (appended to `out`).
void touch_feed(TouchGesture& gesture, const TouchSample& sample, std::vector<TouchEvent>& out);
// The events time alone makes by `now_ms` (a long press): called every frame.
void touch_tick(TouchGesture& gesture, double now_ms, std::vector<TouchEvent>& out);
// Whether a finger is down on a gesture still to play out.
bool touch_active(const TouchGesture& gesture);

}  // namespace bpeviz
