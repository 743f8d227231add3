// A list box in the mirror of however many items, holding only a window of them around the current one (a long
// text's tokens or ids would be a million nodes): the Tokens view's tiles, the Ids view's ids. The arrow keys, Home,
// End and the page keys move the current item (web/page/access/keys.js sends them as commands).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "ui/access/mirror.h"

namespace bpeviz {

// How many items either side of the current one the list holds.
inline constexpr int64_t kListReach = 10;

// Where the current item goes for a command of the list: "next", "previous", "first", "last", "page-down",
// "page-up" (kListReach items), or an item's index. -1 (none yet) moves to the first; the result is an item.
int64_t window_list_move(int64_t current, std::size_t items, std::string_view command);

struct WindowList {
  std::string key;          // the list's, e.g. "tokens"; its options' are `item_prefix` + their index
  std::string name;         // its accessible name
  std::string item_prefix;  // e.g. "token:"
  AccessRect rect;          // where its items are drawn
};

// Records the list with its window of `items` around `current` (-1: from the first) and carries out its command;
// returns the current item after it. `name_of(i)` names item i. The command "open" (Enter) moves nothing and sets
// `*opened` (when given): the caller does what a click on the item does.
int64_t mirror_window_list(AccessMirror& mirror, const WindowList& list, int64_t current, std::size_t items,
                           const std::function<std::string(std::size_t)>& name_of, bool* opened = nullptr);

}  // namespace bpeviz
