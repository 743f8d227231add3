#include "core/formats/gpt2_files.h"

#include <algorithm>
#include <array>

#include <nlohmann/json.hpp>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

bool printable_latin1(int b) { return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); }

struct ByteAlphabet {
  std::array<uint32_t, 256> to_char{};
  std::array<uint8_t, 256> rank_order{};  // single-byte ranks: printable bytes first, then the rest
  ByteAlphabet() {
    int n = 0, rank = 0;
    for (int b = 0; b < 256; ++b) {
      if (printable_latin1(b)) {
        to_char[b] = static_cast<uint32_t>(b);
        rank_order[rank++] = static_cast<uint8_t>(b);
      }
    }
    for (int b = 0; b < 256; ++b) {
      if (!printable_latin1(b)) {
        to_char[b] = static_cast<uint32_t>(256 + n++);
        rank_order[rank++] = static_cast<uint8_t>(b);
      }
    }
  }
};

const ByteAlphabet& alphabet() {
  static const ByteAlphabet a;
  return a;
}

// Spelled token → bytes; false if a character is outside the alphabet or the UTF-8 is broken.
bool unspell(std::string_view spelled, std::string& bytes, uint32_t& bad) {
  bytes.clear();
  for (std::size_t i = 0; i < spelled.size(); i += utf8_char_length(spelled, i)) {
    const uint32_t cp = utf8_code_point(spelled, i);  // U+FFFD, not in the alphabet, for broken UTF-8
    const int byte = gpt2_char_to_byte(cp);
    if (byte < 0) {
      bad = cp;
      return false;
    }
    bytes.push_back(static_cast<char>(byte));
  }
  return true;
}

std::string hex_code_point(uint32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", cp);
  return buf;
}

}  // namespace

uint32_t gpt2_byte_to_char(uint8_t byte) { return alphabet().to_char[byte]; }

int gpt2_char_to_byte(uint32_t code_point) {
  if (code_point < 256) return printable_latin1(static_cast<int>(code_point)) ? static_cast<int>(code_point) : -1;
  if (code_point >= 256 + 68) return -1;
  for (int b = 0; b < 256; ++b) {
    if (alphabet().to_char[b] == code_point) return b;
  }
  return -1;
}

Result<Gpt2Vocabulary> load_gpt2_files(std::string_view encoder_json, std::string_view vocab_bpe) {
  using R = Result<Gpt2Vocabulary>;
  R result;
  Vocab& ranks = result.value.ranks;
  const auto json = nlohmann::json::parse(encoder_json, nullptr, false);
  if (json.is_discarded()) return R::failure("encoder.json is not valid JSON");
  if (!json.is_object()) return R::failure("encoder.json is not a JSON object of token → id");

  // The single bytes: encoder.json's ids when they number the 256 bytes 0–255 in some order, else
  // tiktoken's order (then a file that disagrees fails the check below, naming the token).
  std::array<uint32_t, 256> byte_rank{};
  std::array<bool, 256> rank_taken{};
  bool from_json = true;
  for (int b = 0; b < 256 && from_json; ++b) {
    std::string spelled;
    utf8_append(spelled, gpt2_byte_to_char(static_cast<uint8_t>(b)));
    const auto it = json.find(spelled);
    from_json = it != json.end() && it->is_number_unsigned() && it->get<uint64_t>() < 256 && !rank_taken[it->get<uint32_t>()];
    if (from_json) {
      byte_rank[b] = it->get<uint32_t>();
      rank_taken[byte_rank[b]] = true;
    }
  }
  if (!from_json) {
    for (uint32_t rank = 0; rank < 256; ++rank) byte_rank[alphabet().rank_order[rank]] = rank;
  }
  for (int b = 0; b < 256; ++b) ranks.add(byte_rank[b], std::string(1, static_cast<char>(b)));

  // vocab.bpe: a "#version" line, then "first second" per merge; the merged bytes get the next rank,
  // unless an earlier line made them already (see gpt2_files.h).
  std::size_t line_number = 0;
  uint32_t next_rank = 256;
  std::string first, second;
  uint32_t bad = 0;
  for (std::size_t pos = 0; pos < vocab_bpe.size();) {
    ++line_number;
    std::size_t eol = vocab_bpe.find('\n', pos);
    if (eol == std::string_view::npos) eol = vocab_bpe.size();
    std::string_view line = vocab_bpe.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line_number == 1 && line.starts_with("#version")) continue;
    if (line.empty()) continue;
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos || space == 0 || space + 1 >= line.size() ||
        line.find(' ', space + 1) != std::string_view::npos) {
      return R::failure("vocab.bpe line " + std::to_string(line_number) + ": expected two tokens separated by one space");
    }
    std::string merged;
    for (const std::string_view part : {line.substr(0, space), line.substr(space + 1)}) {
      if (!unspell(part, first, bad)) {
        return R::failure("vocab.bpe line " + std::to_string(line_number) + ": the character " + hex_code_point(bad) +
                          " is not in GPT-2's byte alphabet");
      }
      merged += first;
    }
    if (ranks.add(next_rank, merged)) ++next_rank;
  }

  // encoder.json must agree with the ranks; what no merge made is a special token.
  for (const auto& [spelled, id_value] : json.items()) {
    if (!id_value.is_number_unsigned() || id_value.get<uint64_t>() >= Vocab::kNone) {
      return R::failure("encoder.json: the id of \"" + spelled + "\" is not a non-negative integer");
    }
    const auto id = id_value.get<uint32_t>();
    const bool is_bytes = unspell(spelled, second, bad);
    const uint32_t rank = is_bytes ? ranks.find(second) : Vocab::kNone;
    if (rank == id) continue;
    if (rank != Vocab::kNone) {
      return R::failure("encoder.json gives \"" + spelled + "\" id " + std::to_string(id) + ", but vocab.bpe makes it rank " +
                        std::to_string(rank));
    }
    if (ranks.contains(id)) {
      return R::failure("encoder.json gives \"" + spelled + "\" id " + std::to_string(id) + ", which vocab.bpe gives to another token");
    }
    result.value.specials.push_back({spelled, id});
  }
  auto& specials = result.value.specials;
  std::stable_sort(specials.begin(), specials.end(), [](const SpecialToken& a, const SpecialToken& b) { return a.id < b.id; });
  // Two tokens on one id could not both decode (the fuzzer found such a file round-tripping wrong).
  const auto shared = std::adjacent_find(specials.begin(), specials.end(),
                                         [](const SpecialToken& a, const SpecialToken& b) { return a.id == b.id; });
  if (shared != specials.end()) {
    return R::failure("encoder.json gives id " + std::to_string(shared->id) + " to both \"" + shared->text + "\" and \"" +
                      std::next(shared)->text + "\"");
  }
  const std::size_t in_json = json.size() - specials.size();
  if (in_json != ranks.size()) {
    return R::failure("encoder.json has " + std::to_string(in_json) + " ordinary tokens but vocab.bpe makes " +
                      std::to_string(ranks.size()));
  }
  return result;
}

}  // namespace bpeviz
