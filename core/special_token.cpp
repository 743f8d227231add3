#include "core/special_token.h"

#include <utf8proc.h>

namespace bpeviz {

// (Rust's Alphabetic also takes some marks, Other_Alphabetic, which utf8proc does not tell apart:
// letters and numbers only.)
bool is_word_character(uint32_t c) {
  if (c == '_') return true;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// UTF-8 continuation bytes skipped back, at most 3; an ill-formed byte is a character of its own.
std::size_t previous_char(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t p = end - 1;
  while (p > begin && end - p < 4 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
  return utf8_char_length(text, p) == end - p ? p : end - 1;
}

}  // namespace bpeviz
