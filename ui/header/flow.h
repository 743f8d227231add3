// Lays a line of controls out as text flows: left to right, a new row where the next piece would pass the
// window's edge, so that a phone-wide page wraps the header, the counts and the tab bar instead of cutting them.
#pragma once
#include <span>
#include <vector>

namespace bpeviz {

// The row (0, 1, …) of each piece of the given widths, laid left to right `spacing` apart within
// `available`. A piece wider than `available` gets a row of its own (it cannot be made to fit by moving).
std::vector<int> flow_rows(std::span<const float> widths, float available, float spacing);

// How many rows flow_rows lays the pieces out on (0 for none).
int flow_row_count(std::span<const float> widths, float available, float spacing);

// The width the pieces take on one row: their widths and the spacing between them.
float flow_line_width(std::span<const float> widths, float spacing);


// How the header holds its controls: on one row beside the title (pickers narrowed to fit), wrapped onto
// rows under it (a tablet), or behind a menu button (a phone, where wrapping would take half the screen
// before the text box).
enum class HeaderFit { one_row, wrapped, menu };
// `one_row_width`: the narrowest one-row form; `pieces`: the title and the controls at their own widths, as
// they would wrap onto at most `max_rows` rows (1: never wrap, as on a phone on its side, whose height is short).
HeaderFit fit_header(float available, float one_row_width, std::span<const float> pieces, float spacing, int max_rows);

}  // namespace bpeviz
