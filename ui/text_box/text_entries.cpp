// The text boxes' rectangles, kept per frame: read between frames, when the page's tap handler asks.
#include "ui/text_box/text_entries.h"

#include <imgui.h>
#include <imgui_internal.h>  // the window's clip rectangle

#include <vector>

namespace bpeviz {
namespace {
// One ImGui context per program: the rectangles noted in frame `frame` (ImGui's frame count).
std::vector<ImRect> g_entries;
int g_frame = -1;
}  // namespace

void note_text_entry() {
  const int frame = ImGui::GetFrameCount();
  if (frame != g_frame) {
    g_entries.clear();
    g_frame = frame;
  }
  if (!ImGui::IsItemVisible()) return;
  ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  rect.ClipWithFull(ImGui::GetCurrentWindowRead()->ClipRect);
  g_entries.push_back(rect);
}

bool text_entry_at(float x, float y) {
  // Between frames the count is the last frame's; boxes noted in an older one are not on screen now.
  if (g_frame != ImGui::GetFrameCount()) return false;
  for (const ImRect& rect : g_entries) {
    if (rect.Contains(ImVec2(x, y))) return true;
  }
  return false;
}

}  // namespace bpeviz
