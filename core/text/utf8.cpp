// UTF-8 scanning is delegated to utf8proc so that all of core agrees on what a character is.
#include "core/text/utf8.h"

#include <utf8proc.h>

#include <cstring>

namespace bpeviz {

std::size_t utf8_char_length(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                  static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  return n > 0 ? static_cast<std::size_t>(n) : 1;
}

uint32_t utf8_code_point(std::string_view text, std::size_t pos) {
  utf8proc_int32_t cp = 0;
  const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                  static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  return n > 0 ? static_cast<uint32_t>(cp) : 0xFFFD;
}

// UTF-8 continuation bytes skipped back, at most 3.
std::size_t utf8_previous_char(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t p = end - 1;
  while (p > begin && end - p < 4 && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
  return utf8_char_length(text, p) == end - p ? p : end - 1;
}

void utf8_append(std::string& out, uint32_t code_point) {
  utf8proc_uint8_t buf[4];
  const auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

std::size_t utf8_skip_ascii(std::string_view text, std::size_t pos) {
  for (uint64_t eight = 0; pos + 8 <= text.size(); pos += 8) {
    std::memcpy(&eight, text.data() + pos, 8);
    if (eight & 0x8080808080808080u) break;
  }
  while (pos < text.size() && static_cast<unsigned char>(text[pos]) < 0x80) ++pos;
  return pos;
}

std::size_t utf8_count_characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t ascii_end = utf8_skip_ascii(text, pos);
    count += ascii_end - pos;
    pos = ascii_end;
    if (pos < text.size()) {
      pos += utf8_char_length(text, pos);
      ++count;
    }
  }
  return count;
}

bool utf8_is_valid(std::string_view text) {
  for (std::size_t pos = utf8_skip_ascii(text, 0); pos < text.size(); pos = utf8_skip_ascii(text, pos)) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                    static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) return false;
    pos += static_cast<std::size_t>(n);
  }
  return true;
}

namespace {

// Length of the longest prefix of text[pos..] that could still begin a well-formed sequence
// ("maximal subpart" in Unicode's terms, §3.9): the bytes one U+FFFD replaces.
std::size_t maximal_subpart(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) need = 1;
  else if (lead == 0xE0) { need = 2; lo = 0xA0; }
  else if (lead == 0xED) { need = 2; hi = 0x9F; }
  else if (lead >= 0xE1 && lead <= 0xEF) need = 2;
  else if (lead == 0xF0) { need = 3; lo = 0x90; }
  else if (lead == 0xF4) { need = 3; hi = 0x8F; }
  else if (lead >= 0xF1 && lead <= 0xF3) need = 3;
  else return 1;
  std::size_t len = 1;
  for (std::size_t k = 0; k < need && pos + len < text.size(); ++k, ++len) {
    const unsigned char c = byte(pos + len);
    if (c < lo || c > hi) break;
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

}  // namespace

std::string utf8_repair(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                    static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n > 0) {
      out.append(text.substr(pos, static_cast<std::size_t>(n)));
      pos += static_cast<std::size_t>(n);
    } else {
      out.append("\xEF\xBF\xBD");
      pos += maximal_subpart(text, pos);
    }
  }
  return out;
}

}  // namespace bpeviz
