// The Tokens tab's tiles in the mirror: a list box of a window of tiles around the current one (never a node
// per token of a long text), each named "token 3 of 42: ' hello', id 40617, 6 bytes, pre-token ' hello'";
// the arrow keys move the current tile, which the token view shows as hovering does.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/explain/token_groups.h"
#include "core/text/pretokenize.h"
#include "core/token.h"
#include "ui/access/mirror.h"
#include "ui/access/window_list.h"

namespace bpeviz {

class Encoding;

// A tile's name as the list says it: its tokens' places, text (quoted, control characters as \n, \t, \r),
// ids, bytes and pre-token.
std::string token_list_name(std::string_view text, std::span<const Token> tokens, const TokenGroup& group,
                            std::span<const Span> pieces, const Encoding* encoding);

// Records the list (key "tokens", ui/access/window_list.h) with its window of tiles around `current` (-1: from the first), and carries
// out its command: returns the current tile after it. `rect`: where the tiles are drawn, the list's place.
// The command "open" (Enter) moves nothing and sets `*opened`: the caller does what a click on the tile does.
int64_t mirror_token_list(AccessMirror& mirror, int64_t current, std::string_view text, std::span<const Token> tokens,
                          std::span<const TokenGroup> groups, std::span<const Span> pieces, const Encoding* encoding,
                          AccessRect rect, bool* opened = nullptr);

}  // namespace bpeviz
