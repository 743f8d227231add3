// Tokens as files a program or a spreadsheet reads: JSON and CSV, one record per token with its id,
// its bytes, its text and its byte span [begin, end) in the input.
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "core/encoding.h"
#include "core/token.h"

namespace bpeviz {

// A token's fields, as both formats write them. `bytes` are the token's bytes in the vocabulary (what
// decoding its id gives a byte-level BPE; a special token's text; the input's bytes when `encoding`
// is null, the byte-level baseline). `text` is the input's text [begin, end), with U+FFFD where the
// span cuts a character (a token that holds part of an emoji) so that it is valid UTF-8.
struct ExportedToken {
  uint32_t id, begin, end;
  std::string_view bytes;
  std::string text;
};
ExportedToken exported_token(std::string_view input, const Token& token, const Encoding* encoding);

// [{"id":9906,"bytes":[72,101,108,108,111],"text":"Hello","begin":0,"end":5}, ...], one token a line.
std::string tokens_to_json(std::string_view input, std::span<const Token> tokens, const Encoding* encoding);

// RFC 4180: a header "id,bytes,text,begin,end", CRLF line ends, bytes as lowercase hex pairs separated
// by spaces ("48 65"), and a field holding a comma, a double quote, CR or LF quoted (quotes doubled).
std::string tokens_to_csv(std::string_view input, std::span<const Token> tokens, const Encoding* encoding);

// One CSV field, quoted only when it has to be.
std::string csv_field(std::string_view value);

}  // namespace bpeviz
