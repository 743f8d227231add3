// Remembered merges: pre-tokens that are not tokens themselves, with the tokens they encoded to, so
// a word seen again skips the merge loop. gpt-tokenizer and ai-tokenizer keep such a cache and were
// up to 3× faster than us on repeated text (line by line, or the same text again) before we did.
//
// One cache per thread and encoding (so `const` encoding stays safe to share between threads), a
// few encodings per thread, bounded: when full it is emptied and refilled, which costs less than
// any eviction bookkeeping on this path.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

class PieceCache {
 public:
  // Pieces longer than this are not cached (they are rare, and their merges are not the cost).
  static constexpr std::size_t kMaxPieceBytes = 64;

  struct Hit {
    const uint32_t* ids;
    const uint8_t* lengths;  // each token's length in bytes
    uint32_t count;
  };
  bool find(std::string_view piece, uint64_t hash, Hit& hit) const;
  void insert(std::string_view piece, uint64_t hash, const uint32_t* ids, const uint8_t* lengths, uint32_t count);
  void clear();

 private:
  struct Slot {
    uint32_t tag = 0;         // high bits of the hash
    uint32_t key = 0;         // offset of the piece's bytes in keys_
    uint32_t tokens = 0;      // offset of its tokens in ids_ / lengths_
    uint8_t key_length = 0;   // 0: empty slot
    uint8_t count = 0;
  };
  static constexpr std::size_t kSlots = std::size_t{1} << 16;  // at most half are filled
  std::vector<Slot> slots_;
  std::size_t filled_ = 0;
  std::string keys_;
  std::vector<uint32_t> ids_;
  std::vector<uint8_t> lengths_;
};

// This thread's cache for the encoding with this serial number (see Encoding).
PieceCache& piece_cache_for(uint64_t encoding_serial);
// Empties this thread's caches (the benchmark's cold runs).
void clear_piece_caches();

}  // namespace bpeviz
