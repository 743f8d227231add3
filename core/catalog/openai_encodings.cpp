#include "core/catalog/openai_encodings.h"

#include "core/formats/tiktoken_file.h"
#include "core/formats/vocab_binary.h"

namespace bpeviz {

namespace {

std::vector<SpecialToken> o200k_harmony_specials() {
  // tiktoken 0.11: o200k_base's specials, the harmony chat format's, and reserved names for every id
  // up to 201087. That includes <|reserved_200018|>, so id 200018 has two names: both encode to it,
  // and it decodes to the reserved name (tiktoken builds its decoder from the dict, last name wins).
  std::vector<SpecialToken> s{{"<|startoftext|>", 199998}, {"<|endoftext|>", 199999},
                              {"<|reserved_200000|>", 200000}, {"<|reserved_200001|>", 200001},
                              {"<|return|>", 200002},        {"<|constrain|>", 200003},
                              {"<|reserved_200004|>", 200004}, {"<|channel|>", 200005},
                              {"<|start|>", 200006},         {"<|end|>", 200007},
                              {"<|message|>", 200008},       {"<|reserved_200009|>", 200009},
                              {"<|reserved_200010|>", 200010}, {"<|reserved_200011|>", 200011},
                              {"<|call|>", 200012},          {"<|endofprompt|>", 200018}};
  for (uint32_t id = 200013; id < 201088; ++id) {
    s.push_back({"<|reserved_" + std::to_string(id) + "|>", id});
  }
  return s;
}

}  // namespace

const std::vector<EncodingSpec>& openai_encodings() {
  static const std::vector<EncodingSpec> specs{
      {"gpt2", "r50k_base.tiktoken", Pretokenizer::gpt2, {{"<|endoftext|>", 50256}}, 50257, true},
      {"r50k_base", "r50k_base.tiktoken", Pretokenizer::gpt2, {{"<|endoftext|>", 50256}}, 50257, true},
      {"p50k_base", "p50k_base.tiktoken", Pretokenizer::gpt2, {{"<|endoftext|>", 50256}}, 50281, true},
      {"p50k_edit",
       "p50k_base.tiktoken",
       Pretokenizer::gpt2,
       {{"<|endoftext|>", 50256}, {"<|fim_prefix|>", 50281}, {"<|fim_middle|>", 50282}, {"<|fim_suffix|>", 50283}},
       50284},
      {"cl100k_base",
       "cl100k_base.tiktoken",
       Pretokenizer::cl100k,
       {{"<|endoftext|>", 100257},
        {"<|fim_prefix|>", 100258},
        {"<|fim_middle|>", 100259},
        {"<|fim_suffix|>", 100260},
        {"<|endofprompt|>", 100276}},
       100277},
      {"o200k_base", "o200k_base.tiktoken", Pretokenizer::o200k, {{"<|endoftext|>", 199999}, {"<|endofprompt|>", 200018}},
       200019},
      {"o200k_harmony", "o200k_base.tiktoken", Pretokenizer::o200k, o200k_harmony_specials(), 201088},
  };
  return specs;
}

const EncodingSpec* find_openai_encoding(std::string_view name) {
  for (const auto& spec : openai_encodings()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Result<Encoding> make_encoding(const EncodingSpec& spec, Vocab ranks) {
  std::vector<bool> seen(spec.n_vocab, false);
  for (uint32_t id = 0; id < ranks.id_end(); ++id) {
    if (!ranks.contains(id)) continue;
    if (id >= spec.n_vocab) {
      return Result<Encoding>::failure(spec.name + ": rank " + std::to_string(id) + " is beyond n_vocab " +
                                       std::to_string(spec.n_vocab));
    }
    seen[id] = true;
  }
  for (const auto& s : spec.specials) {
    // Two special names may share an id (o200k_harmony); a special may not take a rank's id.
    if (s.id >= spec.n_vocab || ranks.contains(s.id)) {
      return Result<Encoding>::failure(spec.name + ": special token " + s.text + " has id " + std::to_string(s.id) +
                                       ", which is a mergeable rank or beyond n_vocab");
    }
    seen[s.id] = true;
  }
  if (!seen[spec.n_vocab - 1]) {
    return Result<Encoding>::failure(spec.name + ": the largest id is below n_vocab " + std::to_string(spec.n_vocab) +
                                     " (is the ranks file truncated?)");
  }
  for (uint32_t id = 0; spec.dense && id < spec.n_vocab; ++id) {
    if (!seen[id]) {
      return Result<Encoding>::failure(spec.name + ": gap at id " + std::to_string(id) +
                                       ": no token and no special token has it (is the ranks file truncated?)");
    }
  }
  return {Encoding(spec.name, spec.pretokenizer, std::move(ranks), spec.specials, spec.n_vocab), {}};
}

std::string binary_vocab_file(const EncodingSpec& spec) {
  return spec.ranks_file.substr(0, spec.ranks_file.rfind('.')) + ".bpevocab";
}

Result<Encoding> load_openai_encoding(const EncodingSpec& spec, std::string_view ranks_file_bytes) {
  const bool binary = ranks_file_bytes.starts_with(kVocabBinaryMagic);
  auto vocab = binary ? load_vocab_binary(ranks_file_bytes) : load_tiktoken_file(ranks_file_bytes);
  if (!vocab.ok()) return Result<Encoding>::failure((binary ? binary_vocab_file(spec) : spec.ranks_file) + ": " + vocab.error);
  return make_encoding(spec, std::move(vocab.value));
}

}  // namespace bpeviz
