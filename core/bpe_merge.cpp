#include "core/bpe_merge.h"

#include <algorithm>
#include <functional>

namespace bpeviz {

namespace {

constexpr uint32_t kNone = Vocab::kNone;

void merge_linear(const Vocab& vocab, std::string_view piece, MergeScratch& s, std::vector<uint32_t>& bounds,
                  std::vector<MergeStep>* steps) {
  // starts[i] is where part i begins; ranks[i] is the rank of part i merged with part i+1.
  auto& starts = s.starts;
  auto& ranks = s.ranks;
  const auto n = static_cast<uint32_t>(piece.size());
  starts.resize(n + 1);
  ranks.resize(n + 1);
  const auto byte = [&](uint32_t i) { return static_cast<unsigned char>(piece[i]); };
  for (uint32_t i = 0; i + 1 < n; ++i) {
    starts[i] = i;
    ranks[i] = vocab.find_pair(byte(i), byte(i + 1));
  }
  starts[n - 1] = n - 1;
  ranks[n - 1] = kNone;
  starts[n] = n;
  ranks[n] = kNone;
  std::size_t count = n + 1;  // parts plus the end sentinel
  const auto pair_rank = [&](std::size_t i) {
    // Rank of parts i and i+1 merged: the bytes from starts[i] to starts[i+2].
    return i + 2 < count ? vocab.find(piece.substr(starts[i], starts[i + 2] - starts[i])) : kNone;
  };
  for (;;) {
    uint32_t best = kNone;
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < count; ++i) {
      if (ranks[i] < best) {
        best = ranks[i];
        at = i;
      }
    }
    if (best == kNone) break;
    if (steps) steps->push_back({best, starts[at], starts[at + 1], starts[at + 2], best});
    // Remove part at+1, then re-rank the pairs that now touch the merged part.
    std::copy(starts.begin() + at + 2, starts.begin() + count, starts.begin() + at + 1);
    std::copy(ranks.begin() + at + 2, ranks.begin() + count, ranks.begin() + at + 1);
    --count;
    ranks[at] = pair_rank(at);
    if (at > 0) ranks[at - 1] = pair_rank(at - 1);
  }
  bounds.insert(bounds.end(), starts.begin(), starts.begin() + count - 1);
}

void merge_heap(const Vocab& vocab, std::string_view piece, MergeScratch& s, std::vector<uint32_t>& bounds,
                std::vector<MergeStep>* steps) {
  const auto n = static_cast<uint32_t>(piece.size());
  // Part i starts at byte i until merged away; next/prev link the live parts; ranks[i] is the rank
  // of part i merged with its successor. A heap entry packs (rank << 32 | start): the smallest is
  // the lowest rank, then the leftmost, exactly as the linear scan chooses.
  auto& next = s.next;
  auto& prev = s.prev;
  auto& ranks = s.ranks;
  auto& heap = s.heap;
  next.resize(n + 1);
  prev.resize(n + 1);
  ranks.assign(n + 1, kNone);
  heap.clear();
  for (uint32_t i = 0; i <= n; ++i) {
    next[i] = i + 1;
    prev[i] = i - 1;  // wraps for part 0: never read
  }
  const auto rank_at = [&](uint32_t i) {
    if (i >= n || next[i] >= n) return kNone;
    const uint32_t end = next[next[i]];
    if (end - i == 2) return vocab.find_pair(static_cast<unsigned char>(piece[i]), static_cast<unsigned char>(piece[i + 1]));
    return vocab.find(piece.substr(i, end - i));
  };
  const auto push = [&](uint32_t i) {
    ranks[i] = rank_at(i);
    if (ranks[i] != kNone) {
      heap.push_back(static_cast<uint64_t>(ranks[i]) << 32 | i);
      std::push_heap(heap.begin(), heap.end(), std::greater<>());
    }
  };
  for (uint32_t i = 0; i + 1 < n; ++i) push(i);
  while (!heap.empty()) {
    std::pop_heap(heap.begin(), heap.end(), std::greater<>());
    const uint64_t top = heap.back();
    heap.pop_back();
    const auto i = static_cast<uint32_t>(top);
    const auto rank = static_cast<uint32_t>(top >> 32);
    if (ranks[i] != rank) continue;  // stale: the part changed since this entry was pushed
    const uint32_t j = next[i];
    if (steps) steps->push_back({rank, i, j, next[j], rank});
    next[i] = next[j];
    if (next[j] <= n) prev[next[j]] = i;
    ranks[j] = kNone;
    push(i);
    if (i > 0) push(prev[i]);
  }
  for (uint32_t i = 0; i < n; i = next[i]) bounds.push_back(i);
}

}  // namespace

void bpe_merge(const Vocab& vocab, std::string_view piece, MergeScratch& scratch, std::vector<uint32_t>& bounds,
               std::vector<MergeStep>* steps) {
  if (piece.empty()) return;
  if (piece.size() == 1) {
    bounds.push_back(0);
    return;
  }
  if (piece.size() <= kLinearMergeLimit) merge_linear(vocab, piece, scratch, bounds, steps);
  else merge_heap(vocab, piece, scratch, bounds, steps);
}

std::vector<std::string_view> bpe_merge_reference(const Vocab& vocab, std::string_view piece) {
  std::vector<std::string_view> parts;
  for (std::size_t i = 0; i < piece.size(); ++i) parts.push_back(piece.substr(i, 1));
  for (;;) {
    uint32_t best = kNone;
    std::size_t at = 0;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
      const std::string_view merged(parts[i].data(), parts[i].size() + parts[i + 1].size());
      const uint32_t rank = vocab.find(merged);
      if (rank < best) {
        best = rank;
        at = i;
      }
    }
    if (best == kNone) return parts;
    parts[at] = std::string_view(parts[at].data(), parts[at].size() + parts[at + 1].size());
    parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(at) + 1);
  }
}

}  // namespace bpeviz
