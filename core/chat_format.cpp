#include "core/chat_format.h"

#include <algorithm>

namespace bpeviz {
namespace {

std::vector<SpecialToken> chatml_tokens(uint32_t first) {
  return {{"<|im_start|>", first}, {"<|im_end|>", first + 1}, {"<|im_sep|>", first + 2}};
}

// Tiktokenizer's renderings (its ChatGPT editor): gpt-4 and gpt-4o put <|im_sep|> after the role,
// gpt-3.5-turbo a newline, with newlines between messages too.
const ChatFormat kChatMlGpt4{
    "ChatML (gpt-4)",
    "ChatML as Tiktokenizer renders it for gpt-4; <|im_start|> 100264, <|im_end|> 100265 and <|im_sep|> 100266 "
    "are the ids Tiktokenizer adds to cl100k_base, which defines none of them",
    "", "<|im_start|>{role}<|im_sep|>", "<|im_end|>", "", "<|im_start|>assistant<|im_sep|>", chatml_tokens(100264)};
const ChatFormat kChatMlGpt35{
    "ChatML (gpt-3.5-turbo)",
    "ChatML as Tiktokenizer renders it for gpt-3.5-turbo; <|im_start|> 100264 and <|im_end|> 100265 are the ids "
    "Tiktokenizer adds to cl100k_base, which defines neither",
    "", "<|im_start|>{role}\n", "<|im_end|>", "\n", "<|im_start|>assistant\n", chatml_tokens(100264)};
const ChatFormat kChatMlGpt4o{
    "ChatML (gpt-4o)",
    "ChatML as Tiktokenizer renders it for gpt-4o; <|im_start|> 200264, <|im_end|> 200265 and <|im_sep|> 200266 "
    "are the ids Tiktokenizer adds to o200k_base, which defines none of them",
    "", "<|im_start|>{role}<|im_sep|>", "<|im_end|>", "", "<|im_start|>assistant<|im_sep|>", chatml_tokens(200264)};
const ChatFormat kHarmony{
    "Harmony (gpt-oss)",
    "OpenAI's harmony format for gpt-oss, messages without channels; its tokens are the encoding's own",
    "", "<|start|>{role}<|message|>", "<|end|>", "", "<|start|>assistant", {}};
const ChatFormat kLlama3{
    "Llama 3",
    "Meta's Llama 3 prompt format; its tokens are the model's own",
    "<|begin_of_text|>", "<|start_header_id|>{role}<|end_header_id|>\n\n", "<|eot_id|>", "",
    "<|start_header_id|>assistant<|end_header_id|>\n\n", {}};
const ChatFormat kQwen{
    "ChatML (Qwen)",
    "Qwen's ChatML, as its chat template writes messages without tools or thinking; its tokens are the model's own",
    "", "<|im_start|>{role}\n", "<|im_end|>", "\n", "<|im_start|>assistant\n", {}};

void append_head(std::string& out, std::string_view head, std::string_view role) {
  const std::size_t at = head.find("{role}");
  if (at == std::string_view::npos) {
    out += head;
    return;
  }
  out += head.substr(0, at);
  out += role;
  out += head.substr(at + 6);
}

}  // namespace

std::vector<const ChatFormat*> chat_formats_for(std::string_view encoding) {
  if (encoding == "cl100k_base") return {&kChatMlGpt4, &kChatMlGpt35};
  if (encoding == "o200k_base") return {&kChatMlGpt4o};
  if (encoding == "o200k_harmony" || encoding == "gpt-oss") return {&kHarmony};
  if (encoding == "llama3" || encoding == "llama3.1") return {&kLlama3};
  if (encoding == "qwen3") return {&kQwen};
  return {};
}

const ChatFormat* find_chat_format(std::string_view encoding, std::string_view name) {
  for (const ChatFormat* format : chat_formats_for(encoding)) {
    if (format->name == name) return format;
  }
  return nullptr;
}

RenderedChat render_chat(const ChatFormat& format, std::span<const ChatMessage> messages) {
  RenderedChat chat;
  std::string& text = chat.text;
  const auto at = [&] { return static_cast<uint32_t>(text.size()); };
  // Adds format text, as one span with the format text just before it.
  const auto add_format = [&](auto&& write) {
    const uint32_t begin = at();
    write();
    if (at() == begin) return;
    if (!chat.format_spans.empty() && chat.format_spans.back().end == begin) chat.format_spans.back().end = at();
    else chat.format_spans.push_back({begin, at()});
  };
  add_format([&] { text += format.begin; });
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) add_format([&] { text += format.separator; });
    RenderedChat::Message message;
    message.whole.begin = at();
    add_format([&] { append_head(text, format.open, messages[i].role); });
    message.content.begin = at();
    text += messages[i].content;
    message.content.end = at();
    add_format([&] { text += format.close; });
    message.whole.end = at();
    chat.messages.push_back(message);
  }
  if (!messages.empty()) add_format([&] { text += format.separator; });
  chat.reply.begin = at();
  add_format([&] { text += format.reply; });
  chat.reply.end = at();
  return chat;
}

Encoding chat_encoding(const Encoding& base, const ChatFormat& format) {
  if (format.added_specials.empty()) return base;
  std::vector<SpecialToken> specials = base.specials();
  uint32_t n_vocab = base.n_vocab();
  for (const SpecialToken& token : format.added_specials) {
    specials.push_back(token);
    n_vocab = std::max(n_vocab, token.id + 1);
  }
  return Encoding(base.name() + " + " + std::string(format.name), base.pretokenizer(), base.ranks(), std::move(specials),
                  n_vocab);
}

ChatCounts count_chat(const RenderedChat& chat, std::span<const Token> tokens) {
  ChatCounts counts;
  counts.messages.resize(chat.messages.size());
  counts.total = tokens.size();
  std::size_t m = 0;  // the message a token is in or after (the messages are in order, as are the tokens)
  for (const Token& token : tokens) {
    while (m + 1 < chat.messages.size() && token.begin >= chat.messages[m + 1].whole.begin) ++m;
    if (token.begin >= chat.reply.begin && token.end > chat.reply.begin) {
      ++counts.reply;
    } else if (chat.messages.empty() || token.end <= chat.messages[0].whole.begin) {
      ++counts.begin;
    } else {
      const Span content = chat.messages[m].content;
      const bool in_content = token.begin < content.end && token.end > content.begin;
      ++(in_content ? counts.messages[m].content : counts.messages[m].format);
      counts.content += in_content;
    }
  }
  return counts;
}

}  // namespace bpeviz
