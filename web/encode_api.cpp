#include "web/encode_api.h"

#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/train/bpe_trainer.h"
#include "core/explain/encode_player.h"
#include "core/catalog/encoding_set.h"
#include "core/hf/hf_compact.h"
#include "core/formats/model_file.h"
#include "core/catalog/open_models.h"
#include "core/piece_cache.h"
#include "core/formats/tokenizer_files.h"

namespace {
bpeviz::EncodingSet* g_encodings = nullptr;
}  // namespace

namespace bpeviz {
void use_encodings(EncodingSet* encodings) { g_encodings = encodings; }
static EncodingSet& shared_encodings() {
  static EncodingSet own;  // the Node module's, when nobody chose another
  return g_encodings ? *g_encodings : own;
}
}  // namespace bpeviz

using namespace bpeviz;

namespace {
std::string g_steps;  // backs bpeviz_train_steps
std::vector<uint32_t> g_ids;
std::string g_bytes;
std::string g_error;

int fail(std::string message) {
  g_error = std::move(message);
  return -1;
}

// A JSON array of strings (special tokens), or false.
bool parse_strings(const char* json, std::vector<std::string>& out) {
  const auto list = nlohmann::json::parse(json, nullptr, false);
  if (!list.is_array()) return false;
  for (const auto& item : list) {
    if (!item.is_string()) return false;
    out.push_back(item.get<std::string>());
  }
  return true;
}

const Encoding* find_or_fail(const char* name) {
  const Encoding* e = shared_encodings().find(name);
  if (!e) g_error = std::string("encoding \"") + name + "\" is not loaded";
  return e;
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int bpeviz_load_encoding(const char* name, const uint8_t* data, std::size_t length) {
  const auto loaded = shared_encodings().load_builtin(name, std::string_view(reinterpret_cast<const char*>(data), length));
  return loaded.ok() ? 0 : fail(loaded.error);
}

// special: 0 text, 1 all allowed, 2 error; plus 4 to add a tokenizer.json's BOS/EOS.
EMSCRIPTEN_KEEPALIVE int bpeviz_encode(const char* name, const char* text, std::size_t length, int special) {
  const Encoding* e = find_or_fail(name);
  if (!e) return -1;
  const std::string_view input(text, length);
  const bool add_special_tokens = special & 4;
  special &= 3;
  if (special == 0 && !add_special_tokens) {
    const Status ordinary = e->encode_ordinary(input, g_ids);  // g_ids keeps its memory between calls (many short lines)
    if (!ordinary.ok()) return fail(ordinary.error);
  } else {
    SpecialPolicy policy = special == 0   ? SpecialPolicy::all_as_text()
                           : special == 1 ? SpecialPolicy::allow_all_specials()
                                          : SpecialPolicy::error_on_specials();
    policy.add_special_tokens = add_special_tokens;
    auto ids = e->encode(input, policy);
    if (!ids.ok()) return fail(ids.error);
    g_ids = std::move(ids.value);
  }
  return static_cast<int>(g_ids.size());
}

EMSCRIPTEN_KEEPALIVE const uint32_t* bpeviz_result_ids() { return g_ids.data(); }

EMSCRIPTEN_KEEPALIVE int bpeviz_trace(const char* name, const char* text, std::size_t length, int special) {
  const Encoding* e = find_or_fail(name);
  if (!e) return -1;
  const SpecialPolicy policy = special == 0   ? SpecialPolicy::all_as_text()
                               : special == 1 ? SpecialPolicy::allow_all_specials()
                                              : SpecialPolicy::error_on_specials();
  auto player = EncodePlayer::create(*e, std::string_view(text, length), policy);
  if (!player.ok()) return fail(player.error);
  g_ids.clear();
  for (const PlayerStep& step : player.value.steps()) {
    g_ids.insert(g_ids.end(), {step.id, step.rank, static_cast<uint32_t>(step.places.size())});
    for (const PlayerPlace& p : step.places) g_ids.insert(g_ids.end(), {p.begin, p.mid, p.end});
  }
  return static_cast<int>(g_ids.size());
}

EMSCRIPTEN_KEEPALIVE int bpeviz_decode(const char* name, const uint32_t* ids, std::size_t count) {
  const Encoding* e = find_or_fail(name);
  if (!e) return -1;
  auto bytes = e->decode_bytes({ids, count});
  if (!bytes.ok()) return fail(bytes.error);
  g_bytes = std::move(bytes.value);
  return static_cast<int>(g_bytes.size());
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_result_bytes() { return g_bytes.data(); }

EMSCRIPTEN_KEEPALIVE int bpeviz_train(const char* text, std::size_t length, uint32_t merges, const char* pretokenizer,
                                      const char* tie, const char* specials_json) {
  TrainerOptions options;
  options.num_merges = merges;
  options.top_k = 0;
  if (!pretokenizer_from_name(pretokenizer, options.pretokenizer)) return fail(std::string("unknown pre-tokenizer ") + pretokenizer);
  if (!tie_rule_from_name(tie, options.tie)) return fail(std::string("unknown tie rule ") + tie);
  if (!parse_strings(specials_json, options.specials)) return fail("special tokens must be an array of strings");
  auto trainer = BpeTrainer::create(std::string_view(text, length), options);
  if (!trainer.ok()) return fail(trainer.error);
  const std::vector<TrainingStep> steps = trainer.value->step(merges);
  const BpeModel model = trainer.value->model();
  // The merges as the studio draws them: both parts' bytes (as numbers), the new id, the pair's count
  // and the places it replaced.
  nlohmann::json out = nlohmann::json::array();
  const auto bytes = [&](uint32_t id) {
    const std::string& b = model.tokens[id];
    return std::vector<unsigned char>(b.begin(), b.end());
  };
  for (const TrainingStep& step : steps) {
    out.push_back({{"left", bytes(step.merge.left)}, {"right", bytes(step.merge.right)}, {"id", step.merge.id},
                   {"count", step.count}, {"replaced", step.replaced}});
  }
  g_steps = out.dump();
  g_bytes = write_model_file(model);
  return static_cast<int>(trainer.value->merges_done());
}

// The merges of the last bpeviz_train, as JSON.
EMSCRIPTEN_KEEPALIVE const char* bpeviz_train_steps() { return g_steps.c_str(); }

EMSCRIPTEN_KEEPALIVE std::size_t bpeviz_result_length() { return g_bytes.size(); }

EMSCRIPTEN_KEEPALIVE int bpeviz_add_user_tokenizer(std::size_t count, const char* const* names, const uint8_t* const* data,
                                                   const std::size_t* lengths, const char* pretokenizer,
                                                   const char* specials_json) {
  Pretokenizer kind;
  if (!pretokenizer_from_name(pretokenizer, kind)) return fail(std::string("unknown pre-tokenizer ") + pretokenizer);
  std::vector<std::string> specials;
  if (!parse_strings(specials_json, specials)) return fail("special tokens must be an array of strings");
  std::vector<TokenizerFile> files;
  for (std::size_t i = 0; i < count; ++i) {
    files.push_back({names[i], std::string(reinterpret_cast<const char*>(data[i]), lengths[i])});
  }
  auto encoding = load_tokenizer_files(files, kind, tokenizer_files_name(files), specials);
  if (!encoding.ok()) return fail(encoding.error);
  g_bytes = shared_encodings().add_user(std::move(encoding.value))->name();
  g_bytes.push_back('\0');
  return 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_clear_caches() { clear_piece_caches(); }

// A tokenizer.json in the compact form the page downloads (scripts/make_open_models.mjs, at build time).
EMSCRIPTEN_KEEPALIVE int bpeviz_compact_hf(const uint8_t* data, std::size_t length) {
  auto compact = write_compact_hf(std::string_view(reinterpret_cast<const char*>(data), length));
  if (!compact.ok()) return fail(compact.error);
  g_bytes = std::move(compact.value);
  return static_cast<int>(g_bytes.size());
}

// The open models (core/catalog/open_models.h): [{name, models, npmPackage, file}].
EMSCRIPTEN_KEEPALIVE const char* bpeviz_open_models_json() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : open_models()) {
    list.push_back({{"name", m.name}, {"models", m.models}, {"npmPackage", m.npm_package}, {"file", m.file}});
  }
  g_steps = list.dump();
  return g_steps.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_error() { return g_error.c_str(); }

}  // extern "C"
