#include "ui/theme.h"

namespace bpeviz {

void apply_theme(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(8, 5);
  style.ItemSpacing = ImVec2(10, 8);
  style.FrameRounding = 4;
  style.ScrollbarSize = 16;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.98f, 0.98f, 0.97f, 1);
  style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  style.Colors[ImGuiCol_Border] = ImVec4(0.75f, 0.75f, 0.78f, 1);
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 1;
}

ImU32 token_color(uint32_t id) {
  // Multiplicative hashing spreads consecutive ids over the hue circle; pastel tones keep black
  // text readable on every one of them.
  const uint32_t h = id * 2654435761u;
  const float hue = static_cast<float>(h >> 8) / static_cast<float>(1u << 24);
  const float saturation = 0.28f + 0.14f * static_cast<float>((h >> 4) & 3) / 3.0f;
  float r, g, b;
  ImGui::ColorConvertHSVtoRGB(hue, saturation, 0.98f, r, g, b);
  return ImGui::GetColorU32(ImVec4(r, g, b, 1));
}

}  // namespace bpeviz
