// Recognising and loading tokenizer files a user brings.
#include "core/formats/tokenizer_files.h"

#include <algorithm>

#include "core/formats/gpt2_files.h"
#include "core/hf/hf_compact.h"
#include "core/hf/hf_tokenizer_json.h"
#include "core/formats/model_file.h"
#include "core/formats/tiktoken_file.h"

namespace bpeviz {

namespace {

bool is_model_file(const TokenizerFile& f) { return f.bytes.starts_with("bpeviz-bpe "); }

// A JSON object: its first non-blank byte is '{'.
bool is_json(const TokenizerFile& f) {
  const auto at = f.bytes.find_first_not_of(" \t\r\n");
  return at != std::string::npos && f.bytes[at] == '{';
}

// GPT-2's vocab.bpe and Hugging Face's merges.txt start with a "#version" line (a .tiktoken
// file never does: its lines are base64 and a number).
bool is_merges_list(const TokenizerFile& f) { return f.bytes.starts_with("#version"); }

const TokenizerFile* find(std::span<const TokenizerFile> files, bool (*test)(const TokenizerFile&)) {
  for (const auto& f : files) {
    if (test(f)) return &f;
  }
  return nullptr;
}

// In a pair of files, the one that is not `json`.
const TokenizerFile& other(std::span<const TokenizerFile> files, const TokenizerFile* json) {
  return &files[0] == json ? files[1] : files[0];
}

}  // namespace

std::string_view tokenizer_files_kind(std::span<const TokenizerFile> files) {
  if (files.size() == 1 && is_model_file(files[0])) return "bpeviz model";
  if (files.size() == 1 && is_hf_tokenizer_json(files[0].bytes)) return "tokenizer.json";
  if (files.size() == 1 && is_compact_hf(files[0].bytes)) return "compact tokenizer.json";
  if (files.size() == 2 && find(files, is_json) && !is_json(files[0]) + !is_json(files[1]) == 1) return "vocab.json + merges.txt";
  if (files.size() == 1 && !is_json(files[0]) && !is_merges_list(files[0])) return ".tiktoken";
  return "";
}

std::string tokenizer_files_name(std::span<const TokenizerFile> files) {
  if (files.empty()) return "";
  const TokenizerFile* json = find(files, is_json);
  return json ? json->name : files[0].name;
}

namespace {

Result<Encoding> load_files(std::span<const TokenizerFile> files, Pretokenizer pretokenizer, std::string name) {
  using R = Result<Encoding>;
  if (files.empty()) return R::failure("no file given");
  if (files.size() > 2) return R::failure("give one tokenizer file, or a vocab.json with its merges.txt");
  if (files.size() == 1 && is_model_file(files[0])) {
    auto model = load_model_file(files[0].bytes);
    if (!model.ok()) return R::failure(files[0].name + ": " + model.error);
    return make_model_encoding(model.value, std::move(name));
  }
  if (files.size() == 1 && is_hf_tokenizer_json(files[0].bytes)) {
    auto encoding = load_hf_tokenizer_json(files[0].bytes, std::move(name));
    if (!encoding.ok()) return R::failure(files[0].name + ": " + encoding.error);
    return encoding;
  }
  if (files.size() == 1 && is_compact_hf(files[0].bytes)) {  // as the build writes the bundled models
    auto encoding = load_compact_hf(files[0].bytes, std::move(name));
    if (!encoding.ok()) return R::failure(files[0].name + ": " + encoding.error);
    return encoding;
  }
  const TokenizerFile* json = find(files, is_json);
  if (files.size() == 2 || json) {
    if (files.size() == 1) return R::failure(json->name + " given without its merges.txt (or vocab.bpe)");
    if (!json) return R::failure(files[0].name + " and " + files[1].name + ": neither is a vocab.json (a JSON object)");
    const TokenizerFile& merges = other(files, json);
    if (is_json(merges)) return R::failure(files[0].name + " and " + files[1].name + ": both are JSON; one must be the merges list");
    auto gpt2 = load_gpt2_files(json->bytes, merges.bytes);
    if (!gpt2.ok()) return R::failure(json->name + " + " + merges.name + ": " + gpt2.error);
    uint32_t n_vocab = gpt2.value.ranks.id_end();
    for (const auto& s : gpt2.value.specials) n_vocab = std::max(n_vocab, s.id + 1);
    return {Encoding(std::move(name), pretokenizer, std::move(gpt2.value.ranks), gpt2.value.specials, n_vocab), {}};
  }
  if (is_merges_list(files[0])) {
    return R::failure(files[0].name + " is a merges list: give it together with its vocab.json");
  }
  auto ranks = load_tiktoken_file(files[0].bytes);
  if (!ranks.ok() && ranks.error.starts_with("line 1:")) {
    // Not even its first line reads as .tiktoken: most likely not a tokenizer at all.
    return R::failure(files[0].name + " is not a tokenizer file (a bpeviz model file, a Hugging Face tokenizer.json or "
                      "its compact form, a vocab.json with its merges.txt, or a .tiktoken file); as a .tiktoken file, " + ranks.error);
  }
  if (!ranks.ok()) return R::failure(files[0].name + ": " + ranks.error);
  const uint32_t n_vocab = ranks.value.id_end();
  return {Encoding(std::move(name), pretokenizer, std::move(ranks.value), {}, n_vocab), {}};
}

}  // namespace

Result<Encoding> load_tokenizer_files(std::span<const TokenizerFile> files, Pretokenizer pretokenizer,
                                      std::string name, std::span<const std::string> specials) {
  auto encoding = load_files(files, pretokenizer, std::move(name));
  if (!encoding.ok() || specials.empty()) return encoding;
  return encoding.value.with_special_tokens(specials);
}

}  // namespace bpeviz
