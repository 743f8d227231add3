// The encode player view: the text's merges step by step (core/explain/encode_player.h), from one token per
// byte to the encode result, drawn with the token view. Controls: first / back / play-pause /
// forward / last, a speed, a scrub slider; space plays or pauses and the arrow keys step while the
// view has the keyboard. Each step names the pair merged (bytes and ids), its rank, the new id, the
// places it applied (outlined in red) and the token count.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/explain/encode_player.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

struct AccessMirror;

struct EncodePlayerState {
  std::size_t step = 0;  // steps applied: 0 shows the bytes
  bool playing = false;
  float steps_per_second = 3;
  double last_step_time = 0;
  // Longer texts are played a part at a time: this many bytes from `part_begin` (widened to whole
  // pre-tokens).
  static constexpr uint32_t kPartBytes = 2048;
  uint32_t part_begin = 0;

  // The script, rebuilt when the text, the encoding, the policy or the part changes.
  EncodePlayer player;
  bool built = false;
  std::string error;  // why there is no script (a special token the policy refuses)
  uint64_t built_revision = 0;
  const Encoding* built_encoding = nullptr;
  int built_policy = -1;
  uint32_t built_part = 0;

  // The tokens at `shown_step`, for the token view.
  std::size_t shown_step = SIZE_MAX;
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  std::vector<Span> highlights;
  uint64_t view_revision = 0;
  TokenViewState view;
};

struct EncodePlayerInput {
  std::string_view text;
  uint64_t text_revision = 0;
  const Encoding* encoding = nullptr;  // null: the byte-level baseline, which has nothing to play
  SpecialPolicy policy;
  int policy_id = 0;                    // identifies `policy`, so a change rebuilds the script
  AccessMirror* access = nullptr;       // the page's semantic copy, which gets the step and the controls
};

// Builds or rebuilds the script when its inputs changed, and keeps `step` in range.
void update_encode_player(EncodePlayerState& state, const EncodePlayerInput& input);
// `click_hint`: what a click on a tile does (the app reads state.view.clicked_group), for the tooltip.
void draw_encode_player(EncodePlayerState& state, const Fonts& fonts, const EncodePlayerInput& input,
                        const char* click_hint = nullptr);

// The step's one-line description, e.g. `Step 3 of 41: " " (220) + "t" (83) → " t", rank/id 259, at 5 places; 1,203 tokens`.
// `spoken`: as a screen reader says it (ui/access/spoken.h), without the parts' ids:
// `Step 3 of 41: ' ' + 't' → ' t', id 259, at 5 places; 1,203 tokens`.
std::string describe_player_step(const EncodePlayerState& state, std::string_view text, std::size_t step,
                                 bool spoken = false);

}  // namespace bpeviz
