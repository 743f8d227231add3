// The tabs under the counts, one view each, and what each view is given of the page's state.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "ui/views/chat_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/encode_player_view.h"
#include "ui/views/schemes_view.h"

namespace bpeviz {

struct AppState;

// The views under the counts, one at a time (tabs).
enum class Panel { tokens, ids, decode, merges, studio, tree, schemes, compare, chat };
// A tab's name in the page's API and its links ("tokens", "ids", "decode", "merges", "studio", "tree",
// "schemes", "compare", "chat"), and back; nullopt for a name that is none of them.
const char* panel_name(Panel panel);
std::optional<Panel> panel_from_name(std::string_view name);

// The tab bar and the tab on show. A tab asked for through state.panel_request shows from the next
// frame; state.panel is the one drawn.
void draw_panels(AppState& state);
// Whether the tabs' names fit side by side in `available` pixels (tabs `spacing` apart, each its name and
// `padding` either side); when they do not, draw_panels shows a picker instead of tabs cut to a letter.
bool tabs_fit(float available, float spacing, float padding);

// What the encode player plays: the text under the current encoding and special-token policy.
EncodePlayerInput player_input(const AppState& state);
// Shows token `id` of the current encoding in the Merge tree tab, and switches to it.
void show_merge_tree(AppState& state, uint32_t id);
// What the Schemes tab compares: the text under the shown encoding (its tokens serial as the cache key).
SchemesInput schemes_input(const AppState& state);
// What the Compare tab compares: the text under the page's special-token policy.
CompareInput compare_input(const AppState& state);
// What the Chat tab renders: the conversation under the page's tokenizer.
ChatInput chat_input(const AppState& state);

}  // namespace bpeviz
