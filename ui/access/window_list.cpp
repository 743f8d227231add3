// The windowed list box (see ui/access/window_list.h).
#include "ui/access/window_list.h"

#include <algorithm>
#include <charconv>

namespace bpeviz {

int64_t window_list_move(int64_t current, std::size_t items, std::string_view command) {
  if (items == 0) return -1;
  const int64_t last = static_cast<int64_t>(items) - 1;
  const int64_t from = std::clamp<int64_t>(current, 0, last);
  int64_t to = from;
  if (command == "next") to = current < 0 ? 0 : from + 1;
  else if (command == "previous") to = from - 1;
  else if (command == "first") to = 0;
  else if (command == "last") to = last;
  else if (command == "page-down") to = from + kListReach;
  else if (command == "page-up") to = from - kListReach;
  else if (int64_t index = 0; std::from_chars(command.data(), command.data() + command.size(), index).ec == std::errc()) to = index;
  return std::clamp<int64_t>(to, 0, last);
}

int64_t mirror_window_list(AccessMirror& mirror, const WindowList& list, int64_t current, std::size_t items,
                           const std::function<std::string(std::size_t)>& name_of, bool* opened) {
  if (items == 0) return -1;
  const auto count = static_cast<int64_t>(items);
  if (const auto command = mirror_take(mirror, list.key)) {
    if (*command != "open") current = window_list_move(current, items, *command);
    else if (opened && current >= 0 && current < count) *opened = true;
  }
  if (current >= count) current = count - 1;
  const int64_t shown = std::max<int64_t>(current, 0);
  AccessNode box;
  box.role = AccessRole::listbox;
  box.key = list.key;
  box.name = list.name;
  box.value = current < 0 ? "" : list.item_prefix + std::to_string(current);  // the active one
  box.rect = list.rect;
  const int index = mirror_add(mirror, std::move(box));
  const int64_t begin = std::max<int64_t>(0, shown - kListReach);
  const int64_t end = std::min<int64_t>(count, shown + kListReach + 1);
  for (int64_t i = begin; i < end; ++i) {
    AccessNode option;
    option.role = AccessRole::option;
    option.key = list.item_prefix + std::to_string(i);
    option.name = name_of(static_cast<std::size_t>(i));
    option.on = i == current;
    option.place = static_cast<uint32_t>(i + 1);
    option.set_size = static_cast<uint32_t>(items);
    mirror_add(mirror, std::move(option), index);
  }
  return current;
}

}  // namespace bpeviz
