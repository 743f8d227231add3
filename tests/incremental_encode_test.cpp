// Re-encoding around an edit gives exactly the tokens and pieces of encoding the whole new text: random
// edits (typing, deleting, pasting lines, newlines, digits, special-token text, emoji, ill-formed
// bytes) on a multi-line text, under every scanner that cuts at line starts.
#include <doctest/doctest.h>

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
}

TEST_CASE("line cuts: a newline and an ASCII letter or digit after it") {
  const std::string_view text = "ab\ncd\n\n 1\n2";
  CHECK(line_cut_at_or_before(text, 100) == 10);
  CHECK(line_cut_at_or_before(text, 9) == 3);
  CHECK(line_cut_at_or_before(text, 2) == 0);
  CHECK(line_cut_at_or_after(text, 4) == 10);
  CHECK(line_cut_at_or_after(text, 11) == 11);
  CHECK(cuts_at_line_starts(test::encoding("cl100k_base")));
  CHECK(cuts_at_line_starts(test::encoding("o200k_harmony")));
  CHECK(cuts_at_line_starts(test::encoding("gpt2")));
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
        if (pieces != want) {
          for (std::size_t i = 0; i < std::max(pieces.size(), want.size()); ++i) {
            if (i >= pieces.size() || i >= want.size() || !(pieces[i] == want[i])) {
              MESSAGE("first difference at piece " << i << " of " << pieces.size() << "/" << want.size() << ": got "
                      << (i < pieces.size() ? pieces[i].begin : 0) << "-" << (i < pieces.size() ? pieces[i].end : 0) << " want "
                      << (i < want.size() ? want[i].begin : 0) << "-" << (i < want.size() ? want[i].end : 0)
                      << " edit " << edit.begin << " " << edit.old_end << " " << edit.new_end << " r " << r.value.begin << " " << r.value.new_end);
              break;
            }
          }
        }
        REQUIRE(pieces == want);
      }
      CHECK(reencoded_bytes < 300 * text.size() / 4);  // only a neighbourhood each time, not the whole text
    }
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
