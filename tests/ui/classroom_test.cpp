// The classroom, headless: shortcuts (function keys anywhere, single keys only outside the text box),
// presentation mode's font scale and style, the theme in ImGui's style, lessons picked by key and
// their captions, and every tab drawn in the dark theme while presenting.
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/header.h"
#include "ui/header/lessons.h"
#include "ui/theme.h"

using namespace bpeviz;
using test::app_frame_headless;

namespace {

constexpr int kF1 = 300, kF5 = 301, kF2 = 302;  // any free key indices: the platform layer names the real ones

// A fresh app whose text box starts without the keyboard; ImGui's named keys mapped as a backend would.
AppState make_app() {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_Escape] = 310;
  io.KeyMap[ImGuiKey_PageUp] = 311;
  io.KeyMap[ImGuiKey_PageDown] = 312;
  AppState app;
  app.fonts = test::default_fonts();
  app.keys = {kF1, kF5, kF2};
  app.editor.focus_request = false;  // the text box starts without the keyboard
  app.editor.text = "some text";
  return app;
}

void press(AppState& app, int key) {
  ImGui::GetIO().KeysDown[key] = true;
  app_frame_headless(app);
  ImGui::GetIO().KeysDown[key] = false;
  app_frame_headless(app);
}

void type(AppState& app, ImWchar c) {
  ImGui::GetIO().AddInputCharacter(c);
  app_frame_headless(app);
  app_frame_headless(app);
}

}  // namespace

TEST_CASE("F5 toggles presentation mode: larger type for the window, high contrast") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  app_frame_headless(app);
  CHECK(wanted_font_scale(app, 1080) == 1.0f);
  press(app, kF5);
  CHECK(app.presenting);
  CHECK(wanted_font_scale(app, 720) == 1.5f);
  CHECK(wanted_font_scale(app, 800) == 1.5f);
  CHECK(wanted_font_scale(app, 1080) == 2.0f);
  CHECK(wanted_font_scale(app, 2160) == 2.25f);
  // High contrast: black text on white in the light theme.
  const ImVec4 text = ImGui::GetStyle().Colors[ImGuiCol_Text], bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  CHECK(text.x == 0.0f);
  CHECK(bg.x == 1.0f);
  // The spacing follows the fonts' scale once the platform has rebuilt them.
  app.fonts.scale = 2.0f;
  app_frame_headless(app);
  CHECK(ImGui::GetStyle().ItemSpacing.y == doctest::Approx(16.0f));
  press(app, kF5);
  CHECK_FALSE(app.presenting);
  CHECK(wanted_font_scale(app, 1080) == 1.0f);
}

TEST_CASE("F1 and ? open and close the shortcuts; ? and T are typing while the text box has the keyboard") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  app_frame_headless(app);
  press(app, kF1);
  CHECK(app.shortcuts_help);
  CHECK(ImGui::GetIO().WantCaptureKeyboard);  // the modal has the keyboard
  press(app, kF1);
  CHECK_FALSE(app.shortcuts_help);
  type(app, '?');
  CHECK(app.shortcuts_help);
  press(app, ImGui::GetKeyIndex(ImGuiKey_Escape));
  CHECK_FALSE(app.shortcuts_help);

  type(app, 't');
  CHECK(app.theme == Theme::dark);
  CHECK(style_theme(ImGui::GetStyle()) == Theme::dark);
  type(app, 'T');
  CHECK(app.theme == Theme::light);

  // Typing in the text box: the same characters are text, not shortcuts.
  app.editor.focus_request = true;
  app_frame_headless(app);
  app_frame_headless(app);
  REQUIRE(app.editor.active);
  type(app, '?');
  type(app, 't');
  CHECK_FALSE(app.shortcuts_help);
  CHECK(app.theme == Theme::light);
  CHECK(app.editor.text.find("?t") != std::string::npos);
  // Function keys still work.
  press(app, kF5);
  CHECK(app.presenting);
}

TEST_CASE("F2 opens Share: it asks the platform for the link, draws its QR code, and Escape or F2 closes it") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  app_frame_headless(app);
  press(app, kF2);
  REQUIRE(app.share.open);
  CHECK(app.share.link_request);
  CHECK(app.share_rect.width == 0);  // no link yet: no code
  const std::string link = "http://127.0.0.1:8080/#encoding=o200k_base&text=some%20text";
  share_link_made(app.share, link, "127.0.0.1:8080/", "");
  CHECK_FALSE(app.share.link_request);
  app_frame_headless(app);
  CHECK(app.share.link == link);
  CHECK(app.share.module_pixels >= 1);
  // A square of whole modules with the quiet zone, as large as the window's height allows.
  CHECK(app.share_rect.width == app.share_rect.height);
  CHECK(app.share_rect.width == app.share.module_pixels * static_cast<float>(app.share.code.size + 2 * kQrQuietZone));
  CHECK(app.share_rect.width > 800 * 0.6f);
  press(app, ImGui::GetKeyIndex(ImGuiKey_Escape));
  CHECK_FALSE(app.share.open);
  CHECK(app.share_rect.width == 0);
  press(app, kF2);
  CHECK(app.share.open);
  press(app, kF2);
  CHECK_FALSE(app.share.open);
  share_link_made(app.share, link, "127.0.0.1:8080/", "");  // a link that arrives after closing is dropped
  CHECK(app.share.link.empty());
}

TEST_CASE("lessons by number and Page Down/Up; the caption shows once the lesson's encoding is on") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  app_frame_headless(app);
  CHECK(current_lesson(app) == -1);
  type(app, '3');
  CHECK(app.editor.text == "hello hello");
  CHECK(current_lesson(app) == 2);
  CHECK(app.requested_encoding == "cl100k_base");  // fetched by the platform layer
  CHECK(shown_lesson(app) == nullptr);              // its caption is not true of the bytes shown meanwhile
  test::load_builtin_encoding(app, "cl100k_base");
  app_frame_headless(app);
  REQUIRE(shown_lesson(app) != nullptr);
  CHECK(shown_lesson(app)->name == "same-word");
  CHECK(app.tokens.size() == 2);

  press(app, ImGui::GetKeyIndex(ImGuiKey_PageDown));
  CHECK(lessons()[static_cast<std::size_t>(current_lesson(app))].name == "numbers");
  press(app, ImGui::GetKeyIndex(ImGuiKey_PageUp));
  press(app, ImGui::GetKeyIndex(ImGuiKey_PageUp));
  CHECK(current_lesson(app) == 1);
  type(app, '1');
  press(app, ImGui::GetKeyIndex(ImGuiKey_PageUp));  // wraps around
  CHECK(current_lesson(app) == 5);

  // Another encoding: the caption (about cl100k_base's ids) goes; the lesson's text stays.
  REQUIRE(select_encoding(app, "bytes"));
  app_frame_headless(app);
  CHECK(current_lesson(app) == 5);
  CHECK(shown_lesson(app) == nullptr);
  // An edited text is no lesson any more.
  start_lesson(app, 0);
  app_frame_headless(app);
  CHECK(shown_lesson(app) != nullptr);
  text_editor_set_text(app.editor, app.editor.text + " ");
  app_frame_headless(app);
  CHECK(current_lesson(app) == -1);
  CHECK_FALSE(start_lesson(app, 6));
  CHECK_FALSE(start_lesson(app, -1));
}

TEST_CASE("every tab draws in the dark theme while presenting, with a lesson's caption") {
  test::HeadlessImGui imgui;
  AppState app = make_app();
  test::load_builtin_encoding(app, "cl100k_base");
  app.theme = Theme::dark;
  app.presenting = true;
  app.fonts.scale = 2.0f;
  REQUIRE(start_lesson(app, 4));
  for (const Panel panel : {Panel::tokens, Panel::ids, Panel::decode, Panel::merges, Panel::tree, Panel::studio, Panel::schemes,
                            Panel::compare}) {
    app.panel_request = panel;
    for (int i = 0; i < 3; ++i) app_frame_headless(app);
    CHECK(app.panel == panel);
  }
  CHECK(shown_lesson(app) != nullptr);
  CHECK(style_theme(ImGui::GetStyle()) == Theme::dark);
  // Presenting hides the model picker and Copy link: they were not drawn.
  CHECK(app.copy_link_rect.width == 0);
  CHECK(app.present_rect.width > 0);
}
