#include "ui/tokens/byte_notation.h"

#include "core/formats/gpt2_files.h"
#include "core/text/utf8.h"

namespace bpeviz {

void append_gpt2_byte_notation(std::string& out, std::string_view bytes) {
  for (const char b : bytes) utf8_append(out, gpt2_byte_to_char(static_cast<uint8_t>(b)));
}

}  // namespace bpeviz
