// Quoted token labels and grouped numbers.
#include "ui/tokens/labels.h"

#include "ui/tokens/visible_text.h"

namespace bpeviz {

std::string quoted_token(std::string_view bytes, std::size_t max_bytes, const ImFont* font) {
  std::string out = "\"";
  append_visible_text(out, bytes.substr(0, max_bytes), true, font);
  if (bytes.size() > max_bytes) out += "…";
  return out + "\"";
}

std::string thousands(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace bpeviz
