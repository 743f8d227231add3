// Base64 (RFC 4648, standard alphabet) for .tiktoken vocabulary files: decoding (padding optional)
// for loading, encoding (always padded, as tiktoken writes) for exporting a trained model.
// Hand-written: it is 40 lines, sits on the vocabulary-loading hot path, and must report errors
// without exceptions.
#pragma once
#include <string>
#include <string_view>

namespace bpeviz {

// Appends the decoded bytes to out; false when `text` is not valid base64 (out is then unspecified).
bool base64_decode(std::string_view text, std::string& out);

// The bytes as padded base64 ("Zm8=" for "fo").
std::string base64_encode(std::string_view bytes);

}  // namespace bpeviz
