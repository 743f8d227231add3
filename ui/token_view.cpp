#include "ui/token_view.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "core/utf8.h"
#include "ui/theme.h"

namespace bpeviz {

namespace {

constexpr float kPad = 5.0f;      // inside a tile
constexpr float kGap = 3.0f;      // between tiles
constexpr float kMinWidth = 14.0f;

// The tile label for a span of text: invisible characters become visible symbols, bytes that are
// not UTF-8 become \xNN, and characters the font cannot draw become U+XXXX rather than a box.
// Returns true when the span ends a line.
bool append_label(std::string& out, std::string_view piece, bool show_whitespace, const ImFont* font) {
  bool newline = false;
  bool last_was_name = false;
  for (std::size_t i = 0; i < piece.size();) {
    const std::size_t n = utf8_char_length(piece, i);
    const bool after_name = last_was_name;
    last_was_name = false;
    const auto c = static_cast<unsigned char>(piece[i]);
    if (n == 1 && c >= 0x80) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else if (c == '\n') {
      utf8_append(out, 0x21B5);  // ↵
      newline = true;
    } else if (c == ' ') {
      if (show_whitespace) utf8_append(out, 0x00B7); else out.push_back(' ');
    } else if (c == '\t') {
      if (show_whitespace) utf8_append(out, 0x2192); else out += "    ";
    } else if (c < 0x20) {
      utf8_append(out, 0x2400 + c);  // control pictures ␀ ␍ ...
    } else if (c == 0x7F) {
      utf8_append(out, 0x2421);
    } else if (n > 1 && !font->FindGlyphNoFallback(static_cast<ImWchar>(utf8_code_point(piece, i)))) {
      char name[16];
      // A space between neighbouring names keeps "U+4F60 U+597D" readable.
      std::snprintf(name, sizeof name, "%sU+%04X", after_name ? " " : "", utf8_code_point(piece, i));
      out += name;
      last_was_name = true;
    } else {
      out.append(piece.substr(i, n));
    }
    i += n;
  }
  return newline;
}

float text_width(ImFont* font, float size, std::string_view s) {
  return font->CalcTextSizeA(size, 1e9f, 0, s.data(), s.data() + s.size()).x;
}

void rebuild_layout(TokenViewState& state, const Fonts& fonts, std::string_view text, std::span<const Token> tokens,
                    std::span<const TokenGroup> groups, float width) {
  state.labels.clear();
  state.ids.clear();
  state.label_starts.assign(1, 0);
  state.id_starts.assign(1, 0);
  state.tile_widths.clear();
  state.row_starts.assign(1, 0);
  const float text_size = fonts.text->FontSize * fonts.text->Scale * ImGui::GetIO().FontGlobalScale;
  const float mono_size = fonts.mono->FontSize * fonts.mono->Scale * ImGui::GetIO().FontGlobalScale;
  float x = 0;
  bool break_after = false;
  for (uint32_t g = 0; g < groups.size(); ++g) {
    const TokenGroup& group = groups[g];
    const std::size_t label_begin = state.labels.size();
    const bool ends_line = append_label(state.labels, text.substr(group.begin, group.end - group.begin),
                                        state.show_whitespace, fonts.text);
    const std::size_t ids_begin = state.ids.size();
    for (uint32_t t = group.first_token; t < group.first_token + group.token_count; ++t) {
      if (t != group.first_token) state.ids.push_back(' ');
      state.ids += std::to_string(tokens[t].id);
    }
    state.label_starts.push_back(static_cast<uint32_t>(state.labels.size()));
    state.id_starts.push_back(static_cast<uint32_t>(state.ids.size()));
    const float w = std::max({kMinWidth,
                              text_width(fonts.text, text_size, std::string_view(state.labels).substr(label_begin)),
                              text_width(fonts.mono, mono_size, std::string_view(state.ids).substr(ids_begin))}) +
                    2 * kPad;
    state.tile_widths.push_back(w);
    if (g > 0 && (break_after || x + w > width)) {
      state.row_starts.push_back(g);
      x = 0;
    }
    x += w + kGap;
    break_after = ends_line;
  }
  state.row_starts.push_back(static_cast<uint32_t>(groups.size()));  // sentinel
}

}  // namespace

void draw_token_view(TokenViewState& state, const Fonts& fonts, uint64_t revision, std::string_view text,
                     std::span<const Token> tokens, std::span<const TokenGroup> groups, const Encoding* encoding) {
  const float width = ImGui::GetContentRegionAvail().x;
  if (state.laid_out_revision != revision || state.laid_out_width != width ||
      state.laid_out_whitespace != state.show_whitespace) {
    rebuild_layout(state, fonts, text, tokens, groups, width);
    state.laid_out_revision = revision;
    state.laid_out_width = width;
    state.laid_out_whitespace = state.show_whitespace;
  }

  ImGui::PushFont(fonts.text);
  const float text_h = ImGui::GetFontSize();
  ImGui::PopFont();
  ImGui::PushFont(fonts.mono);
  const float mono_h = ImGui::GetFontSize();
  ImGui::PopFont();
  const float tile_h = kPad + text_h + 2 + mono_h + kPad;
  const float row_h = tile_h + kGap;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int rows = static_cast<int>(state.row_starts.size()) - 1;
  ImGuiListClipper clipper;
  clipper.Begin(rows, row_h);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      ImVec2 pos = ImGui::GetCursorScreenPos();
      for (uint32_t g = state.row_starts[row]; g < state.row_starts[row + 1]; ++g) {
        const float w = state.tile_widths[g];
        const ImVec2 min = pos, max(pos.x + w, pos.y + tile_h);
        const TokenGroup& group = groups[g];
        const uint32_t first_id = tokens[group.first_token].id;
        const bool special = encoding && encoding->is_special(first_id);
        draw->AddRectFilled(min, max, special ? IM_COL32(45, 55, 72, 255) : token_color(first_id), 4.0f);
        const bool hovered = ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered();
        draw->AddRect(min, max, hovered ? IM_COL32(30, 30, 30, 255) : IM_COL32(0, 0, 0, 40), 4.0f, 0,
                      hovered ? 2.0f : 1.0f);
        const char* label = state.labels.data() + state.label_starts[g];
        const char* label_end = state.labels.data() + state.label_starts[g + 1];
        draw->AddText(fonts.text, text_h, ImVec2(min.x + kPad, min.y + kPad),
                      special ? IM_COL32(255, 255, 255, 255) : IM_COL32(20, 20, 20, 255), label, label_end);
        const char* ids = state.ids.data() + state.id_starts[g];
        const char* ids_end = state.ids.data() + state.id_starts[g + 1];
        draw->AddText(fonts.mono, mono_h, ImVec2(min.x + kPad, min.y + kPad + text_h + 2),
                      special ? IM_COL32(200, 210, 230, 255) : IM_COL32(70, 70, 90, 255), ids, ids_end);
        if (hovered) {
          ImGui::BeginTooltip();
          ImGui::Text("%s %.*s%s", group.token_count > 1 ? "ids" : "id", static_cast<int>(ids_end - ids), ids,
                      special ? "  (special token)" : "");
          ImGui::Text("bytes %u..%u (%u)", group.begin, group.end, group.end - group.begin);
          ImGui::PushFont(fonts.mono);
          std::string hex;
          for (uint32_t i = group.begin; i < group.end && i < group.begin + 32; ++i) {
            char b[4];
            std::snprintf(b, sizeof b, "%02X ", static_cast<unsigned char>(text[i]));
            hex += b;
          }
          ImGui::TextUnformatted(hex.c_str());
          ImGui::PopFont();
          ImGui::EndTooltip();
        }
        pos.x += w + kGap;
      }
      ImGui::Dummy(ImVec2(1, row_h - ImGui::GetStyle().ItemSpacing.y));
    }
  }
  clipper.End();
}

}  // namespace bpeviz
