// The pre-tokenizers as scanners over character classes: each regex alternative becomes a test on the
// classes of the next one or two characters plus a run over a class, so a piece is found in linear time.
#include "core/text/pretokenize.h"

#include <utf8proc.h>

#include <array>
#include <cstddef>

namespace bpeviz {
namespace {

// One bit per character class that the patterns name. Every character is exactly one of kWhite, kLetter,
// kNumber and kOther; the other bits refine those. The end of the text has no bits at all, so every
// "is the next character in class X" test is false there without a separate bounds check.
enum : uint16_t {
  kSpace = 1 << 0,        // ' ' (U+0020): the optional space of ` ?...`
  kWhite = 1 << 1,        // \s: Unicode White_Space
  kNewline = 1 << 2,      // [\r\n]
  kLetter = 1 << 3,       // \p{L}
  kNumber = 1 << 4,       // \p{N}
  kOther = 1 << 5,        // [^\s\p{L}\p{N}]
  kPrefix = 1 << 6,       // [^\r\n\p{L}\p{N}]
  kUpper = 1 << 7,        // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]   (o200k; Lm, Lo and M are in both)
  kLower = 1 << 8,        // [\p{Ll}\p{Lm}\p{Lo}\p{M}]         (o200k)
  kSlash = 1 << 9,        // '/' of o200k's [\r\n/]*
  kApostrophe = 1 << 10,  // ASCII ' only: U+2019 is ordinary punctuation to every pattern
  kPunctSym = 1 << 11,    // [\p{P}\p{S}]                      (DeepSeek-V3)
  kMark = 1 << 12,        // \p{M}                              (DeepSeek-V3)
  kCjk = 1 << 13,         // [\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff] (DeepSeek-V3)
  kAsciiLetter = 1 << 14, // [A-Za-z]                           (DeepSeek-V3)
  kAsciiPunct = 1 << 15,  // ASCII punctuation and symbols       (DeepSeek-V3)
};

uint16_t classify(uint32_t cp) {
  using C = GeneralCategory;
  uint16_t bits = 0;
  switch (general_category(cp)) {
    case C::Lu: case C::Lt: bits = kLetter | kUpper; break;
    case C::Ll: bits = kLetter | kLower; break;
    case C::Lm: case C::Lo: bits = kLetter | kUpper | kLower; break;
    case C::Mn: case C::Mc: case C::Me: bits = kUpper | kLower | kMark; break;
    case C::Nd: case C::Nl: case C::No: bits = kNumber; break;
    case C::Pc: case C::Pd: case C::Ps: case C::Pe: case C::Pi: case C::Pf: case C::Po:
    case C::Sm: case C::Sc: case C::Sk: case C::So: bits = kPunctSym; break;
    default: break;
  }
  if ((cp >= 0x4E00 && cp <= 0x9FA5) || (cp >= 0x3040 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF)) bits |= kCjk;
  if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) bits |= kAsciiLetter;
  if (cp < 0x80 && (bits & kPunctSym)) bits |= kAsciiPunct;
  if (is_white_space(cp)) bits |= kWhite;  // no White_Space character is a letter, number or mark
  if (!(bits & (kWhite | kLetter | kNumber))) bits |= kOther;
  const bool newline = cp == '\r' || cp == '\n';
  if (newline) bits |= kNewline;
  if (!(bits & (kLetter | kNumber)) && !newline) bits |= kPrefix;
  if (cp == ' ') bits |= kSpace;
  if (cp == '/') bits |= kSlash;
  if (cp == '\'') bits |= kApostrophe;
  return bits;
}

// An ill-formed byte reads as U+FFFD would: So, so punctuation-like.
constexpr uint16_t kIllFormed = kOther | kPrefix | kPunctSym;

// The classes of every BMP code point, derived from the Unicode tables (unicode_data.h) once, on first use
// (about 1 ms; 128 KiB). Reading a class is then one load. Measured on multilingual text (UI strings in 13
// languages), looking up each character's category took about half the time; with the table the scanners
// run about 1.6 times as fast. Characters beyond the BMP (emoji, rare CJK) are classified as they come.
struct ClassTable {
  uint16_t bits[0x10000];
  ClassTable() {
    for (uint32_t cp = 0; cp < 0x10000; ++cp) bits[cp] = classify(cp);
  }
};

const uint16_t* bmp_classes() {
  static const ClassTable table;
  return table.bits;
}

struct Char {
  uint16_t bits;  // 0 at the end of the text
  uint8_t size;   // bytes; 0 at the end of the text
};

// The text being split. ASCII, nearly all of prose and code, is read with no call at all; other
// characters are decoded by utf8proc and classified through the BMP table.
class Text {
 public:
  Text(std::string_view text, const uint16_t* classes)
      : data_(reinterpret_cast<const unsigned char*>(text.data())), size_(text.size()), classes_(classes) {}

  std::size_t size() const { return size_; }
  unsigned char byte(std::size_t pos) const { return pos < size_ ? data_[pos] : 0; }

  Char at(std::size_t pos) const {
    if (pos >= size_) return {0, 0};
    const unsigned char b = data_[pos];
    if (b < 0x80) return {classes_[b], 1};
    return decode(pos);
  }

  // End of the longest run of characters, from pos, that have a bit of `mask`.
  std::size_t run(std::size_t pos, uint16_t mask) const {
    while (pos < size_) {
      const unsigned char b = data_[pos];
      if (b < 0x80) {
        if (!(classes_[b] & mask)) break;
        ++pos;
      } else {
        const Char c = decode(pos);
        if (!(c.bits & mask)) break;
        pos += c.size;
      }
    }
    return pos;
  }

 private:
  Char decode(std::size_t pos) const {
    utf8proc_int32_t cp = 0;
    const auto n = utf8proc_iterate(data_ + pos, static_cast<utf8proc_ssize_t>(size_ - pos), &cp);
    if (n <= 0) return {kIllFormed, 1};
    return {cp < 0x10000 ? classes_[cp] : classify(static_cast<uint32_t>(cp)), static_cast<uint8_t>(n)};
  }

  const unsigned char* data_;
  std::size_t size_;
  const uint16_t* classes_;
};

// Length of 's|'t|'re|'ve|'m|'ll|'d at pos (where an apostrophe is), or 0. Case-sensitive, as in GPT-2.
std::size_t contraction(const Text& t, std::size_t pos) {
  const unsigned char a = t.byte(pos + 1), b = t.byte(pos + 2);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  return 0;
}

// Length of (?i:'s|'t|'re|'ve|'m|'ll|'d) at pos, or 0. The regex crate folds case by Unicode's simple
// case folding, under which U+017F LATIN SMALL LETTER LONG S is an 's' as well; no other non-ASCII
// character folds to any of these letters.
std::size_t contraction_any_case(const Text& t, std::size_t pos) {
  const auto lower = [&](std::size_t i) {
    const unsigned char c = t.byte(i);
    return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  };
  const unsigned char a = lower(pos + 1), b = lower(pos + 2);
  if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
  if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
  if (a == 0xC5 && t.byte(pos + 2) == 0xBF) return 3;  // ſ, U+017F in UTF-8
  return 0;
}

// \p{N}{1,3}: runs of numbers split into threes from the left ("1234567" -> 123 456 7).
std::size_t numbers_up_to_3(const Text& t, std::size_t pos) {
  for (int i = 0; i < 3; ++i) {
    const Char c = t.at(pos);
    if (!(c.bits & kNumber)) break;
    pos += c.size;
  }
  return pos;
}

// ` ?[^\s\p{L}\p{N}]+` followed by a run of `tail` ([\r\n]* in cl100k, [\r\n/]* in o200k, nothing in GPT-2),
// or 0 when the alternative does not match at pos.
std::size_t punctuation(const Text& t, std::size_t pos, Char first, uint16_t tail) {
  std::size_t start = pos;
  if ((first.bits & kSpace) && (t.at(pos + 1).bits & kOther)) start = pos + 1;
  else if (!(first.bits & kOther)) return 0;
  const std::size_t end = t.run(start, kOther);
  return tail ? t.run(end, tail) : end;
}

// The white-space alternatives, at a white-space character:
//   \s*[\r\n]+   (cl100k, o200k) the greedy \s* backs off to the run's last newline, so the piece ends
//                just after that newline;
//   \s+(?!\S)    a run that reaches the end of the text is taken whole; a run followed by anything else
//                gives back its last character, which then starts the next piece (" world");
//   \s+          the run is a single character followed by a non-space.
std::size_t white_space(const Text& t, std::size_t pos, bool newline_alternative) {
  std::size_t end = pos, last = pos, after_newline = 0;
  for (;;) {
    const Char c = t.at(end);
    if (!(c.bits & kWhite)) break;
    last = end;
    end += c.size;
    if (c.bits & kNewline) after_newline = end;
  }
  if (newline_alternative && after_newline) return after_newline;
  if (end == t.size() || last == pos) return end;
  return last;
}

std::size_t whitespace_piece(const Text& t, std::size_t pos) {
  return t.run(pos, (t.at(pos).bits & kWhite) ? kWhite : kLetter | kNumber | kOther);
}

std::size_t gpt2_piece(const Text& t, std::size_t pos) {
  const Char c0 = t.at(pos);
  // 's|'t|'re|'ve|'m|'ll|'d
  if (c0.bits & kApostrophe) {
    if (const std::size_t n = contraction(t, pos)) return pos + n;
  }
  // ` ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+`: a space joins the run of whichever class follows it; a space
  // followed by white space is left to the white-space alternatives.
  std::size_t start = pos;
  uint16_t bits = c0.bits;
  if (c0.bits & kSpace) {
    const uint16_t next = t.at(pos + 1).bits;
    if (next & (kLetter | kNumber | kOther)) {
      start = pos + 1;
      bits = next;
    }
  }
  if (bits & kLetter) return t.run(start, kLetter);
  if (bits & kNumber) return t.run(start, kNumber);
  if (bits & kOther) return t.run(start, kOther);
  // \s+(?!\S)|\s+
  return white_space(t, pos, false);
}

// cl100k's pattern; Qwen2/Qwen3 use it with \p{N} in place of \p{N}{1,3}: every digit is a piece.
template <int kDigitsPerPiece>
std::size_t cl100k_like_piece(const Text& t, std::size_t pos) {
  const Char c0 = t.at(pos);
  // (?i:'s|'t|'re|'ve|'m|'ll|'d)
  if (c0.bits & kApostrophe) {
    if (const std::size_t n = contraction_any_case(t, pos)) return pos + n;
  }
  // [^\r\n\p{L}\p{N}]?\p{L}+: one leading non-letter (a space, a tab, punctuation) joins a letter run
  if ((c0.bits & kPrefix) && (t.at(pos + c0.size).bits & kLetter)) return t.run(pos + c0.size, kLetter);
  if (c0.bits & kLetter) return t.run(pos, kLetter);
  // \p{N}{1,3}
  if (c0.bits & kNumber) return kDigitsPerPiece == 3 ? numbers_up_to_3(t, pos) : pos + c0.size;
  // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
  if (const std::size_t end = punctuation(t, pos, c0, kNewline)) return end;
  // \s*[\r\n]+|\s+(?!\S)|\s+
  return white_space(t, pos, true);
}

// The run [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]* from a position, with what o200k's first two alternatives
// need in order to backtrack over it without rescanning. A run is scanned at most a few times in all:
// when a piece ends inside it, what is left holds only Lu/Lt and the next piece takes it whole.
struct CaseRun {
  std::size_t end = 0;             // end of the run
  std::size_t last_both_end = 0;   // end of its last Lm/Lo/M character (in both classes), 0 if none
  bool lowercase_follows = false;  // the character after it is Ll
};

CaseRun case_run(const Text& t, std::size_t pos) {
  CaseRun r;
  r.end = pos;
  for (;;) {
    const Char c = t.at(r.end);
    if (!(c.bits & kUpper)) {
      r.lowercase_follows = c.bits & kLower;
      return r;
    }
    r.end += c.size;
    if (c.bits & kLower) r.last_both_end = r.end;
  }
}

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+ after the optional prefix, or 0. The greedy
// first run stops where a lowercase letter starts the second run ("Hello", "HELLOWorld" whole). Failing
// that, the first run gives characters back until the second can take one: its last Lm/Lo/M character,
// which the second run takes alone (it is followed by Lu/Lt or by the character that ended the first run).
std::size_t o200k_lower_word(const Text& t, const CaseRun& r) {
  if (r.lowercase_follows) return t.run(r.end, kLower);
  return r.last_both_end;
}

// [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]* after the optional prefix, or 0.
std::size_t o200k_upper_word(const Text& t, const CaseRun& r, std::size_t start) {
  return r.end > start ? t.run(r.end, kLower) : 0;
}

std::size_t o200k_piece(const Text& t, std::size_t pos) {
  const Char c0 = t.at(pos);
  // The two letter alternatives, in the order the regex tries them: the first with the optional prefix
  // [^\r\n\p{L}\p{N}]? taken, then without it, then the second likewise. Leaving the prefix out can only
  // matter when c0 is itself in the letter classes; as a prefix that is a mark (M is neither L nor N).
  const bool prefix = c0.bits & kPrefix;
  const bool wordlike = c0.bits & (kUpper | kLower);
  CaseRun with_prefix, without_prefix;
  std::size_t end = 0;
  if (prefix) {
    with_prefix = case_run(t, pos + c0.size);
    end = o200k_lower_word(t, with_prefix);
  }
  if (!end && wordlike) {
    without_prefix = case_run(t, pos);
    end = o200k_lower_word(t, without_prefix);
  }
  if (!end && prefix) end = o200k_upper_word(t, with_prefix, pos + c0.size);
  if (!end && wordlike) end = o200k_upper_word(t, without_prefix, pos);
  if (end) {
    // (?i:'s|'t|'re|'ve|'m|'ll|'d)?
    if (t.at(end).bits & kApostrophe) end += contraction_any_case(t, end);
    return end;
  }
  // \p{N}{1,3}
  if (c0.bits & kNumber) return numbers_up_to_3(t, pos);
  // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
  if (const std::size_t punct_end = punctuation(t, pos, c0, kNewline | kSlash)) return punct_end;
  // \s*[\r\n]+|\s+(?!\S)|\s+
  return white_space(t, pos, true);
}

template <std::size_t (*piece)(const Text&, std::size_t)>
void split(const Text& t, std::vector<Span>& out) {
  for (std::size_t pos = 0; pos < t.size();) {
    const std::size_t end = piece(t, pos);
    out.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(end)});
    pos = end;
  }
}

// DeepSeek-V3's third Split: ASCII punctuation with the ASCII letters after it, letters and marks with
// one optional leading character that is none of newline, letter, punctuation or symbol, a run of
// punctuation and symbols (one space before, newlines after), then cl100k's white-space alternatives.
// 0 when no alternative matches at pos (a control character, say): the caller keeps it in a gap.
std::size_t deepseek_v3_piece(const Text& t, std::size_t pos) {
  const Char c0 = t.at(pos);
  // [!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+
  if ((c0.bits & kAsciiPunct) && (t.at(pos + 1).bits & kAsciiLetter)) return t.run(pos + 1, kAsciiLetter);
  // [^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+
  if (!(c0.bits & (kNewline | kLetter | kPunctSym)) && (t.at(pos + c0.size).bits & (kLetter | kMark))) {
    return t.run(pos + c0.size, kLetter | kMark);
  }
  if (c0.bits & (kLetter | kMark)) return t.run(pos, kLetter | kMark);
  // ` ?[\p{P}\p{S}]+[\r\n]*`
  std::size_t start = pos;
  if ((c0.bits & kSpace) && (t.at(pos + 1).bits & kPunctSym)) start = pos + 1;
  if (t.at(start).bits & kPunctSym) return t.run(t.run(start, kPunctSym), kNewline);
  // \s*[\r\n]+|\s+(?!\S)|\s+
  if (c0.bits & kWhite) return white_space(t, pos, true);
  return 0;
}

// A Hugging Face Split with behaviour Isolated: what `piece` matches and the stretches between matches
// (where no alternative matches) are all pieces. Offsets in `out` are shifted by `offset`.
template <std::size_t (*piece)(const Text&, std::size_t)>
void split_isolated(const Text& t, uint32_t offset, std::vector<Span>& out) {
  std::size_t gap = t.size();  // start of the current unmatched stretch, or size() when none
  for (std::size_t pos = 0; pos < t.size();) {
    const std::size_t end = piece(t, pos);
    if (!end) {
      if (gap == t.size()) gap = pos;
      pos += t.at(pos).size;
      continue;
    }
    if (gap != t.size()) out.push_back({offset + static_cast<uint32_t>(gap), offset + static_cast<uint32_t>(pos)});
    gap = t.size();
    out.push_back({offset + static_cast<uint32_t>(pos), offset + static_cast<uint32_t>(end)});
    pos = end;
  }
  if (gap != t.size()) out.push_back({offset + static_cast<uint32_t>(gap), offset + static_cast<uint32_t>(t.size())});
}

std::size_t digits_piece(const Text& t, std::size_t pos) {
  const std::size_t end = numbers_up_to_3(t, pos);
  return end > pos ? end : 0;
}
std::size_t cjk_piece(const Text& t, std::size_t pos) { return (t.at(pos).bits & kCjk) ? t.run(pos, kCjk) : 0; }

// DeepSeek-V3's Sequence of three Splits, each applied to the pieces of the one before:
// \p{N}{1,3}, then [\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+, then deepseek_v3_piece. Linear: each
// stage scans its input once.
void deepseek_v3_split(std::string_view text, std::vector<Span>& out) {
  const uint16_t* classes = bmp_classes();
  std::vector<Span> digits, cjk;
  split_isolated<digits_piece>(Text(text, classes), 0, digits);
  for (const Span& d : digits) {
    const std::string_view a = text.substr(d.begin, d.end - d.begin);
    if (Text(a, classes).at(0).bits & kNumber) {
      out.push_back(d);
      continue;
    }
    cjk.clear();
    split_isolated<cjk_piece>(Text(a, classes), d.begin, cjk);
    for (const Span& c : cjk) {
      const std::string_view b = text.substr(c.begin, c.end - c.begin);
      if (Text(b, classes).at(0).bits & kCjk) out.push_back(c);
      else split_isolated<deepseek_v3_piece>(Text(b, classes), c.begin, out);
    }
  }
}

}  // namespace

void pretokenize(Pretokenizer kind, std::string_view text, std::vector<Span>& out) {
  const Text t(text, bmp_classes());
  switch (kind) {
    case Pretokenizer::none:
      if (!text.empty()) out.push_back({0, static_cast<uint32_t>(text.size())});
      return;
    case Pretokenizer::whitespace: return split<whitespace_piece>(t, out);
    case Pretokenizer::gpt2: return split<gpt2_piece>(t, out);
    case Pretokenizer::cl100k: return split<cl100k_like_piece<3>>(t, out);
    case Pretokenizer::o200k: return split<o200k_piece>(t, out);
    case Pretokenizer::qwen2: return split<cl100k_like_piece<1>>(t, out);
    case Pretokenizer::deepseek_v3: return deepseek_v3_split(text, out);
  }
}

namespace {
constexpr std::array<std::string_view, 7> kNames{"none", "whitespace", "gpt2", "cl100k", "o200k", "qwen2", "deepseek_v3"};
}

std::string_view pretokenizer_name(Pretokenizer kind) {
  const auto i = static_cast<std::size_t>(kind);
  return i < kNames.size() ? kNames[i] : std::string_view("?");
}

bool pretokenizer_from_name(std::string_view name, Pretokenizer& kind) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      kind = static_cast<Pretokenizer>(i);
      return true;
    }
  }
  return false;
}

}  // namespace bpeviz
