// Rows for a line of controls that may not fit the window (see ui/header/flow.h).
#include "ui/header/flow.h"

namespace bpeviz {

std::vector<int> flow_rows(std::span<const float> widths, float available, float spacing) {
  std::vector<int> rows;
  rows.reserve(widths.size());
  int row = 0;
  float x = 0;  // where the current row ends so far
  for (std::size_t i = 0; i < widths.size(); ++i) {
    if (i > 0 && x + spacing + widths[i] > available) {
      ++row;
      x = widths[i];
    } else {
      x += (i > 0 ? spacing : 0.0f) + widths[i];
    }
    rows.push_back(row);
  }
  return rows;
}

int flow_row_count(std::span<const float> widths, float available, float spacing) {
  const std::vector<int> rows = flow_rows(widths, available, spacing);
  return rows.empty() ? 0 : rows.back() + 1;
}

float flow_line_width(std::span<const float> widths, float spacing) {
  float width = 0;
  for (std::size_t i = 0; i < widths.size(); ++i) width += (i > 0 ? spacing : 0.0f) + widths[i];
  return width;
}


HeaderFit fit_header(float available, float one_row_width, std::span<const float> pieces, float spacing, int max_rows) {
  if (one_row_width <= available) return HeaderFit::one_row;
  return max_rows > 1 && flow_row_count(pieces, available, spacing) <= max_rows ? HeaderFit::wrapped : HeaderFit::menu;
}

}  // namespace bpeviz
