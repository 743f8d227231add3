// Chat formats: the text a conversation becomes, its ids (known answers from npm tiktoken with the same
// special tokens, as Tiktokenizer builds it), and the per-message counts of content and overhead.
#include <doctest/doctest.h>

#include "core/explain/chat_format.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

const std::vector<ChatMessage> kConversation{{"system", "You are a helpful assistant"}, {"user", "Hi!"}};

std::vector<uint32_t> ids(const Encoding& encoding, std::string_view text) {
  auto result = encoding.encode(text, SpecialPolicy::allow_all_specials());
  REQUIRE(result.ok());
  return result.value;
}

std::string_view part(const RenderedChat& chat, Span span) {
  return std::string_view(chat.text).substr(span.begin, span.end - span.begin);
}

}  // namespace

TEST_CASE("each tokenizer's chat formats, the usual one first") {
  CHECK(chat_formats_for("cl100k_base").size() == 2);
  CHECK(chat_formats_for("cl100k_base")[0]->name == "ChatML (gpt-4)");
  CHECK(chat_formats_for("o200k_base")[0]->name == "ChatML (gpt-4o)");
  CHECK(chat_formats_for("o200k_harmony")[0]->name == "Harmony (gpt-oss)");
  CHECK(chat_formats_for("gpt-oss")[0]->name == "Harmony (gpt-oss)");
  CHECK(chat_formats_for("qwen3")[0]->name == "ChatML (Qwen)");
  CHECK(chat_formats_for("llama3.1")[0]->name == "Llama 3");
  CHECK(chat_formats_for("gpt2").empty());
  CHECK(chat_formats_for("bytes").empty());
  CHECK(find_chat_format("cl100k_base", "ChatML (gpt-3.5-turbo)") == chat_formats_for("cl100k_base")[1]);
  CHECK(find_chat_format("o200k_base", "ChatML (gpt-3.5-turbo)") == nullptr);
}

TEST_CASE("ChatML for gpt-4: the text, its parts, and tiktoken's ids with Tiktokenizer's added tokens") {
  const ChatFormat& format = *find_chat_format("cl100k_base", "ChatML (gpt-4)");
  const RenderedChat chat = render_chat(format, kConversation);
  CHECK(chat.text ==
        "<|im_start|>system<|im_sep|>You are a helpful assistant<|im_end|><|im_start|>user<|im_sep|>Hi!<|im_end|>"
        "<|im_start|>assistant<|im_sep|>");
  REQUIRE(chat.messages.size() == 2);
  CHECK(part(chat, chat.messages[0].content) == "You are a helpful assistant");
  CHECK(part(chat, chat.messages[1].whole) == "<|im_start|>user<|im_sep|>Hi!<|im_end|>");
  CHECK(part(chat, chat.reply) == "<|im_start|>assistant<|im_sep|>");
  REQUIRE(chat.format_spans.size() == 3);  // the head of message 0; its close joined to the next head; the rest
  CHECK(part(chat, chat.format_spans[1]) == "<|im_end|><|im_start|>user<|im_sep|>");

  const Encoding encoding = chat_encoding(test::encoding("cl100k_base"), format);
  const auto got = ids(encoding, chat.text);
  CHECK(got == std::vector<uint32_t>{100264, 9125, 100266, 2675, 527, 264, 11190, 18328, 100265,
                                     100264, 882, 100266, 13347, 0, 100265, 100264, 78191, 100266});
  // The base encoding is untouched: there, <|im_start|> is not a special token.
  CHECK_FALSE(test::encoding("cl100k_base").encode(chat.text, SpecialPolicy::allow_all_specials()).value.front() == 100264);

  auto tokens = encoding.encode_with_spans(chat.text, SpecialPolicy::allow_all_specials());
  REQUIRE(tokens.ok());
  const ChatCounts counts = count_chat(chat, tokens.value);
  REQUIRE(counts.messages.size() == 2);
  CHECK(counts.messages[0].content == 5);  // You are a helpful assistant
  CHECK(counts.messages[0].format == 4);   // <|im_start|> system <|im_sep|> ... <|im_end|>
  CHECK(counts.messages[1].content == 2);  // Hi !
  CHECK(counts.messages[1].format == 4);
  CHECK(counts.begin == 0);
  CHECK(counts.reply == 3);  // <|im_start|> assistant <|im_sep|>
  CHECK(counts.content == 7);
  CHECK(counts.total == 18);
}

TEST_CASE("ChatML for gpt-3.5-turbo: newlines after the role and between messages count with the message before") {
  const ChatFormat& format = *find_chat_format("cl100k_base", "ChatML (gpt-3.5-turbo)");
  const RenderedChat chat = render_chat(format, kConversation);
  CHECK(chat.text ==
        "<|im_start|>system\nYou are a helpful assistant<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n"
        "<|im_start|>assistant\n");
  const Encoding encoding = chat_encoding(test::encoding("cl100k_base"), format);
  CHECK(ids(encoding, chat.text) == std::vector<uint32_t>{100264, 9125, 198, 2675, 527, 264, 11190, 18328, 100265, 198,
                                                          100264, 882, 198, 13347, 0, 100265, 198, 100264, 78191, 198});
  auto tokens = encoding.encode_with_spans(chat.text, SpecialPolicy::allow_all_specials());
  const ChatCounts counts = count_chat(chat, tokens.value);
  CHECK(counts.messages[0].format == 5);  // <|im_start|> system \n ... <|im_end|> \n
  CHECK(counts.messages[1].format == 5);
  CHECK(counts.reply == 3);
}

TEST_CASE("Harmony: o200k_harmony's own tokens, no tokens added") {
  const ChatFormat& format = *chat_formats_for("o200k_harmony")[0];
  CHECK(format.added_specials.empty());
  const std::vector<ChatMessage> messages{{"user", "Hi!"}};
  const RenderedChat chat = render_chat(format, messages);
  CHECK(chat.text == "<|start|>user<|message|>Hi!<|end|><|start|>assistant");
  CHECK(ids(test::encoding("o200k_harmony"), chat.text) ==
        std::vector<uint32_t>{200006, 1428, 200008, 12194, 0, 200007, 200006, 173781});
}

TEST_CASE("a custom role, an empty content, no messages, and a format with a BOS") {
  const ChatFormat& llama = *chat_formats_for("llama3")[0];
  const std::vector<ChatMessage> messages{{"tool_output", ""}};
  const RenderedChat chat = render_chat(llama, messages);
  CHECK(chat.text ==
        "<|begin_of_text|><|start_header_id|>tool_output<|end_header_id|>\n\n<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n");
  CHECK(chat.messages[0].content.begin == chat.messages[0].content.end);
  // Counted with made-up spans: the BOS before the first message, nothing in the empty content.
  const std::vector<Token> tokens{{1, 0, 17}, {2, 17, 36}, {3, 36, 47}, {4, 47, 64}, {5, 64, 66}, {6, 66, 76},
                                  {7, 76, static_cast<uint32_t>(chat.text.size())}};
  const ChatCounts counts = count_chat(chat, tokens);
  CHECK(counts.begin == 1);
  CHECK(counts.messages[0].content == 0);
  CHECK(counts.messages[0].format == 5);
  CHECK(counts.reply == 1);

  // Llama 3's template writes its BOS with the first message: none without one.
  const RenderedChat none = render_chat(llama, {});
  CHECK(none.text == "<|start_header_id|>assistant<|end_header_id|>\n\n");
  CHECK(none.messages.empty());
  CHECK(part(none, none.reply) == "<|start_header_id|>assistant<|end_header_id|>\n\n");
}

TEST_CASE("Llama 3 trims each content, as its template's `trim` does") {
  const std::vector<ChatMessage> messages{{"user", " \n Hi!\t\u3000"}};
  const RenderedChat chat = render_chat(*chat_formats_for("llama3")[0], messages);
  CHECK(chat.text ==
        "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
  CHECK(part(chat, chat.messages[0].content) == "Hi!");
  CHECK(chat.note.empty());
}

TEST_CASE("Gemma 3: the system message opens the first turn, the assistant is the model, roles must alternate") {
  const ChatFormat& gemma = *chat_formats_for("gemma3")[0];
  const std::vector<ChatMessage> messages{{"system", "Be brief. "}, {"user", " Hi! "}, {"assistant", "Hello.\n"}};
  const RenderedChat chat = render_chat(gemma, messages);
  CHECK(chat.text ==
        "<bos><start_of_turn>user\nBe brief. \n\nHi!<end_of_turn>\n<start_of_turn>model\nHello.<end_of_turn>\n"
        "<start_of_turn>model\n");
  REQUIRE(chat.messages.size() == 3);
  CHECK(part(chat, chat.messages[0].whole) == "<start_of_turn>user\nBe brief. \n\n");
  CHECK(part(chat, chat.messages[0].content) == "Be brief. ");  // the system content is not trimmed
  CHECK(part(chat, chat.messages[1].whole) == "Hi!<end_of_turn>\n");
  CHECK(part(chat, chat.messages[2].content) == "Hello.");
  CHECK(chat.note.empty());

  const std::vector<ChatMessage> two_users{{"user", "a"}, {"user", "b"}};
  CHECK(render_chat(gemma, two_users).note.starts_with("Gemma 3's template refuses this conversation"));
  const std::vector<ChatMessage> custom{{"user", "a"}, {"assistant", "b"}, {"weather_bot", "c"}};
  CHECK(render_chat(gemma, custom).note.starts_with("Gemma 3's template refuses"));
  const std::vector<ChatMessage> alone{{"system", "Only this."}};
  const RenderedChat left_out = render_chat(gemma, alone);
  CHECK(left_out.text == "<bos><start_of_turn>model\n");
  CHECK(left_out.messages[0].whole.begin == left_out.messages[0].whole.end);
  CHECK(left_out.note.find("left out") != std::string::npos);
}

TEST_CASE("DeepSeek-V3: system messages first, other roles left out, and the counts follow the text's order") {
  const ChatFormat& deepseek = *chat_formats_for("deepseek-v3")[0];
  const std::vector<ChatMessage> messages{
      {"user", "a"}, {"system", "S1"}, {"assistant", "b"}, {"weather_bot", "c"}, {"system", "S2"}};
  const RenderedChat chat = render_chat(deepseek, messages);
  CHECK(chat.text ==
        "<｜begin▁of▁sentence｜>S1\n\nS2<｜User｜>a<｜Assistant｜>b<｜end▁of▁sentence｜><｜Assistant｜>");
  CHECK(part(chat, chat.messages[4].content) == "S2");
  CHECK(chat.messages[3].whole.begin == chat.messages[3].whole.end);
  CHECK(chat.note.find("\"weather_bot\"") != std::string::npos);
  // One made-up token per part, in the order of the text.
  std::vector<Token> tokens;
  const auto add = [&](std::string_view piece) {
    const auto at = static_cast<uint32_t>(chat.text.find(piece));
    tokens.push_back({0, at, static_cast<uint32_t>(at + piece.size())});
  };
  for (std::string_view piece : {"<｜begin▁of▁sentence｜>", "S1", "\n\n", "S2", "<｜User｜>", "a", "<｜Assistant｜>b", 
                                 "<｜end▁of▁sentence｜>"}) {
    add(piece);
  }
  tokens.push_back({0, chat.reply.begin, chat.reply.end});
  const ChatCounts counts = count_chat(chat, tokens);
  CHECK(counts.begin == 1);
  CHECK(counts.messages[1].content == 1);  // S1, written first
  CHECK(counts.messages[1].format == 1);   // the blank line after it
  CHECK(counts.messages[4].content == 1);
  CHECK(counts.messages[0].format == 1);   // <｜User｜>
  CHECK(counts.messages[0].content == 1);
  CHECK(counts.messages[2].content == 1);  // a token across the head and the content is the content's
  CHECK(counts.messages[2].format == 1);
  CHECK(counts.messages[3].content + counts.messages[3].format == 0);
  CHECK(counts.reply == 1);
}

TEST_CASE("Qwen3: the assistant's last message thinks, tool outputs go to the user, other roles are left out") {
  const ChatFormat& qwen = *chat_formats_for("qwen3")[0];
  const std::vector<ChatMessage> thinking{{"user", "Hi!"}, {"assistant", "\n\nHello."}};
  CHECK(render_chat(qwen, thinking).text ==
        "<|im_start|>user\nHi!<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\nHello.<|im_end|>\n"
        "<|im_start|>assistant\n");
  const std::vector<ChatMessage> tools{{"user", "Weather?"}, {"tool", "23"}, {"tool", "clear"}, {"critic", "x"}};
  const RenderedChat chat = render_chat(qwen, tools);
  CHECK(chat.text ==
        "<|im_start|>user\nWeather?<|im_end|>\n<|im_start|>user\n<tool_response>\n23\n</tool_response>\n<tool_response>\n"
        "clear\n</tool_response><|im_end|>\n<|im_start|>assistant\n");
  CHECK(part(chat, chat.messages[2].content) == "clear");
  CHECK(chat.note.find("\"critic\"") != std::string::npos);
  // Not the last message, or no question before it: no thinking block.
  const std::vector<ChatMessage> plain{{"assistant", "\nA"}, {"user", "B"}};
  CHECK(render_chat(qwen, plain).text.starts_with("<|im_start|>assistant\n\nA<|im_end|>\n"));
}

TEST_CASE("the open models with a chat template have a format") {
  CHECK(chat_formats_for("gemma3")[0]->name == "Gemma 3");
  CHECK(chat_formats_for("deepseek-v3")[0]->name == "DeepSeek-V3");
  CHECK(chat_formats_for("mistral-7b").empty());  // its package ships no chat template
}
