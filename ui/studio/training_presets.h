// Built-in samples for the training studio, each set up to show one thing the literature trips
// over (overlapping pairs, a pair merged into a longer one at once, the tie rule deciding), plus
// ordinary prose to watch a vocabulary grow.
#pragma once
#include <cstdint>
#include <span>

#include "core/train/bpe_model.h"
#include "core/text/pretokenize.h"

namespace bpeviz {

struct TrainingPreset {
  const char* name;      // as the source picker lists it
  const char* text;
  Pretokenizer pretokenizer;
  uint32_t num_merges;
  TieRule tie;
  const char* specials;  // the special-token field's text
  const char* caption;   // one line: what to watch for
};

std::span<const TrainingPreset> training_presets();

}  // namespace bpeviz
