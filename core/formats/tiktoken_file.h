// tiktoken's vocabulary format: one token per line, "<token bytes in base64> <rank>", ranks
// increasing. Takes the file's bytes, so the browser, the CLI and the tests share it.
#pragma once
#include <string_view>

#include "core/status.h"
#include "core/vocab.h"

namespace bpeviz {

// Errors name the line: bad base64, a missing or non-numeric rank, ranks out of order or repeated,
// the same token bytes twice, a truncated last line, an empty file.
Result<Vocab> load_tiktoken_file(std::string_view data);

}  // namespace bpeviz
