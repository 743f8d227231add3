// Touch played to ImGui 1.86, which knows only a mouse: a tap becomes a click whose hover comes a
// frame before its press, a drag scrolls the window under the finger (and a flick coasts it), a long
// press hovers. The platform feeds finger samples; touch_pointer_frame runs before ImGui::NewFrame.
#pragma once
#include <deque>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/touch/flick.h"
#include "ui/touch/touch_gesture.h"

namespace bpeviz {

struct TouchPointer {
  TouchGesture gesture;
  std::vector<TouchEvent> events;  // made since the last frame
  bool owns_mouse = false;         // the last pointer input was a finger (a mouse's motion takes it back)

  // Taps play out over frames: the pointer moves there (ImGui works out what it hovers), the button
  // goes down, up, and the pointer leaves (no hover or tooltip stays after a tap). `stage` counts them.
  struct Tap {
    float x = 0, y = 0;
    int stage = 0;
  };
  std::deque<Tap> taps;
  bool stopped_flick = false;  // this touch stopped a flick: its tap only stops, as on a phone
  bool hovering = false;  // a long press: the pointer rests at hover_x, hover_y
  float hover_x = 0, hover_y = 0;

  // The windows a drag (and its flick) scrolls, per axis (ImGui ids; 0: none), and its movement not yet applied.
  ImGuiID target_x = 0, target_y = 0;
  float pending_dx = 0, pending_dy = 0;
  float carry[2] = {};  // ImGui floors a window's scroll: the fraction it dropped, kept for the next frame
  Flick flick;
  std::string target_name;  // of the window last scrolled, for the page's state()
  // How long the browser held the finger event it is dispatching now before the page got it (set by the
  // platform): a busy page handles a finger's samples late and in bursts, and a flick's speed is the finger's.
  double event_age_ms = 0;
};

void touch_pointer_feed(TouchPointer& touch, const TouchSample& sample);
// A mouse moved or clicked: from now on the mouse, not the finger, places ImGui's pointer.
void touch_pointer_mouse_used(TouchPointer& touch);
// Gives ImGui this frame's pointer (after the platform set the mouse's) and scrolls what a drag or a
// flick moves. Before ImGui::NewFrame: the windows are last frame's, as the finger saw them.
void touch_pointer_frame(TouchPointer& touch, ImGuiIO& io, double now_ms);
// Whether touch wants frames without further input (a tap playing out, a flick, a finger held down).
bool touch_pointer_busy(const TouchPointer& touch);
// How far the windows the last drag scrolled are scrolled (x, y; 0 on an axis it did not scroll).
ImVec2 touch_target_scroll(const TouchPointer& touch);

}  // namespace bpeviz
