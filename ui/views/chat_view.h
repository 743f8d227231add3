// The Chat tab: a conversation edited as rows (system, user, assistant or a custom role; rows added and
// removed as in Tiktokenizer), rendered in the tokenizer's chat format (core/explain/chat_format.h), drawn as
// tiles with the format's text outlined, and counted per message: content tokens and overhead.
// The page's text box is left alone: the conversation is a text of its own.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/explain/chat_format.h"
#include "core/encoding.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/text_box/text_editor.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

struct ChatRow {
  uint32_t key = 0;          // stable while rows come and go: names the row's widgets
  std::string role = "user"; // "system", "user", "assistant", or the custom role's name
  bool custom = false;       // the role is a name of the user's (Tiktokenizer's "Custom")
  TextEditorState content;
};

struct ChatViewState {
  // Tiktokenizer's first conversation: a system prompt and an empty user message.
  ChatViewState();

  std::vector<ChatRow> rows;
  uint32_t next_key = 0;
  std::string format_name;       // the format picked ("": the tokenizer's usual one)
  uint64_t edits = 0;            // bumped when rows or roles change (the contents count their own revisions)
  std::string encoding_request;  // a tokenizer with a chat format, picked from the tab: the app selects it

  // What was computed, and for what.
  std::string computed_encoding, computed_format;
  uint64_t computed_edits = UINT64_MAX;
  std::vector<uint64_t> computed_revisions;
  const ChatFormat* format = nullptr;  // null: the tokenizer has no chat format bpeviz knows
  std::optional<Encoding> extended;    // the encoding with the format's added tokens, if it adds any
  std::string extended_for;
  RenderedChat rendered;
  std::vector<Token> tokens;
  std::vector<TokenGroup> groups;
  ChatCounts counts;
  std::string error;
  uint64_t serial = 0;  // bumped with every computation (token view layout, glyph scan)

  TokenViewState view;
  // Where the widgets were drawn last frame (CSS pixels): the page's JS API hands these to tests.
  float add_rect[4] = {0, 0, 0, 0};
  static constexpr std::size_t kPicks = 5;  // tokenizers offered when the page's has no chat format
  float pick_rects[kPicks][4] = {};
  struct RowRects { float role[4], content[4], remove[4]; };
  std::vector<RowRects> row_rects;
};

struct ChatInput {
  std::string_view encoding_name;   // the page's tokenizer
  const Encoding* encoding = nullptr;  // null while its data is on its way, and for "bytes"
  bool show_whitespace = true, byte_notation = false;
  bool presenting = false;  // presentation mode: the format's provenance only as a tooltip
};

ChatRow make_chat_row(ChatViewState& state, std::string role, std::string content);
// The conversation as messages (a custom row's role is its name).
std::vector<ChatMessage> chat_messages(const ChatViewState& state);
// Replaces the conversation (the page's API). A role other than system, user and assistant is custom.
// Returns why not ("" when done): every content obeys the text box's limits.
std::string set_chat_messages(ChatViewState& state, const std::vector<ChatMessage>& messages);
// Picks a format of the tokenizer by name; false when it has none of that name.
bool set_chat_format(ChatViewState& state, std::string_view encoding_name, std::string_view format);
// A number that changes whenever the conversation does (rows, roles, contents, the format picked):
// the page saves the conversation for the next visit when it changes.
uint64_t chat_revision(const ChatViewState& state);
// The row's box that has the keyboard focus, or null.
TextEditorState* focused_chat_editor(ChatViewState& state);

void update_chat_view(ChatViewState& state, const ChatInput& input);
void draw_chat_view(ChatViewState& state, const Fonts& fonts, const ChatInput& input);

}  // namespace bpeviz
