// A flick: after a drag lifts at speed, the view it scrolled keeps moving, slower and slower, as a
// phone's lists do. Pure: the frame asks how far it moved since the last frame.
#pragma once

namespace bpeviz {

struct Flick {
  // The speed falls by e each kDecayMs (iOS's lists use about 325 ms): a flick at 2 px/ms coasts
  // about 650 px further, "a little".
  static constexpr double kDecayMs = 325;
  static constexpr float kMinStart = 0.25f;  // px/ms: slower lifts are not flicks (250 px/s)
  static constexpr float kMaxSpeed = 6.0f;   // px/ms: a frantic swipe still coasts a bounded way
  static constexpr float kStop = 0.02f;      // px/ms: below this it has stopped

  float vx = 0, vy = 0;  // px/ms, in the finger's direction
  double last_ms = 0;
};

// Starts a flick at `now_ms` from the finger's speed as it lifted (px/ms); too slow a lift starts none.
void flick_start(Flick& flick, float vx, float vy, double now_ms);
// How far (px, in the finger's direction) the flick moved from the last step to `now_ms`.
struct FlickStep {
  float dx = 0, dy = 0;
};
FlickStep flick_step(Flick& flick, double now_ms);
// Whether it is still moving.
bool flick_moving(const Flick& flick);
void flick_stop(Flick& flick);

}  // namespace bpeviz
