// Devanagari's vowel sign I drawn before its syllable's consonants, as it is written.
#include <doctest/doctest.h>

#include <string>

#include "ui/shaping/pre_base_vowels.h"
#include "ui/tokens/visible_text.h"

using namespace bpeviz;

namespace {
std::string placed(std::string text) {
  place_pre_base_vowels(text, 0);
  return text;
}
}  // namespace

TEST_CASE("the vowel sign I goes before its consonant, its nukta and the consonants joined to it") {
  CHECK(placed("\u0939\u093F") == "\u093F\u0939");  // हि
  // हिन्दी: only the first syllable has the sign; ी (U+0940) is drawn after its consonant and stays.
  CHECK(placed("\u0939\u093F\u0928\u094D\u0926\u0940") == "\u093F\u0939\u0928\u094D\u0926\u0940");
  CHECK(placed("\u0938\u094D\u0925\u093F") == "\u093F\u0938\u094D\u0925");  // स्थि: before the whole conjunct
  CHECK(placed("\u091C\u093C\u093F") == "\u093F\u091C\u093C");              // ज़ि: the nukta stays on its consonant
  CHECK(placed("\u0915\u093F\u0915\u093F") == "\u093F\u0915\u093F\u0915");  // किकि: each syllable its own
  CHECK(placed("ab\u0915\u094E") == "ab\u094E\u0915");                      // the prishthamatra E too
}

TEST_CASE("a sign with nothing to stand before stays; other text is untouched") {
  for (const std::string text : {"a\u093F", "\u093F", "\u0939\u0940", "hello", "\u0939\u093F\xFF"}) {
    CHECK(placed(text) == text);
  }
  std::string tail = "\u0915\u093F\u0915\u093F";
  place_pre_base_vowels(tail, 6);  // only the second syllable
  CHECK(tail == "\u0915\u093F\u093F\u0915");
  // A tile that starts with the sign (a token cut before it): on a dotted circle, left of it.
  std::string label;
  append_visible_text(label, "\u093F\u0928", true, nullptr);
  CHECK(label == "\u093F\u25CC\u0928");
}
