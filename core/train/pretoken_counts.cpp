// Counting pre-tokens part by part: each part split at cuts across threads, each thread's counts (keyed
// by views into the part) merged into the table, whose keys are copies that outlive the part.
#include "core/train/pretoken_counts.h"

#include <algorithm>
#include <cstring>
#include <thread>

#ifndef BPEVIZ_NO_THREADS
#define BPEVIZ_NO_THREADS 0  // set by the build for targets without threads (the page's wasm)
#endif

namespace bpeviz {

namespace {
constexpr std::size_t kBlockBytes = std::size_t{1} << 20;
}

PretokenCounts::PretokenCounts(Pretokenizer pretokenizer, const std::vector<std::string>& specials, uint32_t threads)
    : reader_(pretokenizer, specials),
      cuts_(StreamCuts::for_training(pretokenizer, specials)),
      threads_(std::max<uint32_t>(1, threads)) {}
PretokenCounts::PretokenCounts(PretokenCounts&&) noexcept = default;
PretokenCounts& PretokenCounts::operator=(PretokenCounts&&) noexcept = default;
PretokenCounts::~PretokenCounts() = default;

std::string_view PretokenCounts::keep(std::string_view bytes) {
  char* at = nullptr;
  if (bytes.size() > kBlockBytes / 4) {  // a long pre-token (pre-tokenizer "none") gets a block of its own
    blocks_.push_back(std::make_unique<char[]>(bytes.size()));
    at = blocks_.back().get();
  } else {
    if (!block_ || kBlockBytes - block_used_ < bytes.size()) {
      blocks_.push_back(std::make_unique<char[]>(kBlockBytes));
      block_ = blocks_.back().get();
      block_used_ = 0;
    }
    at = block_ + block_used_;
    block_used_ += bytes.size();
  }
  std::memcpy(at, bytes.data(), bytes.size());
  distinct_bytes_ += bytes.size();
  return {at, bytes.size()};
}

void PretokenCounts::add(std::string_view part) {
  // Views into `part`, with offsets in it: counted on each thread's stretch, then merged.
  const auto count = [&](std::size_t from, std::size_t to, Table& out) {
    reader_.walk(
        part, from, to,
        [&](std::size_t b, std::size_t e) {
          auto [it, inserted] = out.try_emplace(part.substr(b, e - b), Count{0, b});
          ++it->second.count;
        },
        [](std::size_t, std::size_t) {});
  };
  std::vector<std::size_t> bounds{0};
  for (std::size_t i = 1; i < threads_; ++i) {
    const std::size_t from = std::max(bounds.back() + 1, part.size() * i / threads_);
    if (from >= part.size()) break;
    const std::size_t cut = cuts_.first_cut(part, from);
    if (cut >= part.size()) break;
    bounds.push_back(cut);
  }
  bounds.push_back(part.size());
  std::vector<Table> partial(bounds.size() - 1);
  if (partial.size() == 1 || BPEVIZ_NO_THREADS) {
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) count(bounds[i], bounds[i + 1], partial[i]);
  } else {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
      threads.emplace_back([&, i] { count(bounds[i], bounds[i + 1], partial[i]); });
    }
    for (auto& t : threads) t.join();
  }
  for (Table& table : partial) {
    for (const auto& [word, c] : table) {
      const uint64_t first = offset_ + c.first;
      if (auto it = counts_.find(word); it != counts_.end()) {
        it->second.count += c.count;
        it->second.first = std::min(it->second.first, first);
      } else {
        counts_.emplace(keep(word), Count{c.count, first});
      }
    }
    table = {};  // freed as soon as merged
  }
  offset_ += part.size();
}

std::vector<PretokenCounts::Word> PretokenCounts::words() const {
  std::vector<Word> sorted;
  sorted.reserve(counts_.size());
  for (const auto& [bytes, c] : counts_) sorted.push_back({bytes, c.count, c.first});
  std::sort(sorted.begin(), sorted.end(), [](const Word& a, const Word& b) { return a.first < b.first; });
  return sorted;
}

void PretokenCounts::drop_table() { counts_ = {}; }

}  // namespace bpeviz
