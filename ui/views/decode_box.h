// The decode box: ids typed or pasted (a JSON array, or numbers separated by commas or spaces)
// become text under the current encoding. Bytes that are not UTF-8 show as U+FFFD and are listed,
// because a token boundary inside a character is exactly what students should see.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"

namespace bpeviz {

struct ParsedIds {
  std::vector<uint32_t> ids;
  std::string error;  // names the first thing that is not an id, and where it is
};

// Accepts "[15339, 1917]", "15339 1917", "15339,1917\n": digits separated by whitespace, commas and
// at most one pair of brackets.
ParsedIds parse_ids(std::string_view input);

struct DecodedIds {
  std::string text;   // UTF-8, with U+FFFD for each ill-formed sequence
  std::string error;  // an input that is not ids, or an id the encoding does not have
  struct BadBytes {
    uint32_t offset;  // into the decoded bytes
    std::string hex;  // "E4 BD"
  };
  std::vector<BadBytes> bad_bytes;
  std::size_t id_count = 0;
};

// `encoding` null means the byte-level baseline, whose ids are the bytes 0–255.
DecodedIds decode_ids(std::string_view input, const Encoding* encoding);

struct DecodeBoxState {
  std::string input;
  uint64_t input_revision = 1;  // bumped on every edit of `input`
  // The result for input_revision under decoded_encoding.
  DecodedIds result;
  uint64_t decoded_revision = 0;
  std::string decoded_encoding;
};

void set_decode_input(DecodeBoxState& state, std::string input);
void update_decode_box(DecodeBoxState& state, const std::string& encoding_name, const Encoding* encoding);
struct AccessMirror;
// `access`: the page's semantic copy (ui/access/), which gets the input (typing there types here), the result
// and its problems.
void draw_decode_box(DecodeBoxState& state, const std::string& encoding_name, const Encoding* encoding,
                     AccessMirror* access = nullptr);

}  // namespace bpeviz
