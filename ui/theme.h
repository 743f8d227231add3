// Colours and spacing: a light theme sized for projectors, and a stable colour for every token id.
#pragma once
#include <cstdint>

#include <imgui.h>

namespace bpeviz {

void apply_theme(ImGuiStyle& style);

// The same id always gets the same pastel colour; neighbouring ids get clearly different hues.
ImU32 token_color(uint32_t id);

}  // namespace bpeviz
