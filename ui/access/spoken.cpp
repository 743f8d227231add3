// Quoting for the mirror's names (see ui/access/spoken.h).
#include "ui/access/spoken.h"

namespace bpeviz {

std::string spoken_quote(std::string_view s, std::size_t max_bytes) {
  bool cut = false;
  if (s.size() > max_bytes) {
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // not inside a character
    s = s.substr(0, end);
    cut = true;
  }
  std::string out = "'";
  for (const char c : s) {
    if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += c;
  }
  return out + (cut ? "…'" : "'");
}

}  // namespace bpeviz
