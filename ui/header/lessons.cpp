#include "ui/header/lessons.h"

#include <array>

namespace bpeviz {

namespace {

// All under cl100k_base (GPT-4's), so every number in a caption is one the lecture can point at.
// "·" stands for a space, as the tiles draw it.
constexpr std::array kLessons{
    Lesson{"emoji", "Emoji and Chinese", "Hello, 🌍! 你好!", "cl100k_base",
           "Tokens are bytes, not characters: 🌍 is 4 bytes and takes 3 tokens (the first also holds the space "
           "before it), while 你 and 好 are one token each."},
    Lesson{"leading-space", "·hello and hello", "hello\n hello", "cl100k_base",
           "hello is 15339 but ·hello is 24748: the space before a word belongs to the word's token."},
    Lesson{"same-word", "hello hello", "hello hello", "cl100k_base",
           "The same word twice, two ids: the first hello is 15339, the second carries its space (·hello, 24748)."},
    Lesson{"numbers", "Long numbers", "123456789\n1234567", "cl100k_base",
           "Digits are cut into groups of at most three from the left: 123|456|789, but 1234567 is 123|456|7."},
    Lesson{"code", "Code", "for i in range(10):\n    if i % 2 == 0:\n        print(i)", "cl100k_base",
           "Indents cost tokens: 4 spaces are ··· (262) plus the space of ·if, 8 are 286 plus ·print; ):↵ is one token."},
    Lesson{"languages", "One sentence, six languages",
           "The weather is nice today.\nIl fait beau aujourd’hui.\nDas Wetter ist heute schön.\n今天天气很好。\n"
           "Сегодня хорошая погода.\nΟ καιρός είναι ωραίος σήμερα.",
           "cl100k_base",
           "The same sentence: English 6 tokens, French 6, German 7, Chinese 9, Russian 13, Greek 25 — the "
           "vocabulary was learned mostly from English."},
};

}  // namespace

std::span<const Lesson> lessons() { return kLessons; }

int find_lesson(std::string_view name) {
  for (std::size_t i = 0; i < kLessons.size(); ++i) {
    if (kLessons[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace bpeviz
