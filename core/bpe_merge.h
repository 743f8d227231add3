// The byte-pair merge of one pre-token under tiktoken's rule: start from single bytes and repeatedly
// merge the adjacent pair whose concatenated bytes have the lowest rank in the vocabulary (leftmost
// on ties) until no adjacent pair forms a token. The rank of a token is its id.
//
// Two implementations with identical results:
//  - short pieces: a flat array of (start, rank) scanned for the minimum after every merge, as
//    tiktoken does; O(n²) but n is small and the array stays in cache, which beats a heap;
//  - long pieces (a megabyte of one letter, digits without separators): a doubly linked list of
//    parts and a min-heap of (rank, start) with lazy invalidation; O(n log n).
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/vocab.h"

namespace bpeviz {

// Pieces longer than this take the heap path. Measured with callgrind on the benchmark corpora
// (cl100k): 32, 64 and 128 cost within 0.5% of each other, because most pieces are far shorter; the
// limit matters only for long runs, where the heap keeps encoding O(n log n).
inline constexpr std::size_t kLinearMergeLimit = 64;

// One merge: the token [begin, mid) and the token [mid, end) became token `id`. `rank` orders the
// merges: under tiktoken's rule it is the id; under Hugging Face's, the pair's place in the merges list.
// Offsets are relative to the piece.
struct MergeStep {
  uint32_t rank;
  uint32_t begin, mid, end;
  uint32_t id;
};

// Reusable buffers, so that encoding allocates nothing per piece.
struct MergeScratch {
  std::vector<uint32_t> starts, ranks, next, prev;
  std::vector<uint64_t> heap;
};

// Appends the token boundaries of `piece` to `bounds` (each token's start, then the piece's end is
// implied) — ids are then vocab.find(piece[start_i, start_{i+1})). Steps are appended to `steps`
// when it is not null (the encode trace; plain encoding passes null and does no trace work).
void bpe_merge(const Vocab& vocab, std::string_view piece, MergeScratch& scratch, std::vector<uint32_t>& bounds,
               std::vector<MergeStep>* steps = nullptr);

// The slow, obviously-correct reference: literally "find the lowest-ranked adjacent pair, merge it,
// repeat" on a vector of strings. For differential tests and for explaining the algorithm.
std::vector<std::string_view> bpe_merge_reference(const Vocab& vocab, std::string_view piece);

}  // namespace bpeviz
