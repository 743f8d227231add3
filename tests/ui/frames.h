// Frames drawn headless for the ui tests: the whole app, or the training studio or the text box alone
// in a window filling the display; and a built-in encoding loaded from its binary vocabulary.
#pragma once
#include <doctest/doctest.h>
#include <imgui.h>

#include <string>

#include "tests/test_data.h"
#include "tests/ui/headless.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/text_box/text_editor.h"
#include "ui/studio/training_studio.h"

namespace bpeviz::test {

inline void app_frame_headless(AppState& app) {
  ImGui::NewFrame();
  app_frame(app);
  ImGui::Render();
}

inline void studio_frame_headless(TrainingStudioState& state, const TrainingStudioInput& input, float dt = 1.0f / 60) {
  ImGui::GetIO().DeltaTime = dt;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("studio");
  draw_training_studio(state, default_fonts(), input);
  ImGui::End();
  ImGui::Render();
}

inline void editor_frame(TextEditorState& editor) {
  ImGui::NewFrame();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGui::Begin("editor");
  draw_text_editor(editor, "##text", ImVec2(-1, 300));
  ImGui::End();
  ImGui::Render();
}

// Loads encoding `name` (a built-in one) into the app and picks it.
inline void load_builtin_encoding(AppState& app, const char* name) {
  const std::string data = read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/" + name + ".bpevocab");
  REQUIRE(app.encodings.load_builtin(name, data).ok());
  REQUIRE(select_encoding(app, name));
}

}  // namespace bpeviz::test
