#include "ui/shaping/glyph_run.h"

#include "core/text/utf8.h"

namespace bpeviz {

void glyphs_of_text(std::string_view text, GlyphRun& glyphs) {
  glyphs.clear();
  for (std::size_t i = 0; i < text.size(); i += utf8_char_length(text, i)) {
    glyphs.push_back({utf8_code_point(text, i), static_cast<uint32_t>(glyphs.size())});
  }
}

void append_glyphs(std::string& out, const GlyphRun& glyphs) {
  for (const PlacedGlyph& g : glyphs) utf8_append(out, g.code_point);
}

}  // namespace bpeviz
