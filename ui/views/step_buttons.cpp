// The players' shared controls.
#include "ui/views/step_buttons.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/access/record.h"

namespace bpeviz {

namespace {

void toggle_play(const StepPlayback& p, std::size_t steps) {
  p.playing = !p.playing;
  if (p.playing && p.step >= steps) p.step = 0;  // play again from the start
  p.last_step_time = ImGui::GetTime();
}

// Whether the button just drawn was pressed in the mirror (named for a screen reader: "|<" says nothing).
bool mirrored(const StepPlayback& p, const char* key, const char* name, bool disabled) {
  if (!p.access) return false;
  return mirror_control(*p.access, AccessRole::button, p.access_key + ":" + key, name, false,
                        disabled || ImGui::GetItemFlags() & ImGuiItemFlags_Disabled);
}

}  // namespace

void draw_step_buttons(const StepPlayback& p, std::size_t steps, float speed_width) {
  ImGui::BeginDisabled(p.step == 0);
  bool clicked = ImGui::Button("|<");
  if (mirrored(p, "first", "First step", p.step == 0) || clicked) p.step = 0;
  ImGui::SameLine();
  clicked = ImGui::Button("< Back");
  if (mirrored(p, "back", "Previous step", p.step == 0) || clicked) --p.step;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(steps == 0);
  // As wide as "Pause" either way, so the row does not jump when it changes.
  const float width = ImGui::CalcTextSize("Pause").x + 2 * ImGui::GetStyle().FramePadding.x;
  clicked = ImGui::Button(p.playing ? "Pause" : "Play", ImVec2(width, 0));
  if (mirrored(p, "play", p.playing ? "Pause" : "Play", steps == 0) || clicked) toggle_play(p, steps);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(p.step >= steps);
  clicked = ImGui::Button("Next >");
  if (mirrored(p, "next", "Next step", p.step >= steps) || clicked) ++p.step;
  ImGui::SameLine();
  clicked = ImGui::Button(">|");
  if (mirrored(p, "last", "Last step", p.step >= steps) || clicked) p.step = steps;
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::SetNextItemWidth(speed_width);
  ImGui::SliderFloat("steps/s", &p.steps_per_second, 0.5f, 60.0f, "%.1f", ImGuiSliderFlags_Logarithmic);
  if (p.access) {
    if (const auto v = mirror_slider(*p.access, p.access_key + ":speed", "Steps per second", {0.5f, 60.0f, p.steps_per_second, 0.5f})) {
      p.steps_per_second = *v;
    }
  }
}

void handle_step_keys(const StepPlayback& p, std::size_t steps) {
  if (ImGui::GetIO().WantTextInput || !ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows)) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false) && steps > 0) toggle_play(p, steps);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow)) && p.step < steps) {
    ++p.step;
    p.playing = false;
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)) && p.step > 0) {
    --p.step;
    p.playing = false;
  }
}

void advance_playback(const StepPlayback& p, std::size_t steps, double now) {
  if (!p.playing) return;
  const double period = 1.0 / p.steps_per_second;
  // After a long pause (a hidden tab), resume from now instead of catching up in one jump.
  if (now - p.last_step_time > 1.0 + period) p.last_step_time = now - period;
  while (p.step < steps && now - p.last_step_time >= period) {
    ++p.step;
    p.last_step_time += period;
  }
  if (p.step >= steps) p.playing = false;
}

}  // namespace bpeviz
