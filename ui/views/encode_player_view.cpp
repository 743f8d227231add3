// The encode player view: controls, the step's description, and the tokens at the step.
#include "ui/views/encode_player_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/access/spoken.h"
#include "ui/tokens/labels.h"
#include "ui/views/step_buttons.h"

namespace bpeviz {

namespace {

void refresh_view(EncodePlayerState& state, std::string_view text) {
  if (state.shown_step == state.step) return;
  state.shown_step = state.step;
  state.tokens = state.built ? state.player.tokens_at(state.step) : std::vector<Token>{};
  state.groups = group_tokens_by_character(text, state.tokens);
  state.highlights.clear();
  if (state.built && state.step > 0) {
    for (const PlayerPlace& p : state.player.steps()[state.step - 1].places) state.highlights.push_back({p.begin, p.end});
  }
  ++state.view_revision;
}

}  // namespace

void update_encode_player(EncodePlayerState& state, const EncodePlayerInput& in) {
  const uint32_t size = static_cast<uint32_t>(in.text.size());
  state.part_begin = std::min(state.part_begin, size);
  if (state.built_revision == in.text_revision && state.built_encoding == in.encoding && state.built_policy == in.policy_id &&
      state.built_part == state.part_begin) {
    return;
  }
  state.built_revision = in.text_revision;
  state.built_encoding = in.encoding;
  state.built_policy = in.policy_id;
  state.built_part = state.part_begin;
  state.built = false;
  state.error.clear();
  state.shown_step = SIZE_MAX;
  if (!in.encoding) {
    state.error = "The byte-level baseline has no merges: pick an encoding to watch its merges.";
  } else {
    const uint32_t end = std::min<uint32_t>(size, state.part_begin + EncodePlayerState::kPartBytes);
    auto player = EncodePlayer::create(*in.encoding, in.text, in.policy, {state.part_begin, std::max(end, state.part_begin)});
    if (player.ok()) {
      state.player = std::move(player.value);
      state.built = true;
    } else {
      state.error = player.error;
    }
  }
  // A new script starts from the bytes.
  state.step = 0;
  state.playing = false;
}

std::string describe_player_step(const EncodePlayerState& state, std::string_view text, std::size_t step, bool spoken) {
  if (!state.built) return state.error;
  const auto quoted = [spoken](std::string_view bytes) { return spoken ? spoken_quote(bytes, 48) : quoted_token(bytes, 24); };
  const auto part_id = [spoken](uint32_t id) { return spoken ? std::string() : " (" + std::to_string(id) + ")"; };
  const auto& steps = state.player.steps();
  if (step == 0) {
    return "Start: one token per byte — " + thousands(state.player.tokens_before()) + " tokens. " +
           thousands(steps.size()) + " merge steps to go.";
  }
  const PlayerStep& s = steps[step - 1];
  const PlayerPlace& first = s.places.front();
  const std::string_view made = text.substr(first.begin, first.end - first.begin);
  std::string out = "Step " + thousands(step) + " of " + thousands(steps.size()) + ": ";
  const auto [left, right] = state.player.parts(first);
  if (first.mid == first.begin) {
    out += quoted(made) + " is a token itself: taken whole (id " + std::to_string(s.id) + ")";
  } else {
    out += quoted(text.substr(first.begin, first.mid - first.begin)) + part_id(left) + " + " +
           quoted(text.substr(first.mid, first.end - first.mid)) + part_id(right) + " → " + quoted(made) +
           (s.rank == s.id ? (spoken ? ", id " : ", rank/id ") + std::to_string(s.id)
                           : ", id " + std::to_string(s.id) + " (merge " + thousands(s.rank + 1) + " in the merges list)");
  }
  out += ", at " + thousands(s.places.size()) + (s.places.size() == 1 ? " place" : " places") + "; " +
         thousands(s.tokens_after) + " tokens";
  return out;
}

void draw_encode_player(EncodePlayerState& state, const Fonts& fonts, const EncodePlayerInput& in, const char* click_hint) {
  update_encode_player(state, in);
  const std::size_t steps = state.built ? state.player.steps().size() : 0;

  // Controls: one row, big enough to hit on a projector.
  const StepPlayback playback{state.step, state.playing, state.steps_per_second, state.last_step_time, in.access, "player"};
  ImGui::BeginDisabled(!state.built);
  draw_step_buttons(playback, steps, ImGui::GetFontSize() * 9);
  ImGui::SameLine();
  int step = static_cast<int>(state.step);
  ImGui::SetNextItemWidth(std::max(120.0f, ImGui::GetContentRegionAvail().x));
  if (ImGui::SliderInt("##step", &step, 0, static_cast<int>(steps), "step %d")) state.step = static_cast<std::size_t>(step);
  if (in.access) {
    const AccessRange range{0, static_cast<float>(steps), static_cast<float>(state.step), 1};
    if (const auto v = mirror_slider(*in.access, "player:step", "Step", range, !state.built)) state.step = static_cast<std::size_t>(*v);
  }
  ImGui::EndDisabled();
  if (state.built) handle_step_keys(playback, steps);
  advance_playback(playback, steps, ImGui::GetTime());

  if (in.text.size() > EncodePlayerState::kPartBytes) {
    int part = static_cast<int>(state.part_begin);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::SliderInt("part played (from byte)", &part, 0, static_cast<int>(in.text.size()) - 1)) {
      state.part_begin = static_cast<uint32_t>(part);
      update_encode_player(state, in);
    }
    if (state.built) {
      ImGui::SameLine();
      ImGui::TextDisabled("bytes %u–%u of %zu", state.player.span().begin, state.player.span().end, in.text.size());
    }
  }

  ImGui::PushFont(fonts.text);
  ImGui::TextWrapped("%s", describe_player_step(state, in.text, state.step).c_str());
  ImGui::PopFont();
  // The step in the mirror, said as it changes (stepped by a key or playing: a screen reader is told politely,
  // a few times a second at most, web/page/access/).
  if (in.access) mirror_live_text(*in.access, "player:description", describe_player_step(state, in.text, state.step, true));
  if (!state.built) return;
  refresh_view(state, in.text);
  TokenViewInput view;
  view.revision = state.view_revision;
  view.text = in.text;
  view.tokens = state.tokens;
  view.groups = state.groups;
  view.encoding = in.encoding;
  view.highlights = state.highlights;
  view.click_hint = click_hint;
  ImGui::BeginChild("player tokens", ImVec2(0, 0), false);
  draw_token_view(state.view, fonts, view);
  ImGui::EndChild();
}

}  // namespace bpeviz
