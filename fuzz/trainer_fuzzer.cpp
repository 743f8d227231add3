// The BPE trainer on small random text with options from the input. Checks: valid options always
// train; the model passes check(), its encoding segments the training text exactly as the trainer
// says it does (segmentation()), it survives the model file; and on short texts every step equals
// the slow reference trainer's.
// Input: byte 0 = pre-tokenizer (bits 0–2), tie rule (bit 3), special tokens (bits 4–5), two
// threads (bit 6), vocab_size instead of num_merges (bit 7); byte 1 = the merges or the vocabulary
// size past 250 (so some are too small); byte 2 = top_k; byte 3 = merges per step; then per special
// token a length byte (0–4) and its bytes; the rest is the text.
#include <cstdint>
#include <string>
#include <vector>

#include "core/train/bpe_trainer.h"
#include "core/formats/model_file.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const uint8_t flags = in.byte(), amount = in.byte();
  TrainerOptions options;
  options.pretokenizer = static_cast<Pretokenizer>((flags & 7) % 5);
  options.tie = flags & 8 ? TieRule::first : TieRule::greater;
  options.threads = flags & 64 ? 2 : 1;
  if (flags & 128) options.vocab_size = 250 + amount % 80;
  else options.num_merges = amount % 64;
  options.top_k = in.byte() % 8;
  const uint32_t per_step = 1 + in.byte() % 16;
  bool valid = true;
  for (int i = 0; i < (flags >> 4 & 3); ++i) {
    const std::size_t length = in.byte() % 5;
    std::string special(in.rest().substr(0, length));
    for (std::size_t k = 0; k < length; ++k) in.byte();
    valid = valid && !special.empty();
    for (const auto& s : options.specials) valid = valid && s != special;
    options.specials.push_back(special);
  }
  if (options.vocab_size && options.vocab_size < 256 + options.specials.size()) valid = false;
  const std::string_view text = in.rest().substr(0, 4096);

  auto trainer = BpeTrainer::create(text, options);
  FUZZ_CHECK(trainer.ok() == valid, "valid=%d: %s", valid, trainer.error.c_str());
  if (!trainer.ok()) return 0;
  BpeTrainer& t = *trainer.value;
  std::vector<TrainingStep> steps;
  while (!t.done()) {
    auto more = t.step(per_step);
    FUZZ_CHECK(more.size() <= per_step, "step(%u) made %zu merges", per_step, more.size());
    // done() learns that no pair is left by trying: one empty step, and then it says so.
    FUZZ_CHECK(!more.empty() || t.done(), "an empty step, and still not done");
    steps.insert(steps.end(), more.begin(), more.end());
  }
  FUZZ_CHECK(t.merges_done() == steps.size() && steps.size() <= t.merges_target());
  const BpeModel model = t.model();
  FUZZ_CHECK(model.check().empty(), "%s", model.check().c_str());
  FUZZ_CHECK(model.merges.size() == steps.size() && model.specials.size() == options.specials.size());

  auto enc = make_model_encoding(model, "trained");
  FUZZ_CHECK(enc.ok(), "%s", enc.error.c_str());
  auto spans = enc.value.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  FUZZ_CHECK(spans.ok() && spans.value == t.segmentation(), "the model does not encode its text as trained");

  auto loaded = load_model_file(write_model_file(model));
  FUZZ_CHECK(loaded.ok() && loaded.value.tokens == model.tokens && loaded.value.merges == model.merges,
             "model file: %s", loaded.error.c_str());

  if (text.size() > 512) return 0;
  auto ref = train_reference(text, options);
  FUZZ_CHECK(ref.ok() && ref.value.steps.size() == steps.size(), "reference: %s", ref.error.c_str());
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const TrainingStep &a = steps[i], &b = ref.value.steps[i];
    FUZZ_CHECK(a.merge == b.merge && a.count == b.count && a.replaced == b.replaced && a.reused_id == b.reused_id &&
                   a.first_offset == b.first_offset && a.runners_up == b.runners_up,
               "step %zu differs from the reference trainer", i + 1);
  }
  FUZZ_CHECK(ref.value.model.tokens == model.tokens && ref.value.model.merges == model.merges);
  return 0;
}
