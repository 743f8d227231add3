// The Chat tab, headless: the conversation it renders and counts under each tokenizer's format, the
// encoding it adds Tiktokenizer's ChatML tokens to, its rows (custom roles too), and a paste reaching
// the row that has the focus while the page's text stays as it was.
#include <doctest/doctest.h>

#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"

using namespace bpeviz;

namespace {

void frame(AppState& app) { test::app_frame_headless(app); }

std::vector<uint32_t> ids(const std::vector<Token>& tokens) {
  std::vector<uint32_t> out;
  for (const Token& t : tokens) out.push_back(t.id);
  return out;
}

}  // namespace

TEST_CASE("the Chat tab renders Tiktokenizer's conversation under cl100k_base and counts each message") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "cl100k_base");
  text_editor_set_text(app.editor, "the page's own text");
  REQUIRE(set_chat_messages(app.chat, {{"system", "You are a helpful assistant"}, {"user", "Hi!"}}).empty());
  app.panel_request = Panel::chat;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.panel == Panel::chat);
  const ChatViewState& chat = app.chat;
  REQUIRE(chat.format != nullptr);
  CHECK(chat.format->name == "ChatML (gpt-4)");
  CHECK(chat.error.empty());
  CHECK(chat.rendered.text ==
        "<|im_start|>system<|im_sep|>You are a helpful assistant<|im_end|><|im_start|>user<|im_sep|>Hi!<|im_end|>"
        "<|im_start|>assistant<|im_sep|>");
  const Encoding extended = chat_encoding(test::encoding("cl100k_base"), *chat.format);
  CHECK(ids(chat.tokens) == extended.encode(chat.rendered.text, SpecialPolicy::allow_all_specials()).value);
  CHECK(chat.tokens.front().id == 100264);
  REQUIRE(chat.counts.messages.size() == 2);
  CHECK(chat.counts.messages[1].content == 2);
  CHECK(chat.counts.messages[1].format == 4);
  CHECK(chat.counts.total == chat.tokens.size());
  CHECK(app.editor.text == "the page's own text");  // the conversation is a text of its own

  SUBCASE("the other ChatML, and a custom role") {
    REQUIRE(set_chat_format(app.chat, "cl100k_base", "ChatML (gpt-3.5-turbo)"));
    CHECK_FALSE(set_chat_format(app.chat, "cl100k_base", "Harmony (gpt-oss)"));
    REQUIRE(set_chat_messages(app.chat, {{"weather_bot", "sunny"}}).empty());
    frame(app);
    CHECK(app.chat.rows[0].custom);
    CHECK(app.chat.rendered.text == "<|im_start|>weather_bot\nsunny<|im_end|>\n<|im_start|>assistant\n");
    CHECK(chat_messages(app.chat)[0].role == "weather_bot");
  }
  SUBCASE("a tokenizer without a chat format says so and renders nothing") {
    test::load_builtin_encoding(app, "r50k_base");
    frame(app);
    CHECK(app.chat.format == nullptr);
    CHECK(app.chat.tokens.empty());
    CHECK(app.chat.rows.size() == 2);  // the messages wait for a tokenizer with a format
  }
  SUBCASE("o200k_harmony uses its own tokens") {
    // o200k_harmony's data is o200k_base's file (EncodingSet::builtin_file).
    const std::string data = test::read_file(std::string(BPEVIZ_TEST_ENCODINGS_DIR) + "/" +
                                             EncodingSet::builtin_file("o200k_harmony"));
    REQUIRE(app.encodings.load_builtin("o200k_harmony", data).ok());
    REQUIRE(select_encoding(app, "o200k_harmony"));
    frame(app);
    REQUIRE(app.chat.format != nullptr);
    CHECK(app.chat.format->name == "Harmony (gpt-oss)");
    CHECK(ids(app.chat.tokens) ==
          test::encoding("o200k_harmony").encode(app.chat.rendered.text, SpecialPolicy::allow_all_specials()).value);
  }
}

TEST_CASE("a paste goes to the Chat row that has the focus, not to the page's text") {
  test::HeadlessImGui imgui;
  AppState app;
  app.fonts = test::default_fonts();
  test::load_builtin_encoding(app, "o200k_base");
  text_editor_set_text(app.editor, "page text");
  app.panel_request = Panel::chat;
  for (int i = 0; i < 3; ++i) frame(app);
  REQUIRE(app.chat.rows.size() == 2);
  app.chat.rows[1].content.focus_request = true;
  for (int i = 0; i < 2; ++i) frame(app);
  REQUIRE(app.chat.rows[1].content.active);
  CHECK(&focused_editor(app) == &app.chat.rows[1].content);
  REQUIRE(text_editor_paste(focused_editor(app), "Hello, 🌍!").empty());
  for (int i = 0; i < 3; ++i) frame(app);
  CHECK(app.chat.rows[1].content.text == "Hello, 🌍!");
  CHECK(app.editor.text == "page text");
  CHECK(app.chat.rendered.text.find("<|im_start|>user<|im_sep|>Hello, 🌍!<|im_end|>") != std::string::npos);

  // On another tab, the page's text box takes pastes again.
  app.panel_request = Panel::tokens;
  for (int i = 0; i < 2; ++i) frame(app);
  CHECK(&focused_editor(app) == &app.editor);
}

TEST_CASE("setting messages obeys the text box's limits and keeps the rows on a refusal") {
  ChatViewState chat;
  CHECK(chat.rows.size() == 2);
  CHECK(chat.rows[0].role == "system");
  const std::string huge(kMaxTextBytes, 'a');
  CHECK_FALSE(set_chat_messages(chat, {{"user", huge}, {"user", "more"}}).empty());
  CHECK(chat.rows.size() == 2);
  CHECK(set_chat_messages(chat, {}).empty());
  CHECK(chat.rows.empty());
}
