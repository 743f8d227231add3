#include "core/special_token.h"

#include <utf8proc.h>

namespace bpeviz {

// Hugging Face asks its regex crate for \w at the neighbour: Unicode's word characters, that is
// Alphabetic, marks, decimal digits, connector punctuation ('_') and the joiners. Alphabetic is the
// letters, letter numbers and Other_Alphabetic; of the latter all but four blocks of letter symbols are
// marks (Unicode's PropList.txt), listed here.
bool is_word_character(uint32_t c) {
  if (c == 0x200C || c == 0x200D || (c >= 0x24B6 && c <= 0x24E9) || (c >= 0x1F130 && c <= 0x1F149) ||
      (c >= 0x1F150 && c <= 0x1F169) || (c >= 0x1F170 && c <= 0x1F189)) {
    return true;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(c))) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT: case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_PC:
      return true;
    default:
      return false;
  }
}

}  // namespace bpeviz
