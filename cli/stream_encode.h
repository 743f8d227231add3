// bpeviz-cli encode: the input read and encoded part by part, each part ending at a cut (core/stream/
// stream_cuts.h), and its ids written as they come. Memory stays bounded for inputs larger than
// memory, and the output is byte for byte the whole text's.
#pragma once
#include <string>

#include "core/encoding.h"

namespace bpeviz::cli {

// Encodes the file (stdin for "-") and prints its ids as one JSON array on one line; returns the exit
// code. An error in a part after the first leaves the ids before it printed (and the array open).
int encode_stream(const Encoding& encoding, SpecialPolicy policy, const std::string& path);

}  // namespace bpeviz::cli
