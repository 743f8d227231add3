// Text as the mirror says it to a screen reader (ui/access/): a token's bytes quoted, control characters by
// their escapes, where the canvas draws them as visible marks (·, ↵) that a screen reader would spell out.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace bpeviz {

// `s` in single quotes, \n \t \r for those characters; past `max_bytes` cut at a character's start, with "…".
std::string spoken_quote(std::string_view s, std::size_t max_bytes = std::string_view::npos);

}  // namespace bpeviz
