#include "ui/header/models.h"

namespace bpeviz {

namespace {

// tiktoken/model.py, MODEL_TO_ENCODING (deprecated search/similarity embeddings left out: they are
// all r50k_base and would only lengthen the list).
const std::vector<ModelEncoding> kExact = {
    {"gpt-5", "o200k_base"},
    {"gpt-4.1", "o200k_base"},
    {"gpt-4o", "o200k_base"},
    {"o1", "o200k_base"},
    {"o3", "o200k_base"},
    {"o4-mini", "o200k_base"},
    {"gpt-oss-120b", "o200k_harmony"},
    {"gpt-4", "cl100k_base"},
    {"gpt-3.5-turbo", "cl100k_base"},
    {"gpt-3.5", "cl100k_base"},
    {"gpt-35-turbo", "cl100k_base"},
    {"davinci-002", "cl100k_base"},
    {"babbage-002", "cl100k_base"},
    {"text-embedding-3-small", "cl100k_base"},
    {"text-embedding-3-large", "cl100k_base"},
    {"text-embedding-ada-002", "cl100k_base"},
    {"text-davinci-003", "p50k_base"},
    {"text-davinci-002", "p50k_base"},
    {"code-davinci-002", "p50k_base"},
    {"code-davinci-001", "p50k_base"},
    {"code-cushman-002", "p50k_base"},
    {"code-cushman-001", "p50k_base"},
    {"davinci-codex", "p50k_base"},
    {"cushman-codex", "p50k_base"},
    {"text-davinci-edit-001", "p50k_edit"},
    {"code-davinci-edit-001", "p50k_edit"},
    {"text-davinci-001", "r50k_base"},
    {"text-curie-001", "r50k_base"},
    {"text-babbage-001", "r50k_base"},
    {"text-ada-001", "r50k_base"},
    {"davinci", "r50k_base"},
    {"curie", "r50k_base"},
    {"babbage", "r50k_base"},
    {"ada", "r50k_base"},
    {"gpt2", "gpt2"},
};

// tiktoken/model.py, MODEL_PREFIX_TO_ENCODING.
const std::vector<ModelEncoding> kPrefixes = {
    {"o1-", "o200k_base"},          {"o3-", "o200k_base"},          {"o4-mini-", "o200k_base"},
    {"gpt-5-", "o200k_base"},       {"gpt-4.5-", "o200k_base"},     {"gpt-4.1-", "o200k_base"},
    {"chatgpt-4o-", "o200k_base"},  {"gpt-4o-", "o200k_base"},      {"gpt-4-", "cl100k_base"},
    {"gpt-3.5-turbo-", "cl100k_base"}, {"gpt-35-turbo-", "cl100k_base"}, {"gpt-oss-", "o200k_harmony"},
    {"ft:gpt-4o", "o200k_base"},    {"ft:gpt-4", "cl100k_base"},    {"ft:gpt-3.5-turbo", "cl100k_base"},
    {"ft:davinci-002", "cl100k_base"}, {"ft:babbage-002", "cl100k_base"},
};

// Open models (core/catalog/open_models.h): not tiktoken's names, but the ones their model cards use.
const std::vector<ModelEncoding> kOpenModels = {
    {"llama-3.1-8b", "llama3.1"}, {"llama-3.3-70b", "llama3.1"}, {"llama-3-8b", "llama3"},
    {"qwen3-8b", "qwen3"},        {"deepseek-v3", "deepseek-v3"}, {"deepseek-r1", "deepseek-v3"},
    {"gemma-3-27b", "gemma3"},    {"mistral-7b", "mistral-7b"},
};

}  // namespace

const std::vector<ModelEncoding>& picker_models() {
  // What people look for, one line each; every other name still resolves through encoding_for_model.
  static const std::vector<ModelEncoding> models = {
      {"gpt-5", "o200k_base"},        {"gpt-4.1", "o200k_base"},       {"gpt-4o", "o200k_base"},
      {"gpt-4o-mini", "o200k_base"},  {"o1", "o200k_base"},            {"o3", "o200k_base"},
      {"o4-mini", "o200k_base"},      {"gpt-oss-120b", "o200k_harmony"}, {"gpt-oss-20b", "o200k_harmony"},
      {"gpt-4", "cl100k_base"},       {"gpt-3.5-turbo", "cl100k_base"}, {"text-embedding-3-small", "cl100k_base"},
      {"text-embedding-3-large", "cl100k_base"}, {"text-embedding-ada-002", "cl100k_base"},
      {"text-davinci-003", "p50k_base"}, {"text-davinci-002", "p50k_base"}, {"code-davinci-002", "p50k_base"},
      {"text-davinci-edit-001", "p50k_edit"}, {"code-davinci-edit-001", "p50k_edit"},
      {"davinci", "r50k_base"},       {"curie", "r50k_base"},          {"babbage", "r50k_base"},
      {"ada", "r50k_base"},           {"gpt2", "gpt2"},
  };
  static const std::vector<ModelEncoding> with_open = [] {
    std::vector<ModelEncoding> all = models;
    all.insert(all.end(), kOpenModels.begin(), kOpenModels.end());
    return all;
  }();
  return with_open;
}

std::string encoding_for_model(std::string_view model) {
  for (const auto& m : kExact) {
    if (m.model == model) return m.encoding;
  }
  for (const auto& m : kOpenModels) {
    if (m.model == model) return m.encoding;
  }
  // tiktoken tries the prefixes in order and takes the first match; ours are ordered so that no
  // earlier prefix is a prefix of a later one (gpt-4o- before gpt-4-), which makes that the longest.
  for (const auto& p : kPrefixes) {
    if (model.starts_with(p.model)) return p.encoding;
  }
  return "";
}

}  // namespace bpeviz
