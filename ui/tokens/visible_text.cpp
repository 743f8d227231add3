#include "ui/tokens/visible_text.h"

#include <cstdio>

#include <utf8proc.h>

#include "core/text/utf8.h"
#include "ui/fonts/glyph_needs.h"
#include "ui/shaping/clusters.h"
#include "ui/shaping/pre_base_vowels.h"

namespace bpeviz {

bool append_visible_text(std::string& out, std::string_view text, bool show_whitespace, const ImFont* font,
                         const LabelPlace& place) {
  const std::size_t from = out.size();
  bool newline = false;
  bool last_was_name = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_char_length(text, i);
    const bool after_name = last_was_name;
    last_was_name = false;
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 1 && c >= 0x80) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else if (c == '\n') {
      if (show_whitespace) utf8_append(out, 0x21B5);  // ↵
      newline = true;
    } else if (c == ' ') {
      if (show_whitespace) utf8_append(out, 0x00B7); else out.push_back(' ');
    } else if (c == '\t') {
      if (show_whitespace) utf8_append(out, 0x2192); else out += "    ";
    } else if (c < 0x20) {
      utf8_append(out, 0x2400 + c);  // control pictures ␀ ␍ ...
    } else if (c == 0x7F) {
      utf8_append(out, 0x2421);
    } else if (n > 1 && font && (cluster_code_point(utf8_code_point(text, i)) ||
                                 !font->FindGlyphNoFallback(static_cast<ImWchar>(utf8_code_point(text, i))))) {
      char name[16];
      // A space between neighbouring names keeps "U+4F60 U+597D" readable.
      std::snprintf(name, sizeof name, "%sU+%04X", after_name ? " " : "", utf8_code_point(text, i));
      out += name;
      last_was_name = true;
    } else {
      // A mark that combines with nothing (a tile of Thai's ั alone) would be drawn over the tile's
      // edge: put it on a dotted circle, as Unicode's charts show marks. So is a vowel sign drawn
      // before its consonant, which would seem to belong to the letter after it.
      const uint32_t c = n > 1 ? utf8_code_point(text, i) : 0;
      const auto category = c ? utf8proc_category(static_cast<utf8proc_int32_t>(c)) : 0;
      if (i == 0 && (category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_ME || pre_base_vowel(c))) {
        utf8_append(out, 0x25CC);
      }
      out.append(text.substr(i, n));
    }
    i += n;
  }
  // HarfBuzz shapes the complex scripts once their fonts are loaded; until then Devanagari's vowel sign I is
  // moved by hand.
  if (GlyphNeeds* needs = current_glyph_needs()) shape_clusters(*needs, out, from);
  place_pre_base_vowels(out, from);
  order_right_to_left(out, from, font, place);
  return newline;
}

}  // namespace bpeviz
