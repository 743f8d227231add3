// The special-token policy the page offers, as the three choices tiktoken's encode gives a caller:
// allowed (allowed_special="all"), plain text (encode_ordinary), or an error (the default, which
// raises on any special-token text). Core holds the policy itself; this is its name in the UI.
#pragma once
#include <optional>
#include <string_view>

#include "core/encoding.h"

namespace bpeviz {

enum class SpecialMode { allowed, as_text, error };

// "all", "text", "error": the names bpeviz.encode and the page's API use.
std::string_view special_mode_name(SpecialMode mode);
std::optional<SpecialMode> special_mode_from_name(std::string_view name);
// What the picker and the provenance line say: "as special tokens", "as plain text", "error (tiktoken's default)".
const char* special_mode_label(SpecialMode mode);
SpecialPolicy special_policy(SpecialMode mode);

}  // namespace bpeviz
