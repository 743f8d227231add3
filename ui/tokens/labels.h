// Short text for the views' sentences: a token's bytes quoted with nothing invisible, and counts
// with thousands separators ("1,229 tokens").
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <imgui.h>

namespace bpeviz {

// `"bytes"` with whitespace and control bytes visible (ui/tokens/visible_text.h), cut after `max_bytes`
// with "…". `font` (may be null) lets characters it cannot draw show as U+XXXX.
std::string quoted_token(std::string_view bytes, std::size_t max_bytes, const ImFont* font = nullptr);
// 1229 → "1,229".
std::string thousands(uint64_t n);

}  // namespace bpeviz
