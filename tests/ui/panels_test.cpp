// The tabs' names in the page's API and links: each tab's name reads back as that tab, and a name that
// is no tab's (or differs in case) is refused.
#include <doctest/doctest.h>

#include <string>

#include "ui/panels.h"

using namespace bpeviz;

TEST_CASE("panel names") {
  const Panel all[] = {Panel::tokens, Panel::ids,     Panel::decode,  Panel::merges, Panel::studio,
                       Panel::tree,   Panel::schemes, Panel::compare, Panel::chat};
  for (const Panel panel : all) {
    CAPTURE(panel_name(panel));
    CHECK(panel_from_name(panel_name(panel)) == panel);
  }
  CHECK(std::string(panel_name(Panel::merges)) == "merges");
  CHECK(std::string(panel_name(Panel::studio)) == "studio");
  CHECK(panel_from_name("tree") == Panel::tree);
  CHECK_FALSE(panel_from_name("Tokens").has_value());
  CHECK_FALSE(panel_from_name("").has_value());
  CHECK_FALSE(panel_from_name("train").has_value());
}
