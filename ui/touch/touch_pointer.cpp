// Touch played to ImGui (touch_pointer.h): the pointer and button a frame sees, and the drag's scrolling
// of whichever window lies under the finger, so that every view scrolls by touch without code of its own.
#include "ui/touch/touch_pointer.h"

#include <imgui_internal.h>  // the windows as last drawn, their scroll limits and parents

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <utility>

namespace bpeviz {

namespace {

// The innermost window under `p` as last drawn, as ImGui 1.86's FindHoveredWindow (internal) finds
// the mouse's: front to back, skipping hidden windows and those that take no mouse (tooltips).
ImGuiWindow* window_at(ImVec2 p) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  for (int i = g.Windows.Size - 1; i >= 0; --i) {
    ImGuiWindow* window = g.Windows[i];
    if (!window->Active || window->Hidden || (window->Flags & ImGuiWindowFlags_NoMouseInputs)) continue;
    if (window->OuterRectClipped.Contains(p)) return window;
  }
  return nullptr;
}

// From the window under the finger out through its parents, the first that can scroll on an axis:
// a drag over a list inside a panel scrolls the list, a drag over the panel's own content the panel.
// Windows that opt out of the wheel (ImGuiWindowFlags_NoScrollWithMouse) opt out of the finger too.
void find_targets(TouchPointer& touch, ImVec2 p, bool scroll_x, bool scroll_y) {
  touch.target_x = touch.target_y = 0;
  for (ImGuiWindow* w = window_at(p); w; w = (w->Flags & ImGuiWindowFlags_ChildWindow) ? w->ParentWindow : nullptr) {
    if (w->Flags & ImGuiWindowFlags_NoScrollWithMouse) continue;
    if (scroll_x && !touch.target_x && w->ScrollMax.x > 0) touch.target_x = w->ID;
    if (scroll_y && !touch.target_y && w->ScrollMax.y > 0) touch.target_y = w->ID;
  }
}

// Scrolls window `id` on `axis` (0: x, 1: y) against the finger's movement `d`; false when it is
// at its end (or gone), so that a flick stops there. ImGui keeps whole pixels (it floors the scroll):
// the fraction is carried, else a slow drag, a pixel or less a frame, would lag behind the finger.
bool scroll_by(TouchPointer& touch, ImGuiID id, int axis, float d) {
  ImGuiWindow* w = id ? ImGui::FindWindowByID(id) : nullptr;
  if (!w || d == 0) return w != nullptr;
  const float from = axis == 0 ? w->Scroll.x : w->Scroll.y;
  const float to = std::clamp(from - d + touch.carry[axis], 0.0f, axis == 0 ? w->ScrollMax.x : w->ScrollMax.y);
  touch.carry[axis] = to - std::floor(to);
  if (axis == 0) ImGui::SetScrollX(w, to);
  else ImGui::SetScrollY(w, to);
  touch.target_name = w->Name;
  return to != from;
}

void apply_events(TouchPointer& touch, double now_ms) {
  for (const TouchEvent& e : touch.events) {
    switch (e.kind) {
      case TouchEvent::Kind::press:
        touch.hovering = false;
        touch.stopped_flick = flick_moving(touch.flick);
        flick_stop(touch.flick);  // a finger on a coasting view stops it, as on a phone
        break;
      case TouchEvent::Kind::tap:
        if (!touch.stopped_flick) touch.taps.push_back({e.x, e.y, 0});
        break;
      case TouchEvent::Kind::drag_begin:
        find_targets(touch, ImVec2(e.x, e.y), e.scroll_x, e.scroll_y);
        touch.pending_dx = touch.pending_dy = 0;
        touch.carry[0] = touch.carry[1] = 0;
        break;
      case TouchEvent::Kind::drag:
        touch.pending_dx += e.dx;
        touch.pending_dy += e.dy;
        break;
      case TouchEvent::Kind::drag_end: flick_start(touch.flick, e.vx, e.vy, now_ms); break;
      case TouchEvent::Kind::long_press:
      case TouchEvent::Kind::long_press_move:
      case TouchEvent::Kind::long_press_end:
        touch.hovering = true;
        touch.hover_x = e.x;
        touch.hover_y = e.y;
        break;
      case TouchEvent::Kind::cancelled: break;
    }
  }
  touch.events.clear();
}

void scroll(TouchPointer& touch, double now_ms) {
  const FlickStep coast = flick_step(touch.flick, now_ms);
  const float dx = std::exchange(touch.pending_dx, 0.0f) + coast.dx;
  const float dy = std::exchange(touch.pending_dy, 0.0f) + coast.dy;
  const bool moved_x = scroll_by(touch, touch.target_x, 0, dx);
  const bool moved_y = scroll_by(touch, touch.target_y, 1, dy);
  // At an end (or with nothing to scroll on an axis) the flick has nothing left to move there.
  if (!moved_x) touch.flick.vx = 0;
  if (!moved_y) touch.flick.vy = 0;
}

}  // namespace

void touch_pointer_feed(TouchPointer& touch, const TouchSample& sample) {
  if (sample.kind == TouchSample::Kind::down) touch.owns_mouse = true;
  touch_feed(touch.gesture, sample, touch.events);
}

void touch_pointer_mouse_used(TouchPointer& touch) {
  touch.owns_mouse = false;
  touch.hovering = false;
  touch.taps.clear();
}

void touch_pointer_frame(TouchPointer& touch, ImGuiIO& io, double now_ms) {
  touch_tick(touch.gesture, now_ms, touch.events);
  apply_events(touch, now_ms);
  scroll(touch, now_ms);
  if (!touch.owns_mouse) return;
  io.MouseDown[0] = io.MouseDown[1] = io.MouseDown[2] = false;
  if (!touch.taps.empty()) {
    // One stage a frame: hover, press, release (the pointer then leaves, or goes to the next tap).
    TouchPointer::Tap& tap = touch.taps.front();
    io.MousePos = ImVec2(tap.x, tap.y);
    io.MouseDown[0] = tap.stage == 1;
    if (++tap.stage == 3) touch.taps.pop_front();
    return;
  }
  io.MousePos = touch.hovering ? ImVec2(touch.hover_x, touch.hover_y) : ImVec2(-FLT_MAX, -FLT_MAX);
}

bool touch_pointer_busy(const TouchPointer& touch) {
  return touch_active(touch.gesture) || !touch.taps.empty() || !touch.events.empty() || flick_moving(touch.flick);
}

ImVec2 touch_target_scroll(const TouchPointer& touch) {
  const ImGuiWindow* x = touch.target_x ? ImGui::FindWindowByID(touch.target_x) : nullptr;
  const ImGuiWindow* y = touch.target_y ? ImGui::FindWindowByID(touch.target_y) : nullptr;
  return ImVec2(x ? x->Scroll.x : 0.0f, y ? y->Scroll.y : 0.0f);
}

}  // namespace bpeviz
