#include "ui/frame_pacing.h"

#include <chrono>

namespace bpeviz {

double pacing_now_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

void note_input(FramePacing& pacing, double now_ms) { pacing.last_input_ms = now_ms; }

bool frame_due(const FramePacing& pacing, double now_ms, bool moving) {
  return moving || now_ms - pacing.last_input_ms < FramePacing::kSettleMs ||
         now_ms - pacing.last_drawn_ms >= FramePacing::kStillMs;
}

void note_drawn(FramePacing& pacing, double now_ms) { pacing.last_drawn_ms = now_ms; }

}  // namespace bpeviz
