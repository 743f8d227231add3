// Training progress on stderr: on a terminal, one bar redrawn in place with \r (merges/s and ETA);
// otherwise — a log file, a pipe, CI — plain lines at every 10%, which read well when captured.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace bpeviz::cli {

class TrainingProgress {
 public:
  TrainingProgress(std::FILE* out, bool terminal) : out_(out), terminal_(terminal) {}
  // Merging begins; `target` merges are asked for (training may stop sooner).
  void start(uint32_t target);
  // `done` merges so far. Cheap to call after every batch: a terminal is redrawn at most 10 times a
  // second, plain lines appear when a new tenth is reached.
  void update(uint32_t done);
  // The last state with the time it took (and a line end after the bar).
  void finish(uint32_t done);

  // "0:07", "12:34", "1:02:03".
  static std::string clock(double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  void draw(uint32_t done, bool final = false);
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  std::FILE* out_;
  bool terminal_;
  uint32_t target_ = 0;
  uint32_t next_tenth_ = 1;
  Clock::time_point start_, last_draw_;
};

}  // namespace bpeviz::cli
