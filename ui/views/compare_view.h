// The Compare tab: the text under two to four tokenizers at once, each with its token count and bytes
// per token, drawn as tiles; the boundaries that not every one of them has are marked
// (core/explain/boundary_diff.h), so where they cut the text differently shows at a glance. Scrolling one
// band scrolls the others to the same place in the text.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/catalog/encoding_set.h"
#include "core/text/pretokenize.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

struct CompareViewState {
  static constexpr std::size_t kMinEncodings = 2, kMaxEncodings = 4;

  std::vector<std::string> names;             // the tokenizers picked, in order (set when the tab first shows)
  std::map<std::string, std::string> failed;  // encodings whose download failed, and why

  struct Column {
    std::string name;
    bool ready = false;                 // its tokens are computed (its data is here)
    std::string error;                  // why it has no tokens: the special-token policy, a failed download
    std::vector<Token> tokens;
    std::vector<TokenGroup> groups;
    std::vector<uint32_t> marks;        // its own boundaries that another tokenizer lacks
    std::vector<Span> split_elsewhere;  // its tokens that another tokenizer cuts
    TokenViewState view;
    float view_rect[4] = {0, 0, 0, 0};  // the part of its tiles' box on screen last frame
    // The bands scroll together: where its box was scrolled last frame, and where to scroll it next
    // (-1: nowhere) after another band was scrolled; `following` for the frame that takes that in.
    float scroll_y = 0, scroll_to = -1;
    bool following = false;
  };
  std::vector<Column> columns;
  std::vector<uint32_t> differing;  // offsets that are a boundary in some ready columns but not all
  std::size_t boundaries = 0;       // offsets that are a boundary in any ready column

  // What the columns were computed for: recomputed when any of it changes (an encoding arriving too).
  uint64_t text_revision = 0;
  int policy_id = -1;
  std::vector<std::string> computed_names;
  std::vector<bool> computed_ready;
  uint64_t serial = 0;  // bumped with every computation, so the token views lay out again
};

struct CompareInput {
  std::string_view text;
  uint64_t text_revision = 0;
  const EncodingSet* encodings = nullptr;
  SpecialPolicy policy;
  int policy_id = 0;                   // identifies `policy` (with BOS/EOS) for the cache
  std::vector<std::string> offered;    // what the pickers offer
  std::string_view current_encoding;   // the page's: the default pick starts with it
  bool show_whitespace = true, byte_notation = false;  // the token view's switches
};

// The first pick: the page's encoding and one more (o200k_base, or cl100k_base beside it).
std::vector<std::string> default_compare_encodings(std::string_view current);
// Picks the tokenizers to compare: 2 to 4 offered names, none twice. Returns why not, or "".
std::string set_compare_encodings(CompareViewState& state, std::vector<std::string> names,
                                  const std::vector<std::string>& offered);
// The picked names whose data is not here (and not failed): the app has them fetched.
std::vector<std::string> compare_encodings_missing(const CompareViewState& state, const EncodingSet& encodings);
// Recomputes the columns when the text, the policy, the picks or the loaded encodings changed.
void update_compare_view(CompareViewState& state, const CompareInput& input);
void draw_compare_view(CompareViewState& state, const Fonts& fonts, const CompareInput& input);

}  // namespace bpeviz
