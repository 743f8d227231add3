// The reference trainer: the lecture's algorithm, written to be obviously right rather than fast.
// Every pre-token occurrence is kept in text order; before each merge all pairs are recounted.
// O(merges × text): for tests and small texts only.
#include <algorithm>
#include <map>

#include "core/train/bpe_trainer.h"
#include "core/train/training_text.h"

namespace bpeviz {

Result<ReferenceTraining> train_reference(std::string_view text, const TrainerOptions& options) {
  using R = Result<ReferenceTraining>;
  const std::size_t floor = 256 + options.specials.size();
  if (options.vocab_size > 0 && options.vocab_size < floor) return R::failure("vocab_size below the bytes and specials");

  ReferenceTraining out;
  BpeModel& model = out.model;
  model = BpeModel::bytes_only(options.pretokenizer);
  model.tie = options.tie;

  struct Occurrence {
    std::vector<uint32_t> ids;
    std::size_t offset;
  };
  std::vector<Occurrence> occurrences;
  TrainingText(options.pretokenizer, options.specials)
      .walk(
          text, 0, text.size(),
          [&](std::size_t b, std::size_t e) {
            Occurrence o{{}, b};
            for (std::size_t i = b; i < e; ++i) o.ids.push_back(static_cast<unsigned char>(text[i]));
            occurrences.push_back(std::move(o));
          },
          [](std::size_t, std::size_t) {});

  auto reached = [&] {
    if (options.vocab_size > 0) return model.tokens.size() + options.specials.size() >= options.vocab_size;
    return model.merges.size() >= options.num_merges;
  };
  using Pair = std::pair<uint32_t, uint32_t>;
  while (!reached()) {
    std::map<Pair, uint64_t> count;
    std::map<Pair, std::size_t> first;
    for (const auto& o : occurrences) {
      std::size_t offset = o.offset;
      for (std::size_t i = 0; i + 1 < o.ids.size(); ++i) {
        const Pair p{o.ids[i], o.ids[i + 1]};
        ++count[p];
        first.try_emplace(p, offset);  // occurrences are in text order, so the first seen is first
        offset += model.tokens[o.ids[i]].size();
      }
    }
    if (count.empty()) break;
    std::vector<Pair> order;
    for (const auto& [p, c] : count) order.push_back(p);
    // Best first: higher count, then the rule.
    std::sort(order.begin(), order.end(), [&](const Pair& x, const Pair& y) {
      if (count[x] != count[y]) return count[x] > count[y];
      if (options.tie == TieRule::first) return first[x] < first[y];
      const auto bx = std::make_pair(model.tokens[x.first], model.tokens[x.second]);
      const auto by = std::make_pair(model.tokens[y.first], model.tokens[y.second]);
      return bx > by;
    });
    const Pair best = order[0];
    TrainingStep step;
    step.count = count[best];
    step.first_offset = first[best];
    for (std::size_t i = 1; i < order.size() && step.runners_up.size() < options.top_k; ++i) {
      step.runners_up.push_back({order[i].first, order[i].second, count[order[i]]});
    }
    const std::string bytes = model.tokens[best.first] + model.tokens[best.second];
    const auto existing = std::find(model.tokens.begin(), model.tokens.end(), bytes);
    step.reused_id = existing != model.tokens.end();
    const auto id = static_cast<uint32_t>(existing - model.tokens.begin());
    if (!step.reused_id) model.tokens.push_back(bytes);
    step.merge = {best.first, best.second, id};
    model.merges.push_back(step.merge);
    for (auto& o : occurrences) {
      std::vector<uint32_t> merged;
      for (std::size_t i = 0; i < o.ids.size();) {
        if (i + 1 < o.ids.size() && o.ids[i] == best.first && o.ids[i + 1] == best.second) {
          merged.push_back(id);
          ++step.replaced;
          i += 2;
        } else {
          merged.push_back(o.ids[i++]);
        }
      }
      o.ids = std::move(merged);
    }
    out.steps.push_back(std::move(step));
  }
  for (const auto& s : options.specials) {
    model.specials.push_back({s, static_cast<uint32_t>(model.tokens.size() + model.specials.size())});
  }
  return {std::move(out), {}};
}

}  // namespace bpeviz
