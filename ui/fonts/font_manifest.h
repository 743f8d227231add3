// Which font file draws which code points: the base font the page preloads and the fallback files
// it fetches when its text needs them, as scripts/make_fallback_fonts.py lists them in its manifest.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace bpeviz {

struct FontFile {
  std::string file;          // "DejaVuSans.ttf", "han-2.ttf"
  std::string script;        // what it is for: "Latin", "CJK", "Emoji", ...
  bool preferred = false;    // draws its code points even where the base font has them too
  float height_per_em = 1;   // (ascender - descender) / units per em: stb_truetype sizes fonts by this height
  std::vector<std::pair<uint32_t, uint32_t>> ranges;  // the code points it has: sorted, inclusive

  bool covers(uint32_t code_point) const;
};

struct FontManifest {
  FontFile base;
  std::vector<FontFile> fallbacks;
  // font_for_code_point's answers by interval, made by parse_font_manifest: code points from
  // answer_starts[i] up to the next start get answers[i]. With about 180 fallbacks, asking each font
  // for every character of every label took milliseconds a frame.
  std::vector<uint32_t> answer_starts;
  std::vector<int> answers;
};

// Reads the manifest's JSON: {"base": FONT, "fallbacks": [FONT, ...]}, a FONT being
// {"file", "script", "preferred", "heightPerEm", "ranges": [[first, last], ...]}.
Result<FontManifest> parse_font_manifest(std::string_view json);

constexpr int kBaseFont = -1;  // font_for_code_point's answer for the base font
constexpr int kNoFont = -2;    // and for a code point no font has

// The font that draws `code_point`: a preferred fallback that has it, else the base font, else the
// first fallback that has it (an index into manifest.fallbacks), else kNoFont.
int font_for_code_point(const FontManifest& manifest, uint32_t code_point);
// Makes the manifest's answers by interval (parse_font_manifest does; a manifest built otherwise is asked font by font).
void index_font_manifest(FontManifest& manifest);

}  // namespace bpeviz
