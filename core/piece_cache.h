// Remembered merges: pre-tokens that are not tokens themselves, with the tokens they encoded to, so
// a word seen again skips the merge loop. gpt-tokenizer and ai-tokenizer keep such a cache and were
// up to 3× faster than us on repeated text (line by line, or the same text again) before we did.
//
// One cache per thread and encoding (so `const` encoding stays safe to share between threads), a
// few encodings per thread, bounded: when full it is emptied and refilled, which costs less than
// any eviction bookkeeping on this path.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

class PieceCache {
 public:
  // Pieces longer than this are not cached. A long piece is rare, but its merge is the costliest: in
  // Chinese, Japanese or Thai text a run of letters is one piece, and at 64 bytes the warm passes over
  // multilingual text spent a seventh of their time merging the pieces left out (core/bpe_merge.h's
  // heap path). 255 keeps a piece's length and each token's length in a byte.
  static constexpr std::size_t kMaxPieceBytes = 255;

  struct Hit {
    const uint32_t* ids;
    const uint8_t* lengths;  // each token's length in bytes
    uint32_t count;
  };
  bool find(std::string_view piece, uint64_t hash, Hit& hit) const;
  void insert(std::string_view piece, uint64_t hash, const uint32_t* ids, const uint8_t* lengths, uint32_t count);
  void clear();

  // Short pieces seen before, that are tokens or merge into a few: their tokens without hashing the
  // piece or probing the vocabulary's table and then this cache's. Most pieces of prose and code are
  // short, and those big tables (4 MB for o200k_base's vocabulary) answer each with a few cache
  // misses: on lines of C++, warm, that took more time than the rest of the encoding. This
  // direct-mapped table keeps each piece's bytes inline, so one read answers it.
  static constexpr std::size_t kShortPieceBytes = 16;
  static constexpr uint32_t kShortMaxTokens = 3;
  // Calls sink(id, begin, end) for each token of `piece` (which starts at byte `at`) and returns
  // true, or returns false when the piece is not in the table. piece: 1 to kShortPieceBytes bytes.
  template <class Sink>
  bool emit_short(std::string_view piece, uint32_t at, Sink&& sink) const {
    if (shorts_.empty()) return false;
    const ShortKey k = short_key(piece);
    const Short& s = shorts_[short_index(k, piece.size())];
    if (s.length != piece.size() || s.lo != k.lo || s.hi != k.hi) return false;
    uint32_t b = at;
    for (uint32_t i = 0; i + 1 < s.count; ++i) {
      sink(s.ids[i], b, b + s.lengths[i]);
      b += s.lengths[i];
    }
    sink(s.ids[s.count - 1], b, at + s.length);
    return true;
  }
  // Remembers the tokens of a piece of 1 to kShortPieceBytes bytes; more than kShortMaxTokens are not kept.
  void insert_short(std::string_view piece, const uint32_t* ids, const uint8_t* lengths, uint32_t count) {
    if (count == 0 || count > kShortMaxTokens) return;
    if (shorts_.empty()) shorts_.resize(kShorts);
    const ShortKey k = short_key(piece);
    Short& s = shorts_[short_index(k, piece.size())];
    s = {k.lo, k.hi, {}, static_cast<uint8_t>(piece.size()), static_cast<uint8_t>(count), {}};
    for (uint32_t i = 0; i < count; ++i) s.ids[i] = ids[i];
    for (uint32_t i = 0; i + 1 < count; ++i) s.lengths[i] = lengths[i];
  }

 private:
  // A piece of 1 to 16 bytes, exactly, given its length: its first and last 8 bytes (which cover all
  // of it), its first and last 4, or its first, middle and last byte.
  struct ShortKey {
    uint64_t lo, hi;
  };
  static ShortKey short_key(std::string_view piece) {
    const char* p = piece.data();
    const std::size_t n = piece.size();
    if (n >= 8) return {load(p, 8), load(p + n - 8, 8)};
    if (n >= 4) return {load(p, 4) | load(p + n - 4, 4) << 32, 0};
    const auto b = [&](std::size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
    return {b(0) | b(n / 2) << 8 | b(n - 1) << 16, 0};
  }
  static uint64_t load(const char* p, std::size_t bytes) {
    uint64_t v = 0;
    std::memcpy(&v, p, bytes);  // a fixed size at every call site: one load, no call
    return v;
  }
  static std::size_t short_index(ShortKey k, std::size_t n) {
    return static_cast<std::size_t>(((k.lo + n) * 0x9E3779B97F4A7C15ull ^ k.hi * 0xC2B2AE3D27D4EB4Full) >> (64 - kShortBits));
  }
  struct Short {  // 32 bytes
    uint64_t lo = 0, hi = 0;
    uint32_t ids[kShortMaxTokens] = {};
    uint8_t length = 0;  // 0: empty
    uint8_t count = 0;
    uint8_t lengths[2] = {};  // of the first two tokens; the last one's is never read
  };
  // 16,384 entries of 32 bytes (512 KB), filled on first use. The benchmark's corpora have 4,000 to
  // 16,000 distinct pieces; at this size 98% of the pieces of its C++ lines and 95% of its English
  // lines, warm, are answered here (with 4,096 entries, collisions made C++ lines 6-13% slower, natively).
  static constexpr int kShortBits = 14;
  void clear_merged();  // the merged pieces only: when full
  static constexpr std::size_t kShorts = std::size_t{1} << kShortBits;
  std::vector<Short> shorts_;

  struct Slot {
    uint32_t tag = 0;         // high bits of the hash
    uint32_t key = 0;         // offset of the piece's bytes in keys_
    uint32_t tokens = 0;      // offset of its tokens in ids_ / lengths_
    uint8_t key_length = 0;   // 0: empty slot
    uint8_t count = 0;
  };
  static constexpr std::size_t kSlots = std::size_t{1} << 16;  // at most half are filled
  // The keys' bytes are bounded too (long pieces could otherwise hold 32,768 × 255 bytes).
  static constexpr std::size_t kMaxKeyBytes = std::size_t{1} << 20;
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
