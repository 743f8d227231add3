// Fonts rasterized for the screen's pixel density, so text is sharp on HiDPI displays.
#pragma once
#include <cstdint>
#include <span>

#include <imgui.h>

namespace bpeviz {

struct Fonts {
  ImFont* text = nullptr;   // prose, labels and token text
  ImFont* mono = nullptr;   // ids, bytes in hex
  float pixel_ratio = 0;    // device pixels per CSS pixel the atlas was built for
  float scale = 1;          // the sizes relative to the usual ones (presentation mode enlarges them)
};

// Rebuilds the font atlas at `pixel_ratio` and sets FontGlobalScale so sizes stay in CSS pixels;
// `scale` enlarges every size (rasterized at that size, so large type stays sharp).
// The font bytes must outlive the atlas. The renderer must re-upload the atlas texture afterwards.
Fonts load_fonts(ImGuiIO& io, std::span<const uint8_t> text_ttf, std::span<const uint8_t> mono_ttf,
                 float pixel_ratio, float scale = 1);

}  // namespace bpeviz
