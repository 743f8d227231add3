// The Share view: the QR code drawn as ImGui rectangles (crisp at any scale), whole pixels per module.
#include "ui/share/share_view.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/app.h"

namespace bpeviz {

namespace {

constexpr const char* kTitle = "Share this page";

// The code's side in screen pixels: the room left under the title and above the two lines of text, in
// whole pixels per module, so every module is the same size and the edges stay sharp.
float module_size(const QrCode& code, ImVec2 room) {
  const float side = std::min(room.x, room.y);
  return std::max(1.0f, std::floor(side / static_cast<float>(code.size + 2 * kQrQuietZone)));
}

void draw_code(const QrCode& code, float module, AppState::Rect& rect) {
  const float side = module * static_cast<float>(code.size + 2 * kQrQuietZone);
  ImVec2 at = ImGui::GetCursorScreenPos();
  at.x = std::floor(at.x + (ImGui::GetContentRegionAvail().x - side) / 2);
  at.y = std::floor(at.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Dark on light whatever the theme: phone cameras read that best, and the quiet zone is part of the code.
  draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32(255, 255, 255, 255));
  const float origin_x = at.x + module * kQrQuietZone, origin_y = at.y + module * kQrQuietZone;
  for (int y = 0; y < code.size; ++y) {
    for (int x = 0; x < code.size; ++x) {
      if (!code.module(x, y)) continue;
      const ImVec2 a(origin_x + module * static_cast<float>(x), origin_y + module * static_cast<float>(y));
      draw->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32(0, 0, 0, 255));
    }
  }
  ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, side));
  rect = {at.x, at.y, side, side};
}

void centered_text(const std::string& text, bool wrap) {
  const float width = ImGui::CalcTextSize(text.c_str()).x;
  const float avail = ImGui::GetContentRegionAvail().x;
  if (!wrap || width <= avail) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - width) / 2));
    ImGui::TextUnformatted(text.c_str());
  } else {
    ImGui::TextWrapped("%s", text.c_str());
  }
}

}  // namespace

void show_share(ShareState& share, bool on) {
  share.open = on;
  share.link_request = on;
  share.link.clear();
  share.code = {};
  share.error.clear();
  share.module_pixels = 0;
}

void share_link_made(ShareState& share, std::string link, std::string address, std::string dropped) {
  if (!share.open) return;  // closed before the link came
  share.link_request = false;
  share.address = std::move(address);
  share.dropped = std::move(dropped);
  Result<QrCode> code = make_qr_code(link);
  share.error = code.error;
  share.code = std::move(code.value);
  share.link = std::move(link);
}

void draw_share(AppState& state) {
  ShareState& share = state.share;
  state.share_rect = {};
  share.module_pixels = 0;
  if (share.open && !ImGui::IsPopupOpen(kTitle)) ImGui::OpenPopup(kTitle);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  // Nearly the whole window while presenting, for the back of a lecture hall; most of it otherwise.
  const float fill = state.presenting ? 0.98f : 0.85f;
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * fill, viewport->Size.y * fill), ImGuiCond_Always);
  bool open = true;
  if (!ImGui::BeginPopupModal(kTitle, &open, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings)) {
    share.open = false;
    return;
  }
  // In the mirror: a dialog with a Close button, and the link (or why there is none).
  if (mirror_dialog(state.access, "dialog:share", kTitle)) open = false;
  if (!open || !share.open || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
    share.open = false;
    ImGui::CloseCurrentPopup();
  }
  if (!share.error.empty()) {
    ImGui::TextWrapped("No QR code: %s.", share.error.c_str());
  } else if (share.link.empty()) {
    ImGui::TextUnformatted("Making the link…");
  } else {
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const int lines = share.dropped.empty() ? 1 : 3;
    ImVec2 room = ImGui::GetContentRegionAvail();
    room.y -= line * static_cast<float>(lines) + ImGui::GetStyle().ItemSpacing.y;
    const float module = module_size(share.code, room);
    draw_code(share.code, module, state.share_rect);
    share.module_pixels = module;
    centered_text(share.address, false);
    if (!share.dropped.empty()) centered_text(share.dropped, true);
  }
  const std::string said = !share.error.empty() ? "No QR code: " + share.error + "."
                           : share.link.empty() ? std::string("Making the link…")
                                                : "A QR code of the link " + share.address + (share.dropped.empty() ? "" : ". " + share.dropped);
  mirror_text(state.access, AccessRole::text, "share:link", said);
  mirror_close(state.access);
  ImGui::EndPopup();
}

}  // namespace bpeviz
