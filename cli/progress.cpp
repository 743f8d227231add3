#include "cli/progress.h"

#include <algorithm>
#include <cmath>

namespace bpeviz::cli {

std::string TrainingProgress::clock(double seconds) {
  const auto total = static_cast<long long>(std::llround(std::max(0.0, seconds)));
  char buf[32];
  if (total >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", total / 3600, total / 60 % 60, total % 60);
  else std::snprintf(buf, sizeof buf, "%lld:%02lld", total / 60, total % 60);
  return buf;
}

void TrainingProgress::start(uint32_t target) {
  target_ = target;
  start_ = last_draw_ = Clock::now();
  if (terminal_) draw(0);
}

void TrainingProgress::update(uint32_t done) {
  if (terminal_) {
    if (Clock::now() - last_draw_ >= std::chrono::milliseconds(100)) draw(done);
    return;
  }
  // Lines at 10% ... 90%; finish() writes the last one.
  if (next_tenth_ > 9 || uint64_t{done} * 10 < uint64_t{target_} * next_tenth_) return;
  while (next_tenth_ <= 9 && uint64_t{done} * 10 >= uint64_t{target_} * next_tenth_) ++next_tenth_;
  draw(done);
}

void TrainingProgress::finish(uint32_t done) {
  draw(done, true);
  if (terminal_) std::fputc('\n', out_);
  std::fflush(out_);
}

void TrainingProgress::draw(uint32_t done, bool final) {
  last_draw_ = Clock::now();
  const double elapsed = seconds();
  const double rate = elapsed > 0 ? done / elapsed : 0;
  const double fraction = target_ ? std::min(1.0, static_cast<double>(done) / target_) : 1.0;
  // The last line says how long it took instead.
  const std::string eta = final ? "took " + clock(elapsed) : rate > 0 ? "ETA " + clock((target_ - std::min(done, target_)) / rate) : "ETA ?";
  char buf[160];
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(fraction * kWidth);
    const std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '-');
    // \033[K clears what a longer earlier line left behind.
    std::snprintf(buf, sizeof buf, "\r[%s] %3d%%  %u/%u merges  %.0f merges/s  %s\033[K", bar.c_str(),
                  static_cast<int>(fraction * 100), done, target_, rate, eta.c_str());
  } else {
    std::snprintf(buf, sizeof buf, "bpeviz-cli train: %u/%u merges (%d%%), %.0f merges/s, %s\n", done, target_,
                  static_cast<int>(fraction * 100), rate, eta.c_str());
  }
  std::fputs(buf, out_);
  std::fflush(out_);
}

}  // namespace bpeviz::cli
