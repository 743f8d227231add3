// The preset lessons: each caption's claims checked against the tokens its encoding really makes
// (cl100k_base's vocabulary, the same file the page downloads).
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "core/catalog/encoding_set.h"
#include "core/explain/token_groups.h"
#include "tests/test_data.h"
#include "ui/header/lessons.h"

using namespace bpeviz;

namespace {

const Encoding& cl100k() {
  static EncodingSet set = [] {
    EncodingSet s;
    const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/cl100k_base.bpevocab");
    REQUIRE(s.load_builtin("cl100k_base", data).ok());
    return s;
  }();
  return *set.find("cl100k_base");
}

const Lesson& lesson(std::string_view name) {
  const int i = find_lesson(name);
  REQUIRE(i >= 0);
  return lessons()[static_cast<std::size_t>(i)];
}

std::vector<Token> tokens_of(const Lesson& l) {
  REQUIRE(l.encoding == "cl100k_base");
  auto tokens = cl100k().encode_with_spans(l.text, SpecialPolicy::error_on_specials());
  REQUIRE(tokens.ok());
  return tokens.value;
}

std::vector<uint32_t> ids_of(const Lesson& l) {
  std::vector<uint32_t> ids;
  for (const Token& t : tokens_of(l)) ids.push_back(t.id);
  return ids;
}

std::vector<std::string> texts_of(const Lesson& l) {
  std::vector<std::string> texts;
  for (const Token& t : tokens_of(l)) texts.emplace_back(l.text.substr(t.begin, t.end - t.begin));
  return texts;
}

bool says(const Lesson& l, std::string_view words) { return l.caption.find(words) != std::string_view::npos; }

}  // namespace

TEST_CASE("six lessons, named uniquely, each with one line of caption") {
  CHECK(lessons().size() == 6);
  std::set<std::string_view> names, texts;
  for (const Lesson& l : lessons()) {
    CHECK(find_lesson(l.name) == static_cast<int>(names.size()));
    names.insert(l.name);
    texts.insert(l.text);  // the lesson on show is found by its text
    CHECK_FALSE(l.caption.empty());
    CHECK(l.caption.find('\n') == std::string_view::npos);
    CHECK_FALSE(l.title.empty());
  }
  CHECK(names.size() == 6);
  CHECK(texts.size() == 6);
  CHECK(find_lesson("no-such-lesson") == -1);
}

TEST_CASE("Hello, 🌍! 你好!: the emoji takes three tokens with the space, the Chinese characters one each") {
  const Lesson& l = lesson("emoji");
  CHECK(l.text == "Hello, \xF0\x9F\x8C\x8D! \xE4\xBD\xA0\xE5\xA5\xBD!");
  const auto tokens = tokens_of(l);
  const auto groups = group_tokens_by_character(l.text, tokens);
  const std::string_view globe = " \xF0\x9F\x8C\x8D";  // the tile the token view draws
  int globe_tiles = 0, cjk_tiles = 0;
  for (const TokenGroup& g : groups) {
    const std::string_view text = l.text.substr(g.begin, g.end - g.begin);
    if (text == globe) {
      ++globe_tiles;
      CHECK(g.token_count == 3);
    }
    if (text == "\xE4\xBD\xA0" || text == "\xE5\xA5\xBD") {
      ++cjk_tiles;
      CHECK(g.token_count == 1);
    }
  }
  CHECK(globe_tiles == 1);
  CHECK(cjk_tiles == 2);
  CHECK(says(l, "4 bytes and takes 3 tokens"));
  CHECK(says(l, "one token each"));
}

TEST_CASE("·hello and hello: different ids, the space is part of the word's token") {
  const Lesson& l = lesson("leading-space");
  CHECK(ids_of(l) == std::vector<uint32_t>{15339, 198, 24748});
  CHECK(texts_of(l) == std::vector<std::string>{"hello", "\n", " hello"});
  CHECK(says(l, "hello is 15339"));
  CHECK(says(l, "·hello is 24748"));
}

TEST_CASE("hello hello: the same word, two ids") {
  const Lesson& l = lesson("same-word");
  CHECK(l.text == "hello hello");
  CHECK(ids_of(l) == std::vector<uint32_t>{15339, 24748});
  CHECK(says(l, "15339"));
  CHECK(says(l, "·hello, 24748"));
}

TEST_CASE("long numbers: groups of at most three digits from the left") {
  const Lesson& l = lesson("numbers");
  CHECK(texts_of(l) == std::vector<std::string>{"123", "456", "789", "\n", "123", "456", "7"});
  CHECK(says(l, "123|456|789"));
  CHECK(says(l, "123|456|7."));
}

TEST_CASE("code: an indent is a run of spaces, its last space joins the keyword") {
  const Lesson& l = lesson("code");
  const auto ids = ids_of(l);
  const auto texts = texts_of(l);
  REQUIRE(ids.size() == texts.size());
  const auto at = [&](const std::string& text) {
    for (std::size_t i = 0; i < texts.size(); ++i) if (texts[i] == text) return static_cast<int>(i);
    return -1;
  };
  const int four = at("   "), eight = at("       ");
  REQUIRE(four >= 0);
  REQUIRE(eight >= 0);
  CHECK(ids[static_cast<std::size_t>(four)] == 262);
  CHECK(texts[static_cast<std::size_t>(four) + 1] == " if");
  CHECK(ids[static_cast<std::size_t>(eight)] == 286);
  CHECK(texts[static_cast<std::size_t>(eight) + 1] == " print");
  CHECK(at("):\n") >= 0);
  CHECK(says(l, "··· (262) plus the space of ·if"));
  CHECK(says(l, "8 are 286 plus ·print"));
  CHECK(says(l, "):↵ is one token"));
}

TEST_CASE("one sentence in six languages: the caption's token counts, line by line") {
  const Lesson& l = lesson("languages");
  // A token belongs to the line it starts in (".\n" ends a line and is one token).
  std::vector<int> per_line(1, 0);
  std::size_t line_end = l.text.find('\n');
  for (const Token& t : tokens_of(l)) {
    while (line_end != std::string_view::npos && t.begin > line_end) {
      per_line.push_back(0);
      line_end = l.text.find('\n', line_end + 1);
    }
    ++per_line.back();
  }
  CHECK(per_line == std::vector<int>{6, 6, 7, 9, 13, 25});
  CHECK(says(l, "English 6 tokens, French 6, German 7, Chinese 9, Russian 13, Greek 25"));
}
