// The training studio: its presets give the literature's answers, stepping shows what the trainer
// made after k merges, the chart and the exports agree with the model, and the view draws headless
// (empty text and bad options included) without crashing.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include <imgui.h>
#include <imgui_internal.h>

#include "core/train/bpe_trainer.h"
#include "core/formats/gpt2_files.h"
#include "core/formats/model_file.h"
#include "core/formats/tiktoken_file.h"
#include "tests/ui/frames.h"
#include "ui/studio/training_studio.h"

using namespace bpeviz;
using bpeviz::test::default_fonts;

namespace {

// The studio is laid out for a 1280×720 screen.
struct HeadlessImGui : bpeviz::test::HeadlessImGui {
  HeadlessImGui() { ImGui::GetIO().DisplaySize = ImVec2(1280, 720); }
};

void run_frame(TrainingStudioState& state, const TrainingStudioInput& input, float dt = 1.0f / 60) {
  bpeviz::test::studio_frame_headless(state, input, dt);
}

int preset_index(std::string_view text) {
  const auto presets = training_presets();
  for (std::size_t i = 0; i < presets.size(); ++i) {
    if (presets[i].text == text) return static_cast<int>(i);
  }
  FAIL("no preset with text " << text);
  return -1;
}

// The merges as "left right" pairs of bytes, as the literature writes them.
std::string merge_names(const BpeModel& model) {
  std::string out;
  for (const auto& m : model.merges) out += (out.empty() ? "" : ", ") + model.tokens[m.left] + " " + model.tokens[m.right];
  return out;
}

TrainingStudioState trained_preset(std::string_view text, const TrainingStudioInput& input = {}) {
  TrainingStudioState state;
  select_training_preset(state, preset_index(text));
  update_training_studio(state, input, 0);
  return state;
}

TrainerOptions options_of(const TrainingStudioState& state) {
  TrainerOptions o;
  o.num_merges = state.num_merges;
  o.pretokenizer = state.pretokenizer;
  o.specials = parse_special_tokens(state.specials);
  o.tie = state.tie;
  return o;
}

}  // namespace

TEST_CASE("training studio: aaabdaaabac merges aa, then aaa, then aaab") {
  TrainingStudioState state = trained_preset("aaabdaaabac");
  REQUIRE_MESSAGE(state.trained, state.error);
  CHECK(state.pretokenizer == Pretokenizer::none);
  CHECK(merge_names(state.session.model) == "a a, aa a, aaa b");
  CHECK(state.step == 0);  // a sample starts from the bytes
  CHECK(state.session.steps[0].count == 4);
  CHECK(state.session.steps[0].replaced == 2);
  CHECK(describe_training_step(state, 1) ==
        "Step 1 of 3: \"a\" (97) + \"a\" (97) → \"aa\" id 256, counted 4 times (overlaps included), replaced at 2 "
        "places: 11 → 9 tokens.");
  // Step 2 is a tie with (a, b), shown on the leaderboard.
  REQUIRE(!state.session.steps[1].runners_up.empty());
  CHECK(state.session.steps[1].runners_up[0] == PairCount{'a', 'b', 2});
  CHECK(describe_training_step(state, 0) == "Start: one token per byte, 11 tokens. 3 merges to play.");
}

TEST_CASE("training studio: aaaa counts (a, a) three times and replaces it twice") {
  TrainingStudioState state = trained_preset("aaaa");
  REQUIRE(state.trained);
  REQUIRE(state.session.merges() == 2);
  CHECK(state.session.steps[0].count == 3);
  CHECK(state.session.steps[0].replaced == 2);
  CHECK(token_series(state.session) == std::vector<float>{4, 2, 1});
  state.step = 1;
  CHECK(studio_tokens(state) == std::vector<Token>{{256, 0, 2}, {256, 2, 4}});
}

TEST_CASE("training studio: the tie preset is decided differently by the two rules") {
  TrainingStudioState state = trained_preset("ab cd ab cd");
  REQUIRE(state.trained);
  CHECK(state.tie == TieRule::greater);
  CHECK(merge_names(state.session.model) == "c d");
  CHECK(state.session.steps[0].runners_up[0].count == state.session.steps[0].count);  // a tie on the board
  state.tie = TieRule::first;
  CHECK(training_is_stale(state, {}));
  update_training_studio(state, {}, 0);  // short text: retrained by itself
  CHECK_FALSE(training_is_stale(state, {}));
  CHECK(merge_names(state.session.model) == "a b");
}

TEST_CASE("training studio: every preset trains, with a caption") {
  for (std::size_t i = 0; i < training_presets().size(); ++i) {
    const TrainingPreset& p = training_presets()[i];
    INFO(p.name);
    TrainingStudioState state = trained_preset(p.text);
    CHECK_MESSAGE(state.trained, state.error);
    CHECK(state.session.merges() <= p.num_merges);
    CHECK(std::string_view(p.caption).size() > 20);
  }
}

TEST_CASE("training studio: the segmentation at step k is the trainer's after k merges") {
  TrainingStudioState state = trained_preset(training_presets().back().text);  // prose, GPT-2 pre-tokens, a special
  REQUIRE(state.trained);
  const uint32_t merges = state.session.merges();
  REQUIRE(merges == state.num_merges);
  for (uint32_t k : {0u, 1u, 2u, 7u, merges / 2, merges - 1, merges, 3u, 0u}) {
    INFO("k = " << k);
    state.step = k;
    auto trainer = BpeTrainer::create(state.session.text, options_of(state));
    REQUIRE(trainer.ok());
    trainer.value->step(k);
    CHECK(studio_tokens(state) == trainer.value->segmentation());
    // The model the visualizer gets is the trainer's model after k merges.
    const BpeModel model = trained_model(state);
    const BpeModel expected = trainer.value->model();
    CHECK(model.check() == "");
    CHECK(model.tokens == expected.tokens);
    CHECK(model.merges == expected.merges);
    REQUIRE(model.specials.size() == 1);
    CHECK(model.specials[0].text == expected.specials[0].text);
    CHECK(model.specials[0].id == expected.specials[0].id);
    CHECK(trained_model_name(state) == "trained (" + std::to_string(k) + (k == 1 ? " merge)" : " merges)"));
  }
  // The special token is one token at every step.
  const auto& tokens = studio_tokens(state);
  CHECK(std::count_if(tokens.begin(), tokens.end(), [&](const Token& t) { return t.end - t.begin == 13; }) >= 1);
  CHECK(state.cache.size() >= 2);
}

TEST_CASE("training studio: the chart's series follow the segmentation") {
  TrainingStudioState state = trained_preset(training_presets().back().text);
  REQUIRE(state.trained);
  const std::vector<float> tokens = token_series(state.session);
  const std::vector<float> ratio = bytes_per_token_series(state.session);
  REQUIRE(tokens.size() == state.session.merges() + 1);
  REQUIRE(ratio.size() == tokens.size());
  for (uint32_t k = 0; k <= state.session.merges(); ++k) {
    INFO("k = " << k);
    auto segmentation = segmentation_at(state.session, k);
    REQUIRE(segmentation.ok());
    CHECK(tokens[k] == static_cast<float>(segmentation.value.size()));
    CHECK(ratio[k] == doctest::Approx(static_cast<double>(state.session.text.size()) / segmentation.value.size()));
    if (k > 0) CHECK(tokens[k] < tokens[k - 1]);  // every merge replaced something
  }
}

TEST_CASE("training studio: exports of the model at step k load back") {
  TrainingStudioState state = trained_preset(training_presets().back().text);
  REQUIRE(state.trained);
  state.step = 20;
  const BpeModel model = trained_model(state);
  REQUIRE(model.merges.size() == 20);

  auto file = export_training(state, "model");
  REQUIRE(file.ok());
  CHECK(file.value.filename == "bpeviz-20-merges.model");
  auto loaded = load_model_file(file.value.contents);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  CHECK(loaded.value.tokens == model.tokens);
  CHECK(loaded.value.merges == model.merges);
  CHECK(loaded.value.pretokenizer == Pretokenizer::gpt2);
  REQUIRE(loaded.value.specials.size() == 1);
  CHECK(loaded.value.specials[0].id == model.specials[0].id);

  auto encoding = make_model_encoding(model, "trained");
  REQUIRE(encoding.ok());
  const std::string probe = "Tokens of the text, and of the vocabulary.<|endoftext|>";
  const auto ids = encoding.value.encode(probe, SpecialPolicy::allow_all_specials()).value;

  auto ranks = load_tiktoken_file(export_training(state, "tiktoken").value.contents);
  REQUIRE_MESSAGE(ranks.ok(), ranks.error);
  CHECK(Encoding("tiktoken", model.pretokenizer, std::move(ranks.value), model.specials, model.n_vocab())
            .encode(probe, SpecialPolicy::allow_all_specials())
            .value == ids);

  auto vocab = export_training(state, "vocab.json");
  auto merges = export_training(state, "merges.txt");
  REQUIRE(vocab.ok());
  REQUIRE(merges.ok());
  CHECK(vocab.value.filename == "vocab.json");
  CHECK(merges.value.filename == "merges.txt");
  auto gpt2 = load_gpt2_files(vocab.value.contents, merges.value.contents);
  REQUIRE_MESSAGE(gpt2.ok(), gpt2.error);
  CHECK(Encoding("gpt2", model.pretokenizer, std::move(gpt2.value.ranks), gpt2.value.specials, model.n_vocab())
            .encode(probe, SpecialPolicy::allow_all_specials())
            .value == ids);

  CHECK(export_training(state, "vocab").value.contents.find("special") != std::string::npos);
  CHECK(export_training(state, "pickle").error.find("unknown export") != std::string::npos);
  for (const char* kind : kExportKinds) CHECK(export_training(state, kind).ok());
  CHECK_FALSE(export_training(TrainingStudioState{}, "model").ok());  // nothing trained
}

TEST_CASE("training studio: special tokens typed in one field") {
  CHECK(parse_special_tokens("") == std::vector<std::string>{});
  CHECK(parse_special_tokens("<|endoftext|>") == std::vector<std::string>{"<|endoftext|>"});
  CHECK(parse_special_tokens(" <a>, <b>\n<c>\r\n,, ") == std::vector<std::string>{"<a>", "<b>", "<c>"});
}

TEST_CASE("training studio: the current text, retrained when it changes") {
  TrainingStudioState state;
  std::string text = "hug pug pun bun hugs";
  TrainingStudioInput input{text, 1};
  state.pretokenizer = Pretokenizer::whitespace;
  state.specials.clear();
  state.num_merges = 3;
  update_training_studio(state, input, 0);
  REQUIRE(state.trained);
  CHECK(state.session.text == text);
  CHECK(merge_names(state.session.model) == "u g, u n, h ug");
  state.step = 1;
  text = "aaabdaaabac";
  input = {text, 2};
  state.auto_train = false;
  update_training_studio(state, input, 0);
  CHECK(training_is_stale(state, input));
  CHECK(state.session.text == "hug pug pun bun hugs");  // kept, with the step, until Train
  CHECK(state.step == 1);
  state.train_request = true;
  update_training_studio(state, input, 0);
  CHECK_FALSE(state.train_request);
  CHECK(state.session.text == "aaabdaaabac");
  CHECK(state.step == 1);  // not at the end: the step stays
}

TEST_CASE("training studio: empty text and bad options give a clear message, not a crash") {
  HeadlessImGui imgui;
  TrainingStudioState state;
  TrainingStudioInput empty{"", 1};
  for (int i = 0; i < 3; ++i) run_frame(state, empty);
  CHECK_FALSE(state.trained);
  CHECK(state.error == "The text is empty: type some text or pick a sample to train on.");
  CHECK_FALSE(export_training(state, "model").ok());
  CHECK(trained_model(state).merges.empty());

  const std::string text = "abc <|x|> abc";
  TrainingStudioInput input{text, 2};
  state.specials = "<|x|>, <|x|>";
  run_frame(state, input);
  CHECK_FALSE(state.trained);
  CHECK(state.error == "Cannot train: special token <|x|> is given twice.");
  run_frame(state, input);

  state.specials = "<|x|>";
  state.num_merges = 0;  // the slider cannot, the JavaScript API might
  run_frame(state, input);
  CHECK(state.error == "Ask for at least one merge.");

  state.num_merges = 5;
  run_frame(state, input);
  CHECK(state.trained);
  CHECK(state.error.empty());

  state.source = 99;  // no such sample: the current text
  run_frame(state, input);
  CHECK(state.source == TrainingStudioState::kSourceText);
  CHECK(state.trained);
}

TEST_CASE("training studio: frames draw every preset and the player steps, plays and scrubs") {
  HeadlessImGui imgui;
  const std::string text = "The cat sat on the mat. The mat sat on the cat.";
  TrainingStudioInput input{text, 1};
  TrainingStudioState state;
  for (int i = 0; i < 2; ++i) run_frame(state, input);
  REQUIRE_MESSAGE(state.trained, state.error);
  CHECK(state.step == state.session.merges());
  CHECK(state.view.laid_out_revision == state.view_revision);
  CHECK(!state.tokens.empty());
  CHECK(state.tokens.back().end == text.size());

  for (int i = 0; i < static_cast<int>(training_presets().size()); ++i) {
    select_training_preset(state, i);
    for (int f = 0; f < 2; ++f) run_frame(state, input);
    CHECK(state.trained);
    CHECK(state.shown_step == state.step);
    CHECK(state.groups.size() == state.view.tile_widths.size());
  }

  // Scrub: the shown tokens follow the step; the merge's new tokens are outlined.
  select_training_preset(state, preset_index("aaabdaaabac"));
  run_frame(state, input);
  state.step = 1;
  run_frame(state, input);
  CHECK(state.tokens.size() == 9);
  CHECK(state.highlights == std::vector<Span>{{0, 2}, {5, 7}});
  state.step = 0;
  run_frame(state, input);
  CHECK(state.tokens.size() == 11);
  CHECK(state.highlights.empty());

  // Play at 2 steps a second: about a second of frames makes two steps, then it stops at the end.
  state.steps_per_second = 2;
  state.playing = true;
  state.last_step_time = ImGui::GetTime();
  for (int f = 0; f < 62; ++f) run_frame(state, input);
  CHECK(state.step == 2);
  for (int f = 0; f < 60; ++f) run_frame(state, input);
  CHECK(state.step == 3);
  CHECK_FALSE(state.playing);

  // The step never runs past the merges made, whatever sets it.
  state.step = 1000;
  run_frame(state, input);
  CHECK(state.step == 3);
  CHECK(state.tokens.size() == 5);
}

TEST_CASE("training studio: everything fits a 1280×720 window at the page's 18 px text size") {
  HeadlessImGui imgui;
  ImGui::GetIO().FontGlobalScale = 18.0f / 13;  // the built-in font is 13 px; the page's text font is 18
  TrainingStudioState state;
  select_training_preset(state, static_cast<int>(training_presets().size()) - 1);  // the longest caption
  TrainingStudioInput input{"", 1};
  for (uint32_t step : {0u, 1u, 30u, 60u}) {
    state.step = step;
    for (int f = 0; f < 3; ++f) run_frame(state, input);
    const ImGuiWindow* window = ImGui::FindWindowByName("studio");
    REQUIRE(window != nullptr);
    INFO("step " << step << ": content " << window->ContentSize.x << " x " << window->ContentSize.y);
    CHECK(window->ContentSize.x <= window->Size.x - 2 * ImGui::GetStyle().WindowPadding.x + 1);
    CHECK(window->ContentSize.y <= window->Size.y - 2 * ImGui::GetStyle().WindowPadding.y + 1);
  }
}

TEST_CASE("training studio: stepping forward by merging equals encoding with the truncated model") {
  std::mt19937 rng(7);
  const std::string alphabet = "aab b\n<|x|>\xC3\xA9";
  for (int round = 0; round < 40; ++round) {
    std::string text;
    const std::size_t length = 1 + rng() % 200;
    for (std::size_t i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
    for (Pretokenizer p : {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::gpt2, Pretokenizer::o200k}) {
      TrainerOptions o;
      o.num_merges = 30;
      o.pretokenizer = p;
      o.specials = {"<|x|>", "b\n"};
      o.tie = round % 2 ? TieRule::first : TieRule::greater;
      auto session = train_session(text, o);
      REQUIRE_MESSAGE(session.ok(), session.error);
      INFO("text " << text << " pretokenizer " << pretokenizer_name(p));
      std::vector<Token> tokens = segmentation_at(session.value, 0).value;
      uint32_t at = 0;
      for (uint32_t k = 1; k <= session.value.merges(); at = k, k += 1 + round % 3) {
        INFO("from " << at << " to " << k);
        tokens = advance_segmentation(session.value, tokens, at, k);
        REQUIRE(tokens == segmentation_at(session.value, k).value);
        CHECK(tokens.size() == session.value.tokens[k]);
      }
    }
  }
}

TEST_CASE("training studio: stepping forward in the view uses the kept tokens and shows the same") {
  TrainingStudioState state = trained_preset(training_presets().back().text);
  REQUIRE(state.trained);
  for (uint32_t k = 0; k <= state.session.merges(); ++k) {
    state.step = k;
    INFO("k = " << k);
    CHECK(studio_tokens(state) == segmentation_at(state.session, k).value);
  }
}

TEST_CASE("training studio: the arrow keys step and space plays while the view has the keyboard") {
  HeadlessImGui imgui;
  ImGuiIO& io = ImGui::GetIO();
  io.KeyMap[ImGuiKey_RightArrow] = 1;
  io.KeyMap[ImGuiKey_LeftArrow] = 2;
  io.KeyMap[ImGuiKey_Space] = 3;
  TrainingStudioState state;
  select_training_preset(state, preset_index("aaabdaaabac"));
  TrainingStudioInput input{"", 1};
  for (int f = 0; f < 2; ++f) run_frame(state, input);
  REQUIRE(state.step == 0);
  const auto tap = [&](int key) {
    io.KeysDown[key] = true;
    run_frame(state, input);
    io.KeysDown[key] = false;
    run_frame(state, input);
  };
  tap(1);
  tap(1);
  CHECK(state.step == 2);
  tap(2);
  CHECK(state.step == 1);
  tap(3);
  CHECK(state.playing);
  tap(3);
  CHECK_FALSE(state.playing);
}
