// The touch gesture classifier (touch_gesture.h): one finger's samples to taps, drags, flicks and long presses.
#include "ui/touch/touch_gesture.h"

#include <cmath>

namespace bpeviz {

namespace {

using Kind = TouchEvent::Kind;

TouchEvent event(Kind kind, float x, float y) {
  TouchEvent e;
  e.kind = kind;
  e.x = x;
  e.y = y;
  return e;
}

// The axes a drag moves, from its first movement: one that is mostly along an axis keeps to it (a
// vertical swipe must not jiggle a view that also scrolls sideways), a diagonal one moves both.
void choose_axes(TouchGesture& g, float dx, float dy) {
  g.scroll_x = !(std::fabs(dy) > 2 * std::fabs(dx));
  g.scroll_y = !(std::fabs(dx) > 2 * std::fabs(dy));
}

void remember(TouchGesture& g, float x, float y, double ms) {
  g.recent.push_back({x, y, ms});
  std::size_t old = 0;
  while (old + 1 < g.recent.size() && ms - g.recent[old].ms > TouchGesture::kVelocityWindowMs) ++old;
  g.recent.erase(g.recent.begin(), g.recent.begin() + static_cast<std::ptrdiff_t>(old));
}

// The finger's speed as it lifted at `ms`, px/ms: over its samples of the last kVelocityWindowMs,
// zero when it had not moved in that time (it stopped, then lifted).
void lift_velocity(const TouchGesture& g, double ms, float& vx, float& vy) {
  vx = vy = 0;
  if (g.recent.size() < 2) return;
  const TouchGesture::Point& last = g.recent.back();
  if (ms - last.ms > TouchGesture::kVelocityWindowMs / 2) return;  // held still before lifting
  const TouchGesture::Point& first = g.recent.front();
  const double span = last.ms - first.ms;
  if (span < 1) return;
  vx = g.scroll_x ? static_cast<float>((last.x - first.x) / span) : 0.0f;
  vy = g.scroll_y ? static_cast<float>((last.y - first.y) / span) : 0.0f;
}

}  // namespace

void touch_feed(TouchGesture& g, const TouchSample& s, std::vector<TouchEvent>& out) {
  using SampleKind = TouchSample::Kind;
  if (s.kind == SampleKind::down) {
    if (g.phase == TouchGesture::Phase::idle) {
      g = TouchGesture{};
      g.phase = TouchGesture::Phase::undecided;
      g.finger = s.finger;
      g.start_x = s.x;
      g.start_y = s.y;
      g.start_ms = s.ms;
      out.push_back(event(Kind::press, s.x, s.y));
    } else if (g.phase == TouchGesture::Phase::undecided && s.finger != g.finger) {
      // Two fingers (a pinch, a two-finger swipe): not a tap; nothing until the first finger lifts.
      g.phase = TouchGesture::Phase::ignoring;
      out.push_back(event(Kind::cancelled, g.start_x, g.start_y));
    }
    return;
  }
  if (s.finger != g.finger || g.phase == TouchGesture::Phase::idle) return;
  const float dx = s.x - g.start_x, dy = s.y - g.start_y;
  switch (g.phase) {
    case TouchGesture::Phase::undecided:
      if (s.kind == SampleKind::move && std::hypot(dx, dy) > TouchGesture::kSlopPx) {
        g.phase = TouchGesture::Phase::dragging;
        choose_axes(g, dx, dy);
        TouchEvent begin = event(Kind::drag_begin, g.start_x, g.start_y);
        begin.scroll_x = g.scroll_x;
        begin.scroll_y = g.scroll_y;
        out.push_back(begin);
        // The content follows the finger from where it went down, the slop included.
        TouchEvent drag = event(Kind::drag, s.x, s.y);
        drag.dx = g.scroll_x ? dx : 0.0f;
        drag.dy = g.scroll_y ? dy : 0.0f;
        out.push_back(drag);
        g.recent = {{g.start_x, g.start_y, g.start_ms}};
        remember(g, s.x, s.y, s.ms);
      } else if (s.kind == SampleKind::up) {
        // Lifted before a frame saw a long press (touch_tick): a tap, however late the lift's time. Frames
        // run all the while a finger is down, so a lift that no frame preceded means the page was busy, and
        // the samples' times (when the page got them, not when the finger moved) measure its delay.
        out.push_back(event(Kind::tap, g.start_x, g.start_y));
        g.phase = TouchGesture::Phase::idle;
      } else if (s.kind == SampleKind::cancel) {
        out.push_back(event(Kind::cancelled, g.start_x, g.start_y));
        g.phase = TouchGesture::Phase::idle;
      }
      return;
    case TouchGesture::Phase::dragging:
      if (s.kind == SampleKind::move) {
        const TouchGesture::Point& last = g.recent.back();
        TouchEvent drag = event(Kind::drag, s.x, s.y);
        drag.dx = g.scroll_x ? s.x - last.x : 0.0f;
        drag.dy = g.scroll_y ? s.y - last.y : 0.0f;
        out.push_back(drag);
        remember(g, s.x, s.y, s.ms);
      } else {
        TouchEvent end = event(Kind::drag_end, s.x, s.y);
        if (s.kind == SampleKind::up) lift_velocity(g, s.ms, end.vx, end.vy);
        out.push_back(end);
        g.phase = TouchGesture::Phase::idle;
      }
      return;
    case TouchGesture::Phase::long_pressing:
      out.push_back(event(s.kind == SampleKind::move ? Kind::long_press_move : Kind::long_press_end, s.x, s.y));
      if (s.kind != SampleKind::move) g.phase = TouchGesture::Phase::idle;
      return;
    case TouchGesture::Phase::ignoring:
      if (s.kind != SampleKind::move) g.phase = TouchGesture::Phase::idle;
      return;
    case TouchGesture::Phase::idle: return;
  }
}

void touch_tick(TouchGesture& g, double now_ms, std::vector<TouchEvent>& out) {
  if (g.phase == TouchGesture::Phase::undecided && now_ms - g.start_ms >= TouchGesture::kLongPressMs) {
    g.phase = TouchGesture::Phase::long_pressing;
    out.push_back(event(Kind::long_press, g.start_x, g.start_y));
  }
}

bool touch_active(const TouchGesture& g) { return g.phase != TouchGesture::Phase::idle; }

}  // namespace bpeviz
