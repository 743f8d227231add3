#include "core/text/pretokenize.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <initializer_list>
#include <ostream>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace bpeviz;
using namespace std::string_literals;

// The known answers below were checked against the patterns run by a real regex engine: V8's (see
// tests/tools/pretokenize_vs_regex.mjs) and Rust's fancy-regex, the engine tiktoken uses.

namespace {

// Pieces as strings, printed with escapes when a check fails.
struct Pieces {
  std::vector<std::string> list;
  Pieces(std::initializer_list<std::string> l) : list(l) {}
  explicit Pieces(std::vector<std::string> l) : list(std::move(l)) {}
  bool operator==(const Pieces&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Pieces& p) {
  os << '{';
  for (std::size_t i = 0; i < p.list.size(); ++i) {
    os << (i ? ", \"" : "\"");
    for (const char ch : p.list[i]) {
      const auto c = static_cast<unsigned char>(ch);
      if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
        os << c;
      } else {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02X", c);
        os << hex;
      }
    }
    os << '"';
  }
  return os << '}';
}

Pieces split(Pretokenizer kind, std::string_view text) {
  std::vector<Span> spans;
  pretokenize(kind, text, spans);
  std::vector<std::string> out;
  for (const Span& s : spans) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return Pieces(std::move(out));
}

// Pieces are non-empty, in order, and cover the text exactly.
bool covers(std::string_view text, const std::vector<Span>& spans) {
  uint32_t at = 0;
  for (const Span& s : spans) {
    if (s.begin != at || s.end <= s.begin) return false;
    at = s.end;
  }
  return at == text.size();
}

constexpr Pretokenizer kAll[] = {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::gpt2,
                                 Pretokenizer::cl100k, Pretokenizer::o200k};

// A few characters named for readability.
const std::string NBSP = "\xC2\xA0", IDEOGRAPHIC_SPACE = "\xE3\x80\x80", ZWSP = "\xE2\x80\x8B";
const std::string ACUTE = "\xCC\x81";             // U+0301 COMBINING ACUTE ACCENT (Mn)
const std::string RSQUO = "\xE2\x80\x99";         // U+2019 RIGHT SINGLE QUOTATION MARK (Pf)
const std::string LONG_S = "\xC5\xBF";            // U+017F LATIN SMALL LETTER LONG S, case-folds to 's'
const std::string DZ_TITLE = "\xC7\x85";          // U+01C5 Dž (Lt)
const std::string MOD_H = "\xCA\xB0";             // U+02B0 MODIFIER LETTER SMALL H (Lm)
const std::string ARABIC_3 = "\xD9\xA3";          // U+0663 ARABIC-INDIC DIGIT THREE (Nd)

}  // namespace

TEST_CASE("names round-trip, and unknown names are refused") {
  for (const Pretokenizer kind : kAll) {
    Pretokenizer back = Pretokenizer::none;
    CHECK(pretokenizer_from_name(pretokenizer_name(kind), back));
    CHECK(back == kind);
  }
  CHECK(pretokenizer_name(Pretokenizer::cl100k) == "cl100k");
  Pretokenizer kind = Pretokenizer::gpt2;
  CHECK_FALSE(pretokenizer_from_name("cl100k_base", kind));
  CHECK_FALSE(pretokenizer_from_name("", kind));
  CHECK(kind == Pretokenizer::gpt2);
}

TEST_CASE("pretokenize appends to what the vector holds, and empty text has no pieces") {
  std::vector<Span> spans{{7, 9}};
  pretokenize(Pretokenizer::gpt2, "hi there", spans);
  CHECK(spans == std::vector<Span>{{7, 9}, {0, 2}, {2, 8}});
  for (const Pretokenizer kind : kAll) {
    std::vector<Span> none;
    pretokenize(kind, "", none);
    CHECK(none.empty());
  }
}

TEST_CASE("none keeps the text whole") {
  CHECK(split(Pretokenizer::none, "Hello world!\n") == Pieces{"Hello world!\n"});
  CHECK(split(Pretokenizer::none, "\xFF") == Pieces{"\xFF"});
}

TEST_CASE("whitespace alternates runs of White_Space and of everything else") {
  const auto ws = Pretokenizer::whitespace;
  CHECK(split(ws, "  hello  world\n") == Pieces{"  ", "hello", "  ", "world", "\n"});
  CHECK(split(ws, "a" + NBSP + "b" + IDEOGRAPHIC_SPACE + "c") == Pieces{"a", NBSP, "b", IDEOGRAPHIC_SPACE, "c"});
  CHECK(split(ws, "a" + ZWSP + "b") == Pieces{"a" + ZWSP + "b"});  // U+200B is not White_Space
  CHECK(split(ws, "x\x85y") == Pieces{"x\x85y"});                  // an ill-formed byte, not U+0085
  CHECK(split(ws, "x\xC2\x85y") == Pieces{"x", "\xC2\x85", "y"});  // U+0085 NEXT LINE is White_Space
}

TEST_CASE("gpt2: each alternative of the pattern") {
  const auto k = Pretokenizer::gpt2;
  // 's|'t|'re|'ve|'m|'ll|'d, case-sensitive
  CHECK(split(k, "I'm don't we'll they've you'd she's they're") ==
        Pieces{"I", "'m", " don", "'t", " we", "'ll", " they", "'ve", " you", "'d", " she", "'s", " they", "'re"});
  CHECK(split(k, "DON'T") == Pieces{"DON", "'", "T"});
  CHECK(split(k, "'sam") == Pieces{"'s", "am"});  // the contraction wins even inside a word
  CHECK(split(k, "it's'") == Pieces{"it", "'s", "'"});
  // ` ?\p{L}+`
  CHECK(split(k, "Hello world") == Pieces{"Hello", " world"});
  CHECK(split(k, " \xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 \xD0\xBC\xD0\xB8\xD1\x80") ==
        Pieces{" \xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82", " \xD0\xBC\xD0\xB8\xD1\x80"});  // " Привет мир"
  // ` ?\p{N}+`: no limit on the length of a number
  CHECK(split(k, " 1234567 x") == Pieces{" 1234567", " x"});
  // ` ?[^\s\p{L}\p{N}]+`
  CHECK(split(k, "hi!!! ...?") == Pieces{"hi", "!!!", " ...?"});
  CHECK(split(k, "e" + ACUTE) == Pieces{"e", ACUTE});  // marks are not letters here
  CHECK(split(k, "don" + RSQUO + "t") == Pieces{"don", RSQUO, "t"});
  // \s+(?!\S): the last space before a word goes with the word; a run at the end stays whole
  CHECK(split(k, "hello   world") == Pieces{"hello", "  ", " world"});
  CHECK(split(k, "hi  ") == Pieces{"hi", "  "});
  CHECK(split(k, "a\n\nb") == Pieces{"a", "\n", "\n", "b"});
  // \s+: a lone white-space character that is not a space before a word
  CHECK(split(k, "a\t\tb") == Pieces{"a", "\t", "\t", "b"});
  CHECK(split(k, "a" + NBSP + "b") == Pieces{"a", NBSP, "b"});
}

TEST_CASE("cl100k: each alternative of the pattern") {
  const auto k = Pretokenizer::cl100k;
  // (?i:'s|'t|'re|'ve|'m|'ll|'d): any case, and U+017F folds to 's'
  CHECK(split(k, "DON'T I'M we'Ll") == Pieces{"DON", "'T", " I", "'M", " we", "'Ll"});
  CHECK(split(k, "it'" + LONG_S) == Pieces{"it", "'" + LONG_S});
  CHECK(split(k, "'sam") == Pieces{"'s", "am"});
  CHECK(split(k, "'lo") == Pieces{"'lo"});  // not a contraction: an apostrophe leading a word
  // [^\r\n\p{L}\p{N}]?\p{L}+: one leading character other than a newline, letter or digit joins a word
  CHECK(split(k, "Hello world") == Pieces{"Hello", " world"});
  CHECK(split(k, "f(x) \thello") == Pieces{"f", "(x", ")", " ", "\thello"});
  CHECK(split(k, " (world) $x") == Pieces{" (", "world", ")", " $", "x"});  // one prefix character only
  CHECK(split(k, "\nhello") == Pieces{"\n", "hello"});
  CHECK(split(k, "!!abc") == Pieces{"!!", "abc"});
  CHECK(split(k, "don" + RSQUO + "t") == Pieces{"don", RSQUO + "t"});
  CHECK(split(k, "e" + ACUTE + "x") == Pieces{"e", ACUTE + "x"});
  // \p{N}{1,3}: threes from the left, in any script
  CHECK(split(k, "1234567") == Pieces{"123", "456", "7"});
  CHECK(split(k, "x=12345") == Pieces{"x", "=", "123", "45"});
  CHECK(split(k, ARABIC_3 + ARABIC_3 + ARABIC_3 + ARABIC_3) == Pieces{ARABIC_3 + ARABIC_3 + ARABIC_3, ARABIC_3});
  // ` ?[^\s\p{L}\p{N}]+[\r\n]*`: punctuation takes the newlines after it
  CHECK(split(k, "end.\n\nNext") == Pieces{"end", ".\n\n", "Next"});
  CHECK(split(k, "a += 1;\r\n") == Pieces{"a", " +=", " ", "1", ";\r\n"});
  // \s*[\r\n]+: white space up to and including the last newline of a run
  CHECK(split(k, "a  \n  \n b") == Pieces{"a", "  \n  \n", " b"});
  CHECK(split(k, "a\n\n") == Pieces{"a", "\n\n"});
  CHECK(split(k, "a\n  ") == Pieces{"a", "\n", "  "});
  // \s+(?!\S) and \s+
  CHECK(split(k, "hello   world") == Pieces{"hello", "  ", " world"});
  CHECK(split(k, "hi  ") == Pieces{"hi", "  "});
  CHECK(split(k, "a" + NBSP + NBSP + "1") == Pieces{"a", NBSP, NBSP, "1"});
}

TEST_CASE("o200k: each alternative of the pattern") {
  const auto k = Pretokenizer::o200k;
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|...)?
  CHECK(split(k, "HelloWorld") == Pieces{"Hello", "World"});
  CHECK(split(k, "HELLOWorld") == Pieces{"HELLOWorld"});  // the capital run keeps the W, "orld" follows it
  CHECK(split(k, "don't we'LL it'" + LONG_S) == Pieces{"don't", " we'LL", " it'" + LONG_S});
  CHECK(split(k, "e" + ACUTE + "x") == Pieces{"e" + ACUTE + "x"});  // marks belong to words here
  CHECK(split(k, DZ_TITLE + "emal") == Pieces{DZ_TITLE + "emal"});   // titlecase starts a word
  CHECK(split(k, " " + ACUTE) == Pieces{" " + ACUTE});
  CHECK(split(k, ACUTE + "'s") == Pieces{ACUTE + "'s"});
  // ... the capital run gives back up to its last Lm/Lo/M character when no lowercase letter follows
  CHECK(split(k, "A" + MOD_H + "B.") == Pieces{"A" + MOD_H, "B", "."});
  CHECK(split(k, "\xE4\xBD\xA0\xE5\xA5\xBDWorld") == Pieces{"\xE4\xBD\xA0\xE5\xA5\xBDWorld"});  // "你好World"
  // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|...)?
  CHECK(split(k, "HELLO world") == Pieces{"HELLO", " world"});
  CHECK(split(k, "DON'T I'm") == Pieces{"DON'T", " I'm"});
  CHECK(split(k, ".HTML") == Pieces{".HTML"});
  // \p{N}{1,3}
  CHECK(split(k, "1234567") == Pieces{"123", "456", "7"});
  // ` ?[^\s\p{L}\p{N}]+[\r\n/]*`
  CHECK(split(k, "});\n//comment") == Pieces{"});\n//", "comment"});
  CHECK(split(k, "x = a/b\n") == Pieces{"x", " =", " a", "/b", "\n"});
  CHECK(split(k, "don" + RSQUO + "t") == Pieces{"don", RSQUO + "t"});
  // \s*[\r\n]+, \s+(?!\S), \s+
  CHECK(split(k, "a  \n  \n b") == Pieces{"a", "  \n  \n", " b"});
  CHECK(split(k, "hello   world  ") == Pieces{"hello", "  ", " world", "  "});
  CHECK(split(k, "a\t\tb") == Pieces{"a", "\t", "\tb"});
}

TEST_CASE("an ill-formed byte is one character of category So, like U+FFFD") {
  CHECK(split(Pretokenizer::gpt2, "a\xFF" "b") == Pieces{"a", "\xFF", "b"});
  CHECK(split(Pretokenizer::gpt2, " \xE2\x82" "a") == Pieces{" \xE2\x82", "a"});  // truncated '€': two bytes
  CHECK(split(Pretokenizer::cl100k, "a\xFF" "b") == Pieces{"a", "\xFF" "b"});
  CHECK(split(Pretokenizer::o200k, "a\xFF" "b") == Pieces{"a", "\xFF" "b"});
  CHECK(split(Pretokenizer::o200k, "\xED\xA0\x80!\n/") == Pieces{"\xED\xA0\x80!\n/"});  // a surrogate: three
  CHECK(split(Pretokenizer::whitespace, "a\xFF" "b c") == Pieces{"a\xFF" "b", " ", "c"});
}

TEST_CASE("pieces cover any bytes, ill-formed UTF-8 included") {
  std::mt19937 rng(12345);
  // Fragments that make the scanners branch, cut and mixed at random byte boundaries.
  const std::vector<std::string> fragments{"a", "Z", "7", " ", "  ", "\t", "\r\n", "'", "'s", "'LL", "/", ".",
                                           NBSP, ACUTE, LONG_S, DZ_TITLE, MOD_H, ARABIC_3, RSQUO,
                                           "\xE4\xBD\xA0", "\xF0\x9F\x91\x8D", "\xFF", "\x80", "\xC3"};
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 40);
    for (int i = 0; i < n; ++i) {
      if (rng() % 4 == 0) text.push_back(static_cast<char>(rng() % 256));
      else text += fragments[rng() % fragments.size()];
    }
    for (const Pretokenizer kind : kAll) {
      std::vector<Span> spans;
      pretokenize(kind, text, spans);
      INFO(pretokenizer_name(kind), " on ", Pieces{text});
      REQUIRE(covers(text, spans));
    }
  }
}

TEST_CASE("1 MB adversarial inputs split in linear time") {
  const std::size_t mb = 1 << 20;
  const auto repeat = [&](const std::string& unit) {
    std::string s;
    while (s.size() < mb) s += unit;
    return s;
  };
  // One class repeated (the longest runs), and pairs that defeat a naive backtracking scanner:
  // o200k's capital run that must give characters back, marks that are words in o200k and punctuation
  // elsewhere, white space that must hand its last character on, and near-contractions.
  const std::vector<std::string> inputs{repeat("a"), repeat("A"), repeat("7"), repeat(" "), repeat("!"), repeat("\n"),
                                        repeat(ACUTE), repeat(" " + ACUTE), repeat("A" + MOD_H), repeat(" \n"),
                                        repeat("'"), repeat("'l"), repeat("\xFF"), repeat(NBSP), repeat("\xE4\xBD\xA0")};
  for (const Pretokenizer kind : kAll) {
    for (const std::string& text : inputs) {
      std::vector<Span> spans;
      pretokenize(kind, text, spans);
      REQUIRE(covers(text, spans));
    }
  }
  // A few exact counts: the runs stay whole where the pattern says so.
  std::vector<Span> spans;
  pretokenize(Pretokenizer::gpt2, inputs[0], spans);
  CHECK(spans.size() == 1);
  spans.clear();
  pretokenize(Pretokenizer::cl100k, inputs[2], spans);
  CHECK(spans.size() == (mb + 2) / 3);
  spans.clear();
  pretokenize(Pretokenizer::o200k, inputs[1], spans);
  CHECK(spans.size() == 1);
  spans.clear();
  pretokenize(Pretokenizer::o200k, inputs[3], spans);
  CHECK(spans.size() == 1);  // white space that reaches the end of the text is one piece
}

TEST_CASE("Qwen2's pattern: cl100k's with one digit per piece") {
  CHECK(split(Pretokenizer::qwen2, "abc 12345 don't") == Pieces{"abc", " ", "1", "2", "3", "4", "5", " don", "'t"});
}

TEST_CASE("DeepSeek-V3's three splits: digits in threes, kana and CJK runs, then the main pattern") {
  CHECK(split(Pretokenizer::deepseek_v3, "abc1234567你好world") == Pieces{"abc", "123", "456", "7", "你好", "world"});
  // ASCII punctuation takes the ASCII letters after it; a space joins letters, not digits.
  CHECK(split(Pretokenizer::deepseek_v3, "x.com 42") == Pieces{"x", ".com", " ", "42"});
  // Hiragana and katakana are runs of their own; a control character no alternative matches is a piece.
  CHECK(split(Pretokenizer::deepseek_v3, "ひらがなカタカナ\x01\x02") == Pieces{"ひらがなカタカナ", "\x01\x02"});
  CHECK(split(Pretokenizer::deepseek_v3, "a  \n\nb") == Pieces{"a", "  \n\n", "b"});
}
