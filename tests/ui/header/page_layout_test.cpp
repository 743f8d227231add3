// The whole page drawn headless at the widths a class's screens have (a 320-pixel phone to a 3840-pixel
// screen, upright and on its side): every control it draws lies inside the window and is at least 24×24
// (WCAG 2.5.8), the header takes one row, two, or a Menu that holds the rest, and the tabs keep whole names.
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

#include "tests/ui/frames.h"
#include "tests/ui/headless.h"
#include "ui/app.h"
#include "ui/header/header.h"
#include "ui/encoding_choice.h"

using namespace bpeviz;

namespace {

std::vector<std::pair<std::string, AppState::Rect>> drawn_controls(const AppState& app) {
  std::vector<std::pair<std::string, AppState::Rect>> all{
      {"model", app.model_rect},       {"encoding", app.encoding_rect}, {"copy link", app.copy_link_rect}, {"share", app.share_button_rect},
      {"special", app.special_rect},   {"lessons", app.lessons_rect},   {"theme", app.theme_rect},
      {"present", app.present_rect},   {"help", app.help_rect},         {"export", app.export_rect},
      {"menu", app.menu_rect},         {"tab picker", app.tab_picker_rect},
      {"whitespace", app.switch_rects[0]}, {"byte notation", app.switch_rects[1]}, {"lane", app.switch_rects[2]},
  };
  for (int i = 0; i < 9; ++i) all.emplace_back("tab " + std::string(panel_name(static_cast<Panel>(i))), app.tab_rects[i]);
  std::vector<std::pair<std::string, AppState::Rect>> drawn;
  for (auto& [name, r] : all) {
    if (r.width > 0) drawn.emplace_back(name, r);
  }
  return drawn;
}

// Checks every drawn control; returns their names.
std::vector<std::string> check_controls(const AppState& app, float width, float height) {
  std::vector<std::string> names;
  for (const auto& control : drawn_controls(app)) {
    // Named copies: clang (the wasm build) cannot capture structured bindings in INFO's lambda.
    const std::string& name = control.first;
    const AppState::Rect& r = control.second;
    INFO(name << " at " << r.x << "," << r.y << " " << r.width << "×" << r.height << " in " << width << "×" << height);
    CHECK(r.x >= 0);
    CHECK(r.y >= 0);
    CHECK(r.x + r.width <= width + 0.5f);
    CHECK(r.y + r.height <= height + 0.5f);
    CHECK(r.width >= 24);
    CHECK(r.height >= 24);
    names.push_back(name);
  }
  return names;
}

bool has(const std::vector<std::string>& names, const std::string& name) {
  for (const auto& n : names) {
    if (n == name) return true;
  }
  return false;
}

void frames(AppState& app, int n) {
  for (int i = 0; i < n; ++i) test::app_frame_headless(app);
}

// A tap where `r` is: the finger down for a frame, then up.
void tap(AppState& app, const AppState::Rect& r) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(r.x + r.width / 2, r.y + r.height / 2);
  io.MouseDown[0] = true;
  frames(app, 1);
  io.MouseDown[0] = false;
  frames(app, 3);  // a popup's first frame only measures it
}

}  // namespace

TEST_CASE("page layout: every control on screen and at least 24×24 from 320 to 3840 pixels wide") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  app.editor.text = "A lecturer puts the link on a slide; thirty students open it on their phones.";
  ++app.editor.revision;
  const struct {
    float width, height;
    HeaderFit fit;
    bool tab_bar;
  } screens[] = {
      {320, 568, HeaderFit::menu, false},     {390, 844, HeaderFit::menu, false},
      {844, 390, HeaderFit::menu, true},   {768, 1024, HeaderFit::wrapped, true},
      {1280, 720, HeaderFit::one_row, true},  {1920, 1080, HeaderFit::one_row, true},
      {3840, 2160, HeaderFit::one_row, true},
  };
  const std::vector<std::string> everything{"model", "encoding", "copy link", "share", "special", "lessons", "theme", "present",
                                            "help",  "export",   "whitespace", "byte notation", "lane"};
  for (const auto& screen : screens) {
    CAPTURE(screen.width);
    CAPTURE(screen.height);
    ImGui::GetIO().DisplaySize = ImVec2(screen.width, screen.height);
    ImGui::GetIO().MousePos = ImVec2(-1, -1);
    frames(app, 3);
    CHECK(app.header_fit == screen.fit);
    std::vector<std::string> names = check_controls(app, screen.width, screen.height);
    CHECK(has(names, "tab tokens") == screen.tab_bar);
    CHECK(has(names, "tab picker") == !screen.tab_bar);
    // The views keep room under the header, the text box and the counts.
    CHECK(app.panel_rect.height >= 100);
    CHECK(app.editor_rect.height >= 60);
    if (screen.fit == HeaderFit::menu) {
      CHECK(!has(names, "theme"));  // behind the Menu until it opens
      tap(app, app.menu_rect);
      for (const std::string& name : check_controls(app, screen.width, screen.height)) names.push_back(name);
      tap(app, app.menu_rect);  // and closes
      CHECK(app.theme_rect.width == 0);
    }
    for (const std::string& name : everything) {
      INFO("reachable: " << name);
      CHECK(has(names, name));
    }
  }
}

TEST_CASE("page layout: the tabs as a picker show the view picked, and the tab bar comes back with it") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  ImGui::GetIO().DisplaySize = ImVec2(320, 568);
  frames(app, 2);
  REQUIRE(app.tab_picker_rect.width > 0);
  app.panel_request = Panel::compare;
  frames(app, 1);
  CHECK(app.panel == Panel::compare);
  CHECK(!app.panel_request);
  // The page grows (a phone turned on its side): the tab bar shows the same view.
  ImGui::GetIO().DisplaySize = ImVec2(1280, 720);
  frames(app, 3);
  CHECK(app.tab_picker_rect.width == 0);
  CHECK(app.tab_rects[static_cast<int>(Panel::compare)].width > 0);
  CHECK(app.panel == Panel::compare);
}

TEST_CASE("page layout: presenting a lesson on a tablet and on a phone keeps every control on screen") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  REQUIRE(start_lesson(app, 0));
  for (const ImVec2 size : {ImVec2(768, 1024), ImVec2(390, 844), ImVec2(844, 390), ImVec2(1920, 1080)}) {
    CAPTURE(size.x);
    ImGui::GetIO().DisplaySize = size;
    ImGui::GetIO().MousePos = ImVec2(-1, -1);
    app.presenting = false;
    frames(app, 3);
    app.presenting = true;
    frames(app, 4);
    const std::vector<std::string> names = check_controls(app, size.x, size.y);
    CHECK(has(names, "present"));
    CHECK(app.panel_rect.height >= 60);
  }
}
