// The mirror's records and commands (see ui/access/mirror.h): plain data, no ImGui.
#include "ui/access/mirror.h"

#include <algorithm>
#include <utility>

namespace bpeviz {

const char* access_role_name(AccessRole role) {
  switch (role) {
    case AccessRole::banner: return "banner";
    case AccessRole::region: return "region";
    case AccessRole::heading: return "heading";
    case AccessRole::text: return "text";
    case AccessRole::list: return "list";
    case AccessRole::listitem: return "listitem";
    case AccessRole::button: return "button";
    case AccessRole::toggle: return "toggle";
    case AccessRole::menubutton: return "menubutton";
    case AccessRole::checkbox: return "checkbox";
    case AccessRole::combobox: return "combobox";
    case AccessRole::tablist: return "tablist";
    case AccessRole::tab: return "tab";
    case AccessRole::tabpanel: return "tabpanel";
    case AccessRole::textbox: return "textbox";
    case AccessRole::textfield: return "textfield";
    case AccessRole::listbox: return "listbox";
    case AccessRole::option: return "option";
    case AccessRole::slider: return "slider";
    case AccessRole::alert: return "alert";
    case AccessRole::tree: return "tree";
    case AccessRole::treeitem: return "treeitem";
    case AccessRole::dialog: return "dialog";
    case AccessRole::table: return "table";
    case AccessRole::row: return "row";
    case AccessRole::cell: return "cell";
  }
  return "text";
}

void mirror_begin_frame(AccessMirror& mirror) {
  mirror.nodes.clear();  // keeps its capacity: no allocation for the list itself after the first frames
  mirror.open.clear();
}

void mirror_end_frame(AccessMirror& mirror) {
  // A control takes one command a frame: a second for it (two keys pressed within a frame) waits for the next
  // frame. Commands for controls not drawn this frame (a closed menu's entry) are dropped.
  std::erase_if(mirror.commands, [&mirror](const AccessCommand& c) {
    return std::none_of(mirror.nodes.begin(), mirror.nodes.end(), [&c](const AccessNode& n) { return n.key == c.key; });
  });
  mirror.open.clear();
  // Most frames record what the last one did: a comparison, and no copy, no export.
  if (mirror.nodes == mirror.published) return;
  std::swap(mirror.nodes, mirror.published);
  ++mirror.serial;
}

int mirror_add(AccessMirror& mirror, AccessNode node, std::optional<int> parent) {
  node.parent = parent ? *parent : mirror.open.empty() ? -1 : mirror.open.back();
  mirror.nodes.push_back(std::move(node));
  return static_cast<int>(mirror.nodes.size()) - 1;
}

int mirror_open(AccessMirror& mirror, AccessNode node) {
  const int index = mirror_add(mirror, std::move(node));
  mirror.open.push_back(index);
  return index;
}

void mirror_close(AccessMirror& mirror) {
  if (!mirror.open.empty()) mirror.open.pop_back();
}

void mirror_reopen(AccessMirror& mirror, int index) { mirror.open.push_back(index); }

void mirror_command(AccessMirror& mirror, std::string key, std::string value) {
  mirror.commands.push_back({std::move(key), std::move(value)});
}

std::optional<std::string> mirror_take(AccessMirror& mirror, std::string_view key) {
  if (mirror.commands.empty()) return std::nullopt;  // the usual frame: one test
  const auto it = std::find_if(mirror.commands.begin(), mirror.commands.end(), [key](const AccessCommand& c) { return c.key == key; });
  if (it == mirror.commands.end()) return std::nullopt;
  std::string value = std::move(it->value);
  mirror.commands.erase(it);
  return value;
}

void mirror_focus(AccessMirror& mirror, std::string key) {
  if (mirror.focus == key) return;
  mirror.focus = std::move(key);
  mirror.focus_moved = true;
}

const AccessNode* mirror_find(const AccessMirror& mirror, std::string_view key) {
  for (const AccessNode& n : mirror.published) {
    if (n.key == key) return &n;
  }
  return nullptr;
}

}  // namespace bpeviz
