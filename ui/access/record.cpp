// ImGui's controls into the mirror, and the mirror's focus back onto the canvas (see ui/access/record.h).
#include "ui/access/record.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/text_box/text_editor.h"
#include "ui/theme.h"

namespace bpeviz {

namespace {

AccessRect last_item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  return {min.x, min.y, size.x, size.y};
}

}  // namespace

bool mirror_control(AccessMirror& mirror, AccessRole role, std::string key, std::string name, bool on, bool disabled) {
  const bool pressed = mirror_take(mirror, key).has_value() && !disabled;  // (taken either way: not kept for later)
  AccessNode node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(name);
  node.on = on;
  node.disabled = disabled;
  node.rect = last_item_rect();
  mirror_add(mirror, std::move(node));
  return pressed;
}

std::optional<std::string> mirror_picker(AccessMirror& mirror, std::string key, std::string name, std::string value,
                                         std::vector<AccessOption> options) {
  std::optional<std::string> chosen = mirror_take(mirror, key);
  // Only what the picker offers: a stale or made-up value chooses nothing.
  if (chosen) {
    bool offered = false;
    for (const AccessOption& o : options) offered = offered || o.value == *chosen;
    if (!offered) chosen.reset();
  }
  AccessNode node;
  node.role = AccessRole::combobox;
  node.key = std::move(key);
  node.name = std::move(name);
  node.value = std::move(value);
  node.options = std::move(options);
  node.rect = last_item_rect();
  mirror_add(mirror, std::move(node));
  return chosen;
}

std::optional<float> mirror_slider(AccessMirror& mirror, std::string key, std::string name, AccessRange range,
                                   bool disabled) {
  std::optional<float> chosen;
  if (const auto command = mirror_take(mirror, key); command && !disabled) {
    char* end = nullptr;
    const float v = std::strtof(command->c_str(), &end);
    // Only a number: anything else chooses nothing.
    if (end != command->c_str() && *end == '\0' && std::isfinite(v)) chosen = std::clamp(v, range.low, range.high);
  }
  AccessNode node;
  node.role = AccessRole::slider;
  node.key = std::move(key);
  node.name = std::move(name);
  node.disabled = disabled;
  node.range = range;
  node.rect = last_item_rect();
  mirror_add(mirror, std::move(node));
  return chosen;
}

std::optional<std::string> mirror_textfield(AccessMirror& mirror, std::string key, std::string name, std::string value,
                                            bool multiline) {
  std::optional<std::string> typed = mirror_take(mirror, key);
  AccessNode node;
  node.role = AccessRole::textfield;
  node.key = std::move(key);
  node.name = std::move(name);
  node.value = typed ? *typed : std::move(value);
  node.on = multiline;
  node.rect = last_item_rect();
  mirror_add(mirror, std::move(node));
  return typed;
}

void mirror_text(AccessMirror& mirror, AccessRole role, std::string key, std::string text, std::optional<int> parent) {
  AccessNode node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(text);
  node.rect = last_item_rect();
  mirror_add(mirror, std::move(node), parent);
}

void mirror_live_text(AccessMirror& mirror, std::string key, std::string text) {
  mirror_text(mirror, AccessRole::text, std::move(key), std::move(text));
  mirror.nodes.back().live = true;
}

void mirror_row(AccessMirror& mirror, int table, const std::string& key, const std::vector<std::string>& cells) {
  AccessNode row;
  row.role = AccessRole::row;
  row.key = key;
  const int index = mirror_add(mirror, std::move(row), table);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    AccessNode cell;
    cell.role = AccessRole::cell;
    cell.key = key + ":" + std::to_string(i);
    cell.name = cells[i];
    mirror_add(mirror, std::move(cell), index);
  }
}

bool mirror_dialog(AccessMirror& mirror, const std::string& key, std::string title) {
  const ImVec2 at = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  AccessNode dialog;
  dialog.role = AccessRole::dialog;
  dialog.key = key;
  dialog.name = std::move(title);
  dialog.rect = {at.x, at.y, size.x, size.y};
  mirror_open(mirror, std::move(dialog));
  const std::string close_key = key + ":close";
  const bool pressed = mirror_take(mirror, close_key).has_value();
  AccessNode close;
  close.role = AccessRole::button;
  close.key = close_key;
  close.name = "Close";
  close.rect = {at.x, at.y, size.x, ImGui::GetFrameHeight()};  // the title bar, with its ×
  mirror_add(mirror, std::move(close));
  return pressed;
}

int mirror_group(AccessMirror& mirror, AccessRole role, std::string key, std::string name) {
  AccessNode node;
  node.role = role;
  node.key = std::move(key);
  node.name = std::move(name);
  return mirror_open(mirror, std::move(node));
}

void mirror_apply_focus(AccessMirror& mirror, TextEditorState& editor) {
  if (!std::exchange(mirror.focus_moved, false)) return;
  if (mirror.focus == "text") {
    editor.focus_request = true;
  } else if (!mirror.focus.empty() && ImGui::GetActiveID() != 0) {
    ImGui::ClearActiveID();  // typed letters now reach the shortcuts, not the box
  }
}

void draw_focus_ring(const AccessMirror& mirror) {
  if (mirror.focus.empty() || mirror.focus == "text") return;  // the text box shows its own caret
  const AccessNode* node = mirror_find(mirror, mirror.focus);
  if (!node || node->rect.width <= 0 || node->rect.height <= 0) return;
  // Blue on the light theme, light blue on the dark: at least 3:1 against either background (WCAG 1.4.11).
  const bool dark = relative_luminance(ImGui::GetColorU32(ImGuiCol_WindowBg)) < 0.5f;
  const ImU32 colour = dark ? IM_COL32(138, 180, 255, 255) : IM_COL32(26, 86, 196, 255);
  const float gap = 2, width = 2;
  const ImVec2 min(node->rect.x - gap, node->rect.y - gap);
  const ImVec2 max(node->rect.x + node->rect.width + gap, node->rect.y + node->rect.height + gap);
  ImGui::GetForegroundDrawList()->AddRect(min, max, colour, ImGui::GetStyle().FrameRounding + gap, 0, width);
}

}  // namespace bpeviz
