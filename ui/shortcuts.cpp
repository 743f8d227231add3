#include "ui/shortcuts.h"

#include <array>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/app.h"
#include "ui/header/header.h"
#include "ui/header/lessons.h"
#include "ui/share/share_view.h"

namespace bpeviz {

namespace {

constexpr std::array kShortcuts{
    Shortcut{"F1  or  ?", "this list of shortcuts"},
    Shortcut{"F5", "presentation mode: large type, high contrast, the text and its tokens"},
    Shortcut{"F2", "share: this page's link as a QR code for the class's phones"},
    Shortcut{"T", "light or dark theme"},
    Shortcut{"1 – 6", "a lesson from the lecture"},
    Shortcut{"Page Down, Page Up", "the next or the previous lesson"},
    Shortcut{"Space, ←, →", "play, step back, step on (Merge steps and Train BPE tabs)"},
    Shortcut{"Ctrl+V, Ctrl+Z, Ctrl+Y", "paste, undo, redo in the text box"},
    Shortcut{"Esc", "close this list"},
};

constexpr const char* kHelpTitle = "Keyboard shortcuts";

bool pressed(int key) { return key >= 0 && ImGui::IsKeyPressed(key, false); }

void toggle_theme(AppState& state) { state.theme = state.theme == Theme::dark ? Theme::light : Theme::dark; }

// The lesson `step` places after (or before) the current one, wrapping around; from no lesson,
// Page Down starts at the first and Page Up at the last.
void step_lesson(AppState& state, int step) {
  const int n = static_cast<int>(lessons().size());
  const int current = current_lesson(state);
  const int from = current >= 0 ? current : (step > 0 ? -1 : n);
  start_lesson(state, ((from + step) % n + n) % n);
}

}  // namespace

std::span<const Shortcut> shortcuts() { return kShortcuts; }

void handle_shortcuts(AppState& state) {
  ImGuiIO& io = ImGui::GetIO();
  if (pressed(state.keys.help)) state.shortcuts_help = !state.shortcuts_help;
  if (pressed(state.keys.present)) state.presenting = !state.presenting;
  if (pressed(state.keys.share)) show_share(state.share, !state.share.open);
  if (io.WantTextInput) return;  // the keys below are typing
  for (const ImWchar c : io.InputQueueCharacters) {
    if (c == '?') state.shortcuts_help = !state.shortcuts_help;
    else if (c == 't' || c == 'T') toggle_theme(state);
    else if (c >= '1' && c < '1' + lessons().size()) start_lesson(state, static_cast<int>(c - '1'));
  }
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown), false)) step_lesson(state, 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp), false)) step_lesson(state, -1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) state.shortcuts_help = false;
}

void draw_shortcuts_help(AppState& state) {
  // A modal: it dims the page behind it and takes the keyboard from the text box, so ? and Esc
  // reach the shortcuts while it is open.
  if (state.shortcuts_help && !ImGui::IsPopupOpen(kHelpTitle)) ImGui::OpenPopup(kHelpTitle);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  bool open = true;
  if (!ImGui::BeginPopupModal(kHelpTitle, &open, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove)) {
    state.shortcuts_help = false;
    return;
  }
  // In the mirror: a dialog with a Close button, and the shortcuts as a table.
  if (mirror_dialog(state.access, "dialog:shortcuts", kHelpTitle)) open = false;
  if (!open || !state.shortcuts_help) {
    state.shortcuts_help = false;
    ImGui::CloseCurrentPopup();
  }
  AccessNode table;
  table.role = AccessRole::table;
  table.key = "shortcuts";
  table.name = kHelpTitle;
  const int rows = mirror_add(state.access, std::move(table));
  if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    for (const Shortcut& s : kShortcuts) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.keys);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(s.what);
      mirror_row(state.access, rows, std::string("shortcut:") + s.keys, {s.keys, s.what});
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("Keys without F or Ctrl work when the text box is not being typed in: click the tokens first.");
  mirror_text(state.access, AccessRole::text, "shortcuts:note",
              "Keys without F or Ctrl work when the text box is not being typed in: click the tokens first.");
  mirror_close(state.access);
  ImGui::EndPopup();
}

}  // namespace bpeviz
