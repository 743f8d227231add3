// The Compare tab: pickers for the tokenizers, a legend, and one band per tokenizer with its counts
// over its tiles. Only the rows on screen are drawn (the token view clips), so a megabyte stays fast.
#include "ui/views/compare_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>

#include <imgui.h>

#include "core/explain/boundary_diff.h"
#include "core/explain/byte_tokenizer.h"
#include "ui/tokens/labels.h"
#include "ui/theme.h"

namespace bpeviz {

std::vector<std::string> default_compare_encodings(std::string_view current) {
  const std::string other = current == "o200k_base" ? "cl100k_base" : "o200k_base";
  return {std::string(current), other};
}

std::string set_compare_encodings(CompareViewState& state, std::vector<std::string> names,
                                  const std::vector<std::string>& offered) {
  if (names.size() < CompareViewState::kMinEncodings || names.size() > CompareViewState::kMaxEncodings) {
    return "pick 2 to 4 tokenizers to compare, not " + std::to_string(names.size());
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (std::find(offered.begin(), offered.end(), names[i]) == offered.end()) return "unknown encoding \"" + names[i] + "\"";
    if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) != names.begin() + static_cast<std::ptrdiff_t>(i)) {
      return names[i] + " is picked twice";
    }
  }
  state.names = std::move(names);
  return "";
}

std::vector<std::string> compare_encodings_missing(const CompareViewState& state, const EncodingSet& encodings) {
  std::vector<std::string> missing;
  for (const std::string& name : state.names) {
    if (name != "bytes" && !encodings.find(name) && !state.failed.count(name)) missing.push_back(name);
  }
  return missing;
}

void update_compare_view(CompareViewState& state, const CompareInput& in) {
  std::vector<bool> ready;
  for (const std::string& name : state.names) ready.push_back(name == "bytes" || (in.encodings && in.encodings->find(name)));
  if (state.serial > 0 && state.text_revision == in.text_revision && state.policy_id == in.policy_id &&
      state.computed_names == state.names && state.computed_ready == ready) {
    return;
  }
  state.columns.resize(state.names.size());
  std::vector<std::span<const Token>> compared;
  for (std::size_t i = 0; i < state.names.size(); ++i) {
    CompareViewState::Column& c = state.columns[i];
    c.name = state.names[i];
    c.ready = ready[i];
    c.error.clear();
    c.tokens.clear();
    if (const auto failed = state.failed.find(c.name); failed != state.failed.end()) {
      c.ready = false;
      c.error = "Could not load " + c.name + ": " + failed->second;
    } else if (c.name == "bytes") {
      c.tokens = encode_bytes(in.text);
    } else if (c.ready) {
      auto tokens = in.encodings->find(c.name)->encode_with_spans(in.text, in.policy);
      if (tokens.ok()) c.tokens = std::move(tokens.value);
      else c.error = "No tokens under this special-token policy: " + tokens.error;
    }
    c.groups = group_tokens_by_character(in.text, c.tokens);
    if (c.ready && c.error.empty()) compared.push_back(c.tokens);
  }
  BoundaryDiff diff = compare_boundaries(compared);
  state.differing = std::move(diff.differing);
  state.boundaries = state.differing.size() + diff.shared;
  for (CompareViewState::Column& c : state.columns) {
    const std::vector<uint32_t> own = token_boundaries(c.tokens);
    c.marks.clear();
    std::set_intersection(own.begin(), own.end(), state.differing.begin(), state.differing.end(), std::back_inserter(c.marks));
    c.split_elsewhere = tokens_split_elsewhere(c.tokens, state.differing);
  }
  state.text_revision = in.text_revision;
  state.policy_id = in.policy_id;
  state.computed_names = state.names;
  state.computed_ready = std::move(ready);
  ++state.serial;
}

namespace {

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

// One picker per tokenizer (each with × while more than two are picked) and + to add one; an
// encoding picked in another picker is greyed out. They wrap onto a new line in a narrow window.
void draw_pickers(CompareViewState& state, const CompareInput& in) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  // As wide as a long name, narrower so that all of them fit on one line, but no narrower than a short one.
  const float n = static_cast<float>(state.names.size());
  const float fixed = ImGui::CalcTextSize("Compare").x + button_width("+ Add") +
                      n * (button_width("×") + style.ItemInnerSpacing.x) + (n + 1) * style.ItemSpacing.x * 2;
  const float em = ImGui::GetFontSize();
  const float combo_w = std::clamp((ImGui::GetContentRegionAvail().x - fixed) / n, 8 * em, 13 * em);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Compare");
  std::ptrdiff_t remove = -1;
  const bool removable = state.names.size() > CompareViewState::kMinEncodings;
  for (std::size_t i = 0; i < state.names.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    const float needed = combo_w + (removable ? style.ItemSpacing.x + button_width("×") : 0);
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x * 2 + needed <= right) ImGui::SameLine(0, style.ItemSpacing.x * 2);
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::BeginCombo("##encoding", state.names[i].c_str(), ImGuiComboFlags_HeightLarge)) {
      for (const std::string& name : in.offered) {
        const bool elsewhere = name != state.names[i] &&
                               std::find(state.names.begin(), state.names.end(), name) != state.names.end();
        if (ImGui::Selectable(name.c_str(), name == state.names[i], elsewhere ? ImGuiSelectableFlags_Disabled : 0)) {
          state.names[i] = name;
        }
      }
      ImGui::EndCombo();
    }
    if (removable) {
      ImGui::SameLine(0, style.ItemInnerSpacing.x);
      if (ImGui::Button("×")) remove = static_cast<std::ptrdiff_t>(i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stop comparing %s", state.names[i].c_str());
    }
    ImGui::PopID();
  }
  if (remove >= 0) state.names.erase(state.names.begin() + remove);
  if (state.names.size() < CompareViewState::kMaxEncodings) {
    if (ImGui::GetItemRectMax().x + style.ItemSpacing.x * 2 + button_width("+ Add") <= right) ImGui::SameLine(0, style.ItemSpacing.x * 2);
    if (ImGui::Button("+ Add")) {
      // The first offered encoding not picked yet: o200k_base, cl100k_base and the others in picker order.
      for (const std::string& name : in.offered) {
        if (name != "bytes" && std::find(state.names.begin(), state.names.end(), name) == state.names.end()) {
          state.names.push_back(name);
          break;
        }
      }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Compare one more tokenizer (up to %zu)", CompareViewState::kMaxEncodings);
  }
}

// What the marks mean, each beside a small sample drawn as the bands draw it.
void draw_legend(const CompareViewState& state) {
  const ImU32 mark = palette().boundary_mark;
  const float h = ImGui::GetTextLineHeight();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto sample = [&](bool bar) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (bar) draw->AddRectFilled(ImVec2(at.x + 4, at.y - 1), ImVec2(at.x + 7, at.y + h + 1), mark, 1.0f);
    else draw->AddRect(ImVec2(at.x + 1, at.y + 1), ImVec2(at.x + h * 1.4f, at.y + h - 1), mark, 3.0f, 0, 2.5f);
    ImGui::Dummy(ImVec2(bar ? 11 : h * 1.4f + 4, h));
    ImGui::SameLine(0, 4);
  };
  sample(true);
  ImGui::TextUnformatted("a cut only some tokenizers make");
  ImGui::SameLine(0, 20);
  sample(false);
  ImGui::TextUnformatted("a token that others cut");
  ImGui::SameLine(0, 20);
  std::size_t ready = 0;
  for (const auto& c : state.columns) ready += c.ready && c.error.empty();
  if (ready >= 2) {
    ImGui::TextDisabled("%s of %s boundaries differ", thousands(state.differing.size()).c_str(),
                        thousands(state.boundaries).c_str());
  } else {
    ImGui::TextDisabled("(two tokenizers with tokens are needed to compare)");
  }
}

// A band: the tokenizer's name and counts at the left, its tiles at the right (so a band needs no
// heading line, and four fit on a small laptop's screen). True when the user scrolled its tiles.
bool draw_column(CompareViewState::Column& c, const Fonts& fonts, const CompareInput& in, uint64_t serial,
                 float label_width, float height) {
  const float x0 = ImGui::GetCursorPosX();
  ImGui::BeginGroup();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 1));  // tight label lines
  ImGui::PushTextWrapPos(x0 + label_width);
  ImGui::TextUnformatted(c.name.c_str());
  ImGui::PopTextWrapPos();
  const auto count = [](const char* name, const std::string& value) {
    ImGui::TextDisabled("%s", name);
    ImGui::SameLine(0, 6);
    ImGui::TextUnformatted(value.c_str());
  };
  if (c.ready && c.error.empty()) {
    count("Tokens", thousands(c.tokens.size()));
    char per_token[32] = "—";
    if (!c.tokens.empty()) std::snprintf(per_token, sizeof per_token, "%.2f", static_cast<double>(in.text.size()) / c.tokens.size());
    count("Bytes/token", per_token);
    if (height >= 4 * (ImGui::GetTextLineHeight() + 1)) {  // a fourth line where the band has room
      count("Own cuts", thousands(c.marks.size()));
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Places %s cuts the text and another tokenizer does not", c.name.c_str());
    }
  }
  ImGui::PopStyleVar();
  ImGui::EndGroup();
  ImGui::SameLine(x0 + label_width + ImGui::GetStyle().ItemSpacing.x);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 5));
  ImGui::BeginChild("tiles", ImVec2(0, height), true);
  ImGui::PopStyleVar();
  // The part of the box on screen: the bands scroll together when they do not all fit.
  const ImVec2 at = ImGui::GetWindowDrawList()->GetClipRectMin(), end = ImGui::GetWindowDrawList()->GetClipRectMax();
  c.view_rect[0] = at.x;
  c.view_rect[1] = at.y;
  c.view_rect[2] = std::max(0.0f, end.x - at.x);
  c.view_rect[3] = std::max(0.0f, end.y - at.y);
  // Scrolled by the user, or to follow another band (taken in when the box begins, a frame later).
  const float scroll = ImGui::GetScrollY();
  const bool scrolled = scroll != c.scroll_y && !c.following && c.scroll_to < 0;
  c.following = c.scroll_to >= 0;
  if (c.following) ImGui::SetScrollY(c.scroll_to);
  c.scroll_to = -1;
  c.scroll_y = scroll;
  if (!c.error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("%s", c.error.c_str());
    ImGui::PopStyleColor();
  } else if (!c.ready) {
    ImGui::TextDisabled("loading %s…", c.name.c_str());
  } else if (c.tokens.empty()) {
    ImGui::TextDisabled("(no text)");
  } else {
    c.view.show_whitespace = in.show_whitespace;
    c.view.byte_notation = in.byte_notation;
    TokenViewInput view;
    view.revision = serial;
    view.text = in.text;
    view.tokens = c.tokens;
    view.groups = c.groups;
    view.encoding = c.name == "bytes" ? nullptr : in.encodings->find(c.name);
    view.highlights = c.split_elsewhere;
    view.highlight_colour = palette().boundary_mark;
    view.marks = c.marks;
    draw_token_view(c.view, fonts, view);
  }
  ImGui::EndChild();
  return scrolled;
}

bool has_tokens(const CompareViewState::Column& c) { return c.ready && c.error.empty() && !c.tokens.empty(); }

// The other bands go to the text at the top of band `leader`.
void follow(CompareViewState& state, std::size_t leader) {
  const CompareViewState::Column& lead = state.columns[leader];
  const uint32_t offset = token_view_top_row(lead.view, lead.groups, lead.scroll_y).begin;
  // As far into that row as the leader is into its own (the wheel scrolls by pixels): the rows are
  // as high in every band, so the bands' top rows are cut alike.
  const float into_row = std::max(0.0f, lead.scroll_y - token_view_scroll_to(lead.view, lead.groups, offset));
  for (std::size_t i = 0; i < state.columns.size(); ++i) {
    CompareViewState::Column& c = state.columns[i];
    if (i == leader || !has_tokens(c)) continue;
    const float target = token_view_scroll_to(c.view, c.groups, offset) + into_row;
    if (std::abs(target - c.scroll_y) > 0.5f) c.scroll_to = target;
  }
}

}  // namespace

void draw_compare_view(CompareViewState& state, const Fonts& fonts, const CompareInput& in) {
  if (state.names.empty()) state.names = default_compare_encodings(in.current_encoding);
  draw_pickers(state, in);
  update_compare_view(state, in);
  draw_legend(state);
  // The bands share the height, each at least three label lines and a row of tiles; scrolling one
  // scrolls the others to the same text, and a window too small for all of them scrolls them together.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float spacing = style.ItemSpacing.y;
  const float n = static_cast<float>(std::max<std::size_t>(state.columns.size(), 1));
  const float min_band = std::max(3 * (ImGui::GetTextLineHeight() + 1), ImGui::GetFontSize() * 3.4f + 10);
  const float band = std::max(min_band, (ImGui::GetContentRegionAvail().y - spacing * (n - 1)) / n);
  float label_width = ImGui::CalcTextSize("Bytes/token 00.00").x;
  for (const auto& c : state.columns) label_width = std::max(label_width, ImGui::CalcTextSize(c.name.c_str()).x);
  label_width = std::min(label_width, ImGui::GetContentRegionAvail().x * 0.3f);
  ImGui::BeginChild("bands", ImVec2(0, 0), false);
  std::size_t leader = state.columns.size();
  for (std::size_t i = 0; i < state.columns.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (draw_column(state.columns[i], fonts, in, state.serial, label_width, band) && has_tokens(state.columns[i])) leader = i;
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (leader < state.columns.size()) follow(state, leader);
}

}  // namespace bpeviz
