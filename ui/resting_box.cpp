#include "ui/resting_box.h"

#include <imgui_internal.h>  // the box's edit state, and the focus it keeps while it rests

#include <algorithm>
#include <cmath>

namespace bpeviz {

namespace {

// Any key, character or mouse button this frame: the box may have something to do with it.
bool any_input() {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.InputQueueCharacters.empty() || io.KeyCtrl || io.KeyShift || io.KeyAlt || io.KeySuper) return true;
  if (std::any_of(std::begin(io.KeysDown), std::end(io.KeysDown), [](bool down) { return down; })) return true;
  for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b) {
    if (io.MouseDown[b] || io.MouseReleased[b]) return true;
  }
  return false;
}

// A keyboard focus or activation on its way (SetKeyboardFocusHere, Tab): ImGui hands it to a box
// without the focus by reloading its text, which must not happen to a box that only rests.
bool focus_on_its_way(ImGuiID id) {
  const ImGuiContext& g = *GImGui;
  return g.NavMoveSubmitted || g.NavMoveForwardToNextFrame || g.NavActivateId == id || g.NavActivateInputId == id ||
         g.NavNextActivateId != 0;
}

}  // namespace

bool box_may_rest(const ImGuiInputTextState& box, ImGuiID id, std::size_t text_bytes) {
  return text_bytes >= kRestingBoxBytes && ImGui::GetActiveID() == id && box.ID == id &&
         static_cast<std::size_t>(box.CurLenA) == text_bytes && !box.HasSelection() && box.ScrollX == 0.0f &&
         !box.CursorFollow && !any_input() && !focus_on_its_way(id);
}

void begin_rest() { GImGui->ActiveId = 0; }

void end_rest(RestingCaret& caret, ImGuiInputTextState& box, ImGuiID id, std::string_view text, uint64_t revision,
              ImGuiWindow* child, bool draw_caret) {
  ImGuiContext& g = *GImGui;
  g.ActiveId = id;
  ImGui::KeepAliveID(id);
  // What the box does each frame it is active: it wants the keyboard's text (the app's shortcuts stand
  // aside), lets other items be hovered, and blinks its caret.
  g.WantTextInputNextFrame = 1;
  g.ActiveIdAllowOverlap = true;
  box.CursorAnim += g.IO.DeltaTime;
  if (!child || !child->Active) return;

  if (caret.revision != revision || caret.cursor != box.Stb.cursor) {
    const int cursor = std::clamp(box.Stb.cursor, 0, box.CurLenW);
    caret.byte = std::min<std::size_t>(text.size(), ImTextCountUtf8BytesFromStr(box.TextW.Data, box.TextW.Data + cursor));
    const std::string_view before = text.substr(0, caret.byte);
    caret.line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    const std::size_t newline = before.rfind('\n');
    caret.line_begin = newline == std::string_view::npos ? 0 : newline + 1;
    caret.revision = revision;
    caret.cursor = box.Stb.cursor;
  }
  // Placed as ImGui 1.86 places its own (InputTextEx): the bottom of its line, floored, less a line.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float size = g.FontSize;
  const float x = g.Font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data() + caret.line_begin, text.data() + caret.byte).x;
  const ImVec2 origin(child->Pos.x + style.FramePadding.x - child->Scroll.x, child->Pos.y + style.FramePadding.y - child->Scroll.y);
  const ImVec2 bottom(std::floor(origin.x + x), std::floor(origin.y + static_cast<float>(caret.line + 1) * size));
  g.PlatformImePos = ImVec2(bottom.x - 1.0f, bottom.y - size);  // the IME's window by the caret
  const bool shown = !g.IO.ConfigInputTextCursorBlink || box.CursorAnim <= 0.0f || std::fmod(box.CursorAnim, 1.20f) <= 0.80f;
  if (!draw_caret || !shown) return;
  child->DrawList->PushClipRect(child->InnerClipRect.Min, child->InnerClipRect.Max);
  child->DrawList->AddLine(ImVec2(bottom.x, bottom.y - size + 0.5f), ImVec2(bottom.x, bottom.y - 1.5f), ImGui::GetColorU32(ImGuiCol_Text));
  child->DrawList->PopClipRect();
}

}  // namespace bpeviz
