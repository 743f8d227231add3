// Preset lessons from the lecture: a text, the encoding it is shown under and a one-line caption that
// says what to see in its tokens. The captions quote cl100k_base's actual tokens and ids (the
// lessons test checks them against the encoding).
#pragma once
#include <span>
#include <string_view>

namespace bpeviz {

struct Lesson {
  std::string_view name;      // for the page's API and links: "emoji", "leading-space", ...
  std::string_view title;     // in the Lessons menu
  std::string_view text;
  std::string_view encoding;  // a built-in encoding the caption is true for
  std::string_view caption;   // one line, shown above the tokens
};

std::span<const Lesson> lessons();
// The lesson's index, or -1 for an unknown name.
int find_lesson(std::string_view name);

}  // namespace bpeviz
