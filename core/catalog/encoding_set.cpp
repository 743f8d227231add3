#include "core/catalog/encoding_set.h"

#include "core/hf/hf_compact.h"
#include "core/catalog/open_models.h"
#include "core/catalog/openai_encodings.h"

namespace bpeviz {

Result<const Encoding*> EncodingSet::load_builtin(std::string_view name, std::string_view ranks_file_bytes) {
  if (const OpenModel* model = find_open_model(name)) {
    auto encoding = load_compact_hf(ranks_file_bytes, model->name);
    if (!encoding.ok()) return Result<const Encoding*>::failure(model->file + ": " + encoding.error);
    auto& slot = encodings_[model->name];
    slot = std::make_unique<Encoding>(std::move(encoding.value));
    return {slot.get(), {}};
  }
  const EncodingSpec* spec = find_openai_encoding(name);
  if (!spec) return Result<const Encoding*>::failure("unknown encoding \"" + std::string(name) + "\"");
  auto encoding = load_openai_encoding(*spec, ranks_file_bytes);
  if (!encoding.ok()) return Result<const Encoding*>::failure(encoding.error);
  auto& slot = encodings_[spec->name];
  slot = std::make_unique<Encoding>(std::move(encoding.value));
  return {slot.get(), {}};
}

std::string EncodingSet::builtin_file(std::string_view name) {
  // The binary form of a tiktoken encoding: half the download of its .tiktoken file, and a third of
  // the load work.
  if (const EncodingSpec* spec = find_openai_encoding(name)) return binary_vocab_file(*spec);
  if (const OpenModel* model = find_open_model(name)) return model->file;
  return {};
}

const Encoding* EncodingSet::add_user(Encoding encoding) {
  const std::string base = encoding.name().empty() ? "tokenizer" : encoding.name();
  std::string name = base;
  for (int n = 2; find(name) || find_openai_encoding(name) || find_open_model(name); ++n) name = base + " (" + std::to_string(n) + ")";
  encoding.set_name(name);
  auto& slot = encodings_[name];
  slot = std::make_unique<Encoding>(std::move(encoding));
  user_names_.push_back(name);
  return slot.get();
}

const Encoding* EncodingSet::find(std::string_view name) const {
  const auto it = encodings_.find(name);
  return it == encodings_.end() ? nullptr : it->second.get();
}

}  // namespace bpeviz
