#include "ui/shaping/right_to_left.h"

#include <algorithm>
#include <cstdlib>

#include <utf8proc.h>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

enum Form { kIsolated, kFinal, kInitial, kMedial, kFormCount };

struct ArabicLetter {
  uint32_t form[kFormCount] = {};  // 0: Unicode encodes no such form
  uint32_t lam_alef[2] = {};       // for an alef: lam + this alef, isolated and final
};

constexpr uint32_t kLam = 0x0644;

constexpr uint32_t kArabicFirst = 0x0600, kArabicLast = 0x08FF;

// Every Arabic presentation form (U+FB50–U+FDFF, U+FE70–U+FEFF) is, by its compatibility
// decomposition, a letter tagged <isolated>, <final>, <initial> or <medial>, or lam and an alef
// (the lam-alef ligatures); NFKC gives the letter back whole (U+FE81 → U+0622, not alef + madda).
// Indexed by code point - kArabicFirst: labels look letters up often.
const std::vector<ArabicLetter>& arabic_letters() {
  static const auto table = [] {
    std::vector<ArabicLetter> letters(kArabicLast - kArabicFirst + 1);
    const auto add = [&](uint32_t cp) {
      int form = 0;
      switch (utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->decomp_type) {
        case UTF8PROC_DECOMP_TYPE_ISOLATED: form = kIsolated; break;
        case UTF8PROC_DECOMP_TYPE_FINAL: form = kFinal; break;
        case UTF8PROC_DECOMP_TYPE_INITIAL: form = kInitial; break;
        case UTF8PROC_DECOMP_TYPE_MEDIAL: form = kMedial; break;
        default: return;
      }
      std::string utf8;
      utf8_append(utf8, cp);
      utf8proc_uint8_t* nfkc = utf8proc_NFKC(reinterpret_cast<const utf8proc_uint8_t*>(utf8.c_str()));
      if (!nfkc) return;
      const std::string letter(reinterpret_cast<const char*>(nfkc));
      std::free(nfkc);
      const std::size_t first = utf8_char_length(letter, 0);
      const uint32_t a = utf8_code_point(letter, 0);
      if (first == letter.size() && a >= kArabicFirst && a <= kArabicLast) {
        uint32_t& slot = letters[a - kArabicFirst].form[form];
        if (!slot) slot = cp;
      } else if (a == kLam && first + utf8_char_length(letter, first) == letter.size() && form <= kFinal) {
        // Only lam-alef is obligatory; lam-meem and the like are a font's choice, not the text's.
        const uint32_t b = utf8_code_point(letter, first);
        if (b != 0x0622 && b != 0x0623 && b != 0x0625 && b != 0x0627) return;
        uint32_t& slot = letters[b - kArabicFirst].lam_alef[form];
        if (!slot) slot = cp;
      }
    };
    for (uint32_t cp = 0xFB50; cp <= 0xFDFF; ++cp) add(cp);
    for (uint32_t cp = 0xFE70; cp <= 0xFEFF; ++cp) add(cp);
    return letters;
  }();
  return table;
}

// The letter's forms, or null for a character that has none.
const ArabicLetter* arabic_letter(uint32_t c) {
  if (c < kArabicFirst || c > kArabicLast) return nullptr;
  const ArabicLetter& letter = arabic_letters()[c - kArabicFirst];
  return letter.form[kIsolated] || letter.form[kFinal] ? &letter : nullptr;
}

int bidi_class(uint32_t c) { return utf8proc_get_property(static_cast<utf8proc_int32_t>(c))->bidi_class; }

// How a character joins its neighbours (Unicode's joining types, as far as labels need them).
enum class Joining { none, right, dual, transparent };

Joining joining(uint32_t c) {
  if (c == 0x0640 || c == 0x200D) return Joining::dual;  // tatweel and the zero-width joiner join both ways
  if (bidi_class(c) == UTF8PROC_BIDI_CLASS_NSM) return Joining::transparent;
  const ArabicLetter* letter = arabic_letter(c);
  if (!letter) return Joining::none;
  if (letter->form[kInitial] || letter->form[kMedial]) return Joining::dual;
  return letter->form[kFinal] ? Joining::right : Joining::none;
}

bool has_glyph(const ImFont* font, uint32_t c) { return !font || font->FindGlyphNoFallback(static_cast<ImWchar>(c)); }

// Arabic letters in their joined forms, in logical order; past its ends the text goes on with the
// place's letters before and after it.
void join_arabic(GlyphRun& text, const ImFont* font, const LabelPlace& place) {
  static thread_local std::vector<Joining> kinds;
  kinds.resize(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) kinds[i] = joining(text[i].code_point);
  const auto neighbour = [&](std::size_t i, int step) -> Joining {
    for (auto j = static_cast<std::ptrdiff_t>(i) + step; j >= 0 && j < static_cast<std::ptrdiff_t>(text.size()); j += step) {
      if (kinds[static_cast<std::size_t>(j)] != Joining::transparent) return kinds[static_cast<std::size_t>(j)];
    }
    const uint32_t beyond = step < 0 ? place.before : place.after;
    return beyond ? joining(beyond) : Joining::none;
  };
  // Written over the text as it is read: a ligature makes it shorter, never longer.
  std::size_t out = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const ArabicLetter* letter = arabic_letter(text[i].code_point);
    if (!letter) {
      text[out++] = text[i];
      continue;
    }
    const bool joins_before = kinds[i] != Joining::none && neighbour(i, -1) == Joining::dual;
    // Lam and the alef right after it are one ligature.
    if (text[i].code_point == kLam && i + 1 < text.size()) {
      const ArabicLetter* alef = arabic_letter(text[i + 1].code_point);
      const uint32_t ligature = alef ? alef->lam_alef[joins_before ? kFinal : kIsolated] : 0;
      if (ligature && has_glyph(font, ligature)) {
        text[out++] = {ligature, text[i].source, text[i].count + text[i + 1].count};
        ++i;
        continue;
      }
    }
    const Joining after = neighbour(i, +1);
    const bool joins_after = kinds[i] == Joining::dual && (after == Joining::dual || after == Joining::right);
    const int form = joins_before ? (joins_after ? kMedial : kFinal) : (joins_after ? kInitial : kIsolated);
    const uint32_t shaped = letter->form[form];
    text[out] = text[i];
    if (shaped && has_glyph(font, shaped)) text[out].code_point = shaped;
    ++out;
  }
  text.resize(out);
}

bool strong_right_to_left(uint32_t c) {
  const int k = bidi_class(c);
  return k == UTF8PROC_BIDI_CLASS_R || k == UTF8PROC_BIDI_CLASS_AL;
}

bool number_part(uint32_t c) {
  const int k = bidi_class(c);
  return k == UTF8PROC_BIDI_CLASS_EN || k == UTF8PROC_BIDI_CLASS_AN;
}

// A comma, point, sign or currency sign: part of a number when a digit follows it.
bool number_separator(uint32_t c) {
  const int k = bidi_class(c);
  return k == UTF8PROC_BIDI_CLASS_CS || k == UTF8PROC_BIDI_CLASS_ET;
}

uint32_t mirrored(uint32_t c) {
  switch (c) {
    case '(': return ')';
    case ')': return '(';
    case '[': return ']';
    case ']': return '[';
    case '{': return '}';
    case '}': return '{';
    case '<': return '>';
    case '>': return '<';
    case 0x00AB: return 0x00BB;  // « »
    case 0x00BB: return 0x00AB;
    default: return c;
  }
}

// Reverses text[begin, end) by units: a letter with the marks after it, or a number (digits with the
// separators inside it), each unit keeping its own order. The whole range is reversed, then each
// unit back again.
void reverse_run(GlyphRun& text, std::size_t begin, std::size_t end) {
  const auto at = [&](std::size_t i) { return text.begin() + static_cast<std::ptrdiff_t>(i); };
  std::reverse(at(begin), at(end));
  for (std::size_t i = begin; i < end;) {
    // In reverse, a unit ends with its letter or its number's last digit.
    std::size_t j = i;
    if (number_part(text[i].code_point)) {
      const auto continues = [&](std::size_t k) {
        return number_part(text[k].code_point) ||
               (k + 1 < end && number_separator(text[k].code_point) && number_part(text[k + 1].code_point));
      };
      while (j + 1 < end && continues(j + 1)) ++j;
    } else {
      while (j + 1 < end && bidi_class(text[j].code_point) == UTF8PROC_BIDI_CLASS_NSM) ++j;
    }
    if (i == j) text[i].code_point = mirrored(text[i].code_point);
    std::reverse(at(i), at(j + 1));
    i = j + 1;
  }
}

}  // namespace

void order_right_to_left(std::string& label, std::size_t from, const ImFont* font, const LabelPlace& place) {
  // Hebrew, Arabic and their presentation forms all start with a byte of 0xD6 or more.
  const auto begin = label.begin() + static_cast<std::ptrdiff_t>(std::min(from, label.size()));
  if (!place.right_to_left &&
      std::none_of(begin, label.end(), [](char b) { return static_cast<unsigned char>(b) >= 0xD6; })) {
    return;
  }
  const std::string_view text = std::string_view(label).substr(from);
  // Text that is not UTF-8 (visible_text spells such bytes out, but a caller may not) is left alone.
  if (!utf8_is_valid(text)) return;
  static thread_local GlyphRun glyphs;  // kept between labels: no allocation per tile
  glyphs_of_text(text, glyphs);
  if (!order_right_to_left(glyphs, font, place)) return;
  label.resize(from);
  append_glyphs(label, glyphs);
}

bool order_right_to_left(GlyphRun& glyphs, const ImFont* font, const LabelPlace& place) {
  const auto right_to_left = [](const PlacedGlyph& g) { return strong_right_to_left(g.code_point); };
  if (!place.right_to_left && std::none_of(glyphs.begin(), glyphs.end(), right_to_left)) return false;

  join_arabic(glyphs, font, place);
  // In a left-to-right label, a run starts at a right-to-left letter and ends at the last one before
  // a left-to-right letter (or the end), with the marks on it; what lies between (spaces, numbers,
  // punctuation) is in it. A right-to-left label is reversed whole, and then its left-to-right runs
  // (found the same way, as reversed) back again.
  const auto reverse_runs = [&](auto starts_run, auto ends_run) {
    for (std::size_t i = 0; i < glyphs.size();) {
      if (!starts_run(glyphs[i].code_point)) {
        ++i;
        continue;
      }
      std::size_t end = i + 1;
      for (std::size_t j = i + 1; j < glyphs.size() && !ends_run(glyphs[j].code_point); ++j) {
        if (starts_run(glyphs[j].code_point)) end = j + 1;
      }
      while (end < glyphs.size() && bidi_class(glyphs[end].code_point) == UTF8PROC_BIDI_CLASS_NSM) ++end;
      reverse_run(glyphs, i, end);
      i = end;
    }
  };
  const auto left_to_right = [](uint32_t c) { return bidi_class(c) == UTF8PROC_BIDI_CLASS_L; };
  if (place.right_to_left) {
    reverse_run(glyphs, 0, glyphs.size());
    reverse_runs(left_to_right, strong_right_to_left);
  } else {
    reverse_runs(strong_right_to_left, left_to_right);
  }
  return true;
}

Direction character_direction(uint32_t c) {
  if (strong_right_to_left(c)) return Direction::right_to_left;
  if (bidi_class(c) == UTF8PROC_BIDI_CLASS_L) return Direction::left_to_right;
  return number_part(c) ? Direction::number : Direction::neutral;
}

Direction text_direction(std::string_view utf8) {
  bool digit = false;
  for (std::size_t i = 0; i < utf8.size(); i += utf8_char_length(utf8, i)) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const bool letter = (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    const Direction d = b >= 0x80 ? character_direction(utf8_code_point(utf8, i))  // ASCII without decoding it
                        : letter  ? Direction::left_to_right
                                  : (b >= '0' && b <= '9' ? Direction::number : Direction::neutral);
    if (d == Direction::left_to_right || d == Direction::right_to_left) return d;
    digit = digit || d == Direction::number;
  }
  return digit ? Direction::number : Direction::neutral;
}

Direction text_direction(std::span<const uint32_t> code_points) {
  bool digit = false;
  for (const uint32_t c : code_points) {
    const Direction d = character_direction(c);
    if (d == Direction::left_to_right || d == Direction::right_to_left) return d;
    digit = digit || d == Direction::number;
  }
  return digit ? Direction::number : Direction::neutral;
}

std::vector<uint32_t> joined_forms(uint32_t code_point) {
  std::vector<uint32_t> forms;
  const ArabicLetter* letter = arabic_letter(code_point);
  if (!letter) return forms;
  for (const uint32_t f : letter->form) {
    if (f) forms.push_back(f);
  }
  for (const uint32_t f : letter->lam_alef) {
    if (f) forms.push_back(f);
  }
  return forms;
}

}  // namespace bpeviz
