// The tokenizing's budget a frame: it follows how long the frames that tokenized took. (How a long
// text is tokenized over frames is in incremental_update_test.cpp.)
#include <doctest/doctest.h>

#include "ui/tokenize_schedule.h"

using namespace bpeviz;

TEST_CASE("a frame that tokenized halves the budget over 80 ms and adds a millisecond under 60, from 1 to 12 ms") {
  TokenizeSchedule schedule;
  CHECK(schedule.budget_ms == 12);
  const auto frame = [&](double work_ms) {
    schedule.tokenized_this_frame = true;
    note_frame_work(schedule, work_ms);
    CHECK_FALSE(schedule.tokenized_this_frame);
  };
  frame(90);
  CHECK(schedule.budget_ms == 6);
  frame(70);  // neither slow nor quick
  CHECK(schedule.budget_ms == 6);
  frame(30);
  CHECK(schedule.budget_ms == 7);
  for (int i = 0; i < 10; ++i) frame(200);
  CHECK(schedule.budget_ms == 1);
  for (int i = 0; i < 20; ++i) frame(10);
  CHECK(schedule.budget_ms == 12);
}

TEST_CASE("a frame that did not tokenize leaves the budget as it is") {
  TokenizeSchedule schedule;
  schedule.budget_ms = 5;
  note_frame_work(schedule, 200);
  note_frame_work(schedule, 10);
  CHECK(schedule.budget_ms == 5);
}
