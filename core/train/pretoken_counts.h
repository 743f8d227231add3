// The counting pass of training, over a text that may arrive in parts: each distinct pre-token with how
// often it occurs and where it first does. Memory follows the number of distinct pre-tokens, not the
// size of the text; the caller reads the text (the core does no file I/O) and hands it over part by part.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/stream/stream_cuts.h"
#include "core/train/training_text.h"

namespace bpeviz {

class PretokenCounts {
 public:
  struct Word {
    std::string_view bytes;  // held by the counts
    uint64_t count = 0;
    uint64_t first = 0;  // byte offset of the first occurrence in the whole text
  };

  PretokenCounts(Pretokenizer pretokenizer, const std::vector<std::string>& specials, uint32_t threads = 1);
  PretokenCounts(PretokenCounts&&) noexcept;
  PretokenCounts& operator=(PretokenCounts&&) noexcept;
  ~PretokenCounts();

  // Where a part may end (StreamCuts::for_training): every part but the last must end at one of
  // these, so that no pre-token or special token spans two parts.
  const StreamCuts& cuts() const { return cuts_; }
  // Counts the pre-tokens of the text's next part, on up to `threads` threads (split at cuts).
  void add(std::string_view part);

  uint64_t bytes_seen() const { return offset_; }
  std::size_t distinct() const { return counts_.size(); }
  uint64_t distinct_bytes() const { return distinct_bytes_; }  // their lengths added up
  // The distinct pre-tokens in order of first occurrence (deterministic whatever the hash order, the
  // parts or the threads). Their bytes live as long as the counts.
  std::vector<Word> words() const;
  // Frees the table (words() then returns nothing); the words' bytes stay.
  void drop_table();

 private:
  struct Count {
    uint64_t count = 0;
    uint64_t first = 0;
  };
  using Table = std::unordered_map<std::string_view, Count>;
  // A copy of `bytes` that stays put (the table's keys point at it).
  std::string_view keep(std::string_view bytes);

  TrainingText reader_;
  StreamCuts cuts_;
  uint32_t threads_ = 1;
  uint64_t offset_ = 0;  // where the next part starts in the whole text
  Table counts_;
  std::vector<std::unique_ptr<char[]>> blocks_;  // the keys' bytes
  char* block_ = nullptr;                        // the block being filled
  std::size_t block_used_ = 0;
  uint64_t distinct_bytes_ = 0;
};

}  // namespace bpeviz
