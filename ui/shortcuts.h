// Keyboard shortcuts for the classroom, and the help overlay that lists them (F1 or ?).
#pragma once
#include <span>

namespace bpeviz {

struct AppState;

// The platform's key indices (io.KeysDown) for the function keys: ImGui 1.86 names no function key,
// and its key indices are the platform's own (SDL scancodes), which ui/ does not know. -1: none.
struct ShortcutKeys {
  int help = -1;     // F1
  int present = -1;  // F5, as presentation software and presenter remotes use it
  int share = -1;    // F2: Share, the page's link as a QR code
};

struct Shortcut {
  const char* keys;
  const char* what;
};
// Every shortcut, as the help overlay lists it.
std::span<const Shortcut> shortcuts();

// Carries out this frame's shortcuts. Function keys work anywhere; the single keys (?, T, 1–6, Page
// Up/Down, Esc) only when no text box has the keyboard, so they never cost a typed character.
void handle_shortcuts(AppState& state);

// The overlay listing the shortcuts, while state.shortcuts_help is set; closing it clears the flag.
void draw_shortcuts_help(AppState& state);

}  // namespace bpeviz
