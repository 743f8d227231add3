#include "ui/shaping/pre_base_vowels.h"

#include <algorithm>

#include <utf8proc.h>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

int combining_class(uint32_t c) {
  return utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->combining_class;
}
constexpr int kNukta = 7, kVirama = 9;

// A Devanagari consonant (a letter of the block), or the dotted circle a mark alone is drawn on.
bool base(uint32_t c) {
  return c == 0x25CC || (c >= 0x0900 && c <= 0x097F && utf8proc_category(static_cast<utf8proc_int32_t>(c)) == UTF8PROC_CATEGORY_LO);
}

}  // namespace

bool pre_base_vowel(uint32_t code_point) { return code_point == 0x093F || code_point == 0x094E; }

void place_pre_base_vowels(std::string& label, std::size_t from) {
  const std::string_view text = std::string_view(label).substr(std::min(from, label.size()));
  // U+093F and U+094E are E0 A4 BF and E0 A5 8E in UTF-8: most labels have neither.
  if (text.find("\xE0\xA4\xBF") == std::string_view::npos && text.find("\xE0\xA5\x8E") == std::string_view::npos) return;
  if (!utf8_is_valid(text)) return;
  GlyphRun glyphs;
  glyphs_of_text(text, glyphs);
  place_pre_base_vowels(glyphs);
  label.resize(label.size() - text.size());
  append_glyphs(label, glyphs);
}

void place_pre_base_vowels(GlyphRun& glyphs) {
  const auto at = [&](std::size_t i) { return glyphs[i].code_point; };
  // The start of the consonant (with its nukta) that ends at `end`, or `end` when none does.
  const auto consonant_before = [&](std::size_t end) {
    std::size_t j = end;
    while (j > 0 && combining_class(at(j - 1)) == kNukta) --j;
    return j > 0 && base(at(j - 1)) ? j - 1 : end;
  };
  for (std::size_t i = 1; i < glyphs.size(); ++i) {
    if (!pre_base_vowel(at(i))) continue;
    std::size_t start = consonant_before(i);
    // Consonants joined by a virama before it belong to the syllable: [consonant virama]* consonant.
    while (start >= 2 && combining_class(at(start - 1)) == kVirama) {
      const std::size_t before = consonant_before(start - 1);
      if (before == start - 1 || at(before) == 0x25CC) break;
      start = before;
    }
    std::rotate(glyphs.begin() + static_cast<std::ptrdiff_t>(start), glyphs.begin() + static_cast<std::ptrdiff_t>(i),
                glyphs.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
}

}  // namespace bpeviz
