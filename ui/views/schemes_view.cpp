// The Schemes tab: the lesson in one line, the table, the bar chart and the text under each scheme.
#include "ui/views/schemes_view.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include <imgui.h>

#include "core/train/bpe_model.h"
#include "core/text/utf8.h"
#include "ui/tokens/labels.h"
#include "ui/theme.h"

namespace bpeviz {

namespace {

enum class Kind { characters, bytes, words, bpe };

// compare_schemes names its rows "characters", "bytes", "words (...)" and "BPE (...)".
Kind kind_of(const SchemeResult& r) {
  if (r.name == "characters") return Kind::characters;
  if (r.name == "bytes") return Kind::bytes;
  if (r.name.starts_with("words")) return Kind::words;
  return Kind::bpe;
}

// One colour per scheme, shared by the table's swatch, the chart's bar and the text's heading; BPE
// keeps its colour when there is no regex-words row.
ImU32 scheme_colour(const SchemeResult& r) {
  switch (kind_of(r)) {
    case Kind::characters: return IM_COL32(86, 128, 196, 255);
    case Kind::bytes: return IM_COL32(222, 134, 62, 255);
    case Kind::words: return r.name == "words (whitespace)" ? IM_COL32(88, 166, 96, 255) : IM_COL32(60, 160, 160, 255);
    case Kind::bpe: return IM_COL32(150, 96, 190, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

// What a tile's id means under each scheme, for the heading above its text.
std::string id_meaning(Kind kind, std::string_view bpe) {
  switch (kind) {
    case Kind::characters: return "id = the code point";
    case Kind::bytes: return "id = the byte's value";
    case Kind::words: return "id = the word's number in this text; unseen words outlined in red";
    case Kind::bpe: return bpe == "bytes" ? "id = the byte's value (no merges)" : "id = " + std::string(bpe) + "'s token id";
  }
  return "";
}

const Encoding* reference(const SchemesViewState& state, const SchemesInput& in) {
  return in.encoding ? in.encoding : &state.bytes_model;
}

void rebuild_drawn(SchemesViewState& state, const SchemesInput& in) {
  const Encoding& bpe = *reference(state, in);
  // Cut at a character boundary, so no scheme's tiles end inside a character.
  uint32_t end = 0;
  while (end < in.text.size()) {
    const auto next = end + static_cast<uint32_t>(utf8_char_length(in.text, end));
    if (next > SchemesViewState::kDrawBytes) break;
    end = next;
  }
  state.drawn_bytes = end;
  state.drawn.resize(state.results.size());
  ++state.drawn_revision;
  for (std::size_t i = 0; i < state.results.size(); ++i) {
    SchemesViewState::Drawn& d = state.drawn[i];
    d.tokens = scheme_tiles(state.results[i], in.text, end, bpe);
    // A BPE token may end past the cut (it started before it): draw up to where the tiles end.
    const std::string_view shown = in.text.substr(0, d.tokens.empty() ? 0 : d.tokens.back().end);
    d.groups = group_tokens_by_character(shown, d.tokens);
    d.unseen.clear();
    if (kind_of(state.results[i]) == Kind::words) {
      for (const Token& t : d.tokens) {
        if (t.id != kUntokenized && is_unseen_word(in.text.substr(t.begin, t.end - t.begin), bpe)) d.unseen.push_back({t.begin, t.end});
      }
    }
  }
}

// 10000 → "10,000.00".
std::string format_rate(double value) {
  const auto hundredths = static_cast<uint64_t>(value * 100 + 0.5);
  char cents[8];
  std::snprintf(cents, sizeof cents, ".%02u", static_cast<unsigned>(hundredths % 100));
  return thousands(hundredths / 100) + cents;
}

// The table's cells, row by row: scheme, tokens, distinct here, vocabulary needed, unseen, bytes/token.
constexpr int kColumns = 6;
// Headers on two lines keep the table narrow enough to leave the chart room beside it.
const char* const kHeaders[kColumns] = {"Scheme", "Tokens", "Distinct\nhere", "Vocabulary\nneeded", "Unseen\nwords",
                                        "Bytes/\ntoken"};
const char* const kHeaderTips[kColumns] = {
    "How the text is cut.",
    "How many tokens this text becomes.",
    "How many different tokens this text uses.",
    "How many entries the scheme needs for any text. Characters: every Unicode code point; bytes: 256; "
    "words: no bound — every new word needs one (+: at least this text's words); BPE: its vocabulary.",
    "Words (distinct) that are not one token of the BPE's vocabulary, with or without a leading space: "
    "what a word-level vocabulary of that size would not know.",
    "The text's UTF-8 bytes divided by its tokens: how much text one token carries.",
};

std::vector<std::array<std::string, kColumns>> table_cells(const std::vector<SchemeResult>& results) {
  std::vector<std::array<std::string, kColumns>> rows;
  for (const SchemeResult& r : results) {
    const Kind kind = kind_of(r);
    rows.push_back({r.name, thousands(r.tokens), thousands(r.distinct),
                    thousands(r.vocabulary) + (kind == Kind::words ? "+" : ""),
                    kind == Kind::words ? thousands(r.unseen) : "—",
                    r.tokens == 0 ? "—" : format_rate(r.bytes_per_token)});
  }
  return rows;
}

// Each line of `s` against the cell's right edge.
void right_aligned(std::string_view s) {
  for (std::size_t begin = 0; begin <= s.size();) {
    const std::size_t end = std::min(s.find('\n', begin), s.size());
    const char *b = s.data() + begin, *e = s.data() + end;
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + std::max(0.0f, ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(b, e).x));
    ImGui::TextUnformatted(b, e);
    begin = end + 1;
  }
}

// The widest line of `s`.
float lines_width(std::string_view s) {
  float w = 0;
  for (std::size_t begin = 0; begin <= s.size();) {
    const std::size_t end = std::min(s.find('\n', begin), s.size());
    w = std::max(w, ImGui::CalcTextSize(s.data() + begin, s.data() + end).x);
    begin = end + 1;
  }
  return w;
}

float swatch_width() { return ImGui::GetFontSize() * 0.7f + 6; }

// Each column as wide as its widest cell or header line (ImGui's auto-fit ignores headers not drawn
// by TableHeader, and TableHeader draws one line).
std::array<float, kColumns> column_widths(const std::vector<std::array<std::string, kColumns>>& rows) {
  std::array<float, kColumns> widths{};
  for (int c = 0; c < kColumns; ++c) {
    float w = lines_width(kHeaders[c]);
    for (const auto& row : rows) {
      w = std::max(w, ImGui::CalcTextSize(row[static_cast<std::size_t>(c)].c_str()).x + (c == 0 ? swatch_width() : 0));
    }
    widths[static_cast<std::size_t>(c)] = std::ceil(w);
  }
  return widths;
}

// The table's width with those columns: cell padding on both sides and a 1-pixel border between.
float table_width(const std::array<float, kColumns>& widths) {
  float total = 1;
  for (float w : widths) total += w + 2 * ImGui::GetStyle().CellPadding.x + 1;
  return total;
}

// A small square in the scheme's colour at the cursor, which then moves past it.
void swatch(const SchemeResult& r) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float size = ImGui::GetFontSize() * 0.7f, y = at.y + (ImGui::GetTextLineHeight() - size) / 2;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + size, y + size), scheme_colour(r), 2.0f);
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + swatch_width());
}

void draw_table(const std::vector<SchemeResult>& results, const std::vector<std::array<std::string, kColumns>>& rows,
                const std::array<float, kColumns>& widths) {
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("schemes table", kColumns, flags, ImVec2(table_width(widths), 0))) return;
  for (int c = 0; c < kColumns; ++c) {
    ImGui::TableSetupColumn(kHeaders[c], ImGuiTableColumnFlags_WidthFixed, widths[static_cast<std::size_t>(c)]);
  }
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < kColumns; ++c) {
    ImGui::TableSetColumnIndex(c);
    if (c == 0) ImGui::TextUnformatted(kHeaders[c]);
    else right_aligned(kHeaders[c]);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kHeaderTips[c]);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    swatch(results[r]);  // ties the row to its bar
    ImGui::TextUnformatted(rows[r][0].c_str());
    for (int c = 1; c < kColumns; ++c) {
      ImGui::TableSetColumnIndex(c);
      right_aligned(rows[r][static_cast<std::size_t>(c)]);
    }
  }
  ImGui::EndTable();
}

// Horizontal bars of the token counts: name, bar, number. The longest bar leaves room for its number.
void draw_chart(const SchemesViewState& state, float width) {
  const auto& results = state.results;
  const ImGuiStyle& style = ImGui::GetStyle();
  ImGui::BeginGroup();
  ImGui::TextDisabled("Tokens for this text");
  float name_w = 0, value_w = 0;
  std::size_t most = 0;
  for (const SchemeResult& r : results) {
    name_w = std::max(name_w, ImGui::CalcTextSize(r.name.c_str()).x);
    value_w = std::max(value_w, ImGui::CalcTextSize(thousands(r.tokens).c_str()).x);
    most = std::max(most, r.tokens);
  }
  const float bar_h = ImGui::GetTextLineHeight() + 4, row_h = bar_h + 5;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float bars_x = origin.x + name_w + style.ItemSpacing.x;
  const float bar_room = std::max(40.0f, width - (name_w + style.ItemSpacing.x) - (value_w + style.ItemSpacing.x));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < results.size(); ++i) {
    const float y = origin.y + static_cast<float>(i) * row_h;
    const float text_y = y + (bar_h - ImGui::GetTextLineHeight()) / 2;
    draw->AddText(ImVec2(bars_x - style.ItemSpacing.x - ImGui::CalcTextSize(results[i].name.c_str()).x, text_y),
                  ImGui::GetColorU32(ImGuiCol_Text), results[i].name.c_str());
    const float length = scheme_bar_length(results[i].tokens, most, bar_room);
    if (length > 0) draw->AddRectFilled(ImVec2(bars_x, y), ImVec2(bars_x + length, y + bar_h), scheme_colour(results[i]), 2.0f);
    const std::string value = thousands(results[i].tokens);
    draw->AddText(ImVec2(bars_x + length + style.ItemSpacing.x * 0.6f, text_y), ImGui::GetColorU32(ImGuiCol_Text),
                  value.c_str());
  }
  ImGui::Dummy(ImVec2(width, static_cast<float>(results.size()) * row_h - 5));
  ImGui::EndGroup();
}

void draw_texts(SchemesViewState& state, const Fonts& fonts, const SchemesInput& in) {
  ImGui::BeginChild("scheme texts", ImVec2(0, 0), false);
  if (state.drawn_bytes < in.text.size()) {
    ImGui::TextDisabled("Drawn: the first %s bytes of %s (the table counts the whole text).",
                        thousands(state.drawn_bytes).c_str(), thousands(in.text.size()).c_str());
  }
  const Encoding* bpe = reference(state, in);
  for (std::size_t i = 0; i < state.results.size(); ++i) {
    const SchemeResult& r = state.results[i];
    SchemesViewState::Drawn& d = state.drawn[i];
    ImGui::PushID(static_cast<int>(i));
    swatch(r);
    ImGui::TextUnformatted(r.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s tokens · %s", thousands(r.tokens).c_str(), id_meaning(kind_of(r), bpe->name()).c_str());
    // Each scheme's text in a box of at most a few rows (as many as it needs when short), so all of
    // them stay within reach; a long one scrolls inside its box.
    const float row_h = d.view.row_height > 0 ? d.view.row_height : 48.0f;
    const std::size_t rows = d.view.row_starts.size() > 1 ? d.view.row_starts.size() - 1 : 1;
    const float height = static_cast<float>(std::min<std::size_t>(rows, 3)) * row_h + 2 * ImGui::GetStyle().WindowPadding.y;
    ImGui::BeginChild("text", ImVec2(0, height), true);
    if (d.tokens.empty()) {
      ImGui::TextDisabled("(no text)");
    } else {
      TokenViewInput view;
      view.revision = state.drawn_revision;
      view.text = in.text;
      view.tokens = d.tokens;
      view.groups = d.groups;
      view.encoding = kind_of(r) == Kind::bpe ? bpe : nullptr;
      view.highlights = d.unseen;
      draw_token_view(d.view, fonts, view);
    }
    ImGui::EndChild();
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace

std::vector<Token> scheme_tiles(const SchemeResult& result, std::string_view text, uint32_t end, const Encoding& bpe) {
  std::vector<Token> tiles;
  const Kind kind = kind_of(result);
  std::unordered_map<std::string_view, uint32_t> word_ids;
  uint32_t at = 0;
  for (const Span& s : result.spans) {
    if (s.begin >= end) break;
    if (s.begin > at) tiles.push_back({kUntokenized, at, s.begin});  // white space between words
    const std::string_view bytes = text.substr(s.begin, s.end - s.begin);
    uint32_t id = 0;
    switch (kind) {
      case Kind::characters: id = utf8_code_point(text, s.begin); break;
      case Kind::bytes: id = static_cast<unsigned char>(text[s.begin]); break;
      case Kind::words: id = word_ids.emplace(bytes, static_cast<uint32_t>(word_ids.size())).first->second; break;
      case Kind::bpe: id = bpe.ranks().find(bytes); break;  // special tokens count as text: every token is a rank
    }
    tiles.push_back({id, s.begin, s.end});
    at = s.end;
  }
  if (at < end && kind == Kind::words) tiles.push_back({kUntokenized, at, end});  // trailing white space
  return tiles;
}

float scheme_bar_length(std::size_t tokens, std::size_t most, float width) {
  if (tokens == 0 || most == 0) return 0;
  return std::max(kMinBar, width * static_cast<float>(static_cast<double>(tokens) / static_cast<double>(most)));
}

bool schemes_current(const SchemesViewState& state, const SchemesInput& in) {
  return state.computed && state.serial == in.serial;
}

void update_schemes_view(SchemesViewState& state, const SchemesInput& in) {
  if (schemes_current(state, in)) return;
  state.computed = true;
  state.serial = in.serial;
  state.encoding = std::string(in.encoding_name);
  state.results.clear();
  state.error.clear();
  if (!in.encoding && state.bytes_model.name().empty()) {
    // The byte-level baseline as a BPE with no merges: the reference for "unseen" is its 256 bytes.
    auto bytes = make_model_encoding(BpeModel::bytes_only(Pretokenizer::none), "bytes");
    if (!bytes.ok()) {
      state.error = "Could not make the byte-level baseline: " + bytes.error;
      state.drawn.clear();
      return;
    }
    state.bytes_model = std::move(bytes.value);
  }
  state.results = compare_schemes(in.text, *reference(state, in));
  rebuild_drawn(state, in);
}

void draw_schemes_view(SchemesViewState& state, const Fonts& fonts, const SchemesInput& in) {
  update_schemes_view(state, in);
  ImGui::TextWrapped("Characters need a huge vocabulary, bytes make long sequences, words leave words unseen — "
                     "BPE is the compromise.");
  const std::string bpe = std::string(reference(state, in)->name());
  if (!in.encoding) {
    ImGui::TextWrapped("The byte-level baseline is picked: its BPE row has no merges (the bytes again) and the "
                       "reference vocabulary is the 256 bytes, so every word of two bytes or more is unseen. "
                       "Pick an encoding to compare a real BPE.");
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("Unseen: distinct words that are not one %s token (with or without a leading space). "
                       "Special tokens count as text.", bpe.c_str());
    ImGui::PopStyleColor();
  }
  if (!state.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", state.error.c_str());
    ImGui::PopStyleColor();
    return;
  }
  const auto rows = table_cells(state.results);
  const auto widths = column_widths(rows);
  const float available = ImGui::GetContentRegionAvail().x;
  const float table_w = table_width(widths);
  // The chart beside the table when both fit at a readable size, else under it.
  const float chart_min = 380;
  if (available - table_w - ImGui::GetStyle().ItemSpacing.x * 3 >= chart_min) {
    draw_table(state.results, rows, widths);
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 3);
    draw_chart(state, ImGui::GetContentRegionAvail().x);
  } else {
    draw_table(state.results, rows, widths);
    draw_chart(state, available);
  }
  draw_texts(state, fonts, in);
}

}  // namespace bpeviz
