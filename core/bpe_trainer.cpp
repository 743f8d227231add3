// The fast BPE trainer: pre-tokens counted once, then pair counts kept up to date incrementally.
//
// Data: each distinct pre-token is a "word" (its current token ids and its frequency); a hash map
// takes each pair to its count and to the words it occurs in (a list that may hold words the pair
// has since left: they are skipped when visited); a max-heap of (count, pair) entries with lazy
// invalidation (an entry whose count is no longer the pair's count is dropped or re-pushed when it
// reaches the top).
//
// Cost: counting is O(text) (split across threads). A merge costs O(L + P log H), where L is the
// total length of the words the pair occurs in (only those words are touched), P the number of
// pair counts it changes and H the heap size — independent of the text size. With pre-tokenizer
// `none` the text is one long word, so every merge scans it: O(text) per merge, fine for the
// lecture-sized texts that mode is for.
#include "core/bpe_trainer.h"

#include <algorithm>
#include <thread>
#include <unordered_map>

#include "core/training_text.h"
#include "core/vocab.h"

namespace bpeviz {

namespace {

uint64_t pair_key(uint32_t left, uint32_t right) { return uint64_t{left} << 32 | right; }
uint32_t key_left(uint64_t key) { return static_cast<uint32_t>(key >> 32); }
uint32_t key_right(uint64_t key) { return static_cast<uint32_t>(key); }

struct Word {
  std::vector<uint32_t> ids;
  uint64_t count = 0;  // occurrences in the text
  uint64_t first = 0;  // byte offset of the first occurrence
};

struct PairStat {
  int64_t count = 0;
  std::vector<uint32_t> words;  // indices of words that held the pair (some may no longer)
};

struct HeapEntry {
  int64_t count;
  uint64_t key;
};

// Distinct pre-tokens of text[from, to) with their counts and first offsets.
struct WordCount {
  uint64_t count = 0;
  uint64_t first = 0;
};
using WordCounts = std::unordered_map<std::string_view, WordCount>;

void count_words(std::string_view text, const TrainingText& reader, std::size_t from, std::size_t to, WordCounts& out) {
  reader.walk(
      text, from, to,
      [&](std::size_t b, std::size_t e) {
        auto [it, inserted] = out.try_emplace(text.substr(b, e - b), WordCount{0, b});
        ++it->second.count;
      },
      [](std::size_t, std::size_t) {});
}

}  // namespace

struct BpeTrainer::Impl {
  std::string_view text;
  TrainerOptions options;
  TrainingText reader;
  BpeModel model;
  Vocab vocab;  // the model's tokens by bytes, to find an earlier token with a merge's bytes
  uint32_t target_merges = 0;
  bool exhausted = false;  // no pair left

  std::vector<Word> words;  // by first occurrence
  std::unordered_map<std::string_view, uint32_t> word_index;
  uint64_t total = 0;
  std::unordered_map<uint64_t, PairStat> pairs;
  std::vector<HeapEntry> heap;

  // Scratch, reused across merges.
  std::unordered_map<uint64_t, int64_t> delta;
  std::vector<std::pair<uint64_t, uint32_t>> new_occurrences;
  std::vector<uint32_t> merged_ids, new_positions;

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

  void count_text() {
    WordCounts counts;
    const std::size_t parts = std::max<uint32_t>(1, options.threads);
    const std::vector<std::size_t> cuts = reader.cuts(text, parts);
    if (cuts.size() <= 2) {
      count_words(text, reader, 0, text.size(), counts);
    } else {
      std::vector<WordCounts> partial(cuts.size() - 1);
      std::vector<std::thread> threads;
      for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
        threads.emplace_back([&, i] { count_words(text, reader, cuts[i], cuts[i + 1], partial[i]); });
      }
      for (auto& t : threads) t.join();
      counts = std::move(partial[0]);
      for (std::size_t i = 1; i < partial.size(); ++i) {
        for (const auto& [word, c] : partial[i]) {
          auto [it, inserted] = counts.try_emplace(word, c);
          if (!inserted) {
            it->second.count += c.count;
            it->second.first = std::min(it->second.first, c.first);
          }
        }
      }
    }
    // Words in order of first occurrence: deterministic whatever the hash order or thread count,
    // and a pair's first occurrence is in the first word (in this order) that holds it.
    std::vector<std::pair<std::string_view, WordCount>> sorted(counts.begin(), counts.end());
    counts = {};
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second.first < b.second.first; });
    words.reserve(sorted.size());
    word_index.reserve(sorted.size());
    for (const auto& [bytes, c] : sorted) {
      Word w;
      w.ids.assign(reinterpret_cast<const unsigned char*>(bytes.data()),
                   reinterpret_cast<const unsigned char*>(bytes.data()) + bytes.size());
      w.count = c.count;
      w.first = c.first;
      total += c.count;
      word_index.emplace(bytes, static_cast<uint32_t>(words.size()));
      words.push_back(std::move(w));
    }
    for (uint32_t wi = 0; wi < words.size(); ++wi) {
      const Word& w = words[wi];
      for (std::size_t i = 0; i + 1 < w.ids.size(); ++i) {
        PairStat& s = pairs[pair_key(w.ids[i], w.ids[i + 1])];
        s.count += static_cast<int64_t>(w.count);
        if (s.words.empty() || s.words.back() != wi) s.words.push_back(wi);
      }
    }
    heap.reserve(pairs.size());
    for (const auto& [key, s] : pairs) heap.push_back({s.count, key});
    std::make_heap(heap.begin(), heap.end(), [this](const HeapEntry& a, const HeapEntry& b) { return lower(a, b); });
  }

  // Where the pair first occurs in word w (byte offset within it), or -1.
  int64_t offset_in_word(const Word& w, uint64_t key) const {
    const uint32_t a = key_left(key), b = key_right(key);
    uint64_t offset = 0;
    for (std::size_t i = 0; i + 1 < w.ids.size(); ++i) {
      if (w.ids[i] == a && w.ids[i + 1] == b) return static_cast<int64_t>(offset);
      offset += model.tokens[w.ids[i]].size();
    }
    return -1;
  }
  uint64_t first_offset(uint64_t key) const {
    uint64_t best = UINT64_MAX;
    for (uint32_t wi : pairs.at(key).words) {
      if (words[wi].first >= best) continue;
      const int64_t o = offset_in_word(words[wi], key);
      if (o >= 0) best = std::min(best, words[wi].first + static_cast<uint64_t>(o));
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

  // Replaces (a, b) by x in word wi, left to right without overlap, recording the pair count
  // changes. Returns the number of places replaced (0 when the word no longer holds the pair).
  uint64_t merge_word(uint32_t wi, uint32_t a, uint32_t b, uint32_t x, uint64_t& first) {
    Word& w = words[wi];
    const std::vector<uint32_t>& s = w.ids;
    const std::size_t n = s.size();
    const auto f = static_cast<int64_t>(w.count);
    merged_ids.clear();
    new_positions.clear();
    std::size_t last_match = SIZE_MAX;
    uint64_t offset = 0;
    for (std::size_t i = 0; i < n;) {
      if (i + 1 < n && s[i] == a && s[i + 1] == b) {
        if (new_positions.empty()) first = std::min(first, w.first + offset);
        // The pairs that held a or b go: (prev, a) unless the previous match took prev, and (b, next).
        if (i > 0 && !(i >= 2 && last_match == i - 2)) add(s[i - 1], a, -f);
        if (i + 2 < n) add(b, s[i + 2], -f);
        offset += model.tokens[a].size() + model.tokens[b].size();
        new_positions.push_back(static_cast<uint32_t>(merged_ids.size()));
        merged_ids.push_back(x);
        last_match = i;
        i += 2;
      } else {
        offset += model.tokens[s[i]].size();
        merged_ids.push_back(s[i++]);
      }
    }
    if (new_positions.empty()) return 0;
    // The pairs around each new token come: (prev, x) unless prev is also new, and (x, next).
    for (std::size_t k = 0; k < new_positions.size(); ++k) {
      const uint32_t p = new_positions[k];
      if (p > 0 && !(k > 0 && new_positions[k - 1] + 1 == p)) {
        add(merged_ids[p - 1], x, f);
        new_occurrences.push_back({pair_key(merged_ids[p - 1], x), wi});
      }
      if (p + 1 < merged_ids.size()) {
        add(x, merged_ids[p + 1], f);
        new_occurrences.push_back({pair_key(x, merged_ids[p + 1]), wi});
      }
    }
    w.ids.swap(merged_ids);
    return new_positions.size() * w.count;
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
    uint32_t previous = UINT32_MAX;
    for (uint32_t wi : stat.mapped().words) {
      if (wi == previous) continue;
      previous = wi;
      step.replaced += merge_word(wi, a, b, x, step.first_offset);
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
    for (const auto& [k, wi] : new_occurrences) {
      auto it = pairs.find(k);
      if (it == pairs.end()) continue;
      auto& list = it->second.words;
      if (list.empty() || list.back() != wi) list.push_back(wi);
    }
    return true;
  }
};

Result<std::unique_ptr<BpeTrainer>> BpeTrainer::create(std::string_view text, const TrainerOptions& options) {
  using R = Result<std::unique_ptr<BpeTrainer>>;
  for (std::size_t i = 0; i < options.specials.size(); ++i) {
    if (options.specials[i].empty()) return R::failure("a special token is empty");
    for (std::size_t j = 0; j < i; ++j) {
      if (options.specials[j] == options.specials[i]) return R::failure("special token " + options.specials[i] + " is given twice");
    }
  }
  const std::size_t floor = 256 + options.specials.size();
  if (options.vocab_size > 0 && options.vocab_size < floor) {
    return R::failure("vocab_size " + std::to_string(options.vocab_size) + " is below the " + std::to_string(floor) +
                      " tokens the bytes and special tokens take");
  }
  if (text.size() >= UINT32_MAX) return R::failure("the text is 4 GiB or more");
  auto impl = std::make_unique<Impl>(text, options);
  impl->model = BpeModel::bytes_only(options.pretokenizer);
  impl->model.tie = options.tie;
  impl->vocab.reserve(options.vocab_size > 0 ? options.vocab_size : 256 + options.num_merges, 1 << 16);
  for (uint32_t b = 0; b < 256; ++b) impl->vocab.add(b, impl->model.tokens[b]);
  impl->target_merges = options.vocab_size > 0 ? options.vocab_size - static_cast<uint32_t>(floor) : options.num_merges;
  impl->count_text();
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
        for (uint32_t id : w.ids) {
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
