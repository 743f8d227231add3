// The status band: the page's problems and news over the foot of the window, and in the mirror as alerts.
#include "ui/status_band.h"

#include <imgui.h>

#include <string>

#include "ui/access/record.h"
#include "ui/app.h"
#include "ui/theme.h"

namespace bpeviz {

void draw_status_band(AppState& state) {
  state.status_rect = state.status_dismiss_rect = {};
  const struct {
    const std::string& text;
    ImVec4 colour;
    const char* key;  // in the mirror (ui/access/): problems are alerts, news is said politely
    bool problem;
  } lines[] = {{state.message, palette().error, "status:message", true},
               {state.editor.refusal, palette().error, "status:refusal", true},
               {state.notice, palette().notice, "status:notice", false}};
  bool any = false;
  for (const auto& line : lines) any = any || !line.text.empty();
  if (!any) return;

  const ImGuiStyle& style = ImGui::GetStyle();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 margin = style.WindowPadding;
  // Its own window, so it lies over the page instead of taking a place in it; a height of 0 fits the lines.
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + margin.x, viewport->WorkPos.y + viewport->WorkSize.y - margin.y),
                          ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x - 2 * margin.x, 0));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, style.FrameRounding);
  // NoFocusOnAppearing: appearing, it leaves the keyboard with the text box.
  ImGui::Begin("##status", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
  const char* dismiss = "Dismiss";
  const float dismiss_width = ImGui::CalcTextSize(dismiss).x + 2 * style.FramePadding.x;
  const ImVec2 top = ImGui::GetCursorPos();
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - dismiss_width - style.ItemSpacing.x);
  ImGui::AlignTextToFramePadding();  // the first line level with the button
  mirror_group(state.access, AccessRole::region, "status", "Messages");
  for (const auto& line : lines) {
    if (line.text.empty()) continue;
    ImGui::PushStyleColor(ImGuiCol_Text, line.colour);
    ImGui::TextUnformatted(line.text.c_str());
    ImGui::PopStyleColor();
    if (line.problem) mirror_text(state.access, AccessRole::alert, line.key, line.text);
    else mirror_live_text(state.access, line.key, line.text);
  }
  ImGui::PopTextWrapPos();
  const ImVec2 after_text = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(ImGui::GetContentRegionMax().x - dismiss_width, top.y));
  const bool clicked = ImGui::Button(dismiss);
  if (mirror_control(state.access, AccessRole::button, "status:dismiss", "Dismiss the messages") || clicked) {
    state.message.clear();
    state.editor.refusal.clear();
    state.notice.clear();
  }
  state.status_dismiss_rect = item_rect();
  ImGui::SetCursorPos(after_text);  // the window's height is the text's
  ImGui::Dummy(ImVec2(0, 0));
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  state.status_rect = {pos.x, pos.y, size.x, size.y};
  mirror_close(state.access);
  ImGui::End();
  ImGui::PopStyleVar(2);
  ImGui::PopStyleColor();
}

}  // namespace bpeviz
