// The fast BPE trainer: pre-tokens counted once, then pair counts kept up to date incrementally.
//
// Data: each distinct pre-token is a "word" with its frequency. The bytes of all words lie end to
// end as nodes of doubly linked lists (one list per word; node i starts as byte i, and a merge
// keeps the left node and unlinks the right one, so a node's index stays its token's first byte).
// A hash map takes each pair to its count and to the nodes where it starts (a list that may hold
// nodes the pair has since left: they are skipped when visited); a max-heap of (count, pair)
// entries with lazy invalidation (an entry whose count is no longer the pair's is dropped or
// re-pushed when it reaches the top).
//
// Cost: counting is O(text) (split across threads). A merge costs O(K + P log H), where K is the
// number of places the pair was ever listed at (only those nodes are touched, never whole words),
// P the number of pair counts it changes and H the heap size — independent of the text size, and
// of word length: pre-tokenizer `none` (the whole text one word) is as fast per merge as the others.
// An earlier version rescanned each word holding the pair; `none` on 1 MB then took 1.7 s for
// 2,000 merges in wasm.
#include "core/train/bpe_trainer.h"

#include <algorithm>
#include <unordered_map>

#include "core/train/pretoken_counts.h"
#include "core/train/training_text.h"
#include "core/vocab.h"

namespace bpeviz {

namespace {

uint64_t pair_key(uint32_t left, uint32_t right) { return uint64_t{left} << 32 | right; }
uint32_t key_left(uint64_t key) { return static_cast<uint32_t>(key >> 32); }
uint32_t key_right(uint64_t key) { return static_cast<uint32_t>(key); }

constexpr uint32_t kNoNode = UINT32_MAX;
constexpr uint32_t kDead = UINT32_MAX;  // the id of a node a merge unlinked

struct Word {
  uint32_t begin = 0;  // its first node
  uint64_t count = 0;  // occurrences in the text
  uint64_t first = 0;  // byte offset of the first occurrence
};

struct PairStat {
  int64_t count = 0;
  std::vector<uint32_t> nodes;  // where the pair started (some no longer), ascending
};

struct HeapEntry {
  int64_t count;
  uint64_t key;
};

}  // namespace

struct BpeTrainer::Impl {
  std::string_view text;  // empty when trained on counts (create(PretokenCounts...)): no segmentation then
  TrainerOptions options;
  TrainingText reader;
  BpeModel model;
  Vocab vocab;  // the model's tokens by bytes, to find an earlier token with a merge's bytes
  uint32_t target_merges = 0;
  bool exhausted = false;  // no pair left

  std::vector<Word> words;  // by first occurrence
  std::unordered_map<std::string_view, uint32_t> word_index;  // keys in `text` (none without one)
  // The nodes: token id (kDead once unlinked), neighbours in the word (kNoNode at its ends), word.
  std::vector<uint32_t> id, next, prev, word_of;
  uint64_t total = 0;
  std::unordered_map<uint64_t, PairStat> pairs;
  std::vector<HeapEntry> heap;

  // Scratch, reused across merges.
  std::unordered_map<uint64_t, int64_t> delta;
  std::vector<std::pair<uint64_t, uint32_t>> new_occurrences;

  Impl(std::string_view t, const TrainerOptions& o) : text(t), options(o), reader(o.pretokenizer, o.specials) {}

  // Heap order: higher count first; then, for the "greater" rule, the greater pair by bytes. The
  // "first" rule needs each pair's first offset, which changes as merges go: it is computed only for
  // the pairs that tie at the top (see pick_next).
  bool lower(const HeapEntry& a, const HeapEntry& b) const {
    if (a.count != b.count) return a.count < b.count;
    if (options.tie == TieRule::greater) return pair_less(a.key, b.key);
    return a.key > b.key;  // any fixed order; ties are resolved by first offset
  }
  bool pair_less(uint64_t a, uint64_t b) const {
    const int left = model.tokens[key_left(a)].compare(model.tokens[key_left(b)]);
    if (left != 0) return left < 0;
    return model.tokens[key_right(a)] < model.tokens[key_right(b)];
  }
  void push(int64_t count, uint64_t key) {
    heap.push_back({count, key});
    std::push_heap(heap.begin(), heap.end(), [this](const HeapEntry& a, const HeapEntry& b) { return lower(a, b); });
  }
  HeapEntry pop() {
    std::pop_heap(heap.begin(), heap.end(), [this](const HeapEntry& a, const HeapEntry& b) { return lower(a, b); });
    HeapEntry e = heap.back();
    heap.pop_back();
    return e;
  }
  int64_t current(uint64_t key) const {
    auto it = pairs.find(key);
    return it == pairs.end() ? 0 : it->second.count;
  }

  // Words from the counts, in order of first occurrence, and their pairs. The counts' table goes
  // before the nodes are made; `index_words` when there is a text to segment.
  void build(PretokenCounts counts, bool index_words) {
    std::vector<PretokenCounts::Word> sorted = counts.words();
    counts.drop_table();
    words.reserve(sorted.size());
    if (index_words) word_index.reserve(sorted.size());
    std::size_t nodes = 0;
    for (const auto& w : sorted) nodes += w.bytes.size();
    id.reserve(nodes);
    next.reserve(nodes);
    prev.reserve(nodes);
    word_of.reserve(nodes);
    for (const auto& [bytes, count, first] : sorted) {
      const auto wi = static_cast<uint32_t>(words.size());
      const auto begin = static_cast<uint32_t>(id.size());
      words.push_back({begin, count, first});
      total += count;
      if (index_words) word_index.emplace(text.substr(first, bytes.size()), wi);
      for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto node = static_cast<uint32_t>(id.size());
        id.push_back(static_cast<unsigned char>(bytes[i]));
        prev.push_back(i == 0 ? kNoNode : node - 1);
        next.push_back(i + 1 == bytes.size() ? kNoNode : node + 1);
        word_of.push_back(wi);
        if (i > 0) {
          PairStat& s = pairs[pair_key(id[node - 1], id[node])];
          s.count += static_cast<int64_t>(count);
          s.nodes.push_back(node - 1);
        }
      }
    }
    heap.reserve(pairs.size());
    for (const auto& [key, s] : pairs) heap.push_back({s.count, key});
    std::make_heap(heap.begin(), heap.end(), [this](const HeapEntry& a, const HeapEntry& b) { return lower(a, b); });
  }

  // Whether the pair (a, b) starts at node p now.
  bool starts_at(uint32_t p, uint32_t a, uint32_t b) const {
    return id[p] == a && next[p] != kNoNode && id[next[p]] == b;
  }
  // Node p's byte offset in the text, at its word's first occurrence.
  uint64_t text_offset(uint32_t p) const {
    const Word& w = words[word_of[p]];
    return w.first + (p - w.begin);
  }
  uint64_t first_offset(uint64_t key) const {
    uint64_t best = UINT64_MAX;
    for (uint32_t p : pairs.at(key).nodes) {
      if (starts_at(p, key_left(key), key_right(key))) best = std::min(best, text_offset(p));
    }
    return best;
  }

  // The winner and the runners-up, in the rule's order; the runners-up go back on the heap.
  // False when no pair is left.
  bool pick_next(uint64_t& winner_key, std::vector<PairCount>& runners_up) {
    struct Candidate {
      HeapEntry entry;
      uint64_t first = 0;
    };
    std::vector<Candidate> candidates;
    const std::size_t wanted = std::size_t{options.top_k} + 1;
    while (!heap.empty()) {
      if (candidates.size() >= wanted) {
        // The "first" rule needs every pair of the last count seen, to order them by first offset.
        if (options.tie == TieRule::greater || heap.front().count < candidates.back().entry.count) break;
      }
      const HeapEntry e = pop();
      const int64_t now = current(e.key);
      if (now != e.count) {
        if (now > 0 && now < e.count) push(now, e.key);  // stale: re-queue at its count
        continue;                                         // (now > e.count: a newer entry exists)
      }
      const bool seen = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.entry.key == e.key; });
      if (!seen) candidates.push_back({e, 0});
    }
    if (candidates.empty()) return false;
    if (options.tie == TieRule::first) {
      for (auto& c : candidates) c.first = first_offset(c.entry.key);
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.entry.count != b.entry.count ? a.entry.count > b.entry.count : a.first < b.first;
      });
    }
    winner_key = candidates[0].entry.key;
    for (std::size_t i = 1; i < candidates.size(); ++i) {
      const auto& e = candidates[i].entry;
      if (runners_up.size() < options.top_k) {
        runners_up.push_back({key_left(e.key), key_right(e.key), static_cast<uint64_t>(e.count)});
      }
      push(e.count, e.key);
    }
    return true;
  }

  void add(uint32_t left, uint32_t right, int64_t amount) { delta[pair_key(left, right)] += amount; }

  // Replaces (a, b) at node p by x, if the pair still starts there, recording the pair count
  // changes around it. Nodes are visited in ascending order, so within a word the merge goes left
  // to right without overlap ("aaa" → "aa a"). Returns the word's count (0 when nothing changed).
  uint64_t merge_at(uint32_t p, uint32_t a, uint32_t b, uint32_t x) {
    if (!starts_at(p, a, b)) return 0;
    const uint32_t q = next[p], l = prev[p], r = next[q];
    const uint64_t count = words[word_of[p]].count;
    const auto f = static_cast<int64_t>(count);
    if (l != kNoNode) {
      add(id[l], a, -f);
      add(id[l], x, f);
      new_occurrences.push_back({pair_key(id[l], x), l});
    }
    if (r != kNoNode) {
      add(b, id[r], -f);
      add(x, id[r], f);
      new_occurrences.push_back({pair_key(x, id[r]), p});
      prev[r] = p;
    }
    id[p] = x;
    next[p] = r;
    id[q] = kDead;
    return count;
  }

  bool reached_target() const {
    if (options.vocab_size > 0) return model.tokens.size() + options.specials.size() >= options.vocab_size;
    return model.merges.size() >= options.num_merges;
  }

  bool merge_once(TrainingStep& step) {
    if (exhausted || reached_target()) return false;
    uint64_t key = 0;
    if (!pick_next(key, step.runners_up)) {
      exhausted = true;
      return false;
    }
    const uint32_t a = key_left(key), b = key_right(key);
    std::string bytes = model.tokens[a] + model.tokens[b];
    uint32_t x = vocab.find(bytes);
    step.reused_id = x != Vocab::kNone;
    if (!step.reused_id) {
      x = static_cast<uint32_t>(model.tokens.size());
      vocab.add(x, bytes);
      model.tokens.push_back(std::move(bytes));
    }
    step.merge = {a, b, x};
    model.merges.push_back(step.merge);

    auto stat = pairs.extract(key);
    step.count = static_cast<uint64_t>(stat.mapped().count);
    delta.clear();
    new_occurrences.clear();
    step.first_offset = UINT64_MAX;
    step.replaced = 0;
    std::vector<uint32_t>& nodes = stat.mapped().nodes;
    // Lists only grow in ascending order, unless a reused id brings back an old pair.
    if (!std::is_sorted(nodes.begin(), nodes.end())) std::sort(nodes.begin(), nodes.end());
    uint32_t previous = kNoNode;
    for (uint32_t p : nodes) {
      if (p == previous) continue;
      previous = p;
      const uint64_t replaced = merge_at(p, a, b, x);
      if (replaced == 0) continue;
      if (step.replaced == 0) step.first_offset = text_offset(p);
      step.replaced += replaced;
    }
    for (const auto& [k, d] : delta) {
      if (d == 0 || k == key) continue;
      PairStat& s = pairs[k];
      s.count += d;
      if (s.count <= 0) {
        pairs.erase(k);
      } else if (d > 0) {
        push(s.count, k);
      }
    }
    for (const auto& [k, p] : new_occurrences) {
      auto it = pairs.find(k);
      if (it == pairs.end()) continue;
      auto& list = it->second.nodes;
      if (list.empty() || list.back() != p) list.push_back(p);
    }
    return true;
  }
};

namespace {

// The options' own errors, "" when there are none.
std::string check_options(const TrainerOptions& options) {
  for (std::size_t i = 0; i < options.specials.size(); ++i) {
    if (options.specials[i].empty()) return "a special token is empty";
    for (std::size_t j = 0; j < i; ++j) {
      if (options.specials[j] == options.specials[i]) return "special token " + options.specials[i] + " is given twice";
    }
  }
  const std::size_t floor = 256 + options.specials.size();
  if (options.vocab_size > 0 && options.vocab_size < floor) {
    return "vocab_size " + std::to_string(options.vocab_size) + " is below the " + std::to_string(floor) +
           " tokens the bytes and special tokens take";
  }
  return "";
}

}  // namespace

Result<std::unique_ptr<BpeTrainer>> BpeTrainer::create(std::string_view text, const TrainerOptions& options) {
  using R = Result<std::unique_ptr<BpeTrainer>>;
  if (std::string error = check_options(options); !error.empty()) return R::failure(error);
  if (text.size() >= UINT32_MAX) return R::failure("the text is 4 GiB or more");
  PretokenCounts counts(options.pretokenizer, options.specials, options.threads);
  counts.add(text);
  return start(text, std::move(counts), options);
}

Result<std::unique_ptr<BpeTrainer>> BpeTrainer::create(PretokenCounts counts, const TrainerOptions& options) {
  using R = Result<std::unique_ptr<BpeTrainer>>;
  if (std::string error = check_options(options); !error.empty()) return R::failure(error);
  if (counts.distinct_bytes() >= UINT32_MAX) return R::failure("the distinct pre-tokens hold 4 GiB or more");
  return start({}, std::move(counts), options);
}

Result<std::unique_ptr<BpeTrainer>> BpeTrainer::start(std::string_view text, PretokenCounts counts,
                                                      const TrainerOptions& options) {
  auto impl = std::make_unique<Impl>(text, options);
  impl->model = BpeModel::bytes_only(options.pretokenizer);
  impl->model.tie = options.tie;
  impl->vocab.reserve(options.vocab_size > 0 ? options.vocab_size : 256 + options.num_merges, 1 << 16);
  for (uint32_t b = 0; b < 256; ++b) impl->vocab.add(b, impl->model.tokens[b]);
  const auto floor = static_cast<uint32_t>(256 + options.specials.size());
  impl->target_merges = options.vocab_size > 0 ? options.vocab_size - floor : options.num_merges;
  impl->build(std::move(counts), !text.empty());
  return {std::unique_ptr<BpeTrainer>(new BpeTrainer(std::move(impl))), {}};
}

BpeTrainer::BpeTrainer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BpeTrainer::~BpeTrainer() = default;

std::vector<TrainingStep> BpeTrainer::step(uint32_t k) {
  std::vector<TrainingStep> steps;
  for (uint32_t i = 0; i < k; ++i) {
    TrainingStep s;
    if (!impl_->merge_once(s)) break;
    steps.push_back(std::move(s));
  }
  return steps;
}

bool BpeTrainer::done() const { return impl_->exhausted || impl_->reached_target(); }
uint32_t BpeTrainer::merges_done() const { return static_cast<uint32_t>(impl_->model.merges.size()); }
uint32_t BpeTrainer::merges_target() const { return impl_->target_merges; }
std::size_t BpeTrainer::distinct_pretokens() const { return impl_->words.size(); }
uint64_t BpeTrainer::total_pretokens() const { return impl_->total; }

BpeModel BpeTrainer::model() const {
  BpeModel m = impl_->model;
  for (const auto& s : impl_->options.specials) {
    m.specials.push_back({s, static_cast<uint32_t>(m.tokens.size() + m.specials.size())});
  }
  return m;
}

std::vector<Token> BpeTrainer::segmentation() const {
  const Impl& d = *impl_;
  std::vector<Token> tokens;
  d.reader.walk(
      d.text, 0, d.text.size(),
      [&](std::size_t b, std::size_t e) {
        const Word& w = d.words[d.word_index.at(d.text.substr(b, e - b))];
        auto pos = static_cast<uint32_t>(b);
        for (uint32_t node = w.begin; node != kNoNode; node = d.next[node]) {
          const uint32_t id = d.id[node];
          const auto len = static_cast<uint32_t>(d.model.tokens[id].size());
          tokens.push_back({id, pos, pos + len});
          pos += len;
        }
      },
      [&](std::size_t index, std::size_t pos) {
        const auto id = static_cast<uint32_t>(d.model.tokens.size() + index);
        tokens.push_back({id, static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + d.options.specials[index].size())});
      });
  return tokens;
}

}  // namespace bpeviz
