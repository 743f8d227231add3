#include "core/vocab.h"

#include <cstring>

namespace bpeviz {

namespace {
inline uint64_t load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline uint64_t mix(uint64_t h) {
  h *= 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 31);
}
}  // namespace

uint64_t Vocab::hash(std::string_view bytes) {
  // Eight bytes at a time with a multiply-xorshift mix; the tail is read with fixed-size loads that
  // may overlap bytes already mixed (a memcpy of variable length compiled to a call, and cost a
  // sixth of encoding time). Tried FNV-1a first: about twice as slow.
  const char* p = bytes.data();
  const std::size_t n = bytes.size();
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xFF51AFD7ED558CCDull);
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = mix(h ^ load64(p + i));
    if (i < n) h = mix(h ^ load64(p + n - 8));
  } else if (n >= 4) {
    h = mix(h ^ (load32(p) | load32(p + n - 4) << 32));
  } else if (n > 0) {
    const auto b = [&](std::size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
    h = mix(h ^ (b(0) | b(n / 2) << 8 | b(n - 1) << 16));
  }
  h = mix(h);
  return h ^ (h >> 29);
}

void Vocab::reserve(std::size_t tokens, std::size_t total_bytes) {
  blob_.reserve(total_bytes);
  offsets_.reserve(tokens);
  lengths_.reserve(tokens);
  std::size_t capacity = 16;
  while (capacity < tokens * 2) capacity *= 2;
  if (capacity > slots_.size()) {
    // Rehash into the larger table.
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (uint32_t id = 0; id < lengths_.size(); ++id) {
      if (!contains(id)) continue;
      const uint64_t h = hash(token(id));
      std::size_t i = h & mask_;
      while (slots_[i].id != kNone) i = (i + 1) & mask_;
      slots_[i] = {id, static_cast<uint32_t>(h >> 32)};
    }
  }
}

void Vocab::grow() { reserve(slots_.empty() ? 8 : slots_.size(), blob_.size()); }

bool Vocab::add(uint32_t id, std::string_view bytes) {
  if (contains(id)) return false;
  if ((count_ + 1) * 2 > slots_.size()) grow();
  // One probe both rejects duplicate bytes and finds the free slot: loading o200k's 200k tokens
  // is hashing-bound, and hashing twice cost a third of the load time.
  const uint64_t h = hash(bytes);
  const auto tag = static_cast<uint32_t>(h >> 32);
  std::size_t i = h & mask_;
  for (; slots_[i].id != kNone; i = (i + 1) & mask_) {
    if (slots_[i].tag == tag && token(slots_[i].id) == bytes) return false;
  }
  if (id == lengths_.size()) {  // the usual case: ids arrive in order
    offsets_.push_back(static_cast<uint32_t>(blob_.size()));
    lengths_.push_back(static_cast<uint32_t>(bytes.size()));
  } else {
    if (id > lengths_.size()) {
      offsets_.resize(id + 1, 0);
      lengths_.resize(id + 1, kAbsent);
    }
    offsets_[id] = static_cast<uint32_t>(blob_.size());
    lengths_[id] = static_cast<uint32_t>(bytes.size());
  }
  blob_.append(bytes);
  slots_[i] = {id, tag};
  ++count_;
  if (bytes.size() == 2) {
    if (pairs_.empty()) pairs_.assign(1 << 16, kNone);
    pairs_[static_cast<unsigned char>(bytes[0]) << 8 | static_cast<unsigned char>(bytes[1])] = id;
  }
  return true;
}

}  // namespace bpeviz
