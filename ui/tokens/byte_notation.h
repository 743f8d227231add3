// GPT-2's byte notation: each byte drawn as one printable character (bytes_to_unicode in OpenAI's
// encoder.py), so a space is Ġ, a newline Ċ and the bytes of 你 read as ä½ł. It is how vocab.json
// files spell tokens, which is why students meet it when they open one.
#pragma once
#include <string>
#include <string_view>

namespace bpeviz {

// Appends the notation of every byte as UTF-8.
void append_gpt2_byte_notation(std::string& out, std::string_view bytes);

}  // namespace bpeviz
