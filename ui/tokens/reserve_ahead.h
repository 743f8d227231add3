// Room ahead in a list that a long text fills a part per frame (TokenizeSchedule::tokenized_up_to): a list
// that doubles as parts arrive copies tens of megabytes of fresh memory within one frame (400 ms for
// a 10 MB paste on a slow laptop). The app's token lists and the token view's tile lists use it.
#pragma once
#include <cstddef>

namespace bpeviz {

// With `share` (0 to 1) of the text done, room for the whole text and a quarter more, as many items a
// byte as so far; nothing when the list has that room already.
template <typename List>
void reserve_for_whole_text(List& list, double share) {
  const double whole = static_cast<double>(list.size()) / share;
  if (static_cast<double>(list.capacity()) < whole) list.reserve(static_cast<std::size_t>(whole * 1.25));
}

}  // namespace bpeviz
