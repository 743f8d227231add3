// Chat formats: how a conversation (system, user, assistant messages) becomes the one text a model
// reads, with the special tokens that mark each message. The Chat tab renders messages with them and
// counts, per message, the tokens of its content and the tokens the format adds (the overhead).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/text/pretokenize.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

struct ChatMessage;
struct RenderedChat;

struct ChatFormat {
  std::string_view name;       // "ChatML (gpt-4, gpt-4o)"
  std::string_view source;     // where the format and its ids come from, for the page to say
  std::string_view begin;      // before the first message ("<|begin_of_text|>")
  std::string_view open;       // a message's head, "{role}" standing for its role
  std::string_view close;      // after a message's content
  std::string_view separator;  // between messages, and before the reply's head
  std::string_view reply;      // the head of the assistant's reply the model is asked to write
  // Special tokens the format needs that the encoding lacks (tiktoken's cl100k_base and o200k_base
  // have no ChatML tokens: Tiktokenizer adds them at these ids).
  std::vector<SpecialToken> added_specials;
  // A model whose chat template does more than heads and closes (trims contents, moves or drops
  // messages) has its own rendering, written after that template; null: the fields above are all.
  RenderedChat (*render)(const ChatFormat&, std::span<const ChatMessage>) = nullptr;
};

// The formats known for a tokenizer (built-in encoding or bundled model name), the usual one first;
// empty when bpeviz knows none.
std::vector<const ChatFormat*> chat_formats_for(std::string_view encoding);
const ChatFormat* find_chat_format(std::string_view encoding, std::string_view name);

struct ChatMessage {
  std::string role;  // "system", "user", "assistant", or a name of the user's
  std::string content;
};

// A conversation as one text, and where each part of it is.
struct RenderedChat {
  std::string text;
  struct Message {
    Span whole;    // the message, from its head to its close (the separator after it not included);
                   // empty when the format leaves the message out
    Span content;  // its content inside that (trimmed, when the format trims it)
  };
  std::vector<Message> messages;
  Span reply;                       // the reply's head, at the end
  std::vector<Span> format_spans;   // the text the format added (heads, closes, separators), in order
  // What the model's template does with this conversation that the text cannot show: a message it
  // leaves out, or a conversation it refuses (the text is then the nearest it would write). "" if none.
  std::string note;
};
RenderedChat render_chat(const ChatFormat& format, std::span<const ChatMessage> messages);

// `base` (a tiktoken-style encoding) with the format's added special tokens. Only for formats that add
// some: the others use their encoding as it is.
Encoding chat_encoding(const Encoding& base, const ChatFormat& format);

// Token counts: a token that overlaps a message's content is the content's; every other token is the
// format's (its overhead), counted with the message it belongs to (the one it is in or after, in the
// order of the text: a format may move a message), or with the reply's head.
struct ChatCounts {
  struct Message { std::size_t content = 0, format = 0; };
  std::vector<Message> messages;
  std::size_t begin = 0;  // the format's tokens before the first message (a BOS)
  std::size_t reply = 0;  // the reply head's tokens
  std::size_t content = 0;  // all the messages' content tokens
  std::size_t total = 0;
};
ChatCounts count_chat(const RenderedChat& chat, std::span<const Token> tokens);

}  // namespace bpeviz
