// The Compare tab, headless: the picks and their checks, the encodings it has fetched (only while it
// shows, each once, none after a failure), each column's tokens against the encoding itself, and the
// marks against core's comparison. And the Export menu's token files.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

#include "core/explain/boundary_diff.h"
#include "core/explain/byte_tokenizer.h"
#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"

using namespace bpeviz;

namespace {

void frame(AppState& app) { test::app_frame_headless(app); }

void load_only(AppState& app, const char* name) {
  const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/" + name + ".bpevocab");
  REQUIRE(app.encodings.load_builtin(name, data).ok());
}

// The app with cl100k_base loaded and o200k_base loaded and picked: the Compare tab's default pair.
void load_default_pair(AppState& app) {
  app.fonts = test::default_fonts();
  load_only(app, "cl100k_base");
  test::load_builtin_encoding(app, "o200k_base");
}

const std::string kText = "Tokenizers disagree: 1234567, naïve café, 你好 👋\n  spaces and <|endoftext|>";

}  // namespace

TEST_CASE("the first pick is the page's encoding and one more") {
  CHECK(default_compare_encodings("o200k_base") == std::vector<std::string>{"o200k_base", "cl100k_base"});
  CHECK(default_compare_encodings("cl100k_base") == std::vector<std::string>{"cl100k_base", "o200k_base"});
  CHECK(default_compare_encodings("bytes") == std::vector<std::string>{"bytes", "o200k_base"});
}

TEST_CASE("two to four offered tokenizers, none twice") {
  CompareViewState state;
  const std::vector<std::string> offered{"bytes", "gpt2", "cl100k_base", "o200k_base", "llama3"};
  CHECK(set_compare_encodings(state, {"cl100k_base"}, offered).find("2 to 4") != std::string::npos);
  CHECK(set_compare_encodings(state, {"bytes", "gpt2", "cl100k_base", "o200k_base", "llama3"}, offered).find("2 to 4") != std::string::npos);
  CHECK(set_compare_encodings(state, {"cl100k_base", "nonesuch"}, offered) == "unknown encoding \"nonesuch\"");
  CHECK(set_compare_encodings(state, {"gpt2", "gpt2"}, offered) == "gpt2 is picked twice");
  CHECK(state.names.empty());  // nothing was taken from the refused lists
  CHECK(set_compare_encodings(state, {"llama3", "bytes", "gpt2"}, offered).empty());
  CHECK(state.names == std::vector<std::string>{"llama3", "bytes", "gpt2"});
}

TEST_CASE("the tab fetches what it compares while it shows, once each, and gives up on a failure") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  text_editor_set_text(app.editor, std::string(kText));
  REQUIRE(set_compare_encodings(app.compare, {"bytes", "cl100k_base", "llama3"}, offered_encodings(app)).empty());
  CHECK(take_encoding_fetches(app).empty());  // the Tokens tab shows: nothing for Compare yet
  app.panel_request = Panel::compare;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.panel == Panel::compare);
  CHECK(take_encoding_fetches(app) == std::vector<std::string>{"cl100k_base", "llama3"});
  CHECK(take_encoding_fetches(app).empty());  // on their way
  frame(app);
  CHECK(!app.compare.columns[1].ready);
  CHECK(app.compare.columns[0].ready);  // the bytes need no data

  load_only(app, "cl100k_base");
  encoding_loaded(app, "cl100k_base");
  encoding_failed(app, "llama3", "HTTP 404");
  CHECK(app.encoding == "bytes");  // the page's own encoding is not changed by the comparison
  frame(app);
  CHECK(take_encoding_fetches(app).empty());  // a failed one is not fetched again and again
  REQUIRE(app.compare.columns.size() == 3);
  CHECK(app.compare.columns[1].ready);
  CHECK(app.compare.columns[2].error == "Could not load llama3: HTTP 404");
  // The two with tokens are compared: bytes against cl100k, every offset that cl100k does not cut differs.
  CHECK(app.compare.differing.size() + token_boundaries(app.compare.columns[1].tokens).size() == kText.size() + 1);

  // The encoding picked in the header is fetched through the same call.
  REQUIRE(select_encoding(app, "o200k_base"));
  CHECK(take_encoding_fetches(app) == std::vector<std::string>{"o200k_base"});
}

TEST_CASE("each column holds its encoding's tokens, and the marks are where they differ") {
  test::HeadlessImGui imgui;
  AppState app;
  load_default_pair(app);
  load_only(app, "r50k_base");
  text_editor_set_text(app.editor, std::string(kText));
  app.special_mode = SpecialMode::allowed;
  app.panel_request = Panel::compare;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.compare.names == std::vector<std::string>{"o200k_base", "cl100k_base"});  // the default
  REQUIRE(set_compare_encodings(app.compare, {"o200k_base", "cl100k_base", "r50k_base"}, offered_encodings(app)).empty());
  frame(app);
  frame(app);
  REQUIRE(app.compare.columns.size() == 3);
  std::vector<std::span<const Token>> all;
  for (const auto& c : app.compare.columns) {
    REQUIRE(c.ready);
    REQUIRE(c.error.empty());
    auto expected = test::encoding(c.name).encode_with_spans(kText, SpecialPolicy::allow_all_specials());
    REQUIRE(expected.ok());
    CHECK(c.tokens == expected.value);
    CHECK(c.view.tile_widths.size() == c.groups.size());  // drawn
    all.push_back(c.tokens);
  }
  const BoundaryDiff diff = compare_boundaries(all);
  CHECK(app.compare.differing == diff.differing);
  CHECK(!diff.differing.empty());
  CHECK(app.compare.boundaries == diff.differing.size() + diff.shared);
  for (const auto& c : app.compare.columns) {
    // A column's marks are its own boundaries among the differing ones; its outlined tokens hold one.
    for (const uint32_t m : c.marks) {
      const auto own = token_boundaries(c.tokens);
      CHECK(std::binary_search(own.begin(), own.end(), m));
      CHECK(std::binary_search(diff.differing.begin(), diff.differing.end(), m));
    }
    CHECK(c.split_elsewhere == tokens_split_elsewhere(c.tokens, diff.differing));
  }

  // Under the "error" policy <|endoftext|> is an error: that column says so, the others are compared.
  app.special_mode = SpecialMode::error;
  frame(app);
  for (const auto& c : app.compare.columns) CHECK(c.error.find("No tokens") == 0);
  CHECK(app.compare.differing.empty());
}

TEST_CASE("scrolling one band scrolls the others to the same place in the text") {
  test::HeadlessImGui imgui;
  AppState app;
  load_default_pair(app);
  std::string text;
  for (int i = 0; i < 300; ++i) text += "Line " + std::to_string(i) + ": " + kText + "\n";
  text_editor_set_text(app.editor, std::move(text));
  app.panel_request = Panel::compare;
  for (int i = 0; i < 4; ++i) frame(app);
  REQUIRE(app.compare.columns.size() == 2);
  // The mouse wheel over a band: that band scrolls, and the next frames bring the other along.
  for (std::size_t leader : {std::size_t{1}, std::size_t{0}}) {
    CAPTURE(leader);
    const float* rect = app.compare.columns[leader].view_rect;
    ImGui::GetIO().MousePos = ImVec2(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
    ImGui::GetIO().MouseWheel = leader == 1 ? -40.0f : 15.0f;
    frame(app);
    ImGui::GetIO().MouseWheel = 0;
    for (int i = 0; i < 3; ++i) frame(app);
    const auto& lead = app.compare.columns[leader];
    const auto& other = app.compare.columns[1 - leader];
    const Span lead_top = token_view_top_row(lead.view, lead.groups, lead.scroll_y);
    const Span other_top = token_view_top_row(other.view, other.groups, other.scroll_y);
    CHECK(lead.scroll_y > 0);
    CHECK(lead_top.begin > 1000);  // well into the text
    CHECK(other_top.begin <= lead_top.begin);
    CHECK(lead_top.begin < other_top.end);
  }
}

TEST_CASE("Export writes the shown tokens as JSON and CSV downloads") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  text_editor_set_text(app.editor, "a, \"b\"\nc 👋");
  frame(app);
  REQUIRE(!app.tokens.empty());
  app.export_tokens_request = "json";
  frame(app);
  REQUIRE(app.download_request.has_value());
  CHECK(app.download_request->filename == "tokens-cl100k_base.json");
  const auto json = nlohmann::json::parse(app.download_request->contents);
  REQUIRE(json.size() == app.tokens.size());
  CHECK(json[0]["id"] == app.tokens[0].id);
  app.download_request.reset();
  app.export_tokens_request = "csv";
  frame(app);
  REQUIRE(app.download_request.has_value());
  CHECK(app.download_request->filename == "tokens-cl100k_base.csv");
  CHECK(app.download_request->contents.starts_with("id,bytes,text,begin,end\r\n"));
  CHECK(!export_tokens(app, "xml").ok());
  CHECK(file_name_part("a/b\\c:d") == "a_b_c_d");

  // A picture is asked for in one frame and taken after the next one is drawn.
  app.png_request = "bpeviz-cl100k_base.png";
  frame(app);
  CHECK(app.png_capture == "bpeviz-cl100k_base.png");
  frame(app);
  CHECK(app.png_capture.empty());  // one picture per request
}
