// The per-thread cache of merged pre-tokens.
#include "core/piece_cache.h"

#include <array>

namespace bpeviz {

bool PieceCache::find(std::string_view piece, uint64_t hash, Hit& hit) const {
  if (slots_.empty()) return false;
  const auto tag = static_cast<uint32_t>(hash >> 32);
  for (std::size_t i = hash & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
    const Slot& s = slots_[i];
    if (s.key_length == 0) return false;
    if (s.tag == tag && s.key_length == piece.size() && std::string_view(keys_.data() + s.key, s.key_length) == piece) {
      hit = {ids_.data() + s.tokens, lengths_.data() + s.tokens, s.count};
      return true;
    }
  }
}

void PieceCache::insert(std::string_view piece, uint64_t hash, const uint32_t* ids, const uint8_t* lengths, uint32_t count) {
  if (piece.empty() || piece.size() > kMaxPieceBytes || count > 255) return;
  if (slots_.empty()) slots_.resize(kSlots);
  if (2 * (filled_ + 1) > kSlots || keys_.size() + piece.size() > kMaxKeyBytes) clear_merged();
  const auto tag = static_cast<uint32_t>(hash >> 32);
  std::size_t i = hash & (kSlots - 1);
  while (slots_[i].key_length != 0) i = (i + 1) & (kSlots - 1);
  slots_[i] = {tag, static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(ids_.size()),
               static_cast<uint8_t>(piece.size()), static_cast<uint8_t>(count)};
  keys_.append(piece);
  ids_.insert(ids_.end(), ids, ids + count);
  lengths_.insert(lengths_.end(), lengths, lengths + count);
  ++filled_;
}

void PieceCache::clear() {
  std::fill(shorts_.begin(), shorts_.end(), Short{});
  clear_merged();
}

void PieceCache::clear_merged() {
  std::fill(slots_.begin(), slots_.end(), Slot{});
  filled_ = 0;
  keys_.clear();
  ids_.clear();
  lengths_.clear();
}

namespace {

// A few encodings per thread (the page's compare view shows up to four at once).
struct ThreadCaches {
  std::array<uint64_t, 4> serials{};
  std::array<PieceCache, 4> caches;
  std::size_t next = 0;
};
thread_local ThreadCaches t_caches;

}  // namespace

PieceCache& piece_cache_for(uint64_t encoding_serial) {
  ThreadCaches& t = t_caches;
  for (std::size_t i = 0; i < t.serials.size(); ++i) {
    if (t.serials[i] == encoding_serial) return t.caches[i];
  }
  const std::size_t i = t.next++ % t.serials.size();
  t.serials[i] = encoding_serial;
  t.caches[i].clear();
  return t.caches[i];
}

void clear_piece_caches() {
  for (auto& c : t_caches.caches) c.clear();
}

}  // namespace bpeviz
