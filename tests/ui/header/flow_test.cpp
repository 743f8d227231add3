// The flow of a line of controls onto rows: what fits stays on one row, what does not starts the next,
// a piece wider than the window gets a row of its own, and nothing is lost.
#include <doctest/doctest.h>

#include <vector>

#include "ui/header/flow.h"

using namespace bpeviz;

TEST_CASE("flow: pieces that fit stay on one row") {
  const std::vector<float> w{50, 60, 70};
  CHECK(flow_rows(w, 200, 10) == std::vector<int>{0, 0, 0});
  CHECK(flow_row_count(w, 200, 10) == 1);
  CHECK(flow_line_width(w, 10) == doctest::Approx(200));
  // Exactly the available width still fits; a pixel less does not.
  CHECK(flow_rows(w, 200, 10).back() == 0);
  CHECK(flow_rows(w, 199, 10) == std::vector<int>{0, 0, 1});
}

TEST_CASE("flow: a narrow window wraps, each row holding what fits") {
  // A 292-pixel line (a 320-pixel page less its padding) and the header's pieces at their desktop widths.
  const std::vector<float> w{150, 48, 66, 24, 240, 270, 76};
  const std::vector<int> rows = flow_rows(w, 292, 10);
  CHECK(rows == std::vector<int>{0, 0, 0, 1, 1, 2, 3});
  CHECK(flow_row_count(w, 292, 10) == 4);
  // Every row's pieces and spacing fit inside the width.
  for (int row = 0; row < 4; ++row) {
    float x = 0;
    bool first = true;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (rows[i] != row) continue;
      x += (first ? 0 : 10) + w[i];
      first = false;
    }
    CHECK(x <= 292);
  }
}

TEST_CASE("flow: a piece wider than the window gets a row of its own") {
  const std::vector<float> w{40, 500, 40};
  CHECK(flow_rows(w, 300, 10) == std::vector<int>{0, 1, 2});
  CHECK(flow_rows(std::vector<float>{500}, 300, 10) == std::vector<int>{0});
}

TEST_CASE("flow: rows never go back and every piece has one") {
  std::vector<float> w;
  for (int i = 0; i < 40; ++i) w.push_back(static_cast<float>(10 + (i * 37) % 90));
  for (float available : {50.0f, 120.0f, 320.0f, 3840.0f}) {
    const std::vector<int> rows = flow_rows(w, available, 8);
    REQUIRE(rows.size() == w.size());
    CHECK(rows.front() == 0);
    for (std::size_t i = 1; i < rows.size(); ++i) CHECK((rows[i] == rows[i - 1] || rows[i] == rows[i - 1] + 1));
  }
  CHECK(flow_rows(std::vector<float>{}, 100, 10).empty());
  CHECK(flow_row_count(std::vector<float>{}, 100, 10) == 0);
}

TEST_CASE("fit_header: one row when it fits, two wrapped rows on a tablet, a menu on a phone") {
  // The title and the controls as the header measures them at 13-pixel type: bpeviz, lessons, Dark,
  // Present, ?, Model and its picker, Encoding and its picker, Copy link.
  const std::vector<float> pieces{42, 150, 44, 67, 25, 240, 317, 76};
  const float narrowest = 789;  // the one-row form with both pickers at 55 % of their width
  CHECK(fit_header(1252, narrowest, pieces, 10, 2) == HeaderFit::one_row);  // 1280 less the padding
  CHECK(fit_header(789, narrowest, pieces, 10, 1) == HeaderFit::one_row);   // exactly fits, even on a short page
  CHECK(fit_header(740, narrowest, pieces, 10, 2) == HeaderFit::wrapped);   // a tablet upright (768)
  CHECK(fit_header(362, narrowest, pieces, 10, 2) == HeaderFit::menu);      // a phone (390)
  CHECK(fit_header(292, narrowest, pieces, 10, 2) == HeaderFit::menu);      // a small phone (320)
  // Wrapped means at most max_rows rows, the title's among them.
  CHECK(flow_row_count(pieces, 740, 10) == 2);
  CHECK(flow_row_count(pieces, 600, 10) == 3);
  CHECK(fit_header(600, narrowest, pieces, 10, 2) == HeaderFit::menu);
  CHECK(fit_header(600, narrowest, pieces, 10, 3) == HeaderFit::wrapped);
  // A short page (a phone on its side) never wraps: a second row would come out of the views' height.
  CHECK(fit_header(740, narrowest, pieces, 10, 1) == HeaderFit::menu);
}
