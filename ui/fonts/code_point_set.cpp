#include "ui/fonts/code_point_set.h"

#include "core/text/utf8.h"

namespace bpeviz {

namespace {
constexpr uint32_t kCodePoints = 0x110000;
}  // namespace

bool contains(const CodePointSet& set, uint32_t code_point) {
  return code_point < kCodePoints && !set.bits.empty() && (set.bits[code_point / 64] >> (code_point % 64) & 1);
}

bool add(CodePointSet& set, uint32_t code_point) {
  if (contains(set, code_point) || code_point >= kCodePoints) return false;
  if (set.bits.empty()) set.bits.assign(kCodePoints / 64, 0);
  set.bits[code_point / 64] |= uint64_t{1} << (code_point % 64);
  set.list.push_back(code_point);
  return true;
}

void add_text(CodePointSet& set, std::string_view utf8) {
  for (std::size_t i = utf8_skip_ascii(utf8, 0); i < utf8.size(); i = utf8_skip_ascii(utf8, i)) {
    add(set, utf8_code_point(utf8, i));
    i += utf8_char_length(utf8, i);
  }
}

}  // namespace bpeviz
