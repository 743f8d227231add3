#include "core/formats/token_export.h"

#include <nlohmann/json.hpp>

#include "core/text/utf8.h"

namespace bpeviz {

ExportedToken exported_token(std::string_view input, const Token& token, const Encoding* encoding) {
  const std::string_view slice = input.substr(token.begin, token.end - token.begin);
  return {token.id, token.begin, token.end, encoding ? encoding->token_bytes(token.id) : slice,
          utf8_is_valid(slice) ? std::string(slice) : utf8_repair(slice)};
}

std::string tokens_to_json(std::string_view input, std::span<const Token> tokens, const Encoding* encoding) {
  // Written record by record: a JSON value per token would cost several hundred bytes of memory each
  // for the quarter million tokens of a megabyte. nlohmann-json escapes the text.
  std::string out = "[";
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const ExportedToken t = exported_token(input, tokens[i], encoding);
    out += i ? ",\n" : "\n";
    out += "{\"id\":" + std::to_string(t.id) + ",\"bytes\":[";
    for (std::size_t b = 0; b < t.bytes.size(); ++b) {
      if (b) out += ',';
      out += std::to_string(static_cast<unsigned char>(t.bytes[b]));
    }
    out += "],\"text\":" + nlohmann::json(t.text).dump();
    out += ",\"begin\":" + std::to_string(t.begin) + ",\"end\":" + std::to_string(t.end) + "}";
  }
  out += tokens.empty() ? "]\n" : "\n]\n";
  return out;
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string tokens_to_csv(std::string_view input, std::span<const Token> tokens, const Encoding* encoding) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "id,bytes,text,begin,end\r\n";
  std::string hex;
  for (const Token& token : tokens) {
    const ExportedToken t = exported_token(input, token, encoding);
    hex.clear();
    for (const char c : t.bytes) {
      if (!hex.empty()) hex += ' ';
      hex += kHex[static_cast<unsigned char>(c) >> 4];
      hex += kHex[static_cast<unsigned char>(c) & 15];
    }
    out += std::to_string(t.id) + ',' + hex + ',' + csv_field(t.text) + ',' + std::to_string(t.begin) + ',' +
           std::to_string(t.end) + "\r\n";
  }
  return out;
}

}  // namespace bpeviz
