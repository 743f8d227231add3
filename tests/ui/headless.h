// ImGui without a window or a renderer, for driving views frame by frame in the ui tests.
#pragma once
#include <imgui.h>

#include "ui/fonts/fonts.h"
#include "ui/theme.h"

namespace bpeviz::test {

// A context for the test's lifetime: a 1280×800 display, 60 frames a second, the default font.
struct HeadlessImGui {
  HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60;
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    apply_theme(ImGui::GetStyle());
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;
};

// ImGui's built-in font as both of the app's fonts.
inline Fonts default_fonts() {
  Fonts fonts;
  fonts.text = fonts.mono = ImGui::GetIO().Fonts->Fonts[0];
  fonts.pixel_ratio = 1.0f;
  return fonts;
}

}  // namespace bpeviz::test
