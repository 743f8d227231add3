#include "ui/views/chat_view.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/text_box/text_entries.h"
#include "ui/tokens/labels.h"
#include "ui/theme.h"

namespace bpeviz {
namespace {

constexpr const char* kRoles[] = {"system", "user", "assistant"};

// "System" for "system": as the role picker shows it.
std::string role_label(std::string_view role) {
  std::string label(role);
  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

bool is_standard_role(std::string_view role) {
  return std::find(std::begin(kRoles), std::end(kRoles), role) != std::end(kRoles);
}

void last_rect(float rect[4]) {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  rect[0] = min.x;
  rect[1] = min.y;
  rect[2] = size.x;
  rect[3] = size.y;
}

// The tokenizers that have a chat format, offered when the page's has none.
constexpr const char* kChatTokenizers[ChatViewState::kPicks] = {"o200k_base", "cl100k_base", "o200k_harmony", "llama3.1", "qwen3"};

void draw_no_format(ChatViewState& state, const ChatInput& in) {
  ImGui::TextWrapped("bpeviz knows no chat format for %.*s. A chat format is how a model reads a conversation: "
                     "special tokens around each message. Pick a tokenizer that has one:",
                     static_cast<int>(in.encoding_name.size()), in.encoding_name.data());
  for (std::size_t i = 0; i < std::size(kChatTokenizers); ++i) {
    if (ImGui::Button(kChatTokenizers[i])) state.encoding_request = kChatTokenizers[i];
    last_rect(state.pick_rects[i]);
    ImGui::SameLine();
  }
  ImGui::NewLine();
}

void draw_format_picker(ChatViewState& state, const ChatInput& in) {
  const auto formats = chat_formats_for(in.encoding_name);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Chat format");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13);
  const char* shown = state.format ? state.format->name.data() : formats[0]->name.data();
  if (ImGui::BeginCombo("##format", shown)) {
    for (const ChatFormat* format : formats) {
      if (ImGui::Selectable(format->name.data(), format == state.format)) state.format_name = format->name;
    }
    ImGui::EndCombo();
  }
  if (!state.format) return;
  // The page's special-token policy is for its text box: a conversation is encoded as Tiktokenizer does.
  static constexpr const char* kSpecials = "Special-token text inside a message counts as that special token.";
  if (in.presenting) {
    // The room goes to the tiles; the provenance stays a hover away.
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s.\n%s", state.format->source.data(), kSpecials);
    return;
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("%s. %s", state.format->source.data(), kSpecials);
  ImGui::PopStyleColor();
}

// A new row's role, as Tiktokenizer picks it: a system prompt first, an assistant after a user.
std::string next_role(const ChatViewState& state) {
  if (state.rows.empty()) return "system";
  return state.rows.back().role == "user" && !state.rows.back().custom ? "assistant" : "user";
}

void draw_rows(ChatViewState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float em = ImGui::GetFontSize();
  state.row_rects.resize(state.rows.size());
  std::ptrdiff_t remove = -1;
  for (std::size_t i = 0; i < state.rows.size(); ++i) {
    ChatRow& row = state.rows[i];
    ChatViewState::RowRects& rects = state.row_rects[i];
    ImGui::PushID(static_cast<int>(row.key));
    ImGui::SetNextItemWidth(em * 7.5f);
    if (ImGui::BeginCombo("##role", row.custom ? "Custom" : role_label(row.role).c_str())) {
      for (const char* role : kRoles) {
        if (ImGui::Selectable(role_label(role).c_str(), !row.custom && row.role == role)) {
          row.role = role;
          row.custom = false;
          ++state.edits;
        }
      }
      ImGui::Separator();
      if (ImGui::Selectable("Custom", row.custom)) {
        if (!row.custom) row.role = "";
        row.custom = true;
        ++state.edits;
      }
      ImGui::EndCombo();
    }
    last_rect(rects.role);
    const float remove_width = ImGui::CalcTextSize("Remove").x + style.FramePadding.x * 2;
    if (row.custom) {
      ImGui::SameLine();
      ImGui::SetNextItemWidth(std::max(em * 4, ImGui::GetContentRegionAvail().x - remove_width - style.ItemSpacing.x));
      if (draw_keeping_text_on_escape([&] {
            const bool changed = ImGui::InputTextWithHint("##name", "role name", &row.role);
            note_text_entry();  // a tap on it opens a phone's keyboard
            return changed;
          })) {
        ++state.edits;
      }
    }
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - remove_width));
    if (ImGui::Button("Remove")) remove = static_cast<std::ptrdiff_t>(i);
    last_rect(rects.remove);
    // As tall as its text, two to eight lines (a longer one scrolls).
    const auto lines = std::count(row.content.text.begin(), row.content.text.end(), '\n') + 1;
    const float height = static_cast<float>(std::clamp<std::ptrdiff_t>(lines, 2, 8)) * ImGui::GetTextLineHeight() +
                         style.FramePadding.y * 2;
    draw_text_editor(row.content, "##content", ImVec2(-1, height));
    last_rect(rects.content);
    if (state.format && i < state.counts.messages.size() && state.error.empty() && !state.tokens.empty()) {
      const ChatCounts::Message& c = state.counts.messages[i];
      ImGui::TextDisabled("%s content + %s format tokens", thousands(c.content).c_str(), thousands(c.format).c_str());
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  if (remove >= 0) {
    state.rows.erase(state.rows.begin() + remove);
    state.row_rects.erase(state.row_rects.begin() + remove);
    ++state.edits;
  }
  if (ImGui::Button("+ Add message")) {
    ChatRow& row = state.rows.emplace_back(make_chat_row(state, next_role(state), ""));
    row.content.focus_request = true;
    ++state.edits;
  }
  last_rect(state.add_rect);
}

void draw_counts_table(const ChatViewState& state) {
  const ChatCounts& counts = state.counts;
  const std::size_t lines = state.rows.size() + 2 + (counts.begin > 0);
  const float row_height = ImGui::GetTextLineHeightWithSpacing() + 2;
  // Up to eight lines the table is as tall as its rows; a longer one scrolls.
  const bool scrolls = lines > 8;
  const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                (scrolls ? ImGuiTableFlags_ScrollY : 0);
  if (!ImGui::BeginTable("counts", 4, flags, ImVec2(0, scrolls ? 8.5f * row_height : 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Message", ImGuiTableColumnFlags_WidthStretch, 3.0f);
  ImGui::TableSetupColumn("Content", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Format", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Tokens", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();
  const auto row = [](const std::string& label, const std::string& content, std::size_t format, std::size_t total) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(content.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(thousands(format).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(thousands(total).c_str());
  };
  if (counts.begin > 0) row("before the messages", "", counts.begin, counts.begin);
  for (std::size_t i = 0; i < counts.messages.size() && i < state.rows.size(); ++i) {
    const ChatCounts::Message& m = counts.messages[i];
    row(std::to_string(i + 1) + ". " + (state.rows[i].role.empty() ? "(no role)" : state.rows[i].role),
        thousands(m.content), m.format, m.content + m.format);
  }
  row("the reply's head (assistant)", "", counts.reply, counts.reply);
  row("Total", thousands(counts.content), counts.total - counts.content, counts.total);
  ImGui::EndTable();
}

// A sample outline and what it means, then the tiles of the whole conversation.
void draw_rendered(ChatViewState& state, const Fonts& fonts, const ChatInput& in, const Encoding* encoding) {
  const std::size_t overhead = state.counts.total - state.counts.content;
  ImGui::Text("%s tokens, of which the format adds %s (%.0f%%)", thousands(state.counts.total).c_str(),
              thousands(overhead).c_str(), state.counts.total ? 100.0 * overhead / state.counts.total : 0.0);
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRect(ImVec2(at.x + 1, at.y + 1), ImVec2(at.x + h * 1.4f, at.y + h - 1),
                                      palette().highlight, 3.0f, 0, 2.5f);
  ImGui::Dummy(ImVec2(h * 1.4f + 4, h));
  ImGui::SameLine(0, 4);
  ImGui::TextDisabled("the text the format adds (its overhead)");
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 5));
  // At least a few rows of tiles, even under a long table (the column scrolls then).
  ImGui::BeginChild("chat tokens", ImVec2(0, std::max(ImGui::GetContentRegionAvail().y, ImGui::GetFontSize() * 8)), true);
  ImGui::PopStyleVar();
  state.view.show_whitespace = in.show_whitespace;
  state.view.byte_notation = in.byte_notation;
  TokenViewInput view;
  view.revision = state.serial;
  view.text = state.rendered.text;
  view.tokens = state.tokens;
  view.groups = state.groups;
  view.encoding = encoding;
  view.highlights = state.rendered.format_spans;
  draw_token_view(state.view, fonts, view);
  ImGui::EndChild();
}

}  // namespace

ChatViewState::ChatViewState() {
  rows.push_back(make_chat_row(*this, "system", "You are a helpful assistant"));
  rows.push_back(make_chat_row(*this, "user", ""));
}

ChatRow make_chat_row(ChatViewState& state, std::string role, std::string content) {
  ChatRow row;
  row.key = state.next_key++;
  row.custom = !is_standard_role(role);
  row.role = std::move(role);
  row.content.text = std::move(content);
  row.content.focus_request = false;  // the page's text box keeps the focus
  return row;
}

std::vector<ChatMessage> chat_messages(const ChatViewState& state) {
  std::vector<ChatMessage> messages;
  for (const ChatRow& row : state.rows) messages.push_back({row.role, row.content.text});
  return messages;
}

std::string set_chat_messages(ChatViewState& state, const std::vector<ChatMessage>& messages) {
  std::size_t total = 0;
  for (const ChatMessage& m : messages) {
    total += m.content.size() + m.role.size();
    if (std::string why = text_too_large(static_cast<double>(total), static_cast<double>(longest_line(m.content)));
        !why.empty()) {
      return why;
    }
  }
  state.rows.clear();
  for (const ChatMessage& m : messages) state.rows.push_back(make_chat_row(state, m.role, m.content));
  ++state.edits;
  return "";
}

bool set_chat_format(ChatViewState& state, std::string_view encoding_name, std::string_view format) {
  if (!find_chat_format(encoding_name, format)) return false;
  state.format_name = format;
  return true;
}

uint64_t chat_revision(const ChatViewState& state) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a over the numbers that change with the conversation
  const auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(state.edits);
  mix(std::hash<std::string>{}(state.format_name));
  for (const ChatRow& row : state.rows) {
    mix(row.key);
    mix(row.content.revision);
  }
  return h;
}

TextEditorState* focused_chat_editor(ChatViewState& state) {
  for (ChatRow& row : state.rows) {
    if (row.content.active) return &row.content;
  }
  return nullptr;
}

void update_chat_view(ChatViewState& state, const ChatInput& in) {
  std::vector<uint64_t> revisions;
  for (const ChatRow& row : state.rows) revisions.push_back(row.content.revision);
  const ChatFormat* format = find_chat_format(in.encoding_name, state.format_name);
  if (!format) {
    const auto formats = chat_formats_for(in.encoding_name);
    format = formats.empty() ? nullptr : formats[0];
  }
  const std::string encoding_key = std::string(in.encoding_name) + (in.encoding ? "" : " (loading)");
  const std::string format_key = format ? std::string(format->name) : "";
  if (state.computed_edits == state.edits && state.computed_revisions == revisions &&
      state.computed_encoding == encoding_key && state.computed_format == format_key) {
    return;
  }
  state.computed_edits = state.edits;
  state.computed_revisions = std::move(revisions);
  state.computed_encoding = encoding_key;
  state.computed_format = format_key;
  state.format = format;
  state.tokens.clear();
  state.groups.clear();
  state.counts = {};
  state.error.clear();
  ++state.serial;
  if (!format) {
    state.rendered = {};
    return;
  }
  state.rendered = render_chat(*format, chat_messages(state));
  const Encoding* encoding = in.encoding;
  if (!encoding) {
    state.error = "loading " + std::string(in.encoding_name) + "…";
    return;
  }
  if (!format->added_specials.empty()) {
    const std::string key = encoding->name() + "|" + format_key;
    if (state.extended_for != key) {
      state.extended = chat_encoding(*encoding, *format);
      state.extended_for = key;
    }
    encoding = &*state.extended;
  }
  // Special tokens in the text are special tokens, as Tiktokenizer encodes the conversation.
  auto tokens = encoding->encode_with_spans(state.rendered.text, SpecialPolicy::allow_all_specials());
  if (!tokens.ok()) {
    state.error = tokens.error;
    return;
  }
  state.tokens = std::move(tokens.value);
  state.groups = group_tokens_by_character(state.rendered.text, state.tokens);
  state.counts = count_chat(state.rendered, state.tokens);
}

void draw_chat_view(ChatViewState& state, const Fonts& fonts, const ChatInput& in) {
  update_chat_view(state, in);
  if (!state.format) {
    draw_no_format(state, in);
    return;
  }
  draw_format_picker(state, in);
  const float em = ImGui::GetFontSize();
  const float width = ImGui::GetContentRegionAvail().x;
  const float left = std::clamp(width * 0.42f, std::min(width, em * 16), em * 36);
  ImGui::BeginChild("messages", ImVec2(left, 0), true);
  draw_rows(state);
  ImGui::EndChild();
  ImGui::SameLine();
  update_chat_view(state, in);  // the rows' edits of this frame
  ImGui::BeginChild("conversation", ImVec2(0, 0), false);
  if (!state.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, state.tokens.empty() && state.error.starts_with("loading")
                                             ? ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]
                                             : palette().error);
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
  } else {
    if (!state.rendered.note.empty()) {
      // What the model's template does that the text cannot show: a message it leaves out, a refusal.
      ImGui::PushStyleColor(ImGuiCol_Text, palette().warning);
      ImGui::TextWrapped("%s", state.rendered.note.c_str());
      ImGui::PopStyleColor();
    }
    draw_counts_table(state);
    const Encoding* encoding = state.extended && state.format && !state.format->added_specials.empty()
                                   ? &*state.extended : in.encoding;
    draw_rendered(state, fonts, in, encoding);
  }
  ImGui::EndChild();
}

}  // namespace bpeviz
