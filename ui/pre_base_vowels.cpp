#include "ui/pre_base_vowels.h"

#include <algorithm>
#include <vector>

#include <utf8proc.h>

#include "core/utf8.h"

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
  std::vector<uint32_t> code_points;
  for (std::size_t i = 0; i < text.size(); i += utf8_char_length(text, i)) code_points.push_back(utf8_code_point(text, i));
  // The start of the consonant (with its nukta) that ends at `end`, or `end` when none does.
  const auto consonant_before = [&](std::size_t end) {
    std::size_t j = end;
    while (j > 0 && combining_class(code_points[j - 1]) == kNukta) --j;
    return j > 0 && base(code_points[j - 1]) ? j - 1 : end;
  };
  for (std::size_t i = 1; i < code_points.size(); ++i) {
    if (!pre_base_vowel(code_points[i])) continue;
    std::size_t start = consonant_before(i);
    // Consonants joined by a virama before it belong to the syllable: [consonant virama]* consonant.
    while (start >= 2 && combining_class(code_points[start - 1]) == kVirama) {
      const std::size_t before = consonant_before(start - 1);
      if (before == start - 1 || code_points[before] == 0x25CC) break;
      start = before;
    }
    std::rotate(code_points.begin() + static_cast<std::ptrdiff_t>(start), code_points.begin() + static_cast<std::ptrdiff_t>(i),
                code_points.begin() + static_cast<std::ptrdiff_t>(i + 1));
  }
  label.resize(label.size() - text.size());
  for (const uint32_t c : code_points) utf8_append(label, c);
}

}  // namespace bpeviz
