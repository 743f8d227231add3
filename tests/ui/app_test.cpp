// Runs the whole app's frame function headless (ImGui without a renderer) over real encodings, so
// the views are exercised natively and under the sanitizers, not only in the browser.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <imgui.h>

#include "tests/test_data.h"
#include "ui/app.h"
#include "ui/theme.h"

using namespace bpeviz;

namespace {

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
};

void run_frame(AppState& app) {
  ImGui::NewFrame();
  app_frame(app);
  ImGui::Render();
}

Fonts default_fonts() {
  ImFont* f = ImGui::GetIO().Fonts->Fonts[0];
  return {f, f, 1.0f};
}

}  // namespace

TEST_CASE("the app draws every encoding's tokens for hard text") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/o200k_base.tiktoken");
  REQUIRE(app.encodings.load_builtin("o200k_base", data).ok());
  app.editor.text = "Hello w\xC3\xB6rld \xF0\x9F\x91\x8B \xE4\xBD\xA0\xE5\xA5\xBD\n\ttab <|endoftext|> \xFF\xFE";
  ++app.editor.revision;
  for (const std::string name : {"bytes", "o200k_base"}) {
    REQUIRE(select_encoding(app, name));
    CHECK(app.encoding == name);
    for (int i = 0; i < 3; ++i) run_frame(app);
    CHECK(app.tokens_encoding == name);
    CHECK(!app.tokens.empty());
    // The token view's layout follows the tokens, not just the text (a stale one indexes past them).
    CHECK(app.token_view.laid_out_revision == app.tokens_serial);
    CHECK(app.token_view.tile_widths.size() == app.groups.size());
  }
  CHECK(app.tokens.back().end == app.editor.text.size());
  CHECK(app.message.empty());
}

TEST_CASE("picking an encoding that is not loaded requests it and keeps the current tokens") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  app.editor.text = "abc";
  run_frame(app);
  REQUIRE(select_encoding(app, "cl100k_base"));
  CHECK(app.requested_encoding == "cl100k_base");
  CHECK(app.encoding == "bytes");
  run_frame(app);
  CHECK(app.tokens.size() == 3);
  encoding_failed(app, "cl100k_base", "HTTP 404");
  CHECK(app.requested_encoding.empty());
  CHECK(app.message == "Could not load cl100k_base: HTTP 404");
  CHECK_FALSE(select_encoding(app, "no-such"));
}

TEST_CASE("replacing a long text while the text box has the focus keeps the new text and the focus") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  app.editor.text = "short";
  for (int i = 0; i < 3; ++i) run_frame(app);
  REQUIRE(app.editor.active);
  // Far longer than the box's buffer: ImGui 1.86 overran it when this went through the edit callback.
  const std::string long_text(20000, 'x');
  text_editor_set_text(app.editor, long_text);
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(app.editor.text == long_text);
  CHECK(app.editor.active);
  CHECK(app.tokens.size() == long_text.size());
  text_editor_set_text(app.editor, "short again");
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(app.editor.text == "short again");
}
