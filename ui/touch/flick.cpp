// The flick's decay (flick.h): an exponential slow-down, integrated exactly so that the distance does
// not depend on the frame rate.
#include "ui/touch/flick.h"

#include <algorithm>
#include <cmath>

namespace bpeviz {

void flick_start(Flick& flick, float vx, float vy, double now_ms) {
  const float speed = std::hypot(vx, vy);
  if (speed < Flick::kMinStart) {
    flick_stop(flick);
    return;
  }
  const float scale = std::min(1.0f, Flick::kMaxSpeed / speed);
  flick.vx = vx * scale;
  flick.vy = vy * scale;
  flick.last_ms = now_ms;
}

FlickStep flick_step(Flick& flick, double now_ms) {
  if (!flick_moving(flick)) return {};
  const double dt = std::max(0.0, now_ms - flick.last_ms);
  flick.last_ms = now_ms;
  // v(t) = v0 e^(-t/T): it covers v0 T (1 - e^(-dt/T)) in dt, and ends at v0 e^(-dt/T).
  const double decay = std::exp(-dt / Flick::kDecayMs);
  const auto covered = static_cast<float>(Flick::kDecayMs * (1 - decay));
  FlickStep step{flick.vx * covered, flick.vy * covered};
  flick.vx *= static_cast<float>(decay);
  flick.vy *= static_cast<float>(decay);
  if (std::hypot(flick.vx, flick.vy) < Flick::kStop) flick_stop(flick);
  return step;
}

bool flick_moving(const Flick& flick) { return flick.vx != 0 || flick.vy != 0; }

void flick_stop(Flick& flick) { flick.vx = flick.vy = 0; }

}  // namespace bpeviz
