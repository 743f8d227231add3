// Hugging Face tokenizers normalizes (NFC, NFKC, ...) with Unicode 9.0's tables (its
// unicode-normalization-alignments crate), so a combining mark or a decomposable character assigned
// later is, to it, a plain starter: never reordered, decomposed or composed. utf8proc has Unicode 15;
// normalizers that must give Hugging Face's tokens treat those characters as Hugging Face does.
#pragma once
#include <cstdint>

namespace bpeviz {

// Assigned after Unicode 9.0 with a non-zero combining class or a decomposition.
bool normalizes_after_unicode_9(uint32_t code_point);

}  // namespace bpeviz
