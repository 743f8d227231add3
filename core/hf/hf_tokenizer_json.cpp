// The tokenizer.json loader (hf_tokenizer_json.h): reads each component into an HfModel, refusing
// what it does not know with the component's place in the JSON.
#include "core/hf/hf_tokenizer_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <span>

#include "core/formats/gpt2_files.h"
#include "core/text/pretokenize_patterns.h"
#include "core/text/utf8.h"

namespace bpeviz {

namespace {

using json = nlohmann::json;

// Parses without exceptions (core never throws), keeping where and why a parse failed.
class DomParser : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  explicit DomParser(json& j) : json_sax_dom_parser(j, false) {}
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& /*last_token*/, const Exception& /*ex*/) {
    error_at = position;
    return false;
  }
  std::size_t error_at = 0;
};

// A failure with the JSON path of what it is about: "pre_tokenizer.pretokenizers[1]: ...".
struct Failure {
  std::string message;
};

std::string shown(std::string_view s) {
  std::string q = "\"";
  for (const char c : s.substr(0, 80)) q += c == '\n' ? std::string("\\n") : std::string(1, c);
  return q + (s.size() > 80 ? "…\"" : "\"");
}

NormalizerStep make_step(NormalizerStep::Kind kind) {
  NormalizerStep s;
  s.kind = kind;
  return s;
}

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string string_or(const json& j, const char* key, std::string fallback) {
  const json* m = member(j, key);
  return m && m->is_string() ? m->get<std::string>() : fallback;
}

bool bool_or(const json& j, const char* key, bool fallback) {
  const json* m = member(j, key);
  return m && m->is_boolean() ? m->get<bool>() : fallback;
}

std::string type_of(const json& j) { return string_or(j, "type", ""); }

// Reads each element of the list `key` of a Sequence with `read(element, its path)`; the first failure
// stops it.
template <class Read>
Failure read_each(const json& sequence, const char* key, const std::string& path, Read&& read) {
  const json* list = member(sequence, key);
  const std::string where = path + "." + key;
  if (!list || !list->is_array()) return {where + ": expected a list"};
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (Failure f = read((*list)[i], where + "[" + std::to_string(i) + "]"); !f.message.empty()) return f;
  }
  return {};
}

class Loader {
 public:
  explicit Loader(const json& root, const HfVocabulary* compact = nullptr)
      : root_(root), compact_(compact), hf_(std::make_shared<HfModel>()) {}

  Result<Encoding> load(std::string name) {
    using R = Result<Encoding>;
    if (!root_.is_object()) return R::failure("not a tokenizer.json: the file is JSON but not an object");
    const json* model = member(root_, "model");
    if (!model || !model->is_object()) return R::failure("not a tokenizer.json: it has no \"model\" object");
    if (Failure f = read_normalizer(); !f.message.empty()) return R::failure(f.message);
    if (Failure f = read_pre_tokenizer(); !f.message.empty()) return R::failure(f.message);
    if (Failure f = read_model(*model); !f.message.empty()) return R::failure(f.message);
    if (Failure f = read_added_tokens(); !f.message.empty()) return R::failure(f.message);
    if (Failure f = read_post_processor(); !f.message.empty()) return R::failure(f.message);
    if (Failure f = read_decoder(); !f.message.empty()) return R::failure(f.message);
    check_tiktoken_rule();
    describe();
    settle_piece_changes();
    uint32_t n_vocab = ranks_.id_end();
    for (const auto& s : specials_) n_vocab = std::max(n_vocab, s.id + 1);
    // The Encoding's own pre-tokenizer serves models whose one split is a scanner (hf_model.h).
    const Pretokenizer scanner = hf_->only_scanner() && !hf_->splits.empty() ? hf_->splits[0].scanner : Pretokenizer::none;
    Encoding encoding(std::move(name), scanner, std::move(ranks_), std::move(specials_), n_vocab);
    encoding.set_hf_model(std::move(hf_));
    return {std::move(encoding), {}};
  }

 private:
  // --- normalizer -------------------------------------------------------------------------------
  Failure read_normalizer() {
    const json* n = member(root_, "normalizer");
    if (!n || n->is_null()) return {};
    return read_normalizer_at(*n, "normalizer");
  }

  Failure read_normalizer_at(const json& n, const std::string& path) {
    const std::string type = type_of(n);
    using K = NormalizerStep::Kind;
    if (type == "Sequence") {
      return read_each(n, "normalizers", path,
                       [&](const json& item, const std::string& where) { return read_normalizer_at(item, where); });
    }
    for (const auto& [name, kind] : {std::pair{"NFC", K::nfc}, {"NFD", K::nfd}, {"NFKC", K::nfkc}, {"NFKD", K::nfkd}}) {
      if (type != name) continue;
      NormalizerStep s = make_step(kind);
      s.unicode_9 = true;  // Hugging Face's tables
      return add_step(s);
    }
    if (type == "Lowercase") return add_step(make_step(K::lowercase));
    if (type == "Prepend") {
      NormalizerStep s = make_step(K::prepend);
      s.content = string_or(n, "prepend", "");
      return add_step(s);
    }
    if (type == "Strip") {
      NormalizerStep s = make_step(K::strip);
      s.left = bool_or(n, "strip_left", false);
      s.right = bool_or(n, "strip_right", false);
      return add_step(s);
    }
    if (type == "Replace") {
      const json* pattern = member(n, "pattern");
      const json* literal = pattern ? member(*pattern, "String") : nullptr;
      if (!literal || !literal->is_string()) {
        return {path + ".pattern: Replace with a regular expression is not supported (only a \"String\" pattern)"};
      }
      NormalizerStep s = make_step(K::replace);
      s.pattern = literal->get<std::string>();
      s.content = string_or(n, "content", "");
      if (s.pattern.empty()) return {path + ".pattern: an empty pattern"};
      return add_step(s);
    }
    return {path + ": the " + (type.empty() ? std::string("untyped") : type) +
            " normalizer is not supported (NFC, NFD, NFKC, NFKD, Lowercase, Replace, Prepend, Strip and Sequence are)"};
  }

  Failure add_step(NormalizerStep s) {
    normalizer_steps_.push_back(std::move(s));
    return {};
  }

  // --- pre-tokenizer ----------------------------------------------------------------------------
  Failure read_pre_tokenizer() {
    const json* p = member(root_, "pre_tokenizer");
    byte_level_ = false;
    if (!p || p->is_null()) {
      pre_description_ = "no pre-tokenizer";
      return {};
    }
    std::vector<std::pair<const json*, std::string>> items;
    if (type_of(*p) == "Sequence") {
      const json* list = member(*p, "pretokenizers");
      if (!list || !list->is_array()) return {"pre_tokenizer.pretokenizers: expected a list"};
      for (std::size_t i = 0; i < list->size(); ++i) {
        items.push_back({&(*list)[i], "pre_tokenizer.pretokenizers[" + std::to_string(i) + "]"});
      }
    } else {
      items.push_back({p, "pre_tokenizer"});
    }
    // DeepSeek-V3's three Splits, recognised together.
    std::size_t first = 0;
    const std::span<const std::string_view> deepseek = scanner_regexes(Pretokenizer::deepseek_v3);
    if (items.size() >= deepseek.size() &&
        std::equal(deepseek.begin(), deepseek.end(), items.begin(), [&](std::string_view want, const auto& item) {
          return type_of(*item.first) == "Split" && string_or(*item.first, "behavior", "") == "Isolated" &&
                 !bool_or(*item.first, "invert", false) && canonical_regex(regex_of(*item.first)) == want;
        })) {
      add_scanner(Pretokenizer::deepseek_v3);
      first = deepseek.size();
    }
    for (std::size_t i = first; i < items.size(); ++i) {
      if (Failure f = read_pre_item(*items[i].first, items[i].second); !f.message.empty()) return f;
    }
    return {};
  }

  void add_scanner(Pretokenizer scanner) {
    SplitRule rule;
    rule.kind = SplitRule::Kind::scanner;
    rule.scanner = scanner;
    hf_->splits.push_back(std::move(rule));
    describe_pre("Split(" + std::string(pretokenizer_name(scanner)) + ")");
  }

  static std::string regex_of(const json& split) {
    const json* pattern = member(split, "pattern");
    const json* regex = pattern ? member(*pattern, "Regex") : nullptr;
    return regex && regex->is_string() ? regex->get<std::string>() : "";
  }

  void add_piece_change(NormalizerStep step) { piece_steps_.push_back({hf_->splits.size(), std::move(step)}); }

  // Folds the pre-tokenizer's changes into the normalizer where that gives Hugging Face's text, or
  // keeps them apart, grouped by the splits before them (HfModel::piecewise).
  void settle_piece_changes() {
    const bool after_a_split = std::any_of(piece_steps_.begin(), piece_steps_.end(),
                                           [](const auto& p) { return p.first > 0; });
    hf_->piecewise = after_a_split || !hf_->added_after_normalizer.empty();
    if (!hf_->piecewise) {
      for (const auto& [after, step] : piece_steps_) normalizer_steps_.push_back(step);
    }
    // Piecewise, the changes with the same splits before them run as one.
    for (std::size_t i = 0; hf_->piecewise && i < piece_steps_.size();) {
      const std::size_t after = piece_steps_[i].first;
      std::vector<NormalizerStep> group;
      for (; i < piece_steps_.size() && piece_steps_[i].first == after; ++i) group.push_back(piece_steps_[i].second);
      hf_->piece_changes.push_back({after, Normalizer(std::move(group))});
    }
    hf_->normalizer = Normalizer(std::move(normalizer_steps_));
  }

  void describe_pre(const std::string& part) { pre_description_ += (pre_description_.empty() ? "" : " · ") + part; }

  Failure read_pre_item(const json& item, const std::string& path) {
    const std::string type = type_of(item);
    if (type == "ByteLevel") {
      byte_level_ = true;
      if (bool_or(item, "add_prefix_space", false)) {
        NormalizerStep s = make_step(NormalizerStep::Kind::prepend);
        s.content = " ";
        s.unless_present = true;
        add_piece_change(s);
      }
      if (bool_or(item, "use_regex", true)) add_scanner(Pretokenizer::gpt2);
      else describe_pre("ByteLevel");
      return {};
    }
    if (type == "Split") {
      SplitRule rule;
      rule.invert = bool_or(item, "invert", false);
      const std::string behavior = string_or(item, "behavior", "");
      if (!split_behavior_from_name(behavior, rule.behavior)) return {path + ".behavior: unknown behavior " + shown(behavior)};
      const std::string how = behavior + (rule.invert ? ", inverted" : "");
      const json* pattern = member(item, "pattern");
      const json* literal = pattern ? member(*pattern, "String") : nullptr;
      if (literal && literal->is_string()) {
        rule.literal = literal->get<std::string>();
        if (rule.literal.empty()) return {path + ".pattern: an empty string"};
        describe_pre("Split(" + shown(rule.literal) + ", " + how + ")");
        hf_->splits.push_back(std::move(rule));
        return {};
      }
      const std::string regex = canonical_regex(regex_of(item));
      if (regex.empty()) return {path + ".pattern: expected {\"Regex\": ...} or {\"String\": ...}"};
      // A pattern bpeviz has a scanner for, used as the scanner splits (Isolated), takes the fast path.
      Pretokenizer scanner{};
      if (rule.behavior == SplitBehavior::isolated && !rule.invert && scanner_for_regex(regex, scanner)) {
        add_scanner(scanner);
        return {};
      }
      auto compiled = Regex::compile(regex_of(item));
      if (!compiled.ok()) return {path + ".pattern: the regex " + shown(regex) + " does not compile: " + compiled.error};
      rule.kind = SplitRule::Kind::regex;
      rule.regex = std::move(compiled.value);
      describe_pre("Split(regex " + shown(regex.size() > 40 ? regex.substr(0, 37) + "..." : regex) + ", " + how + ")");
      hf_->splits.push_back(std::move(rule));
      return {};
    }
    if (type == "Metaspace") {
      // Spaces become the replacement character (▁) and one goes in front, as in SentencePiece;
      // with split, every ▁ starts a new piece.
      const std::string replacement = string_or(item, "replacement", "\u2581");
      NormalizerStep r = make_step(NormalizerStep::Kind::replace);
      r.pattern = " ";
      r.content = replacement;
      add_piece_change(r);
      std::string scheme = string_or(item, "prepend_scheme", "");
      if (scheme.empty()) scheme = bool_or(item, "add_prefix_space", true) ? "always" : "never";
      if (scheme != "never") {
        NormalizerStep p = make_step(NormalizerStep::Kind::prepend);
        p.content = replacement;
        p.unless_present = true;
        p.only_at_text_start = scheme == "first";
        add_piece_change(p);
      }
      if (bool_or(item, "split", true)) {
        SplitRule split;
        split.literal = replacement;
        split.behavior = SplitBehavior::merged_with_next;
        hf_->splits.push_back(std::move(split));
      }
      describe_pre("Metaspace");
      return {};
    }
    return {path + ": the " + (type.empty() ? std::string("untyped") : type) +
            " pre-tokenizer is not supported (ByteLevel, Split, Metaspace and Sequence are)"};
  }

  // --- model ------------------------------------------------------------------------------------
  // A vocabulary entry's bytes: byte-level files spell bytes in GPT-2's alphabet; others are UTF-8.
  std::string token_bytes(std::string_view token) const {
    if (!byte_level_) return std::string(token);
    std::string bytes;
    for (std::size_t pos = 0; pos < token.size();) {
      const std::size_t n = utf8_char_length(token, pos);
      const int b = gpt2_char_to_byte(utf8_code_point(token, pos));
      if (b < 0) return std::string(token);  // not in the alphabet: Hugging Face's decoder keeps such a token's own bytes
      bytes += static_cast<char>(b);
      pos += n;
    }
    return bytes;
  }

  Failure read_model(const json& model) {
    const std::string type = type_of(model);
    if (!type.empty() && type != "BPE") return {"model.type: " + type + " models are not supported (bpeviz reads BPE models)"};
    if (const json* d = member(model, "dropout"); d && d->is_number() && d->get<double>() > 0) {
      return {"model.dropout: BPE dropout is not supported (it makes encoding random)"};
    }
    for (const char* key : {"continuing_subword_prefix", "end_of_word_suffix"}) {
      if (!string_or(model, key, "").empty()) return {std::string("model.") + key + ": word prefixes and suffixes are not supported"};
    }
    hf_->ignore_merges = bool_or(model, "ignore_merges", false);
    hf_->byte_fallback = bool_or(model, "byte_fallback", false);
    hf_->fuse_unk = bool_or(model, "fuse_unk", false);
    hf_->byte_level = byte_level_;

    if (compact_) {
      std::size_t total = 0;
      for (const std::string_view token : compact_->tokens) total += token.size();
      ranks_.reserve(compact_->tokens.size(), total);
      if (!byte_level_) strings_.reserve(compact_->tokens.size());
      for (uint32_t id = 0; id < compact_->tokens.size(); ++id) {
        const std::string_view token = compact_->tokens[id];
        if (token.empty()) continue;
        if (!ranks_.add(id, byte_level_ ? token_bytes(token) : token)) return {"vocabulary: token " + std::to_string(id) + " is there twice"};
        if (!byte_level_) strings_.emplace_back(id, token);
      }
    } else {
      const json* vocab = member(model, "vocab");
      if (!vocab || !vocab->is_object()) return {"model.vocab: expected an object of token → id"};
      std::size_t total = 0;
      for (const auto& [token, id] : vocab->items()) total += token.size();
      ranks_.reserve(vocab->size(), total);
      for (const auto& [token, id] : vocab->items()) {
        if (!id.is_number_unsigned() || id.get<uint64_t>() >= (1u << 31)) return {"model.vocab[" + shown(token) + "]: the id is not a small non-negative integer"};
        const auto n = static_cast<uint32_t>(id.get<uint64_t>());
        if (token.empty()) return {"model.vocab: an empty token (id " + std::to_string(n) + ")"};
        if (!ranks_.add(n, token_bytes(token))) {
          return {"model.vocab[" + shown(token) + "]: id " + std::to_string(n) + " or the token's bytes are already taken"};
        }
        if (!byte_level_) strings_.emplace_back(n, token);
      }
    }
    const std::string unk = string_or(model, "unk_token", "");
    if (!unk.empty()) {
      hf_->unk_id = ranks_.find(unk);
      if (hf_->unk_id == Vocab::kNone) return {"model.unk_token: " + shown(unk) + " is not in the vocabulary"};
    }
    for (int b = 0; b < 256; ++b) {
      if (byte_level_) {
        hf_->byte_tokens[b] = ranks_.find(std::string(1, static_cast<char>(b)));
      } else {
        static const char* hex = "0123456789ABCDEF";
        const std::string name = std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
        hf_->byte_tokens[b] = hf_->byte_fallback ? ranks_.find(name) : Vocab::kNone;
      }
    }

    if (compact_) {
      const auto& m = compact_->merges;
      hf_->merges.reserve(m.size() / 2);
      std::string pair;  // the two tokens' bytes, in one buffer reused for every merge
      for (std::size_t i = 0; i + 1 < m.size(); i += 2) {
        pair.assign(ranks_.token(m[i]));
        pair.append(ranks_.token(m[i + 1]));
        const uint32_t merged = ranks_.find(pair);
        if (merged == Vocab::kNone) return {"merges: merge " + std::to_string(i / 2) + " makes no token"};
        hf_->merges.add(m[i], m[i + 1], static_cast<uint32_t>(i / 2), merged);
      }
      return {};
    }
    const json* merges = member(model, "merges");
    if (!merges || !merges->is_array()) return {"model.merges: expected a list"};
    hf_->merges.reserve(merges->size());
    for (std::size_t i = 0; i < merges->size(); ++i) {
      const json& m = (*merges)[i];
      const std::string path = "model.merges[" + std::to_string(i) + "]";
      std::string a, b;
      if (m.is_string()) {
        const std::string line = m.get<std::string>();
        const std::size_t space = line.find(' ');
        if (space == std::string::npos || line.find(' ', space + 1) != std::string::npos) {
          return {path + ": " + shown(line) + " is not two tokens separated by one space"};
        }
        a = line.substr(0, space);
        b = line.substr(space + 1);
      } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
        a = m[0].get<std::string>();
        b = m[1].get<std::string>();
      } else {
        return {path + ": expected \"a b\" or [\"a\", \"b\"]"};
      }
      const uint32_t left = ranks_.find(token_bytes(a)), right = ranks_.find(token_bytes(b));
      const uint32_t merged = ranks_.find(token_bytes(a + b));
      if (left == Vocab::kNone) return {path + ": " + shown(a) + " is not in the vocabulary"};
      if (right == Vocab::kNone) return {path + ": " + shown(b) + " is not in the vocabulary"};
      if (merged == Vocab::kNone) return {path + ": the merged token " + shown(a + b) + " is not in the vocabulary"};
      // A pair listed twice takes its later place, as Hugging Face's map of merges does.
      hf_->merges.add(left, right, static_cast<uint32_t>(i), merged);
    }
    return {};
  }

  // --- added tokens -----------------------------------------------------------------------------
  Failure read_added_tokens() {
    const json* added = member(root_, "added_tokens");
    if (!added || added->is_null()) return {};
    if (!added->is_array()) return {"added_tokens: expected a list"};
    for (std::size_t i = 0; i < added->size(); ++i) {
      const json& t = (*added)[i];
      const std::string path = "added_tokens[" + std::to_string(i) + "]";
      const json* id = member(t, "id");
      const std::string content = string_or(t, "content", "");
      if (!id || !id->is_number_unsigned() || id->get<uint64_t>() >= (1u << 31)) return {path + ".id: expected a small non-negative integer"};
      if (content.empty()) return {path + ".content: expected a non-empty string"};
      SpecialToken token{content, static_cast<uint32_t>(id->get<uint64_t>())};
      token.lstrip = bool_or(t, "lstrip", false);
      token.rstrip = bool_or(t, "rstrip", false);
      token.single_word = bool_or(t, "single_word", false);
      token.normalized = bool_or(t, "normalized", false);
      token.special = bool_or(t, "special", false);  // Hugging Face's default: an added token is not special
      // Under a normalizer Hugging Face matches such a token in the normalized text, in its normalized
      // form (the normalizer's alone: the pre-tokenizer's changes come after).
      if (token.normalized && !normalizer_steps_.empty()) {
        token.in_normalized_text = true;
        SpecialToken normalized = token;
        normalized.text = Normalizer(normalizer_steps_).apply(content, true).text;
        if (!normalized.text.empty()) hf_->added_after_normalizer.push_back(std::move(normalized));
      }
      specials_.push_back(std::move(token));
    }
    std::vector<std::string_view> texts;
    for (const SpecialToken& t : hf_->added_after_normalizer) texts.push_back(t.text);
    hf_->added_after_normalizer_trie = SpecialTrie(texts);
    return {};
  }

  uint32_t special_id(const std::string& content) const {
    for (const auto& s : specials_) {
      if (s.text == content) return s.id;
    }
    return ranks_.find(token_bytes(content));
  }

  // --- post-processor ---------------------------------------------------------------------------
  Failure read_post_processor() {
    const json* p = member(root_, "post_processor");
    if (!p || p->is_null()) return {};
    return read_post_at(*p, "post_processor");
  }

  Failure read_post_at(const json& p, const std::string& path) {
    const std::string type = type_of(p);
    if (type == "ByteLevel") return {};  // offsets only
    if (type == "Sequence") {
      return read_each(p, "processors", path,
                       [&](const json& item, const std::string& where) { return read_post_at(item, where); });
    }
    if (type == "RobertaProcessing" || type == "BertProcessing") {
      const json* cls = member(p, "cls");
      const json* sep = member(p, "sep");
      if (!cls || !sep || !cls->is_array() || !sep->is_array() || cls->size() != 2 || sep->size() != 2 ||
          !(*cls)[1].is_number_unsigned() || !(*sep)[1].is_number_unsigned()) {
        return {path + ": expected \"cls\" and \"sep\" as [token, id]"};
      }
      hf_->prefix_ids.push_back((*cls)[1].get<uint32_t>());
      hf_->suffix_ids.insert(hf_->suffix_ids.begin(), (*sep)[1].get<uint32_t>());
      return {};
    }
    if (type == "TemplateProcessing") {
      const json* single = member(p, "single");
      if (!single || !single->is_array()) return {path + ".single: expected a list"};
      const json* specials = member(p, "special_tokens");
      bool after_text = false;
      std::vector<uint32_t> prefix, suffix;
      for (std::size_t i = 0; i < single->size(); ++i) {
        const json& item = (*single)[i];
        const std::string where = path + ".single[" + std::to_string(i) + "]";
        if (member(item, "Sequence")) {
          after_text = true;
          continue;
        }
        const json* special = member(item, "SpecialToken");
        const std::string name = special ? string_or(*special, "id", "") : "";
        if (name.empty()) return {where + ": expected a SpecialToken or the Sequence"};
        std::vector<uint32_t> ids;
        const json* entry = specials ? member(*specials, name.c_str()) : nullptr;
        const json* listed = entry ? member(*entry, "ids") : nullptr;
        if (listed && listed->is_array()) {
          for (const json& id : *listed) {
            if (!id.is_number_unsigned()) return {path + ".special_tokens[" + shown(name) + "].ids: expected ids"};
            ids.push_back(id.get<uint32_t>());
          }
        } else if (const uint32_t id = special_id(name); id != Vocab::kNone) {
          ids.push_back(id);
        } else {
          return {where + ": the special token " + shown(name) + " is not in special_tokens or the vocabulary"};
        }
        (after_text ? suffix : prefix).insert((after_text ? suffix : prefix).end(), ids.begin(), ids.end());
      }
      hf_->prefix_ids.insert(hf_->prefix_ids.end(), prefix.begin(), prefix.end());
      hf_->suffix_ids.insert(hf_->suffix_ids.begin(), suffix.begin(), suffix.end());
      return {};
    }
    return {path + ": the " + (type.empty() ? std::string("untyped") : type) +
            " post-processor is not supported (TemplateProcessing, RobertaProcessing, BertProcessing, ByteLevel and Sequence are)"};
  }

  // --- decoder ----------------------------------------------------------------------------------
  Failure read_decoder() {
    const json* d = member(root_, "decoder");
    if (d && !d->is_null()) {
      if (Failure f = read_decoder_at(*d, "decoder"); !f.message.empty()) return f;
    }
    if (byte_level_) return {};  // tokens decode to their bytes
    // SentencePiece style: each token's decoded bytes, from its string. Added tokens go through the
    // decoders too, as in Hugging Face (Gemma's "▁▁▁" added tokens decode to spaces).
    const auto decode = [&](const std::string& token) {
      if (decode_byte_fallback_ && token.size() == 6 && token.starts_with("<0x") && token.back() == '>' &&
          std::isxdigit(static_cast<unsigned char>(token[3])) && std::isxdigit(static_cast<unsigned char>(token[4]))) {
        return std::string(1, static_cast<char>(std::stoi(token.substr(3, 2), nullptr, 16)));
      }
      std::string out = token;
      if (!replace_from_.empty()) {
        for (std::size_t at = 0; (at = out.find(replace_from_, at)) != std::string::npos; at += replace_to_.size()) {
          out.replace(at, replace_from_.size(), replace_to_);
        }
      }
      return out;
    };
    hf_->decoded.resize(ranks_.id_end());
    for (const auto& [id, token] : strings_) hf_->decoded[id] = decode(token);
    for (const auto& special : specials_) {
      if (special.id >= hf_->decoded.size()) hf_->decoded.resize(special.id + 1);
      hf_->decoded[special.id] = decode(special.text);
    }
    return {};
  }

  Failure read_decoder_at(const json& d, const std::string& path) {
    const std::string type = type_of(d);
    if (type == "Sequence") {
      return read_each(d, "decoders", path,
                       [&](const json& item, const std::string& where) { return read_decoder_at(item, where); });
    }
    if (type == "ByteLevel") {
      if (!byte_level_) return {path + ": a ByteLevel decoder needs the ByteLevel pre-tokenizer"};
      return {};
    }
    if (type == "Fuse") return {};
    if (type == "ByteFallback") {
      decode_byte_fallback_ = true;
      return {};
    }
    if (type == "Replace") {
      const json* pattern = member(d, "pattern");
      const json* literal = pattern ? member(*pattern, "String") : nullptr;
      if (!literal || !literal->is_string() || literal->get<std::string>().empty()) {
        return {path + ".pattern: only a non-empty \"String\" pattern is supported"};
      }
      replace_from_ = literal->get<std::string>();
      replace_to_ = string_or(d, "content", "");
      return {};
    }
    if (type == "Strip") {
      if (string_or(d, "content", " ") != " " || member(d, "stop") == nullptr || !member(d, "stop")->is_number() ||
          member(d, "stop")->get<int>() != 0 || !member(d, "start") || !member(d, "start")->is_number_unsigned()) {
        return {path + ": only a Strip of leading spaces is supported"};
      }
      hf_->strip_leading_spaces = member(d, "start")->get<uint32_t>();
      return {};
    }
    if (type == "Metaspace") {
      replace_from_ = string_or(d, "replacement", "\u2581");
      replace_to_ = " ";
      std::string scheme = string_or(d, "prepend_scheme", "");
      if (scheme.empty()) scheme = bool_or(d, "add_prefix_space", true) ? "always" : "never";
      if (scheme != "never") hf_->strip_leading_spaces = 1;
      return {};
    }
    return {path + ": the " + (type.empty() ? std::string("untyped") : type) +
            " decoder is not supported (ByteLevel, Replace, ByteFallback, Fuse, Strip, Metaspace and Sequence are)"};
  }

  // --- the faster path --------------------------------------------------------------------------
  // Files converted from tiktoken list every split of every token as a merge, in the order of the
  // merged token's id, and take whole pre-tokens that are tokens (ignore_merges). Then merging by
  // pair priority gives exactly what tiktoken's rule gives, and the Encoding's tiktoken path runs.
  void check_tiktoken_rule() {
    hf_->pair_rule = !(compact_ && compact_->tiktoken_rule);
    if (compact_) return;
    if (!byte_level_ || !hf_->ignore_merges || !normalizer_steps_.empty() || !piece_steps_.empty() || !hf_->only_scanner()) {
      return;
    }
    for (int b = 0; b < 256; ++b) {
      if (hf_->byte_tokens[b] == Vocab::kNone) return;
    }
    uint32_t last = 0;
    for (const auto& m : hf_->merges.in_order()) {
      if (m.id < last) return;
      last = m.id;
    }
    for (uint32_t id = 0; id < ranks_.id_end(); ++id) {
      const std::string_view t = ranks_.token(id);
      for (std::size_t k = 1; k < t.size(); ++k) {
        const uint32_t a = ranks_.find(t.substr(0, k)), b = ranks_.find(t.substr(k));
        if (a != Vocab::kNone && b != Vocab::kNone && hf_->merges.find(a, b).id != id) return;
      }
    }
    hf_->pair_rule = false;
  }

  void describe() {
    std::string d;
    std::vector<NormalizerStep> steps = normalizer_steps_;
    for (const auto& [after, step] : piece_steps_) steps.push_back(step);
    for (const auto& s : steps) {
      static const char* names[] = {"NFC", "NFD", "NFKC", "NFKD", "Lowercase", "Replace", "Prepend", "Strip"};
      const std::string name = names[static_cast<int>(s.kind)];
      if (d.find(name) == std::string::npos) d += (d.empty() ? "" : " · ") + name;
    }
    if (!pre_description_.empty()) d += (d.empty() ? "" : " · ") + pre_description_;
    d += d.empty() ? "" : " · ";
    d += hf_->pair_rule ? "BPE by merge priority" : "BPE (tiktoken's rule, same tokens)";
    if (hf_->byte_fallback) d += " · byte fallback";
    hf_->description = d;
  }

  const json& root_;
  const HfVocabulary* compact_;  // the compact form's vocabulary and merges, in place of the JSON's
  std::shared_ptr<HfModel> hf_;
  std::vector<NormalizerStep> normalizer_steps_;
  // The pre-tokenizer's changes of the text, each with how many splits come before it (HfModel::PieceChange).
  std::vector<std::pair<std::size_t, NormalizerStep>> piece_steps_;
  bool byte_level_ = false;
  std::string pre_description_;
  Vocab ranks_;
  std::vector<std::pair<uint32_t, std::string>> strings_;  // SentencePiece style: each id's token string
  std::vector<SpecialToken> specials_;
  bool decode_byte_fallback_ = false;
  std::string replace_from_, replace_to_;
};

}  // namespace

bool is_hf_tokenizer_json(std::string_view bytes) {
  const auto at = bytes.find_first_not_of(" \t\r\n");
  if (at == std::string_view::npos || bytes[at] != '{') return false;
  // Cheap test before parsing: the key appears near the top or the bottom of every such file.
  return bytes.find("\"model\"") != std::string_view::npos && bytes.find("\"added_tokens\"") != std::string_view::npos;
}

Result<json> parse_hf_json(std::string_view text) {
  Result<json> r;
  DomParser parser(r.value);
  if (!json::sax_parse(text.begin(), text.end(), &parser, nlohmann::detail::input_format_t::json, true) ||
      r.value.is_discarded()) {
    r.error = "not valid JSON (at byte " + std::to_string(parser.error_at) + ")";
  }
  return r;
}

Result<Encoding> load_parsed_hf_tokenizer_json(const json& root, std::string name, const HfVocabulary* vocabulary) {
  return Loader(root, vocabulary).load(std::move(name));
}

Result<Encoding> load_hf_tokenizer_json(std::string_view text, std::string name) {
  auto root = parse_hf_json(text);
  if (!root.ok()) return Result<Encoding>::failure(root.error);
  return load_parsed_hf_tokenizer_json(root.value, std::move(name));
}

}  // namespace bpeviz
