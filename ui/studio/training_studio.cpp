// The training studio: options, the player, and the step's pair, leaderboard, text, vocabulary and chart.
#include "ui/studio/training_studio.h"

#include "ui/access/record.h"
#include "ui/access/spoken.h"
#include "ui/text_box/text_entries.h"
#include "ui/tokens/labels.h"
#include "ui/views/step_buttons.h"
#include "ui/theme.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>
#include <imgui_stdlib.h>


namespace bpeviz {

namespace {

constexpr Pretokenizer kPretokenizers[] = {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::gpt2,
                                           Pretokenizer::cl100k, Pretokenizer::o200k};
constexpr const char* kTieLabels[] = {"greater pair", "first occurrence"};

// A token's bytes as a short quoted label: whitespace and control bytes visible, long tokens cut.
std::string quoted(std::string_view bytes, const ImFont* font = nullptr) { return quoted_token(bytes, 32, font); }

// Bytes in hex, "61 20 C3 A9", cut after 32.
std::string hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (std::size_t i = 0; i < bytes.size() && i < 32; ++i) {
    if (i > 0) out += ' ';
    out += kDigits[static_cast<unsigned char>(bytes[i]) >> 4];
    out += kDigits[static_cast<unsigned char>(bytes[i]) & 15];
  }
  if (bytes.size() > 32) out += " …";
  return out;
}

std::string_view training_text(const TrainingStudioState& state, const TrainingStudioInput& input) {
  const auto presets = training_presets();
  if (state.source >= 0 && static_cast<std::size_t>(state.source) < presets.size()) return presets[state.source].text;
  return input.text;
}

std::string_view token_bytes(const TrainingSession& s, uint32_t id) {
  if (id < s.model.tokens.size()) return s.model.tokens[id];
  for (const SpecialToken& special : s.model.specials) {
    if (special.id == id) return special.text;
  }
  return {};
}

void clamp_step(TrainingStudioState& state) {
  const uint32_t merges = state.trained ? state.session.merges() : 0;
  state.step = std::min(state.step, merges);
  if (state.step == merges) state.playing = false;
}

void forget_view(TrainingStudioState& state) {
  state.cache.clear();
  state.shown_step = UINT32_MAX;
}

// Rebuilds the token view's input when the step or the training changed.
void refresh_view(TrainingStudioState& state) {
  if (state.shown_step == state.step && state.shown_training == state.trainings) return;
  const std::vector<Token>& tokens = studio_tokens(state);
  state.tokens = tokens;
  state.groups = group_tokens_by_character(state.session.text, state.tokens);
  state.highlights.clear();
  if (state.step > 0) {
    const uint32_t made = state.session.steps[state.step - 1].merge.id;
    for (const Token& t : state.tokens) {
      if (t.id == made) state.highlights.push_back({t.begin, t.end});
    }
  }
  auto encoding = make_model_encoding(trained_model(state), "trained");
  if (encoding.ok()) state.shown_encoding = std::move(encoding.value);
  state.shown_step = state.step;
  state.shown_training = state.trainings;
  ++state.view_revision;
}

}  // namespace

void select_training_preset(TrainingStudioState& state, int index) {
  const auto presets = training_presets();
  if (index < 0 || static_cast<std::size_t>(index) >= presets.size()) {
    state.source = TrainingStudioState::kSourceText;
  } else {
    const TrainingPreset& p = presets[index];
    state.source = index;
    state.num_merges = p.num_merges;
    state.pretokenizer = p.pretokenizer;
    state.tie = p.tie;
    state.specials = p.specials;
    state.step = 0;
  }
  state.playing = false;
  state.train_request = true;
}

bool training_is_stale(const TrainingStudioState& state, const TrainingStudioInput& input) {
  if (state.trained_source != state.source || state.trained_num_merges != state.num_merges ||
      state.trained_pretokenizer != state.pretokenizer || state.trained_specials != state.specials ||
      state.trained_tie != state.tie) {
    return true;
  }
  return state.source == TrainingStudioState::kSourceText && state.trained_text_revision != input.text_revision;
}

void train_studio(TrainingStudioState& state, const TrainingStudioInput& input) {
  // A new training of the current text shows its end; a sample starts from the bytes, to be played.
  // A retraining stays at its step, or at the end if it was there.
  const bool at_end = state.trained ? state.step == state.session.merges() : state.source == TrainingStudioState::kSourceText;
  state.train_request = false;
  state.trained_source = state.source;
  state.trained_text_revision = input.text_revision;
  state.trained_num_merges = state.num_merges;
  state.trained_pretokenizer = state.pretokenizer;
  state.trained_specials = state.specials;
  state.trained_tie = state.tie;
  ++state.trainings;
  forget_view(state);

  TrainerOptions options;
  options.num_merges = state.num_merges;
  options.pretokenizer = state.pretokenizer;
  options.specials = parse_special_tokens(state.specials);
  options.tie = state.tie;
  options.top_k = 8;
  auto session = train_session(training_text(state, input), options);
  state.trained = session.ok();
  state.error = session.error;
  state.session = session.ok() ? std::move(session.value) : TrainingSession{};
  if (at_end && state.trained) state.step = state.session.merges();
  clamp_step(state);
}

void update_training_studio(TrainingStudioState& state, const TrainingStudioInput& input, double now) {
  if (state.source < TrainingStudioState::kSourceText || state.source >= static_cast<int>(training_presets().size())) {
    state.source = TrainingStudioState::kSourceText;  // set from outside to no preset: the current text
  }
  if (state.train_request) {
    train_studio(state, input);
  } else if (state.auto_train && training_is_stale(state, input) &&
             training_text(state, input).size() <= TrainingStudioState::kAutoTrainBytes) {
    train_studio(state, input);
  }
  clamp_step(state);
  std::size_t step = state.step;
  advance_playback({step, state.playing, state.steps_per_second, state.last_step_time},
                   state.trained ? state.session.merges() : 0, now);
  state.step = static_cast<uint32_t>(step);
  clamp_step(state);
}

const std::vector<Token>& studio_tokens(TrainingStudioState& state) {
  static const std::vector<Token> kNone;
  if (!state.trained) return kNone;
  for (auto& c : state.cache) {
    if (c.step == state.step && c.training == state.trainings) {
      c.used = ++state.cache_clock;
      return c.tokens;
    }
  }
  // Stepping forward a little from a step at hand applies those merges to its tokens (a few ms for a
  // megabyte); anything else encodes the text with the model after `step` merges (~100-300 ms for a
  // megabyte natively, the pre-tokenizer "none" being the slowest: one piece of a million bytes).
  const TrainingStudioState::Cached* from = nullptr;
  for (const auto& c : state.cache) {
    if (c.training == state.trainings && c.step < state.step && state.step - c.step <= TrainingStudioState::kAdvanceSteps &&
        (!from || c.step > from->step)) {
      from = &c;
    }
  }
  Result<std::vector<Token>> tokens;
  if (from) {
    tokens.value = advance_segmentation(state.session, from->tokens, from->step, state.step);
  } else {
    tokens = segmentation_at(state.session, state.step);
  }
  state.shown_error = tokens.error;
  if (!tokens.ok()) return kNone;
  // Keep the total bounded: drop the least recently used steps first.
  std::size_t total = tokens.value.size();
  for (const auto& c : state.cache) total += c.tokens.size();
  while (!state.cache.empty() && total > TrainingStudioState::kCacheTokens) {
    auto oldest = std::min_element(state.cache.begin(), state.cache.end(),
                                   [](const auto& a, const auto& b) { return a.used < b.used; });
    total -= oldest->tokens.size();
    state.cache.erase(oldest);
  }
  state.cache.push_back({state.step, state.trainings, std::move(tokens.value), ++state.cache_clock});
  return state.cache.back().tokens;
}

std::string describe_training_step(const TrainingStudioState& state, uint32_t step, bool spoken) {
  if (!state.trained) return state.error;
  const TrainingSession& s = state.session;
  if (step == 0) {
    std::string out = "Start: one token per byte, " + thousands(s.tokens[0]) + " tokens. " +
                      thousands(s.merges()) + (s.merges() == 1 ? " merge" : " merges") + " to play";
    if (s.merges() < s.options.num_merges) out += " (training stopped early: no adjacent pair was left)";
    return out + ".";
  }
  step = std::min(step, s.merges());
  const TrainingStep& t = s.steps[step - 1];
  const auto said = [spoken](std::string_view bytes) { return spoken ? spoken_quote(bytes, 48) : quoted(bytes); };
  const auto part_id = [spoken](uint32_t id) { return spoken ? std::string() : " (" + std::to_string(id) + ")"; };
  std::string out = "Step " + thousands(step) + " of " + thousands(s.merges()) + ": " + said(token_bytes(s, t.merge.left)) +
                    part_id(t.merge.left) + " + " + said(token_bytes(s, t.merge.right)) + part_id(t.merge.right) + " → " +
                    said(token_bytes(s, t.merge.id)) + (spoken ? ", id " : " id ") + std::to_string(t.merge.id);
  if (t.reused_id) out += " (those bytes already had this id)";
  out += ", counted " + thousands(t.count) + (t.count == 1 ? " time" : " times");
  if (t.count != t.replaced) out += " (overlaps included)";
  out += ", replaced at " + thousands(t.replaced) + (t.replaced == 1 ? " place: " : " places: ") +
         thousands(s.tokens[step - 1]) + " → " + thousands(s.tokens[step]) + " tokens.";
  return out;
}

void update_merge_prediction(TrainingStudioState& state) {
  follow_prediction(state.predict, state.session, state.trainings, state.trained ? state.session.merges() : 0, state.step,
                    state.playing);
}

BpeModel trained_model(const TrainingStudioState& state) { return trained_model(state, state.step); }

BpeModel trained_model(const TrainingStudioState& state, uint32_t k) {
  if (!state.trained) return BpeModel::bytes_only(state.pretokenizer);
  return model_at(state.session, k);
}

std::string trained_model_name(const TrainingStudioState& state) {
  const uint32_t k = state.trained ? std::min(state.step, state.session.merges()) : 0;
  return "trained (" + std::to_string(k) + (k == 1 ? " merge)" : " merges)");
}

Result<ExportFile> export_training(const TrainingStudioState& state, std::string_view kind) {
  if (!state.trained) return Result<ExportFile>::failure("Nothing is trained yet.");
  return export_session(state.session, state.step, kind);
}

namespace {

void draw_options(TrainingStudioState& state, const TrainingStudioInput& input) {
  const float em = ImGui::GetFontSize();
  const auto presets = training_presets();
  ImGui::SetNextItemWidth(em * 13);
  const char* source_label = state.source >= 0 ? presets[state.source].name : "the current text";
  if (ImGui::BeginCombo("##source", source_label)) {
    if (ImGui::Selectable("the current text", state.source == TrainingStudioState::kSourceText)) {
      select_training_preset(state, TrainingStudioState::kSourceText);
    }
    ImGui::Separator();
    for (int i = 0; i < static_cast<int>(presets.size()); ++i) {
      if (ImGui::Selectable(presets[i].name, state.source == i)) select_training_preset(state, i);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Train on the text in the editor, or on a sample");

  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 6.5f);
  if (ImGui::BeginCombo("pre-tokens", std::string(pretokenizer_name(state.pretokenizer)).c_str())) {
    for (Pretokenizer p : kPretokenizers) {
      if (ImGui::Selectable(std::string(pretokenizer_name(p)).c_str(), state.pretokenizer == p)) state.pretokenizer = p;
    }
    ImGui::EndCombo();
  }

  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 8);
  int tie = state.tie == TieRule::greater ? 0 : 1;
  if (ImGui::Combo("ties", &tie, kTieLabels, 2)) state.tie = tie == 0 ? TieRule::greater : TieRule::first;
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Of pairs with equal counts, merge the lexicographically greater one (CS336),\n"
                      "or the one that occurs first in the text");
  }

  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 9);
  int merges = static_cast<int>(state.num_merges);
  if (ImGui::SliderInt("merges", &merges, 1, TrainingStudioState::kMaxMerges, "%d", ImGuiSliderFlags_Logarithmic)) {
    state.num_merges = static_cast<uint32_t>(std::clamp<int>(merges, 1, TrainingStudioState::kMaxMerges));
  }

  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::max(em * 6, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("specials").x -
                                               ImGui::GetStyle().ItemInnerSpacing.x));
  ImGui::InputTextWithHint("specials", "special tokens, comma-separated", &state.specials);
  note_text_entry();  // a tap on it opens a phone's keyboard
  (void)input;
}

void draw_player(TrainingStudioState& state, AccessMirror* access) {
  const uint32_t merges = state.trained ? state.session.merges() : 0;
  const float em = ImGui::GetFontSize();
  const bool train = ImGui::Button("Train");
  if ((access && mirror_control(*access, AccessRole::button, "studio:train", "Train")) || train) state.train_request = true;
  ImGui::SameLine();
  // The shared controls count steps in std::size_t; the studio keeps uint32_t (merges are few).
  std::size_t step_shown = state.step;
  const StepPlayback playback{step_shown, state.playing, state.steps_per_second, state.last_step_time, access, "studio"};
  draw_step_buttons(playback, merges, em * 7);
  state.step = static_cast<uint32_t>(step_shown);
  ImGui::SameLine();
  bool predict = state.predict.on;
  bool switched = ImGui::Checkbox("Predict", &predict);
  if (access && mirror_control(*access, AccessRole::checkbox, "studio:predict", "Predict each merge", state.predict.on) && !switched) {
    predict = !predict;
    switched = true;
  }
  if (switched) set_prediction(state.predict, predict, state.step, merges);
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("Guess each merge before it is shown: stepping forward asks which pair wins,\n"
                      "and the studio keeps score");
  }

  // The scrub slider takes what the two buttons at the end leave.
  const ImGuiStyle& style = ImGui::GetStyle();
  const std::string use_label = "Use in visualizer";
  const float buttons = ImGui::CalcTextSize(use_label.c_str()).x + ImGui::CalcTextSize("Export...").x +
                        4 * style.FramePadding.x + 2 * style.ItemSpacing.x;
  ImGui::SameLine();
  int step = static_cast<int>(state.step);
  ImGui::SetNextItemWidth(std::max(em * 8, ImGui::GetContentRegionAvail().x - buttons));
  ImGui::BeginDisabled(merges == 0);
  bool scrubbed = ImGui::SliderInt("##step", &step, 0, static_cast<int>(merges), "step %d");
  if (access) {
    const AccessRange range{0, static_cast<float>(merges), static_cast<float>(state.step), 1};
    if (const auto v = mirror_slider(*access, "studio:step", "Merge step", range, merges == 0)) {
      step = static_cast<int>(*v);
      scrubbed = true;
    }
  }
  if (scrubbed) {
    state.step = static_cast<uint32_t>(std::max(0, step));
    state.playing = false;
  }
  ImGui::EndDisabled();

  ImGui::SameLine();
  ImGui::BeginDisabled(!state.trained);
  const bool use = ImGui::Button(use_label.c_str());
  if ((access && mirror_control(*access, AccessRole::button, "studio:use", use_label, false, !state.trained)) || use) {
    state.use_request = true;
  }
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Add the model after %u merges to the visualizer's encodings", state.step);
  }
  ImGui::SameLine();
  if (ImGui::Button("Export...")) ImGui::OpenPopup("export");
  ImGui::EndDisabled();
  if (ImGui::BeginPopup("export")) {
    ImGui::TextDisabled("the model after %u merges as", state.step);
    const char* labels[] = {"model file (loads back)", "vocabulary, readable", ".tiktoken ranks",
                            "vocab.json (GPT-2 / Hugging Face)", "merges.txt (GPT-2 / Hugging Face)"};
    for (std::size_t i = 0; i < std::size(kExportKinds); ++i) {
      if (ImGui::Selectable(labels[i])) state.export_request = kExportKinds[i];
    }
    ImGui::EndPopup();
  }

  if (state.trained) {
    step_shown = state.step;
    handle_step_keys(playback, merges);
    state.step = static_cast<uint32_t>(step_shown);
  }
}

// The winner and the pairs it beat; rows whose count equals the winner's are ties, broken by the rule.
void draw_leaderboard(const TrainingStudioState& state) {
  const TrainingSession& s = state.session;
  if (state.step == 0) {
    ImGui::TextDisabled("Step forward to see which pairs compete for the first merge.");
    return;
  }
  const TrainingStep& t = s.steps[state.step - 1];
  bool any_tie = false;
  for (const PairCount& p : t.runners_up) any_tie |= p.count == t.count;
  ImGui::Text("Top pairs before step %u", state.step);
  if (any_tie) {
    ImGui::SameLine();
    ImGui::TextColored(palette().warning, "tie, broken by %s",
                       s.options.tie == TieRule::greater ? "the greater pair" : "the first occurrence");
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("leaderboard", 4, flags)) return;
  ImGui::TableSetupColumn("#");
  ImGui::TableSetupColumn("pair", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("ids");
  ImGui::TableSetupColumn("count");
  ImGui::TableHeadersRow();
  auto row = [&](std::size_t rank, uint32_t left, uint32_t right, uint64_t count, bool winner) {
    ImGui::TableNextRow();
    if (winner) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, palette().winner_row);
    } else if (count == t.count) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, palette().tie_row);
    }
    ImGui::TableNextColumn();
    ImGui::Text("%zu", rank);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((quoted(token_bytes(s, left)) + " + " + quoted(token_bytes(s, right))).c_str());
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s + %s%s", hex(token_bytes(s, left)).c_str(), hex(token_bytes(s, right)).c_str(),
                        winner ? (", first at byte " + std::to_string(t.first_offset)).c_str() : "");
    }
    ImGui::TableNextColumn();
    ImGui::Text("%u %u", left, right);
    ImGui::TableNextColumn();
    ImGui::Text("%s%s", thousands(count).c_str(), winner ? "  wins" : count == t.count ? "  tie" : "");
  };
  row(1, t.merge.left, t.merge.right, t.count, true);
  for (std::size_t i = 0; i < t.runners_up.size(); ++i) {
    const PairCount& p = t.runners_up[i];
    row(i + 2, p.left, p.right, p.count, false);
  }
  ImGui::EndTable();
  if (t.runners_up.empty()) ImGui::TextDisabled("No other pair was left.");
}

// The question before merge step + 1: the competing pairs as buttons in byte order, without counts.
// Clicking one answers and reveals the merge.
void draw_prediction_question(TrainingStudioState& state, const Fonts& fonts, AccessMirror* access) {
  const TrainingSession& s = state.session;
  const std::vector<PairCount> candidates = prediction_candidates(s, state.step + 1);
  ImGui::PushFont(fonts.text);
  ImGui::PushTextWrapPos(0);
  const ImVec4 ask(0.55f, 0.8f, 1, 1);
  const std::string question = "Merge " + std::to_string(state.step + 1) +
                               (candidates.size() == 1 ? ": only one pair is left, so it must win. Click it."
                                                       : ": which of these " + std::to_string(candidates.size()) +
                                                             " pairs is the most frequent now? Click your guess.");
  ImGui::TextColored(ask, "%s", question.c_str());
  if (access) mirror_live_text(*access, "studio:question", question);
  ImGui::PopTextWrapPos();
  ImGui::Spacing();
  // Big targets, wrapped to the panel's width: they are read on a projector and clicked on a laptop.
  ImGui::SetWindowFontScale(1.2f);
  const float em = ImGui::GetFontSize();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(em * 0.7f, em * 0.4f));
  const float right_edge = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  state.candidate_rects.clear();
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const PairCount& c = candidates[i];
    const std::string label = quoted(token_bytes(s, c.left), fonts.text) + " + " + quoted(token_bytes(s, c.right), fonts.text) +
                              "##candidate" + std::to_string(i);
    const float width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (i > 0 && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <= right_edge) ImGui::SameLine();
    bool clicked = ImGui::Button(label.c_str());
    if (access) {
      const std::string said = spoken_quote(token_bytes(s, c.left), 48) + " + " + spoken_quote(token_bytes(s, c.right), 48);
      clicked = mirror_control(*access, AccessRole::button, "studio:candidate:" + std::to_string(i), said) || clicked;
    }
    const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
    state.candidate_rects.insert(state.candidate_rects.end(), {min.x, min.y, size.x, size.y});
    if (clicked) {
      guess_merge(state.predict, s, state.step, static_cast<int>(i));
      break;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s + %s", hex(token_bytes(s, c.left)).c_str(), hex(token_bytes(s, c.right)).c_str());
  }
  ImGui::PopStyleVar();
  ImGui::SetWindowFontScale(1);
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::PushTextWrapPos(0);
  if (state.predict.asked > 0) ImGui::Text("Score so far: %u of %u right", state.predict.right, state.predict.asked);
  ImGui::TextDisabled("In byte order; counts stay hidden until you guess. Next, the right arrow or space shows the "
                      "merge without a guess.");
  ImGui::PopTextWrapPos();
}

// The verdict on the merge shown, if it was asked, and the score. (The score is not in the player's
// row: that row has no room left at 1280 px.)
void draw_prediction_verdict(const TrainingStudioState& state, const Fonts& fonts, AccessMirror* access) {
  const MergePrediction& p = state.predict;
  if (!p.on && p.asked == 0) return;
  ImGui::PushFont(fonts.text);
  ImGui::PushTextWrapPos(0);
  const std::string verdict = describe_answer(state.session, p, state.step);
  if (!verdict.empty()) {
    const MergeAnswer& a = p.answers[state.step - 1];
    const ImVec4 colour = a.guess < 0 ? palette().neutral : a.right ? palette().verdict_right : palette().verdict_wrong;
    ImGui::TextColored(colour, "%s", verdict.c_str());
  }
  ImGui::Text("Score: %u of %u right", p.right, p.asked);
  // Said as it comes: the verdict on the guess just made, and the score.
  if (access) mirror_live_text(*access, "studio:verdict", verdict + (verdict.empty() ? "" : " ") + "Score: " +
                                                           std::to_string(p.right) + " of " + std::to_string(p.asked) + " right.");
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::Spacing();
}

// One series against merges, with a line at the shown step; clicking or dragging on it scrubs.
void draw_series(TrainingStudioState& state, const char* label, const std::vector<float>& values, float height) {
  if (values.empty()) return;
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%s: %.4g at step %u", label, values[std::min<std::size_t>(state.step, values.size() - 1)],
                state.step);
  const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
  ImGui::PlotLines((std::string("##") + label).c_str(), values.data(), static_cast<int>(values.size()), 0, overlay,
                   *lo - (*hi - *lo) * 0.05f, *hi + (*hi - *lo) * 0.05f + 1e-6f, ImVec2(-1, height));
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  const ImVec2 pad = ImGui::GetStyle().FramePadding;
  const float x0 = min.x + pad.x, x1 = max.x - pad.x;
  const std::size_t last = values.size() - 1;
  if (last > 0) {
    const float x = x0 + (x1 - x0) * static_cast<float>(state.step) / static_cast<float>(last);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x, min.y), ImVec2(x, max.y), palette().chart_marker, 2);
    if (ImGui::IsItemHovered() && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
      const float f = std::clamp((ImGui::GetIO().MousePos.x - x0) / std::max(1.0f, x1 - x0), 0.0f, 1.0f);
      state.step = static_cast<uint32_t>(f * static_cast<float>(last) + 0.5f);
      state.playing = false;
    }
  }
}

void draw_vocabulary(TrainingStudioState& state) {
  const TrainingSession& s = state.session;
  uint32_t tokens = 256;  // ids are handed out in merge order: the largest so far + 1
  for (uint32_t i = 0; i < state.step; ++i) tokens = std::max(tokens, s.steps[i].merge.id + 1);
  std::string heading = "Vocabulary: 256 bytes + " + thousands(tokens - 256) + " merged";
  if (!s.model.specials.empty()) heading += " + " + std::to_string(s.model.specials.size()) + " special";
  heading += " = " + thousands(tokens + s.model.specials.size()) + " tokens";
  ImGui::TextUnformatted(heading.c_str());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("vocabulary", 6, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("step");
  ImGui::TableSetupColumn("id");
  ImGui::TableSetupColumn("bytes", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("made from", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("count");
  ImGui::TableSetupColumn("replaced");
  ImGui::TableHeadersRow();
  const int rows = static_cast<int>(state.step);
  if (state.vocab_scrolled_to != state.step) {  // keep the step's row in view as the step moves
    const float row_height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(rows + 1) * row_height - ImGui::GetWindowHeight() / 2));
    state.vocab_scrolled_to = state.step;
  }
  ImGuiListClipper clipper;
  clipper.Begin(rows);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const TrainingStep& t = s.steps[static_cast<std::size_t>(i)];
      ImGui::TableNextRow();
      if (i + 1 == rows) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, palette().winner_row);
      ImGui::TableNextColumn();
      ImGui::Text("%d", i + 1);
      ImGui::TableNextColumn();
      ImGui::Text("%u", t.merge.id);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(quoted(token_bytes(s, t.merge.id)).c_str());
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hex(token_bytes(s, t.merge.id)).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%u %s + %u %s", t.merge.left, quoted(token_bytes(s, t.merge.left)).c_str(), t.merge.right,
                  quoted(token_bytes(s, t.merge.right)).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(thousands(t.count).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(thousands(t.replaced).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace

void draw_training_studio(TrainingStudioState& state, const Fonts& fonts, const TrainingStudioInput& input) {
  update_training_studio(state, input, ImGui::GetTime());
  draw_options(state, input);
  draw_player(state, input.access);
  clamp_step(state);
  update_merge_prediction(state);

  // A line for the preset's caption, or for what is out of date.
  ImGui::PushTextWrapPos(0);
  if (training_is_stale(state, input) && !state.train_request) {
    ImGui::TextColored(palette().warning, "The %s or the options changed since this training: press Train.",
                       state.source >= 0 ? "sample" : "text");
  } else if (state.source >= 0) {
    ImGui::TextColored(palette().caption, "%s", training_presets()[state.source].caption);
  }
  if (!state.trained) {
    ImGui::PushFont(fonts.text);
    ImGui::TextColored(palette().error, "%s", state.error.empty() ? "Press Train." : state.error.c_str());
    ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  if (!state.trained) return;
  ImGui::PushFont(fonts.text);
  ImGui::TextWrapped("%s", describe_training_step(state, state.step).c_str());
  ImGui::PopFont();
  if (input.access) mirror_live_text(*input.access, "studio:description", describe_training_step(state, state.step, true));

  // Left: the leaderboard and the chart. Right: the text at this step over the growing vocabulary.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float left_width = std::max(280.0f, avail.x * 0.38f);
  ImGui::BeginChild("studio left", ImVec2(left_width, 0), false);
  if (!state.predict.pending) state.candidate_rects.clear();
  if (state.predict.pending) {
    // Neither the leaderboard nor the charts (the token count drops by the places merged) while asked:
    // they would give the answer away.
    draw_prediction_question(state, fonts, input.access);
  } else {
    draw_prediction_verdict(state, fonts, input.access);
    draw_leaderboard(state);
    ImGui::Spacing();
    const float chart_height = std::max(48.0f, (ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y) / 2);
    draw_series(state, "tokens", token_series(state.session), chart_height);
    draw_series(state, "bytes/token", bytes_per_token_series(state.session), chart_height);
  }
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("studio right", ImVec2(0, 0), false);
  refresh_view(state);
  if (!state.shown_error.empty()) ImGui::TextColored(palette().error, "%s", state.shown_error.c_str());
  const float text_height = std::max(80.0f, ImGui::GetContentRegionAvail().y * 0.55f);
  ImGui::BeginChild("studio text", ImVec2(0, text_height), true);
  TokenViewInput view;
  view.revision = state.view_revision;
  view.text = state.session.text;
  view.tokens = state.tokens;
  view.groups = state.groups;
  view.pieces = state.session.pieces;
  view.encoding = &state.shown_encoding;
  view.highlights = state.highlights;
  draw_token_view(state.view, fonts, view);
  ImGui::EndChild();
  draw_vocabulary(state);
  ImGui::EndChild();
}

}  // namespace bpeviz
