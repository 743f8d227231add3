// Tiles in the order they are drawn: whole tokens ordered by the Unicode Bidirectional Algorithm. The
// expected orders are worked out by hand from UAX #9's rules (W7, N1, N2, I1, I2, L2).
#include <doctest/doctest.h>

#include <vector>

#include "ui/tokens/tile_order.h"

using namespace bpeviz;

namespace {
constexpr Direction L = Direction::left_to_right, R = Direction::right_to_left, N = Direction::neutral,
                    EN = Direction::number;

std::vector<uint32_t> drawn(std::vector<Direction> tiles, bool right_to_left_paragraph) {
  std::vector<uint32_t> order;
  visual_order(tiles, right_to_left_paragraph, order);
  return order;
}
}  // namespace

TEST_CASE("a left-to-right row keeps its order; a right-to-left paragraph's row is reversed") {
  CHECK(drawn({L, N, L, EN}, false) == std::vector<uint32_t>{0, 1, 2, 3});
  CHECK(drawn({}, true).empty());
  CHECK(drawn({R, N, R}, true) == std::vector<uint32_t>{2, 1, 0});
  CHECK(drawn({N, R}, true) == std::vector<uint32_t>{1, 0});
}

TEST_CASE("a Hebrew phrase in English text: its tiles reversed, the space at its edges left where they are") {
  // "see שלום עולם now": the spaces between Hebrew words reverse with them; those beside English stay.
  CHECK(drawn({L, N, R, N, R, N, L}, false) == std::vector<uint32_t>{0, 1, 4, 3, 2, 5, 6});
}

TEST_CASE("English words in a right-to-left paragraph keep their order among themselves") {
  CHECK(drawn({R, N, L, N, L, N, R}, true) == std::vector<uint32_t>{6, 5, 2, 3, 4, 1, 0});
}

TEST_CASE("a number's tiles read left to right inside right-to-left text") {
  // "العدد 123456 كبير" with the number cut into 123 and 456: the number reads 123 then 456.
  CHECK(drawn({R, N, EN, EN, N, R}, true) == std::vector<uint32_t>{5, 4, 2, 3, 1, 0});
  // In English text, a number after Hebrew belongs to the Hebrew run (W2 keeps it European, N1 takes it
  // as right to left): "Hello שלום 123" draws "Hello 123 םולש".
  CHECK(drawn({L, N, R, N, EN}, false) == std::vector<uint32_t>{0, 1, 4, 3, 2});
  // After an English word it is English (W7).
  CHECK(drawn({R, N, L, N, EN}, false) == std::vector<uint32_t>{0, 1, 2, 3, 4});
}
