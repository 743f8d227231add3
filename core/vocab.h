// A vocabulary: token bytes by id, and id by token bytes. The bytes of all tokens sit in one buffer;
// lookup by bytes is an open-addressing hash table of ids, so the encoder's hot loop never
// allocates or builds a std::string.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

class Vocab {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // Adds a token; false when its id or its bytes are already in the vocabulary.
  bool add(uint32_t id, std::string_view bytes);
  void reserve(std::size_t tokens, std::size_t total_bytes);

  // The token with exactly these bytes, or kNone.
  uint32_t find(std::string_view bytes) const { return find(bytes, hash(bytes)); }
  // The same, with hash(bytes) computed by the caller (who may need it again).
  uint32_t find(std::string_view bytes, uint64_t h) const {
    if (slots_.empty()) return kNone;
    const auto tag = static_cast<uint32_t>(h >> 32);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id == kNone) return kNone;
      if (s.tag == tag && token(s.id) == bytes) return s.id;
    }
  }
  // The token of two bytes a, b: a table read, for the first round of every merge.
  uint32_t find_pair(unsigned char a, unsigned char b) const { return pairs_.empty() ? kNone : pairs_[a << 8 | b]; }
  bool contains(uint32_t id) const { return id < lengths_.size() && lengths_[id] != kAbsent; }
  // The bytes of token `id`; empty for ids not in the vocabulary.
  std::string_view token(uint32_t id) const {
    if (!contains(id)) return {};
    return std::string_view(blob_.data() + offsets_[id], lengths_[id]);
  }
  // One past the largest id (ids may have gaps, e.g. where a special token sits).
  uint32_t id_end() const { return static_cast<uint32_t>(lengths_.size()); }
  std::size_t size() const { return count_; }

  static uint64_t hash(std::string_view bytes);

 private:
  static constexpr uint32_t kAbsent = UINT32_MAX;
  struct Slot {
    uint32_t id = kNone;
    uint32_t tag = 0;  // high bits of the hash: most mismatches are rejected without touching the bytes
  };
  void grow();

  std::string blob_;
  std::vector<uint32_t> offsets_, lengths_;
  std::vector<Slot> slots_;
  std::vector<uint32_t> pairs_;  // two-byte tokens by their bytes (64K entries, 256 KB)
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace bpeviz
