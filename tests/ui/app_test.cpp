// Runs the whole app's frame function headless (ImGui without a renderer) over real encodings, so
// the views are exercised natively and under the sanitizers, not only in the browser.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <imgui.h>

#include "core/hf/hf_tokenizer_json.h"
#include "tests/test_data.h"
#include "tests/ui/headless.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/theme.h"
#include "ui/tokens/token_details.h"

using namespace bpeviz;
using test::HeadlessImGui;
using test::default_fonts;

namespace {

void run_frame(AppState& app) {
  ImGui::NewFrame();
  app_frame(app);
  ImGui::Render();
}

}  // namespace

TEST_CASE("the app draws every encoding's tokens for hard text") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/o200k_base.tiktoken");
  REQUIRE(app.encodings.load_builtin("o200k_base", data).ok());
  app.editor.text = "Hello w\xC3\xB6rld \xF0\x9F\x91\x8B \xE4\xBD\xA0\xE5\xA5\xBD\n\ttab <|endoftext|> \xFF\xFE";
  ++app.editor.revision;
  for (const std::string name : {"bytes", "o200k_base"}) {
    REQUIRE(select_encoding(app, name));
    CHECK(app.encoding == name);
    for (int i = 0; i < 3; ++i) run_frame(app);
    CHECK(app.tokens_encoding == name);
    CHECK(!app.tokens.empty());
    // The token view's layout follows the tokens, not just the text (a stale one indexes past them).
    CHECK(app.token_view.laid_out_revision == app.tokens_serial);
    CHECK(app.token_view.tile_widths.size() == app.groups.size());
  }
  CHECK(app.tokens.back().end == app.editor.text.size());
  CHECK(app.message.empty());
}

TEST_CASE("picking an encoding that is not loaded requests it and keeps the current tokens") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  app.editor.text = "abc";
  run_frame(app);
  REQUIRE(select_encoding(app, "cl100k_base"));
  CHECK(app.requested_encoding == "cl100k_base");
  CHECK(app.encoding == "bytes");
  run_frame(app);
  CHECK(app.tokens.size() == 3);
  encoding_failed(app, "cl100k_base", "HTTP 404");
  CHECK(app.requested_encoding.empty());
  CHECK(app.message == "Could not load cl100k_base: HTTP 404");
  CHECK_FALSE(select_encoding(app, "no-such"));
}

TEST_CASE("counts: tokens, characters, bytes and pre-tokens follow the text, encoding and policy") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/cl100k_base.tiktoken");
  REQUIRE(app.encodings.load_builtin("cl100k_base", data).ok());
  REQUIRE(select_encoding(app, "cl100k_base"));
  app.editor.text = "123456789 h\xC3\xA9llo<|endoftext|>";  // 9 digits split in threes
  ++app.editor.revision;
  run_frame(app);
  CHECK(app.characters == 28);
  CHECK(app.tokens_error.empty());
  CHECK(shown_pretokenizer(app) == "cl100k");
  REQUIRE(app.pieces.size() >= 4);
  CHECK(app.pieces[0] == Span{0, 3});
  CHECK(app.pieces[1] == Span{3, 6});
  CHECK(app.pieces[2] == Span{6, 9});
  CHECK(app.tokens.back().id == 100257);  // allowed: the special token is one token

  app.special_mode = SpecialMode::as_text;
  run_frame(app);
  CHECK(app.tokens.back().id != 100257);
  CHECK(app.tokens_error.empty());

  app.special_mode = SpecialMode::error;
  run_frame(app);
  CHECK(app.tokens.empty());
  CHECK(app.tokens_error.find("<|endoftext|>") != std::string::npos);
  CHECK(app.editor.text == "123456789 h\xC3\xA9llo<|endoftext|>");  // the text stays

  REQUIRE(select_encoding(app, "bytes"));
  run_frame(app);
  CHECK(app.tokens.size() == app.editor.text.size());
  CHECK(app.pieces.size() == 1);  // no pre-tokenizer: the whole text is one piece
  CHECK(shown_pretokenizer(app) == "none");
}

TEST_CASE("the tooltip's details: ids, bytes, text and the pre-token") {
  const Encoding& cl100k = test::encoding("cl100k_base");
  const std::string text = "say hello\n";
  const auto tokens = cl100k.encode_with_spans(text, SpecialPolicy::allow_all_specials()).value;
  const auto pieces = cl100k.pieces(text, SpecialPolicy::allow_all_specials()).value;
  const auto groups = group_tokens_by_character(text, tokens);
  REQUIRE(groups.size() == 3);
  const TokenDetails hello = describe_token_group(text, tokens, groups[1], pieces, &cl100k, nullptr);
  CHECK(hello.ids == std::to_string(tokens[1].id));
  CHECK(hello.hex == "20 68 65 6C 6C 6F");
  CHECK(hello.text == "\xC2\xB7hello");  // ·hello
  CHECK(hello.byte_length == 6);
  CHECK(hello.pretoken == Span{3, 9});
  CHECK_FALSE(hello.special);
  CHECK(pretoken_at(pieces, 9) == 2);
  CHECK(pretoken_at(pieces, 10) == pieces.size());
}

TEST_CASE("the tooltip tells an added token (not special, matched under every policy) from a special token") {
  auto loaded = load_hf_tokenizer_json(test::kAddedTokensJson, "qwen-like");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const std::string text = "ab<tool_call><|end|>";
  const auto tokens = loaded.value.encode_with_spans(text, SpecialPolicy::allow_all_specials()).value;
  const auto pieces = loaded.value.pieces(text, SpecialPolicy::allow_all_specials()).value;
  const auto groups = group_tokens_by_character(text, tokens);
  REQUIRE(groups.size() == 3);
  const TokenDetails word = describe_token_group(text, tokens, groups[0], pieces, &loaded.value, nullptr);
  const TokenDetails added = describe_token_group(text, tokens, groups[1], pieces, &loaded.value, nullptr);
  const TokenDetails special = describe_token_group(text, tokens, groups[2], pieces, &loaded.value, nullptr);
  CHECK((!word.special && !word.added));
  CHECK((added.ids == "7" && added.special && added.added));
  CHECK((special.ids == "8" && special.special && !special.added));
}

TEST_CASE("the token view draws with every switch on, and finds its tiles") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  app.editor.text = "one two\nthree \xF0\x9F\x91\x8B";
  app.token_view.byte_notation = true;
  app.token_view.show_pretokens = true;
  app.token_view.show_whitespace = false;
  for (int i = 0; i < 2; ++i) run_frame(app);
  CHECK(app.token_view.row_starts.size() == 3);  // the newline ends the first row
  float first[4], last[4];
  REQUIRE(token_view_tile_rect(app.token_view, 0, first));
  REQUIRE(token_view_tile_rect(app.token_view, app.groups.size() - 1, last));
  CHECK(last[1] > first[1]);
  CHECK_FALSE(token_view_tile_rect(app.token_view, app.groups.size(), first));
  for (Panel panel : {Panel::ids, Panel::decode, Panel::tokens}) {
    app.panel_request = panel;
    for (int i = 0; i < 3; ++i) run_frame(app);
    CHECK(app.panel == panel);
  }
  CHECK(app.ids_panel.json.starts_with("[111,110,101,"));
}

TEST_CASE("replacing a long text while the text box has the focus keeps the new text and the focus") {
  HeadlessImGui imgui;
  AppState app;
  app.fonts = default_fonts();
  app.editor.text = "short";
  for (int i = 0; i < 3; ++i) run_frame(app);
  REQUIRE(app.editor.active);
  // Far longer than the box's buffer: ImGui 1.86 overran it when this went through the edit callback.
  const std::string long_text(20000, 'x');
  text_editor_set_text(app.editor, long_text);
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(app.editor.text == long_text);
  CHECK(app.editor.active);
  CHECK(app.tokens.size() == long_text.size());
  text_editor_set_text(app.editor, "short again");
  for (int i = 0; i < 3; ++i) run_frame(app);
  CHECK(app.editor.text == "short again");
}
