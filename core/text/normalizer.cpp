#include "core/text/normalizer.h"

#include <utf8proc.h>

#include <cstdlib>

#include "core/text/pretokenize.h"
#include "core/text/unicode_9_normalization.h"
#include "core/text/utf8.h"

namespace bpeviz {

namespace {

// Builds the next stage's text and origins from pieces of the current one.
struct Builder {
  const NormalizedText& in;
  NormalizedText out;
  explicit Builder(const NormalizedText& from) : in(from) { out.text.reserve(from.text.size() + 8); }
  // Copies in.text[b, e) unchanged, each byte keeping its origin.
  void keep(std::size_t b, std::size_t e) {
    out.text.append(in.text, b, e - b);
    out.origin.insert(out.origin.end(), in.origin.begin() + static_cast<std::ptrdiff_t>(b),
                      in.origin.begin() + static_cast<std::ptrdiff_t>(e));
  }
  // Emits `bytes` in place of the input that starts at `at`: every byte comes from there.
  void emit(std::string_view bytes, std::size_t at) {
    out.text.append(bytes);
    out.origin.insert(out.origin.end(), bytes.size(), in.origin[at]);
  }
  NormalizedText finish() {
    out.origin.push_back(in.origin.back());
    return std::move(out);
  }
};

utf8proc_option_t unicode_options(NormalizerStep::Kind kind) {
  int options = UTF8PROC_STABLE;
  switch (kind) {
    case NormalizerStep::Kind::nfc: options |= UTF8PROC_COMPOSE; break;
    case NormalizerStep::Kind::nfd: options |= UTF8PROC_DECOMPOSE; break;
    case NormalizerStep::Kind::nfkc: options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT; break;
    case NormalizerStep::Kind::nfkd: options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT; break;
    default: break;
  }
  return static_cast<utf8proc_option_t>(options);
}

// A Unicode normalization form, one grapheme cluster at a time (composition never crosses a cluster
// boundary: combining marks and Hangul jamo extend their cluster), so each changed cluster maps back
// to its own characters. ASCII and characters without a decomposition are unchanged without asking
// utf8proc to normalize them, which keeps the common case (text already normalized) fast.
NormalizedText unicode_form(const NormalizedText& in, NormalizerStep::Kind kind, bool unicode_9) {
  Builder b(in);
  const std::string_view text = in.text;
  const utf8proc_option_t options = unicode_options(kind);
  const bool compat = kind == NormalizerStep::Kind::nfkc || kind == NormalizerStep::Kind::nfkd;
  std::size_t pos = 0;
  utf8proc_int32_t state = 0;
  while (pos < text.size()) {
    // One cluster: [pos, end).
    std::size_t end = pos;
    bool simple = true;  // every code point has no (canonical, or any for NFK*) decomposition
    utf8proc_int32_t previous = -1;
    for (;;) {
      if (end >= text.size()) break;
      const auto c = static_cast<unsigned char>(text[end]);
      utf8proc_int32_t cp = c;
      std::size_t n = 1;
      if (c >= 0x80) {
        n = utf8_char_length(text, end);
        if (n == 1) {  // ill-formed: a cluster of its own, kept as it is
          if (end == pos) end = pos + 1;
          break;
        }
        cp = static_cast<utf8proc_int32_t>(utf8_code_point(text, end));
        if (unicode_9 && normalizes_after_unicode_9(static_cast<uint32_t>(cp))) {
          // Unknown to Unicode 9.0: a starter that nothing crosses, kept as it is, in a chunk of its own.
          if (end == pos) end = pos + n;
          break;
        }
      }
      if (previous >= 0 && utf8proc_grapheme_break_stateful(previous, cp, &state)) break;
      if (c >= 0x80) {
        const utf8proc_property_t* p = utf8proc_get_property(cp);
        const bool hangul = cp >= 0xAC00 && cp <= 0xD7A3;
        const bool decomposes = p->decomp_seqindex != UINT16_MAX && (compat || p->decomp_type == 0);
        if (decomposes || hangul || p->combining_class != 0 || p->comb_index != UINT16_MAX) simple = false;
      }
      previous = cp;
      end += n;
    }
    state = 0;
    if (simple) {
      b.keep(pos, end);
    } else {
      utf8proc_uint8_t* mapped = nullptr;
      const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                                              static_cast<utf8proc_ssize_t>(end - pos), &mapped, options);
      const std::string_view result = n >= 0 ? std::string_view(reinterpret_cast<char*>(mapped), static_cast<std::size_t>(n))
                                             : text.substr(pos, end - pos);
      if (result == text.substr(pos, end - pos)) b.keep(pos, end);
      else b.emit(result, pos);
      std::free(mapped);
    }
    pos = end;
  }
  return b.finish();
}

NormalizedText lowercase(const NormalizedText& in) {
  Builder b(in);
  const std::string_view text = in.text;
  std::string lower;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t n = utf8_char_length(text, pos);
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      const char l = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      if (l == text[pos]) b.keep(pos, pos + 1);
      else b.emit(std::string_view(&l, 1), pos);
    } else if (n == 1) {
      b.keep(pos, pos + 1);
    } else {
      const uint32_t cp = utf8_code_point(text, pos);
      const auto l = static_cast<uint32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)));
      if (l == cp) {
        b.keep(pos, pos + n);
      } else {
        lower.clear();
        utf8_append(lower, l);
        b.emit(lower, pos);
      }
    }
    pos += n;
  }
  return b.finish();
}

NormalizedText replace(const NormalizedText& in, std::string_view pattern, std::string_view content) {
  Builder b(in);
  const std::string_view text = in.text;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t hit = pattern.empty() ? std::string_view::npos : text.find(pattern, pos);
    const std::size_t stop = hit == std::string_view::npos ? text.size() : hit;
    b.keep(pos, stop);
    if (hit == std::string_view::npos) break;
    b.emit(content, hit);
    pos = hit + pattern.size();
  }
  return b.finish();
}

NormalizedText prepend(const NormalizedText& in, std::string_view content) {
  if (in.text.empty()) return in;
  Builder b(in);
  b.emit(content, 0);
  b.keep(0, in.text.size());
  return b.finish();
}

NormalizedText strip(const NormalizedText& in, bool left, bool right) {
  const std::string_view text = in.text;
  std::size_t b = 0, e = text.size();
  if (left) {
    while (b < e && is_white_space(utf8_code_point(text, b))) b += utf8_char_length(text, b);
  }
  if (right) {
    while (e > b) {
      const std::size_t s = utf8_previous_char(text, b, e);
      if (!is_white_space(utf8_code_point(text, s))) break;
      e = s;
    }
  }
  Builder out(in);
  out.keep(b, e);
  NormalizedText result = out.finish();
  result.origin.back() = in.origin[e];
  return result;
}

}  // namespace

NormalizedText Normalizer::apply(std::string_view text, bool at_start) const {
  NormalizedText t;
  t.text = std::string(text);
  t.origin.resize(text.size() + 1);
  for (uint32_t i = 0; i <= text.size(); ++i) t.origin[i] = i;
  for (const NormalizerStep& step : steps_) {
    switch (step.kind) {
      case NormalizerStep::Kind::nfc:
      case NormalizerStep::Kind::nfd:
      case NormalizerStep::Kind::nfkc:
      case NormalizerStep::Kind::nfkd: t = unicode_form(t, step.kind, step.unicode_9); break;
      case NormalizerStep::Kind::lowercase: t = lowercase(t); break;
      case NormalizerStep::Kind::replace: t = replace(t, step.pattern, step.content); break;
      case NormalizerStep::Kind::prepend:
        if (step.only_at_text_start && !at_start) break;
        if (step.unless_present && t.text.starts_with(step.content)) break;
        t = prepend(t, step.content);
        break;
      case NormalizerStep::Kind::strip: t = strip(t, step.left, step.right); break;
    }
  }
  return t;
}

}  // namespace bpeviz
