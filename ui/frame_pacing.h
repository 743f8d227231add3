// When the page draws a frame: at full rate while something moves, a few times a second when the
// picture is still. Thirty laptops on battery in a lecture hall should not each redraw an unchanged
// page 60 times a second, and ImGui 1.86's text box costs ~40 ms a frame while it holds 10 MB.
#pragma once

namespace bpeviz {

struct FramePacing {
  // After input (an event or a call from the page's JavaScript) frames go on at full rate this long:
  // popups, scrolling and held requests settle over a few frames.
  static constexpr double kSettleMs = 1000;
  // When still, a frame this often anyway: ImGui's caret blinks (on 0.8 s, off 0.4 s) and anything
  // timed that no one told the pacing about moves on, only less smoothly.
  static constexpr double kStillMs = 250;

  double last_input_ms = -1e300;
  double last_drawn_ms = -1e300;
};

// The clock the pacing goes by: std::chrono::steady_clock, in milliseconds.
double pacing_now_ms();
// Input arrived at `now_ms`.
void note_input(FramePacing& pacing, double now_ms);
// Whether to draw a frame at `now_ms`; `moving`: something on screen changes by itself (app_moving).
bool frame_due(const FramePacing& pacing, double now_ms, bool moving);
void note_drawn(FramePacing& pacing, double now_ms);

}  // namespace bpeviz
