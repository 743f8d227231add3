// Re-encoding around an edit gives exactly the tokens and pieces of encoding the whole new text: random
// edits (typing, deleting, pasting lines, newlines, digits, special-token text, emoji, ill-formed
// bytes) on a multi-line text, under every scanner that cuts at line starts.
#include <doctest/doctest.h>

#include <cstdio>
#include <random>

#include "core/incremental_encode.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

const char* const kLines[] = {
    "The quick brown fox jumps over the lazy dog.\n", "    return x + 12345;\n", "\n", "\n\n  \n",
    "Ünïcödé façade, naïve café — 你好，世界！ 👋🏽\n", "don't I'm we'll THEY'RE\n", "<|endoftext|> and <|endofprompt|>\n",
    "1234567890 apples\r\n", "\tindented\ttabs\n", "mixedCaseWordsHTTPServer\n", "Привет, мир! مرحبا\n",
};
const char* const kInserts[] = {"a", "Z", "7", " ", "\n", "\n\n", "'s", "<|endoftext|>", "你", "👍", "\xff",
                                "\r\n", "  ", "word\nline\n", "\nX"};

std::string random_text(std::mt19937& rng, int lines) {
  std::string text;
  for (int i = 0; i < lines; ++i) text += kLines[rng() % std::size(kLines)];
  return text;
}

// Where two lists of pieces first differ, with the text there (escaped), for a failure's message.
std::string first_difference(std::string_view text, const std::vector<Span>& got, const std::vector<Span>& want) {
  std::size_t i = 0;
  while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
  if (i == got.size() || i == want.size()) return "one list of pieces is longer";
  std::string out = "piece " + std::to_string(i) + ": got " + std::to_string(got[i].begin) + "-" + std::to_string(got[i].end) +
                    ", want " + std::to_string(want[i].begin) + "-" + std::to_string(want[i].end) + " [";
  for (const unsigned char c : text.substr(want[i].begin, std::min<std::size_t>(want[i].end - want[i].begin + 4, 40))) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "\\x%02x", c);
    out += c >= 32 && c < 127 ? std::string(1, static_cast<char>(c)) : std::string(hex);
  }
  return out + "]";
}

}  // namespace

TEST_CASE("the edit between two texts") {
  const TextEdit e = find_text_edit("hello world", "hello brave world");
  CHECK(e.begin == 6);
  CHECK(e.old_end == 6);
  CHECK(e.new_end == 12);
  const TextEdit d = find_text_edit("aaaa", "aa");  // a deletion in a run: the prefix is as long as can be
  CHECK(d.begin == 2);
  CHECK(d.old_end == 4);
  CHECK(d.new_end == 2);
  const TextEdit same = find_text_edit("abc", "abc");
  CHECK(same.begin == 3);
  CHECK(same.old_end == 3);
  // Longer texts (compared eight bytes at a time): every place and length of an edit, against byte by byte.
  const std::string text = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.";
  for (std::size_t at = 0; at <= text.size(); at += 3) {
    for (std::size_t removed = 0; at + removed <= text.size() && removed < 20; removed += 7) {
      for (const std::string inserted : {"", "x", "jumps over the "}) {
        const std::string after = text.substr(0, at) + inserted + text.substr(at + removed);
        std::size_t prefix = 0;
        while (prefix < std::min(text.size(), after.size()) && text[prefix] == after[prefix]) ++prefix;
        std::size_t suffix = 0;
        while (suffix < std::min(text.size(), after.size()) - prefix && text[text.size() - 1 - suffix] == after[after.size() - 1 - suffix]) ++suffix;
        const TextEdit edit = find_text_edit(text, after);
        CHECK(edit.begin == prefix);
        CHECK(edit.old_end == text.size() - suffix);
        CHECK(edit.new_end == after.size() - suffix);
      }
    }
  }
}

TEST_CASE("cuts: after a newline before other than white space, between an ASCII letter or digit and white space") {
  const std::string_view text = "ab\ncd\n\n 1\n2";
  CHECK(cut_at_or_before(text, 100) == 10);
  CHECK(cut_at_or_before(text, 9) == 9);  // "1" before "\n"
  CHECK(cut_at_or_before(text, 8) == 5);  // not after "\n" before "\n" or " ", nor after " "
  CHECK(cut_at_or_before(text, 2) == 2);
  CHECK(cut_at_or_before(text, 1) == 0);
  CHECK(cut_at_or_after(text, 4) == 5);
  CHECK(cut_at_or_after(text, 6) == 9);
  CHECK(cut_at_or_after(text, 11) == 11);
  CHECK(cut_at_or_after("a;\n/b c", 1) == 5);  // not before the slash: o200k's ";\n/" is one piece
  const std::string_view cjk = "x\n\xe4\xb8\xad\n\xe3\x80\x80y";  // x, newline, 中, newline, ideographic space, y
  CHECK(cut_at_or_after(cjk, 1) == 1);
  CHECK(cut_at_or_after(cjk, 2) == 2);
  CHECK(cut_at_or_after(cjk, 3) == cjk.size());
  CHECK(pieces_end_at_cuts(test::encoding("cl100k_base")));
  CHECK(pieces_end_at_cuts(test::encoding("o200k_harmony")));
  CHECK(pieces_end_at_cuts(test::encoding("gpt2")));
}

TEST_CASE("random edits re-encoded around the edit equal encoding the whole text") {
  for (const char* name : {"gpt2", "cl100k_base", "o200k_base"}) {
    CAPTURE(name);
    const Encoding& encoding = test::encoding(name);
    for (const SpecialPolicy& policy : {SpecialPolicy::allow_all_specials(), SpecialPolicy::all_as_text()}) {
      std::mt19937 rng(42);
      std::string text = random_text(rng, 60);
      std::vector<Token> tokens = encoding.encode_with_spans(text, policy).value;
      std::vector<Span> pieces = encoding.pieces(text, policy).value;
      std::size_t reencoded_bytes = 0;
      for (int step = 0; step < 300; ++step) {
        std::string next = text;
        const std::size_t at = rng() % (next.size() + 1);
        switch (rng() % 4) {
          case 0:
          case 1: next.insert(at, kInserts[rng() % std::size(kInserts)]); break;
          case 2: next.erase(at, std::min<std::size_t>(rng() % 8, next.size() - at)); break;
          default: next.insert(at, random_text(rng, 2)); break;
        }
        if (next == text) continue;
        const TextEdit edit = find_text_edit(text, next);
        auto r = reencode_edit(encoding, policy, next, edit, tokens, pieces);
        REQUIRE(r.ok());
        reencoded_bytes += r.value.new_end - r.value.begin;
        text = std::move(next);
        CAPTURE(step);
        REQUIRE(tokens == encoding.encode_with_spans(text, policy).value);
        const auto want = encoding.pieces(text, policy).value;
        if (pieces != want) MESSAGE(first_difference(text, pieces, want) << " after the edit " << edit.begin << " " << edit.old_end << " " << edit.new_end);
        REQUIRE(pieces == want);
      }
      CHECK(reencoded_bytes < 300 * text.size() / 4);  // only a neighbourhood each time, not the whole text
    }
  }
}

TEST_CASE("a text encoded part by part, each part ending at a cut, gives the whole text's tokens and pieces") {
  // Long runs beside the cuts: white space with and without a newline at its end (\s*[\r\n]+ against
  // \s+(?!\S)), capitals before lower case (o200k's letter-case classes), digits, punctuation,
  // contractions, lines that start with a space, punctuation, a slash or a CJK character.
  const auto run = [](std::mt19937& rng) -> std::string {
    const std::size_t n = 1 + rng() % 300;
    switch (rng() % 10) {
      case 0: return std::string(n, ' ') + "x ";
      case 1: return "a" + std::string(n, ' ') + "\n";
      case 2: return std::string(n, 'A') + "bc\n" + std::string(n, 'A') + "\xe4\xb8\xad" + std::string(n, 'A') + " ";
      case 3: return std::string(n, '7') + "\n.";
      case 4: return "\n" + std::string(n, '!') + "'re\n\xe4\xb8\xad\xe6\x96\x87";
      case 5: return "x\t\v\f\r\n\xe3\x80\x80y\n\xc2\xa0z";  // ideographic space, no-break space after newlines
      case 6: return "don't\n'll 's\n";
      case 7: return "<|endoftext|> a\n<|endoftext|>\n";
      case 8: return "x;\n// y\n!\r\n/z\n";  // o200k: punctuation takes the newlines and slashes after it
      default: return std::string(n, '\t') + " \r\n";
    }
  };
  for (const char* name : {"gpt2", "cl100k_base", "o200k_base"}) {
    CAPTURE(name);
    const Encoding& encoding = test::encoding(name);
    for (const SpecialPolicy& policy : {SpecialPolicy::allow_all_specials(), SpecialPolicy::all_as_text()}) {
      std::mt19937 rng(7);
      for (int round = 0; round < 20; ++round) {
        std::string text;
        for (int i = 0; i < 30; ++i) text += random_text(rng, static_cast<int>(rng() % 3)) + run(rng);
        const uint32_t about = static_cast<uint32_t>(rng() % 40);
        CAPTURE(round);
        CAPTURE(about);
        std::vector<Token> tokens;
        std::vector<Span> pieces;
        int parts = 0;
        for (uint32_t at = 0; at < text.size(); ++parts) {
          const uint32_t end = cut_at_or_after(text, at + about + 1);
          auto part = encode_part(encoding, policy, text, at, end);
          REQUIRE(part.ok());
          tokens.insert(tokens.end(), part.value.tokens.begin(), part.value.tokens.end());
          pieces.insert(pieces.end(), part.value.pieces.begin(), part.value.pieces.end());
          at = end;
        }
        CHECK(parts > static_cast<int>(text.size() / 400));  // many parts, not one
        REQUIRE(tokens == encoding.encode_with_spans(text, policy).value);
        const auto want = encoding.pieces(text, policy).value;
        if (pieces != want) MESSAGE(first_difference(text, pieces, want));
        REQUIRE(pieces == want);
      }
    }
  }
}

TEST_CASE("an edit of a special token that starts at a cut re-encodes the white space before it") {
  // Before a special token the white space is the end of its text, taken whole; before "<" it gives
  // back its last character. The cut before "<" is not one to keep.
  const Encoding& encoding = test::encoding("gpt2");
  const SpecialPolicy policy = SpecialPolicy::allow_all_specials();
  for (const auto& [before, after] : {std::pair<std::string, std::string>{"word  \n<|endoftext|>", "word  \n<|endofext|>"},
                                      {"word  \n<|endofext|>", "word  \n<|endoftext|>"}}) {
    std::vector<Token> tokens = encoding.encode_with_spans(before, policy).value;
    std::vector<Span> pieces = encoding.pieces(before, policy).value;
    REQUIRE(reencode_edit(encoding, policy, after, find_text_edit(before, after), tokens, pieces).ok());
    CHECK(tokens == encoding.encode_with_spans(after, policy).value);
    CHECK(pieces == encoding.pieces(after, policy).value);
  }
}

TEST_CASE("an edit that makes a disallowed special is an error and leaves the lists alone") {
  const Encoding& encoding = test::encoding("cl100k_base");
  const SpecialPolicy policy = SpecialPolicy::error_on_specials();
  const std::string before = "first line\nsecond <|endoftext line\nthird\n";
  std::string after = before;
  after.insert(before.find("text") + 4, "|>");
  std::vector<Token> tokens = encoding.encode_with_spans(before, policy).value;
  std::vector<Span> pieces = encoding.pieces(before, policy).value;
  const auto kept = tokens;
  auto r = reencode_edit(encoding, policy, after, find_text_edit(before, after), tokens, pieces);
  CHECK_FALSE(r.ok());
  CHECK(tokens == kept);
}
