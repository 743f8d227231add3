// UTF-8 helpers over utf8proc: where characters start and end, and how to repair invalid input.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bpeviz {

// Length of the well-formed UTF-8 sequence starting at text[pos], or 1 when the bytes there are
// ill-formed (so every byte belongs to exactly one "character" and scanning always advances).
std::size_t utf8_char_length(std::string_view text, std::size_t pos);

// The code point of the well-formed sequence at text[pos], or U+FFFD where the bytes are ill-formed.
uint32_t utf8_code_point(std::string_view text, std::size_t pos);

// Start of the character that ends at `end` (not before `begin`, and begin < end); an ill-formed byte
// is a character of its own, as for utf8_char_length.
std::size_t utf8_previous_char(std::string_view text, std::size_t begin, std::size_t end);

// Appends the UTF-8 encoding of a code point.
void utf8_append(std::string& out, uint32_t code_point);

// The first position at or after `pos` that holds a byte outside ASCII, or text.size(). Eight bytes at a
// time: scans of a 10 MB paste share its frame.
std::size_t utf8_skip_ascii(std::string_view text, std::size_t pos);

// The characters in the text as utf8_char_length steps through it (an ill-formed byte counts as one),
// with runs of ASCII counted eight bytes at a time.
std::size_t utf8_count_characters(std::string_view text);

// True when the whole text is well-formed UTF-8.
bool utf8_is_valid(std::string_view text);

// The text with every ill-formed sequence replaced by U+FFFD (maximal subparts, as WHATWG decoders do).
std::string utf8_repair(std::string_view text);

}  // namespace bpeviz
