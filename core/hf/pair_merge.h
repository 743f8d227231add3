// Hugging Face's BPE rule, next to tiktoken's (bpe_merge.h): a word starts as symbols (characters or
// bytes, each a token id) and the adjacent pair that comes first in the model's merges list is merged,
// leftmost first among equal pairs, into the token the merge names. A pair that is not in the list is
// never merged, even when its concatenation is a token, which is where the two rules differ.
//
// Written by hand because it is the hot loop: a doubly linked list of symbols and a min-heap of
// (priority, position) with lazy invalidation, as Hugging Face's Word::merge_all does; O(n log n) for
// a word of n symbols (SentencePiece-style models make a whole paragraph one word).
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/bpe_merge.h"

namespace bpeviz {

// Merges by pair: (left id, right id) -> (priority, merged id). An open-addressing hash table.
class PairMerges {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  struct Merge {
    uint32_t priority = kNone;  // the merge's index in the file's list: lower merges first
    uint32_t id = kNone;        // the token the pair becomes
  };

  // Adds a merge; false when the pair is already there, which it then takes (the later place wins, as in
  // Hugging Face's map of merges).
  bool add(uint32_t left, uint32_t right, uint32_t priority, uint32_t id);
  // Room for `count` merges without growing (a loader that knows how many are coming).
  void reserve(std::size_t count);
  Merge find(uint32_t left, uint32_t right) const {
    if (slots_.empty()) return {};
    const uint64_t key = pack(left, right);
    for (std::size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.merge.id == kNone) return {};
      if (s.key == key) return s.merge;
    }
  }
  std::size_t size() const { return count_; }
  // The merges in priority order, as (left, right, merged id): for saving and for the merge tree.
  struct Entry {
    uint32_t left, right, id;
  };
  const std::vector<Entry>& in_order() const { return order_; }

 private:
  struct Slot {
    uint64_t key = 0;
    Merge merge;
  };
  static uint64_t pack(uint32_t a, uint32_t b) { return static_cast<uint64_t>(a) << 32 | b; }
  static uint64_t hash(uint64_t key) {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return key;
  }
  void grow();
  void rehash(std::size_t slots);

  std::vector<Slot> slots_;
  std::vector<Entry> order_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

// One symbol of a word: a token id and how many bytes of the text it covers.
struct Symbol {
  uint32_t id;
  uint32_t length;
};

struct PairScratch {
  struct Candidate {
    uint64_t key;  // priority << 32 | symbol index: the smallest is the first merge, leftmost on ties
    uint32_t id;   // the merged id it was pushed for: an entry whose pair no longer gives it is stale
    bool operator>(const Candidate& o) const { return key > o.key; }
  };
  std::vector<uint32_t> next, prev, start;
  std::vector<Candidate> heap;
};

// Merges `symbols` in place (they end as the word's tokens, in order). Steps are appended to `steps`
// when it is not null, with byte offsets relative to the word and `rank` set to the merge's priority.
void pair_merge(const PairMerges& merges, std::vector<Symbol>& symbols, PairScratch& scratch,
                std::vector<MergeStep>* steps = nullptr);

}  // namespace bpeviz
