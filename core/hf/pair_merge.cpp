#include "core/hf/pair_merge.h"

#include <algorithm>
#include <functional>

namespace bpeviz {

void PairMerges::reserve(std::size_t count) {
  order_.reserve(count);
  std::size_t slots = 1024;
  while (slots < count * 2) slots *= 2;
  if (slots > slots_.size()) rehash(slots);
}

void PairMerges::grow() { rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

void PairMerges::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  mask_ = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.merge.id == kNone) continue;
    std::size_t i = hash(s.key) & mask_;
    while (slots_[i].merge.id != kNone) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

bool PairMerges::add(uint32_t left, uint32_t right, uint32_t priority, uint32_t id) {
  if ((count_ + 1) * 2 > slots_.size()) grow();  // at most half full: probes stay short
  const uint64_t key = pack(left, right);
  std::size_t i = hash(key) & mask_;
  for (; slots_[i].merge.id != kNone; i = (i + 1) & mask_) {
    if (slots_[i].key == key) {
      slots_[i].merge = {priority, id};
      order_.push_back({left, right, id});
      return false;
    }
  }
  slots_[i] = {key, {priority, id}};
  ++count_;
  order_.push_back({left, right, id});
  return true;
}

void pair_merge(const PairMerges& merges, std::vector<Symbol>& symbols, PairScratch& s,
                std::vector<MergeStep>* steps) {
  const auto n = static_cast<uint32_t>(symbols.size());
  if (n < 2) return;
  auto& next = s.next;
  auto& prev = s.prev;
  auto& start = s.start;
  auto& heap = s.heap;
  next.resize(n);
  prev.resize(n);
  start.resize(n + 1);
  heap.clear();
  uint32_t at = 0;
  for (uint32_t i = 0; i < n; ++i) {
    next[i] = i + 1;  // n: no next symbol
    prev[i] = i - 1;  // wraps for symbol 0: never read
    start[i] = at;
    at += symbols[i].length;
  }
  start[n] = at;
  const auto push = [&](uint32_t i, uint32_t j) {
    const PairMerges::Merge m = merges.find(symbols[i].id, symbols[j].id);
    if (m.id == PairMerges::kNone) return;
    heap.push_back({static_cast<uint64_t>(m.priority) << 32 | i, m.id});
    std::push_heap(heap.begin(), heap.end(), std::greater<>());
  };
  for (uint32_t i = 0; i + 1 < n; ++i) push(i, i + 1);
  constexpr uint32_t kRemoved = UINT32_MAX;
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const PairScratch::Candidate top = heap.back();
    heap.pop_back();
    const auto i = static_cast<uint32_t>(top.key);
    if (symbols[i].length == kRemoved || next[i] >= n) continue;
    const uint32_t j = next[i];
    // Stale unless the pair here still merges into the same token (Hugging Face's own check).
    if (merges.find(symbols[i].id, symbols[j].id).id != top.id) continue;
    if (steps) steps->push_back({static_cast<uint32_t>(top.key >> 32), start[i], start[j], start[next[j]], top.id});
    symbols[i].id = top.id;
    symbols[i].length += symbols[j].length;
    symbols[j].length = kRemoved;
    next[i] = next[j];
    if (next[j] < n) prev[next[j]] = i;
    if (i > 0) push(prev[i], i);
    if (next[i] < n) push(i, next[i]);
  }
  uint32_t kept = 0;
  for (uint32_t i = 0; i < n; i = next[i]) symbols[kept++] = symbols[i];
  symbols.resize(kept);
}

}  // namespace bpeviz
