// The page's controls as plain records, made anew each frame as they are drawn: what the web layer turns
// into a semantic DOM copy of the canvas for screen readers and the keyboard (web/page/access/).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

// What a record is, as assistive technology knows it (each maps to one kind of DOM element).
enum class AccessRole : uint8_t {
  banner,      // the page's header landmark
  region,      // a named landmark (the text, the counts, the views)
  heading,     // the page's title
  text,        // a line of static text
  list,
  listitem,    // static text, one of a list
  button,
  toggle,      // a button that stays on (aria-pressed = on)
  menubutton,  // a button that opens a menu or a view (aria-expanded = on)
  checkbox,    // on = checked
  combobox,    // a picker: value is the chosen option's, options are what it offers
  tablist,
  tab,         // on = the view on show
  tabpanel,
  textbox,     // the text box (the page's own hidden text area stands for it)
  textfield,   // another field to type in (value: its text; on = several lines); a command's value is the new text
  listbox,     // a list that keeps the focus: value is the key of its current option
  option,      // one of a list box's: on = the current one
  slider,      // a number in a range (AccessNode::range); a command's value is the number chosen
  alert,       // an error or a refusal: said at once when it appears
  tree,        // a tree of items (the merge tree)
  treeitem,    // one of a tree's, named; its children are the items under it
  dialog,      // a modal window (the shortcuts, Share): named by its title; the records after it are its content
  table,       // rows of cells: its rows are `row` records, their cells `cell` records
  row,
  cell,
};
const char* access_role_name(AccessRole role);

struct AccessOption {
  std::string value;  // what choosing it sends back
  std::string label;
  bool operator==(const AccessOption&) const = default;
};

struct AccessRect {
  float x = 0, y = 0, width = 0, height = 0;  // CSS pixels, as drawn
  bool operator==(const AccessRect&) const = default;
};

struct AccessRange {
  float low = 0, high = 0, now = 0, step = 1;  // a slider's ends, its value and the step of its arrow keys
  bool operator==(const AccessRange&) const = default;
};

struct AccessNode {
  AccessRole role = AccessRole::text;
  std::string key;    // stable across frames and unique in a frame: "encoding", "tab:tokens"
  std::string name;   // the accessible name
  std::string value;  // a picker's chosen option
  bool on = false;    // checked, pressed, selected or expanded, as the role says
  bool disabled = false;
  bool live = false;  // a change of its name is announced (politely, throttled: the step a player shows)
  int parent = -1;    // the index of the record it belongs to (-1: the page)
  // An option's place in its whole list (from 1) and the list's length: a list box holds only some of them.
  uint32_t place = 0, set_size = 0;
  AccessRect rect;
  AccessRange range;  // a slider's
  std::vector<AccessOption> options;
  bool operator==(const AccessNode&) const = default;
};

// What the mirror asks of a control: press it (value ""), or choose an option of a picker (its value).
struct AccessCommand {
  std::string key;
  std::string value;
};

struct AccessMirror {
  std::vector<AccessNode> nodes;      // recorded this frame so far, in reading order
  std::vector<AccessNode> published;  // the last frame's complete list, as the web layer reads it
  uint64_t serial = 0;                // bumped whenever `published` changes
  std::vector<int> open;              // the records later ones belong to (landmarks, lists)
  std::vector<AccessCommand> commands;  // from the mirror, for the controls drawn this frame
  // The control with the keyboard focus in the mirror ("" for none, "text" for the text box), and
  // whether it moved since the last frame (the text box then lets go of the keyboard, or takes it).
  std::string focus;
  bool focus_moved = false;
};

// Starts a frame's records (the commands stay, for the controls about to be drawn).
void mirror_begin_frame(AccessMirror& mirror);
// Ends the frame: its records become `published` when they differ (serial bumped); commands for controls
// not drawn this frame are dropped (those for drawn ones wait for the next frame: one a frame each).
void mirror_end_frame(AccessMirror& mirror);

// Adds a record under the open one (or `parent` when given, >= -1); returns its index.
int mirror_add(AccessMirror& mirror, AccessNode node, std::optional<int> parent = std::nullopt);
// Adds a record and makes later ones belong to it, until mirror_close.
int mirror_open(AccessMirror& mirror, AccessNode node);
void mirror_close(AccessMirror& mirror);
// Makes later records belong to record `index` again, until mirror_close (a tab list's tabs come between views).
void mirror_reopen(AccessMirror& mirror, int index);

// Queues a command for the control `key` (from the web layer; the next frame carries it out).
void mirror_command(AccessMirror& mirror, std::string key, std::string value = {});
// Takes the command queued for `key`, if any.
std::optional<std::string> mirror_take(AccessMirror& mirror, std::string_view key);
// The mirror's keyboard focus moved to `key` ("" when it left the mirror).
void mirror_focus(AccessMirror& mirror, std::string key);
// The published record of `key`, or null.
const AccessNode* mirror_find(const AccessMirror& mirror, std::string_view key);

}  // namespace bpeviz
