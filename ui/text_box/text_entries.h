// Where the page's text boxes were on screen in the last frame drawn: a tap on one focuses the page's hidden
// text area within the tap's own event (web/page/input/screen_keyboard.js), which is what opens a phone's keyboard.
#pragma once

namespace bpeviz {

// Notes the ImGui text box just drawn (the last item), as much of it as its window shows.
void note_text_entry();
// Whether (x, y), in ImGui's coordinates (the canvas's CSS pixels), lies on a text box of the last frame.
bool text_entry_at(float x, float y);

}  // namespace bpeviz
