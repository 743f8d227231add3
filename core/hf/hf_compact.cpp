// The compact form (hf_compact.h): written from a tokenizer.json the loader accepts, read back through
// the same loader with the vocabulary and merges taken from the binary part.
#include "core/hf/hf_compact.h"

#include <nlohmann/json.hpp>

#include "core/hf/hf_tokenizer_json.h"

namespace bpeviz {

namespace {

using json = nlohmann::json;

constexpr std::string_view kCompactMagic = "bpeviz-hf 1\n";

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>(v >> (8 * i) & 0xFF);
}

}  // namespace

Result<std::string> write_compact_hf(std::string_view tokenizer_json) {
  using R = Result<std::string>;
  auto root = parse_hf_json(tokenizer_json);
  if (!root.ok()) return R::failure(root.error);
  auto encoding = load_parsed_hf_tokenizer_json(root.value, "compact");
  if (!encoding.ok()) return R::failure(encoding.error);
  const HfModel& hf = *encoding.value.hf_model();
  json& model = root.value["model"];
  std::vector<std::string> tokens;
  for (const auto& [token, id] : model["vocab"].items()) {
    const auto n = id.get<uint32_t>();
    if (n >= tokens.size()) tokens.resize(n + 1);
    tokens[n] = token;
  }
  model["vocab"] = json::object();
  model["merges"] = json::array();
  model["bpeviz_merges"] = hf.pair_rule ? "pairs" : "tiktoken";
  const std::string config = root.value.dump();
  std::string out(kCompactMagic);
  put_u32(out, static_cast<uint32_t>(config.size()));
  out += config;
  put_u32(out, static_cast<uint32_t>(tokens.size()));
  for (const std::string& t : tokens) {
    if (t.size() > 0xFFFF) return R::failure("a token longer than 65535 bytes");
    out += static_cast<char>(t.size() & 0xFF);
    out += static_cast<char>(t.size() >> 8);
    out += t;
  }
  const auto& merges = hf.merges.in_order();
  put_u32(out, hf.pair_rule ? static_cast<uint32_t>(merges.size()) : 0);
  if (hf.pair_rule) {
    for (const auto& m : merges) {
      put_u32(out, m.left);
      put_u32(out, m.right);
    }
  }
  return {std::move(out), {}};
}

bool is_compact_hf(std::string_view bytes) { return bytes.starts_with(kCompactMagic); }

Result<Encoding> load_compact_hf(std::string_view bytes, std::string name) {
  using R = Result<Encoding>;
  if (!is_compact_hf(bytes)) return R::failure("not a compact model (it does not start with \"bpeviz-hf 1\")");
  std::size_t at = kCompactMagic.size();
  bool truncated = false;
  const auto u32 = [&]() -> uint32_t {
    if (at + 4 > bytes.size()) {
      truncated = true;
      return 0;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[at + i])) << (8 * i);
    at += 4;
    return v;
  };
  const uint32_t config_size = u32();
  if (truncated || at + config_size > bytes.size()) return R::failure("compact model: truncated in its settings");
  auto root = parse_hf_json(bytes.substr(at, config_size));
  if (!root.ok()) return R::failure("compact model: settings: " + root.error);
  at += config_size;
  HfVocabulary data;
  const uint32_t count = u32();
  if (truncated || count > bytes.size()) return R::failure("compact model: truncated before its vocabulary");
  data.tokens.reserve(count);
  for (uint32_t i = 0; i < count; ++i) {
    if (at + 2 > bytes.size()) return R::failure("compact model: truncated in its vocabulary");
    const std::size_t n = static_cast<unsigned char>(bytes[at]) | static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 1])) << 8;
    at += 2;
    if (at + n > bytes.size()) return R::failure("compact model: truncated in its vocabulary");
    data.tokens.push_back(bytes.substr(at, n));
    at += n;
  }
  const uint32_t merges = u32();
  if (truncated || merges > (bytes.size() - at) / 8) return R::failure("compact model: truncated in its merges");
  data.merges.reserve(2 * std::size_t{merges});
  for (uint32_t i = 0; i < 2 * merges; ++i) data.merges.push_back(u32());
  // What write_compact_hf noted in the settings (a JSON value that is no object has no members).
  if (const auto model = root.value.find("model"); model != root.value.end() && model->is_object()) {
    const auto kind = model->find("bpeviz_merges");
    data.tiktoken_rule = kind != model->end() && *kind == "tiktoken";
  }
  return load_parsed_hf_tokenizer_json(root.value, std::move(name), &data);
}

}  // namespace bpeviz
