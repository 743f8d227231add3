// Tokens exported as JSON and CSV read back to the same tokens: ids, spans, bytes and text, for text
// with commas, quotes, line breaks and characters split between tokens.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/explain/byte_tokenizer.h"
#include "core/formats/token_export.h"
#include "core/text/utf8.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

// A reader for RFC 4180 written from the RFC, not from the writer: records of fields, quoted fields
// may hold anything, "" inside quotes is one quote, records end at CRLF.
std::vector<std::vector<std::string>> parse_csv(std::string_view s) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      REQUIRE(field.empty());  // a quote opens a field or nothing
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\r') {
      REQUIRE(i + 1 < s.size());
      REQUIRE(s[i + 1] == '\n');
      ++i;
      records.emplace_back(1);
    } else {
      REQUIRE(c != '\n');  // a bare LF outside quotes is not a record end in RFC 4180
      field += c;
    }
  }
  REQUIRE(!quoted);
  if (records.back().size() == 1 && records.back()[0].empty()) records.pop_back();  // after the last CRLF
  return records;
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 3) {  // "48 65": two digits, then a space
    out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  }
  return out;
}

const std::string kText = "id,\"quoted\", then\r\na newline\nand a tab\t; 👋 é 你好 <|endoftext|>";

}  // namespace

TEST_CASE("csv fields are quoted only when they must be") {
  CHECK(csv_field("plain text") == "plain text");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_field("cr\r") == "\"cr\r\"");
  CHECK(csv_field("") == "");
}

TEST_CASE("CSV of the tokens parses back to the tokens") {
  const Encoding& cl100k = test::encoding("cl100k_base");
  auto tokens = cl100k.encode_with_spans(kText, SpecialPolicy::allow_all_specials());
  REQUIRE(tokens.ok());
  const auto records = parse_csv(tokens_to_csv(kText, tokens.value, &cl100k));
  REQUIRE(records.size() == tokens.value.size() + 1);
  CHECK(records[0] == std::vector<std::string>{"id", "bytes", "text", "begin", "end"});
  std::string joined_bytes;
  bool split_character = false;
  for (std::size_t i = 0; i < tokens.value.size(); ++i) {
    const Token& t = tokens.value[i];
    const auto& r = records[i + 1];
    REQUIRE(r.size() == 5);
    CHECK(std::stoul(r[0]) == t.id);
    CHECK(std::stoul(r[3]) == t.begin);
    CHECK(std::stoul(r[4]) == t.end);
    CHECK(from_hex(r[1]) == cl100k.token_bytes(t.id));
    const std::string slice = kText.substr(t.begin, t.end - t.begin);
    if (utf8_is_valid(slice)) CHECK(r[2] == slice);
    else split_character = r[2].find("\xEF\xBF\xBD") != std::string::npos;  // U+FFFD for a cut character
    joined_bytes += from_hex(r[1]);
  }
  CHECK(joined_bytes == kText);  // the bytes column decodes to the text
  CHECK(split_character);        // cl100k cuts 👋 in two: the test covered that case
  CHECK(tokens.value.back().id == 100257);  // <|endoftext|> as a special token, with its text as bytes
}

TEST_CASE("JSON of the tokens parses back to the tokens") {
  const Encoding& o200k = test::encoding("o200k_base");
  auto tokens = o200k.encode_with_spans(kText, SpecialPolicy::allow_all_specials());
  REQUIRE(tokens.ok());
  const auto json = nlohmann::json::parse(tokens_to_json(kText, tokens.value, &o200k));
  REQUIRE(json.is_array());
  REQUIRE(json.size() == tokens.value.size());
  std::string joined_bytes;
  for (std::size_t i = 0; i < tokens.value.size(); ++i) {
    const Token& t = tokens.value[i];
    const auto& j = json[i];
    CHECK(j.size() == 5);
    CHECK(j["id"] == t.id);
    CHECK(j["begin"] == t.begin);
    CHECK(j["end"] == t.end);
    std::string bytes;
    for (const auto& b : j["bytes"]) bytes += static_cast<char>(b.get<int>());
    CHECK(bytes == o200k.token_bytes(t.id));
    joined_bytes += bytes;
    const std::string slice = kText.substr(t.begin, t.end - t.begin);
    CHECK(j["text"] == (utf8_is_valid(slice) ? slice : utf8_repair(slice)));
  }
  CHECK(joined_bytes == kText);
}

TEST_CASE("the byte-level baseline and no tokens") {
  const std::string text = "a,\xFF";
  const auto tokens = encode_bytes(text);
  const auto records = parse_csv(tokens_to_csv(text, tokens, nullptr));
  REQUIRE(records.size() == 4);
  CHECK(records[2] == std::vector<std::string>{"44", "2c", ",", "1", "2"});
  CHECK(records[3] == std::vector<std::string>{"255", "ff", "\xEF\xBF\xBD", "2", "3"});  // ill-formed byte: U+FFFD
  CHECK(nlohmann::json::parse(tokens_to_json(text, tokens, nullptr))[2]["bytes"] == nlohmann::json::array({255}));
  CHECK(tokens_to_csv("", {}, nullptr) == "id,bytes,text,begin,end\r\n");
  CHECK(nlohmann::json::parse(tokens_to_json("", {}, nullptr)) == nlohmann::json::array());
}
