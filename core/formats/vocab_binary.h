// A compact binary form of a vocabulary — what the page downloads. Made at build time from the
// checked .tiktoken file (scripts/make_encodings.mjs writes both), it is half the size (no base64,
// no rank text) and loads in about a third of the instructions: no base64 decoding, no number
// parsing, no line scanning — only hashing each token into the table, which both forms need.
//
// Layout (integers little-endian):
//   "bpeviz-vocab 1\n"
//   u32 id_end             one past the largest id
//   u32 blob_size          total bytes of all tokens
//   u16 length[id_end]     each id's token length; 0xFFFF for an id with no token
//   u8  blob[blob_size]    the tokens' bytes, in id order
#pragma once
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/vocab.h"

namespace bpeviz {

inline constexpr std::string_view kVocabBinaryMagic = "bpeviz-vocab 1\n";

std::string write_vocab_binary(const Vocab& vocab);
// Errors: a bad header, sizes that do not add up (a truncated download), an empty token, two ids
// with the same bytes.
Result<Vocab> load_vocab_binary(std::string_view data);

}  // namespace bpeviz
