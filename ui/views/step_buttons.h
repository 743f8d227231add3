// The controls both players draw — the Merge steps tab's and the training studio's: first, back,
// play/pause, next, last and a speed slider on one row, the keyboard (space plays or pauses, the
// arrows step), and playing in time.
#pragma once
#include <cstddef>
#include <string>

namespace bpeviz {

struct AccessMirror;

struct StepPlayback {
  std::size_t& step;         // steps applied, 0..steps
  bool& playing;
  float& steps_per_second;
  double& last_step_time;    // when playing last advanced (ImGui::GetTime())
  // The page's semantic copy (ui/access/), which gets the buttons and the speed as `access_key`:first, …:speed
  // and can press them (null: not recorded).
  AccessMirror* access = nullptr;
  std::string access_key = "player";
};

// Draws the buttons and the speed slider; the caller may continue the row with SameLine.
void draw_step_buttons(const StepPlayback& p, std::size_t steps, float speed_width);
// Space plays or pauses and the arrows step, while the window has focus and no text field has the keyboard.
void handle_step_keys(const StepPlayback& p, std::size_t steps);
// Advances a playing player to `now` (seconds); it stops at the last step.
void advance_playback(const StepPlayback& p, std::size_t steps, double now);

}  // namespace bpeviz
