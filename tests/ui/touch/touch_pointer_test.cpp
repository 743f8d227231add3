// Touch played to ImGui: a tap clicks once, hovering a frame before it presses; a drag scrolls the
// window under the finger and presses nothing; a flick coasts; a long press hovers (in the app: a
// token's tooltip); a mouse takes the pointer back.
#include <doctest/doctest.h>
#include <imgui.h>

#include <cfloat>
#include <functional>
#include <string>

#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/touch/touch_pointer.h"

using namespace bpeviz;

namespace {

using SampleKind = TouchSample::Kind;

// A frame at `ms`: the platform's mouse (nowhere), then touch, then `draw` in a window filling the display.
void frame(TouchPointer& touch, double ms, const std::function<void()>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  io.MouseDown[0] = false;
  touch_pointer_frame(touch, io, ms);
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("page", nullptr, ImGuiWindowFlags_NoDecoration);
  draw();
  ImGui::End();
  ImGui::Render();
}

void touch(TouchPointer& t, SampleKind kind, float x, float y, double ms) { touch_pointer_feed(t, {kind, 1, x, y, ms}); }

// A list of 200 buttons in a child window 400 px high; counts clicks and remembers the child's scroll.
struct List {
  int clicks[200] = {};
  float scroll = 0;
  ImVec2 first_button_centre;
  bool pressed_while_unhovered = false;
  void draw() {
    ImGui::BeginChild("list", ImVec2(300, 400), true);
    for (int i = 0; i < 200; ++i) {
      const std::string label = "item " + std::to_string(i);
      if (ImGui::Button(label.c_str(), ImVec2(200, 30))) ++clicks[i];
      if (ImGui::IsItemActive() && ImGui::IsMouseClicked(0) && !ImGui::IsItemHovered()) pressed_while_unhovered = true;
      if (i == 0) first_button_centre = ImVec2((ImGui::GetItemRectMin().x + ImGui::GetItemRectMax().x) / 2,
                                              (ImGui::GetItemRectMin().y + ImGui::GetItemRectMax().y) / 2);
    }
    scroll = ImGui::GetScrollY();
    ImGui::EndChild();
  }
};

// The list, drawn for three frames (ImGui knows a window's scroll range from its second frame on).
struct ListPage {
  test::HeadlessImGui imgui;
  TouchPointer t;
  List list;
  std::function<void()> draw = [this] { list.draw(); };
  double ms = 0;
  ImVec2 at;  // the first button's centre
  ListPage() {
    for (int i = 0; i < 3; ++i) frame(t, ms += 16, draw);
    at = list.first_button_centre;
  }
  void next_frame(double after = 16) { frame(t, ms += after, draw); }
  // A swipe up from `from_y` below the first button by 25 px a frame for six frames, lifted moving.
  void flick_up(float from_y) {
    touch(t, SampleKind::down, at.x, at.y + from_y, ms);
    for (int i = 1; i <= 6; ++i) {
      touch(t, SampleKind::move, at.x, at.y + from_y - 25.0f * i, ms + 16);
      next_frame();
    }
    touch(t, SampleKind::up, at.x, at.y + from_y - 150, ms + 4);
    next_frame();
  }
};

}  // namespace

TEST_CASE("touch pointer: a tap hovers first, then presses and releases: one click, and no hover after") {
  ListPage p;
  touch(p.t, SampleKind::down, p.at.x, p.at.y, p.ms + 5);
  touch(p.t, SampleKind::up, p.at.x + 2, p.at.y, p.ms + 80);
  CHECK(touch_pointer_busy(p.t));
  // Frame by frame: the pointer arrives without the button, then the button goes down, then up.
  const bool expect_down[] = {false, true, false};
  for (const bool down : expect_down) {
    p.next_frame();
    CHECK(ImGui::GetIO().MousePos.x == p.at.x);
    CHECK(ImGui::GetIO().MouseDown[0] == down);
  }
  CHECK(p.list.clicks[0] == 1);
  p.next_frame();
  CHECK(ImGui::GetIO().MousePos.x == -FLT_MAX);  // gone: a tap leaves no tooltip behind
  CHECK(!touch_pointer_busy(p.t));
  for (int i = 0; i < 5; ++i) p.next_frame();
  CHECK(p.list.clicks[0] == 1);
  CHECK_FALSE(p.list.pressed_while_unhovered);
}

TEST_CASE("touch pointer: a drag scrolls the window under the finger by the finger's movement, and clicks nothing") {
  ListPage p;
  touch(p.t, SampleKind::down, p.at.x, p.at.y + 200, p.ms);
  for (int i = 1; i <= 10; ++i) {
    touch(p.t, SampleKind::move, p.at.x, p.at.y + 200 - 15.0f * i, p.ms + 5);
    p.next_frame();
    CHECK(ImGui::GetIO().MouseDown[0] == false);
  }
  p.next_frame();
  CHECK(p.list.scroll == doctest::Approx(150));  // the content followed the finger, 150 px up
  CHECK(p.t.target_name.find("list") != std::string::npos);
  CHECK(touch_target_scroll(p.t).y == doctest::Approx(150));
  // It stops, then lifts: no flick, and no button was clicked.
  p.next_frame(200);
  touch(p.t, SampleKind::up, p.at.x, p.at.y + 50, p.ms);
  for (int i = 0; i < 10; ++i) p.next_frame();
  CHECK(p.list.scroll == doctest::Approx(150));
  for (const int c : p.list.clicks) CHECK(c == 0);
}

TEST_CASE("touch pointer: a flick coasts on after the finger lifts, slowing, until it stops") {
  ListPage p;
  p.flick_up(300);
  const float lifted = p.list.scroll;
  CHECK(lifted == doctest::Approx(150).epsilon(0.2));
  CHECK(p.t.flick.vy < 0);
  float last_step = 1e9f;
  int frames = 0;
  while (touch_pointer_busy(p.t)) {
    const float before = p.list.scroll;
    p.next_frame();
    CHECK(p.list.scroll - before <= last_step + 1);  // slower and slower (ImGui scrolls by whole pixels)
    last_step = p.list.scroll - before;
    REQUIRE(++frames < 300);
  }
  p.next_frame();
  // 25 px each 16 ms is 1.56 px/ms: about 500 px further.
  CHECK(p.list.scroll - lifted > 400);
  CHECK(p.list.scroll - lifted < 600);
  // A finger put down on a coasting view stops it, and that touch clicks nothing.
  p.flick_up(300);
  p.next_frame();
  REQUIRE(flick_moving(p.t.flick));
  touch(p.t, SampleKind::down, p.at.x, p.at.y + 100, p.ms);
  touch(p.t, SampleKind::up, p.at.x, p.at.y + 100, p.ms + 60);
  for (int i = 0; i < 6; ++i) p.next_frame();
  CHECK_FALSE(flick_moving(p.t.flick));
  for (const int c : p.list.clicks) CHECK(c == 0);
}

TEST_CASE("touch pointer: a drag over content that does not scroll scrolls the window around it") {
  test::HeadlessImGui imgui;
  TouchPointer t;
  float outer = 0;
  const auto draw = [&] {
    ImGui::BeginChild("outer", ImVec2(300, 300), true);
    ImGui::BeginChild("inner", ImVec2(200, 100), true);  // fits: nothing to scroll
    ImGui::TextUnformatted("short");
    ImGui::EndChild();
    ImGui::Dummy(ImVec2(10, 2000));
    outer = ImGui::GetScrollY();
    ImGui::EndChild();
  };
  double ms = 0;
  for (int i = 0; i < 3; ++i) frame(t, ms += 16, draw);  // ImGui knows a window's scroll range from its second frame on
  touch(t, SampleKind::down, 60, 60, ms);  // on the inner child
  touch(t, SampleKind::move, 60, 20, ms + 16);
  frame(t, ms += 16, draw);
  frame(t, ms += 16, draw);
  CHECK(outer == doctest::Approx(40));
}

TEST_CASE("touch pointer: a mouse takes the pointer back from the finger") {
  ListPage p;
  touch(p.t, SampleKind::down, 50, 50, p.ms);
  touch(p.t, SampleKind::up, 50, 50, p.ms + 50);
  p.next_frame();
  CHECK(ImGui::GetIO().MousePos.x == 50);
  touch_pointer_mouse_used(p.t);
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(7, 9);  // as the platform set it from the mouse
  touch_pointer_frame(p.t, io, p.ms + 16);
  CHECK(io.MousePos.x == 7);
  CHECK(io.MousePos.y == 9);
}

TEST_CASE("touch pointer, in the app: a long press on a token shows its details, a drag scrolls 3,000 tokens, a tap opens its tree") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "o200k_base");
  app.editor.focus_request = false;
  std::string text;
  while (text.size() < 12000) text += "Byte pair encoding merges the most frequent pair of adjacent tokens. ";
  text_editor_set_text(app.editor, text);
  double ms = 0;
  const auto app_frame_at = [&](double at) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    io.MouseDown[0] = false;
    touch_pointer_frame(app.touch, io, at);
    test::app_frame_headless(app);
  };
  for (int i = 0; i < 5; ++i) app_frame_at(ms += 16);
  REQUIRE(app.tokens.size() > 2000);
  float tile[4];
  REQUIRE(token_view_tile_rect(app.token_view, 3, tile));
  const float x = tile[0] + tile[2] / 2, y = tile[1] + tile[3] / 2;

  // Long press: nothing for 500 ms, then the tile's tooltip; it stays once the finger lifts.
  touch_pointer_feed(app.touch, {SampleKind::down, 1, x, y, ms});
  const double pressed = ms;
  while (ms < pressed + 480) {
    app_frame_at(ms += 16);
    REQUIRE(app.token_view.hovered_group == -1);
  }
  for (int i = 0; i < 3; ++i) app_frame_at(ms += 16);
  CHECK(app.token_view.hovered_group == 3);
  touch_pointer_feed(app.touch, {SampleKind::up, 1, x, y, ms});
  app_frame_at(ms += 16);
  CHECK(app.token_view.hovered_group == 3);
  CHECK(app.panel == Panel::tokens);  // a long press is no click

  // A drag up the view scrolls the tokens; the next touch lets go of the hover.
  const float top = app.token_view.scroll_y;
  touch_pointer_feed(app.touch, {SampleKind::down, 1, x, y + 200, ms});
  for (int i = 1; i <= 8; ++i) {
    touch_pointer_feed(app.touch, {SampleKind::move, 1, x, y + 200 - 20.0f * i, ms + 4});
    app_frame_at(ms += 16);
  }
  app_frame_at(ms += 200);
  touch_pointer_feed(app.touch, {SampleKind::up, 1, x, y + 40, ms});
  app_frame_at(ms += 16);
  CHECK(app.token_view.scroll_y - top == doctest::Approx(160));
  CHECK(app.token_view.hovered_group == -1);

  // A tap on a tile (one in sight, below the drag's start) clicks it: its merge tree.
  std::size_t g = 0;
  while (token_view_tile_rect(app.token_view, g, tile) && tile[1] < y + 100) ++g;
  REQUIRE(tile[1] + tile[3] < app.tokens_rect.y + app.tokens_rect.height);
  touch_pointer_feed(app.touch, {SampleKind::down, 1, tile[0] + 4, tile[1] + 4, ms});
  touch_pointer_feed(app.touch, {SampleKind::up, 1, tile[0] + 4, tile[1] + 4, ms + 70});
  for (int i = 0; i < 4; ++i) app_frame_at(ms += 16);
  CHECK(app.panel == Panel::tree);
}
