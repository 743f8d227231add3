// The model file, the vocabulary companion and the exports (model_file.h).
#include "core/formats/model_file.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

#include <nlohmann/json.hpp>
#include <utf8proc.h>

#include "core/formats/base64.h"
#include "core/formats/gpt2_files.h"
#include "core/text/utf8.h"

namespace bpeviz {

namespace {

constexpr std::string_view kFormat = "bpeviz-bpe";
constexpr uint32_t kVersion = 1;

void append_hex(std::string& out, unsigned char byte) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 15];
}

// A character a reader can see: not a control, format, separator, surrogate, private-use or
// unassigned code point (U+0020 counts as a separator; the caller decides about it).
bool visible(uint32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_CC: case UTF8PROC_CATEGORY_CF: case UTF8PROC_CATEGORY_CS: case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN: case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return false;
    default:
      return true;
  }
}

std::string escape(std::string_view bytes, bool escape_space) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    const std::size_t n = utf8_char_length(bytes, i);
    if (c == '\\') out += "\\\\";
    else if (c == '\t') out += "\\t";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == ' ' && escape_space) append_hex(out, c);
    else if (c == ' ') out += ' ';
    else if (c >= 0x80 && n == 1) append_hex(out, c);  // ill-formed UTF-8
    else if (visible(utf8_code_point(bytes, i))) out.append(bytes.substr(i, n));
    else for (std::size_t k = 0; k < n; ++k) append_hex(out, static_cast<unsigned char>(bytes[i + k]));
    i += n;
  }
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The inverse of escape(); false on a dangling or unknown escape.
bool unescape(std::string_view text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i >= text.size()) return false;
    switch (text[i]) {
      case '\\': out += '\\'; break;
      case 't': out += '\t'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 'x': {
        if (i + 2 >= text.size()) return false;
        const int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
        if (hi < 0 || lo < 0) return false;
        out += static_cast<char>(hi << 4 | lo);
        i += 2;
        break;
      }
      default: return false;
    }
  }
  return true;
}

bool parse_number(std::string_view text, uint32_t& value) {
  if (text.empty() || text.size() > 10) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// Splits a line at single spaces.
std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  for (std::size_t pos = 0;;) {
    const std::size_t space = line.find(' ', pos);
    out.push_back(line.substr(pos, space - pos));
    if (space == std::string_view::npos) return out;
    pos = space + 1;
  }
}

std::string gpt2_spelling(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) utf8_append(out, gpt2_byte_to_char(static_cast<uint8_t>(c)));
  return out;
}

// Reads the file line by line, counting lines for the error messages.
class LineReader {
 public:
  explicit LineReader(std::string_view bytes) : bytes_(bytes) {}
  // The next line without its line end; false at the end of the file.
  bool next(std::string_view& line) {
    if (pos_ >= bytes_.size()) return false;
    std::size_t eol = bytes_.find('\n', pos_);
    if (eol == std::string_view::npos) eol = bytes_.size();
    line = bytes_.substr(pos_, eol - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos_ = eol + 1;
    ++number_;
    return true;
  }
  std::size_t number() const { return number_; }
  std::string at() const { return "line " + std::to_string(number_) + ": "; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0, number_ = 0;
};

}  // namespace

std::string write_model_file(const BpeModel& model) {
  std::string out;
  out.reserve(64 + model.merges.size() * 18);
  out += std::string(kFormat) + " " + std::to_string(kVersion) + "\n";
  out += "pretokenizer " + std::string(pretokenizer_name(model.pretokenizer)) + "\n";
  out += "tie " + std::string(tie_rule_name(model.tie)) + "\n";
  out += "specials " + std::to_string(model.specials.size()) + "\n";
  for (const auto& s : model.specials) out += escape(s.text, true) + " " + std::to_string(s.id) + "\n";
  out += "merges " + std::to_string(model.merges.size()) + "\n";
  for (const auto& m : model.merges) {
    out += std::to_string(m.left);
    out += ' ';
    out += std::to_string(m.right);
    out += ' ';
    out += std::to_string(m.id);
    out += '\n';
  }
  return out;
}

Result<BpeModel> load_model_file(std::string_view bytes, std::size_t max_token_bytes) {
  using R = Result<BpeModel>;
  LineReader lines(bytes);
  std::string_view line;
  const auto truncated = [&](const std::string& what) {
    return R::failure("line " + std::to_string(lines.number() + 1) + ": the file ends before " + what + " (truncated?)");
  };
  // "keyword value" lines of the header.
  const auto header = [&](std::string_view keyword, std::string_view& value) -> std::string {
    if (!lines.next(line)) return "line " + std::to_string(lines.number() + 1) + ": the file ends before \"" +
                                  std::string(keyword) + "\" (truncated?)";
    const auto f = fields(line);
    if (f.size() != 2 || f[0] != keyword) return lines.at() + "expected \"" + std::string(keyword) + " ...\"";
    value = f[1];
    return "";
  };

  if (!lines.next(line)) return R::failure("the file is empty");
  {
    const auto f = fields(line);
    if (f.size() != 2 || f[0] != kFormat) {
      return R::failure("line 1: not a bpeviz model file (expected \"" + std::string(kFormat) + " " +
                        std::to_string(kVersion) + "\")");
    }
    uint32_t version = 0;
    if (!parse_number(f[1], version)) return R::failure("line 1: the version \"" + std::string(f[1]) + "\" is not a number");
    if (version != kVersion) {
      return R::failure("line 1: version " + std::to_string(version) + " is not supported (this build reads version " +
                        std::to_string(kVersion) + ")");
    }
  }
  R result;
  BpeModel& model = result.value;
  model = BpeModel::bytes_only(Pretokenizer::gpt2);
  std::string_view value;
  if (auto e = header("pretokenizer", value); !e.empty()) return R::failure(e);
  if (!pretokenizer_from_name(value, model.pretokenizer)) {
    return R::failure(lines.at() + "unknown pre-tokenizer \"" + std::string(value) + "\" (none, whitespace, gpt2, cl100k, o200k)");
  }
  if (auto e = header("tie", value); !e.empty()) return R::failure(e);
  if (!tie_rule_from_name(value, model.tie)) {
    return R::failure(lines.at() + "unknown tie rule \"" + std::string(value) + "\" (greater, first)");
  }

  // The counts bound the loops, but memory is reserved from the file's size: a count is only a claim.
  const std::size_t max_lines = bytes.size() / 2 + 1;
  uint32_t n_specials = 0, n_merges = 0;
  if (auto e = header("specials", value); !e.empty()) return R::failure(e);
  if (!parse_number(value, n_specials)) return R::failure(lines.at() + "the count \"" + std::string(value) + "\" is not a number");
  std::vector<std::size_t> special_lines;
  model.specials.reserve(std::min<std::size_t>(n_specials, max_lines));
  std::string text;
  for (uint32_t i = 0; i < n_specials; ++i) {
    if (!lines.next(line)) return truncated("special token " + std::to_string(i + 1) + " of " + std::to_string(n_specials));
    const auto f = fields(line);
    uint32_t id = 0;
    if (f.size() != 2 || !parse_number(f[1], id)) return R::failure(lines.at() + "expected \"<special token> <id>\"");
    if (f[0].empty() || !unescape(f[0], text)) {
      return R::failure(lines.at() + "the special token \"" + std::string(f[0]) + "\" is empty or has a bad \\ escape");
    }
    model.specials.push_back({text, id});
    special_lines.push_back(lines.number());
  }

  if (auto e = header("merges", value); !e.empty()) return R::failure(e);
  if (!parse_number(value, n_merges)) return R::failure(lines.at() + "the count \"" + std::string(value) + "\" is not a number");
  model.merges.reserve(std::min<std::size_t>(n_merges, max_lines));
  std::size_t token_bytes = 256;
  for (uint32_t i = 0; i < n_merges; ++i) {
    if (!lines.next(line)) return truncated("merge " + std::to_string(i + 1) + " of " + std::to_string(n_merges));
    const auto f = fields(line);
    BpeMerge m;
    if (f.size() != 3 || !parse_number(f[0], m.left) || !parse_number(f[1], m.right) || !parse_number(f[2], m.id)) {
      return R::failure(lines.at() + "expected \"<left id> <right id> <id>\"");
    }
    const auto made = static_cast<uint32_t>(model.tokens.size());
    for (const uint32_t part : {m.left, m.right}) {
      if (part >= made) {
        return R::failure(lines.at() + "the merge uses token " + std::to_string(part) + ", which no earlier line made");
      }
    }
    if (m.id > made) {
      return R::failure(lines.at() + "the merge gives id " + std::to_string(m.id) + ", but the next new id is " +
                        std::to_string(made));
    }
    const std::size_t length = model.tokens[m.left].size() + model.tokens[m.right].size();
    if (m.id == made) {
      if (token_bytes + length > max_token_bytes) {
        return R::failure(lines.at() + "the tokens add up to more than " + std::to_string(max_token_bytes) +
                          " bytes (a broken or hostile file?)");
      }
      token_bytes += length;
      model.tokens.push_back(model.tokens[m.left] + model.tokens[m.right]);
    } else if (model.tokens[m.id].size() != length ||
               model.tokens[m.id].compare(0, model.tokens[m.left].size(), model.tokens[m.left]) != 0 ||
               model.tokens[m.id].compare(model.tokens[m.left].size(), std::string::npos, model.tokens[m.right]) != 0) {
      return R::failure(lines.at() + "the merge gives id " + std::to_string(m.id) +
                        ", an earlier token whose bytes are not the pair's");
    }
    model.merges.push_back(m);
  }
  while (lines.next(line)) {
    if (!line.empty()) return R::failure(lines.at() + "unexpected text after the last merge");
  }

  for (std::size_t i = 0; i < model.specials.size(); ++i) {
    const uint32_t expected = static_cast<uint32_t>(model.tokens.size() + i);
    if (model.specials[i].id != expected) {
      return R::failure("line " + std::to_string(special_lines[i]) + ": the special token has id " +
                        std::to_string(model.specials[i].id) + ", but its id is " + std::to_string(expected) +
                        " (special tokens follow the merged tokens)");
    }
  }
  // The checks above give line numbers; check() is the model's own word (e.g. two merges making the
  // same bytes under two new ids, or a special token listed twice).
  if (std::string why = model.check(); !why.empty()) return R::failure(why);
  return result;
}

std::string write_vocab_companion(const BpeModel& model) {
  // Every merge that made or remade a token, by the token's id.
  std::vector<std::vector<const BpeMerge*>> made_by(model.tokens.size());
  for (const auto& m : model.merges) {
    if (m.id < made_by.size()) made_by[m.id].push_back(&m);
  }
  const auto shown = [&](uint32_t id) {
    return std::to_string(id) + " [" + (id < model.tokens.size() ? escape(model.tokens[id], false) : "?") + "]";
  };
  std::string out = "# bpeviz-bpe vocabulary: " + std::to_string(model.tokens.size()) + " tokens (256 bytes, " +
                    std::to_string(model.tokens.size() - std::min<std::size_t>(256, model.tokens.size())) + " merged), " +
                    std::to_string(model.specials.size()) + " special; pre-tokenizer " +
                    std::string(pretokenizer_name(model.pretokenizer)) + ", ties: " + std::string(tie_rule_name(model.tie)) +
                    "\n# id [bytes] <- the pair that made it; \\xHH: a byte that is not printable text\n";
  for (uint32_t id = 0; id < model.tokens.size(); ++id) {
    out += shown(id);
    for (std::size_t k = 0; k < made_by[id].size(); ++k) {
      out += k == 0 ? " <- " : "; again by ";
      out += shown(made_by[id][k]->left) + " + " + shown(made_by[id][k]->right);
    }
    out += '\n';
  }
  for (const auto& s : model.specials) out += std::to_string(s.id) + " [" + escape(s.text, false) + "] special\n";
  return out;
}

std::string write_tiktoken_ranks(const BpeModel& model) {
  std::string out;
  for (uint32_t id = 0; id < model.tokens.size(); ++id) {
    out += base64_encode(model.tokens[id]);
    out += ' ';
    out += std::to_string(id);
    out += '\n';
  }
  return out;
}

std::string write_gpt2_vocab_json(const BpeModel& model) {
  // The object is written by hand, nlohmann-json escaping each key: ordered_json keeps the id order
  // but finds keys by a linear search, so building one costs O(n²) (measured: 0.1 s for 10k keys,
  // 4.5 s for 50k; o200k's size would take over a minute).
  std::string out = "{";
  std::unordered_set<std::string> keys;
  keys.reserve(model.n_vocab());
  const auto add = [&](std::string key, uint32_t id) {
    if (!keys.insert(key).second) return;
    if (out.size() > 1) out += ',';
    out += nlohmann::ordered_json(std::move(key)).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += ':';
    out += std::to_string(id);
  };
  for (uint32_t id = 0; id < model.tokens.size(); ++id) add(gpt2_spelling(model.tokens[id]), id);
  for (const auto& s : model.specials) add(utf8_repair(s.text), s.id);
  out += "}\n";
  return out;
}

std::string write_gpt2_merges(const BpeModel& model) {
  std::string out = "#version: 0.2\n";
  for (const auto& m : model.merges) {
    out += gpt2_spelling(model.tokens[m.left]);
    out += ' ';
    out += gpt2_spelling(model.tokens[m.right]);
    out += '\n';
  }
  return out;
}

}  // namespace bpeviz
