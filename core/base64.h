// Base64 decoding (RFC 4648, standard alphabet, padding optional) for .tiktoken vocabulary files.
// Hand-written: it is 40 lines, sits on the vocabulary-loading hot path, and must report errors
// without exceptions.
#pragma once
#include <string>
#include <string_view>

namespace bpeviz {

// Appends the decoded bytes to out; false when `text` is not valid base64 (out is then unspecified).
bool base64_decode(std::string_view text, std::string& out);

}  // namespace bpeviz
