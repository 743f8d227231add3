// The Merge tree tab: the id box, a caption, and the tree drawn with ImDrawList.
#include "ui/views/merge_tree_view.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "ui/access/merge_tree_items.h"
#include "ui/access/record.h"
#include "ui/access/spoken.h"
#include "ui/fonts/glyph_needs.h"
#include "ui/shaping/clusters.h"
#include "ui/tokens/byte_notation.h"
#include "ui/tokens/labels.h"
#include "ui/theme.h"
#include "ui/tokens/visible_text.h"

namespace bpeviz {

namespace {

// Diagram units are CSS pixels at scale 1.
constexpr float kPad = 4.0f;        // inside a box
constexpr float kMinBox = 34.0f;    // a byte's box: the bottom row stays even
constexpr float kHGap = 8.0f;       // between boxes side by side
constexpr float kVGap = 16.0f;      // between levels: room for the edges' elbows
constexpr float kStepGap = 8.0f;    // between the id and the step number
// Below this the boxes' text (15 px, ids 12 px) is too small to read on a projector: the diagram
// scrolls instead, unless "Whole tree" asks for the shape at any size.
constexpr float kMinScale = 0.85f;

float text_width(const ImFont* font, float size, std::string_view s) {
  return const_cast<ImFont*>(font)->CalcTextSizeA(size, 1e9f, 0, s.data(), s.data() + s.size()).x;
}

std::string id_text(uint32_t id) { return id == Vocab::kNone ? std::string("?") : std::to_string(id); }

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    char b[4];
    std::snprintf(b, sizeof b, i ? " %02X" : "%02X", static_cast<unsigned char>(bytes[i]));
    out += b;
  }
  return out;
}

std::string_view node_bytes(std::string_view root, const MergeTreeNode& n) { return root.substr(n.begin, n.end - n.begin); }

void draw_node_tooltip(const MergeTreeViewState& state, std::string_view root, std::size_t i, const ImFont* font) {
  const MergeTreeNode& n = state.tree.nodes[i];
  const std::string_view bytes = node_bytes(root, n);
  ImGui::BeginTooltip();
  ImGui::TextDisabled("id");
  ImGui::SameLine(105);
  ImGui::TextUnformatted(id_text(n.id).c_str());
  ImGui::TextDisabled("text");
  ImGui::SameLine(105);
  ImGui::TextUnformatted(quoted_token(bytes, 64, font).c_str());
  ImGui::TextDisabled("bytes");
  ImGui::SameLine(105);
  ImGui::TextUnformatted(hex_bytes(bytes.substr(0, 48)).c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu byte%s)", bytes.size(), bytes.size() == 1 ? "" : "s");
  const std::vector<int32_t> children = merge_tree_children(state.tree, i);
  if (children.empty()) {
    ImGui::TextDisabled("a byte: where every token starts");
  } else {
    ImGui::TextDisabled("made by");
    ImGui::SameLine(105);
    if (!state.tree.whole_parts.empty() && i + 1 == state.tree.nodes.size()) {
      ImGui::Text("taking the token whole: its merges end in %zu tokens", children.size());
    } else {
      const MergeTreeNode& l = state.tree.nodes[static_cast<std::size_t>(children[0])];
      const MergeTreeNode& r = state.tree.nodes[static_cast<std::size_t>(children[1])];
      ImGui::Text("merge %u of %zu: %s (%s) + %s (%s)", n.step, state.tree.nodes.size() - root.size(),
                  quoted_token(node_bytes(root, l), 24, font).c_str(), id_text(l.id).c_str(),
                  quoted_token(node_bytes(root, r), 24, font).c_str(), id_text(r.id).c_str());
    }
  }
  ImGui::EndTooltip();
}

}  // namespace

std::vector<int32_t> merge_tree_children(const MergeTree& tree, std::size_t node) {
  if (node + 1 == tree.nodes.size() && !tree.whole_parts.empty()) return tree.whole_parts;
  const MergeTreeNode& n = tree.nodes[node];
  if (n.left < 0) return {};
  return {n.left, n.right};
}

MergeTreeLayout layout_merge_tree(const MergeTree& tree, std::span<const float> box_widths, float box_height,
                                  float h_gap, float v_gap) {
  MergeTreeLayout out;
  const std::size_t n = tree.nodes.size();
  if (n == 0) return out;
  out.x.assign(n, 0);
  out.y.assign(n, 0);
  out.width.assign(box_widths.begin(), box_widths.end());
  out.level.assign(n, 0);
  // Bottom up (children always come before their parent in `nodes`): each node's level and the
  // width its subtree needs — its own box, or its children side by side, whichever is wider.
  std::vector<float> needed(n);
  std::vector<std::vector<int32_t>> children(n);
  for (std::size_t i = 0; i < n; ++i) {
    children[i] = merge_tree_children(tree, i);
    float side_by_side = 0;
    for (const int32_t c : children[i]) {
      out.level[i] = std::max(out.level[i], out.level[static_cast<std::size_t>(c)] + 1);
      side_by_side += needed[static_cast<std::size_t>(c)] + (side_by_side > 0 ? h_gap : 0);
    }
    needed[i] = std::max(box_widths[i], side_by_side);
  }
  // Top down: every node gets a slot of the width its parent can give; children split the slot in
  // proportion to what they need, so bytes spread evenly under a wide label, and each box is
  // centred in its slot, over its bytes. Sibling slots are disjoint, so one level never overlaps.
  std::vector<float> slot_x(n, 0), slot_w(n, 0);
  slot_w[n - 1] = needed[n - 1];
  for (std::size_t k = n; k-- > 0;) {
    const auto& cs = children[k];
    if (cs.empty()) continue;
    float sum = 0;
    for (const int32_t c : cs) sum += needed[static_cast<std::size_t>(c)];
    const float extra = slot_w[k] - sum - h_gap * static_cast<float>(cs.size() - 1);
    float x = slot_x[k];
    for (const int32_t c : cs) {
      const auto ci = static_cast<std::size_t>(c);
      slot_x[ci] = x;
      slot_w[ci] = needed[ci] + (sum > 0 ? extra * needed[ci] / sum : 0);
      x += slot_w[ci] + h_gap;
    }
  }
  const int top = out.level[n - 1];
  for (std::size_t i = 0; i < n; ++i) {
    out.x[i] = slot_x[i] + (slot_w[i] - box_widths[i]) / 2;
    out.y[i] = static_cast<float>(top - out.level[i]) * (box_height + v_gap);
  }
  out.total_width = needed[n - 1];
  out.total_height = static_cast<float>(top + 1) * box_height + static_cast<float>(top) * v_gap;
  return out;
}

void select_merge_tree_token(MergeTreeViewState& state, uint32_t id) {
  state.id = id;
  state.has_id = true;
  state.id_input = static_cast<int>(std::min<uint32_t>(id, INT32_MAX));
}

void update_merge_tree_view(MergeTreeViewState& state, const Encoding* encoding, const std::string& encoding_name,
                            const ImFont* font) {
  if (state.built_encoding == encoding && state.built_encoding_name == encoding_name && state.built_id == state.id &&
      state.built_has_id == state.has_id && (state.built || !state.error.empty())) {
    return;
  }
  state.built_encoding = encoding;
  state.built_encoding_name = encoding_name;
  state.built_id = state.id;
  state.built_has_id = state.has_id;
  state.built = false;
  state.tree = {};
  state.labels.clear();
  state.caption.clear();
  state.drawn.clear();
  state.hovered_node = -1;
  if (!state.has_id) {
    state.error = "Pick a token: type its id, or click a token's tile in the Tokens or Merge steps tab.";
    return;
  }
  if (!encoding) {
    state.error = "The byte-level baseline has no merges: every token is one byte. Pick an encoding to see how its "
                  "tokens are built.";
    return;
  }
  if (encoding->is_special(state.id)) {
    state.error = quoted_token(encoding->token_bytes(state.id), 48, font) + " (id " + std::to_string(state.id) +
                  ") is a special token of " + encoding_name +
                  ": it is matched whole in the text, never made by merging bytes, so it has no merge tree.";
    return;
  }
  auto tree = merge_tree(*encoding, state.id);
  if (!tree.ok()) {
    state.error = "No merge tree: " + tree.error + ".";
    return;
  }
  state.error.clear();
  state.tree = std::move(tree.value);
  state.built = true;
  ++state.built_serial;
  const std::string_view root = encoding->ranks().token(state.id);
  const std::size_t merges = state.tree.nodes.size() - root.size();
  state.caption = "How " + quoted_token(root, 48, font) + " (id " + std::to_string(state.id) + ") is built from its " +
                  thousands(root.size()) + (root.size() == 1 ? " byte" : " bytes") + " in " + thousands(merges) +
                  (merges == 1 ? " merge" : " merges") + ": each box joins the boxes below it; at every step the " +
                  "adjacent pair whose token has the lowest rank (= id) merges first, in the numbered order.";
  if (!state.tree.whole_parts.empty()) {
    state.caption += " Its merges end in " + std::to_string(state.tree.whole_parts.size()) +
                     " tokens; encoding takes it whole because it is a token itself.";
  }
}

void draw_merge_tree_view(MergeTreeViewState& state, const Fonts& fonts, const Encoding* encoding,
                          const std::string& encoding_name, AccessMirror* access) {
  // One row: the id box and the "Whole tree" switch, then the caption beside them (wrapped), so the
  // diagram keeps the height a 720p screen has.
  ImGui::BeginGroup();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Token id");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::InputInt("##tree id", &state.id_input, 1, 100)) {
    state.id_input = std::max(state.id_input, 0);
    select_merge_tree_token(state, static_cast<uint32_t>(state.id_input));
  }
  if (access) {
    // An id typed in the mirror picks its token, as typed into the box does (what is not a whole number, nothing).
    if (const auto typed = mirror_textfield(*access, "tree-id", "Token id", state.has_id ? std::to_string(state.id) : "")) {
      char* end = nullptr;
      const unsigned long id = std::strtoul(typed->c_str(), &end, 10);
      if (!typed->empty() && *end == '\0' && id <= UINT32_MAX) select_merge_tree_token(state, static_cast<uint32_t>(id));
    }
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A token's id, or click a tile in the Tokens or Merge steps tab");
  const bool switched = ImGui::Checkbox("Whole tree", &state.fit_whole);
  if (access && mirror_control(*access, AccessRole::checkbox, "tree-whole", "Whole tree", state.fit_whole) && !switched) {
    state.fit_whole = !state.fit_whole;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shrink a wide tree to fit, however small its text gets");
  ImGui::EndGroup();
  ImGui::SameLine(0, 18);

  if (state.built_fonts != fonts.generation) {
    // A new atlas can draw what the caption and the labels spelled as U+XXXX: build them again.
    state.built_fonts = fonts.generation;
    state.built_encoding = nullptr;
  }
  update_merge_tree_view(state, encoding, encoding_name, fonts.text);
  // Labels follow the Tokens tab's byte-notation switch; they are cheap, so remade when it changes.
  const std::string_view root = state.built ? encoding->ranks().token(state.id) : std::string_view();
  if (state.built && (state.labels.size() != state.tree.nodes.size() || state.labels_byte_notation != state.byte_notation)) {
    state.labels.clear();
    state.labels_byte_notation = state.byte_notation;
    for (const MergeTreeNode& n : state.tree.nodes) {
      std::string label;
      if (state.byte_notation) append_gpt2_byte_notation(label, node_bytes(root, n));
      else append_visible_text(label, node_bytes(root, n), true, fonts.text);
      state.labels.push_back(std::move(label));
    }
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(state.built ? state.caption.c_str() : state.error.c_str());
  ImGui::PopTextWrapPos();
  if (access) {
    // The caption as words: a shaped cluster's code point would be read as an unknown character.
    const GlyphNeeds* needs = current_glyph_needs();
    const std::string caption = needs ? unshape_clusters(*needs, state.caption) : state.caption;
    mirror_text(*access, AccessRole::text, "tree-caption", state.built ? caption : state.error);
  }
  if (!state.built) {
    state.drawn.clear();
    return;
  }

  // Sizes at scale 1, in CSS pixels.
  const float global = ImGui::GetIO().FontGlobalScale;
  const float text_size = fonts.text->FontSize * fonts.text->Scale * global;
  const float mono_size = fonts.mono->FontSize * fonts.mono->Scale * global;
  const float box_h = kPad + text_size + 2 + mono_size + kPad;
  const std::size_t n = state.tree.nodes.size();
  std::vector<std::string> ids(n), steps(n);
  std::vector<float> widths(n);
  for (std::size_t i = 0; i < n; ++i) {
    const MergeTreeNode& node = state.tree.nodes[i];
    ids[i] = id_text(node.id);
    float id_line = text_width(fonts.mono, mono_size, ids[i]);
    if (node.step > 0) {
      steps[i] = std::to_string(node.step);
      id_line += kStepGap + text_width(fonts.mono, mono_size, steps[i]) + 2 * kPad;
    }
    widths[i] = std::max(kMinBox, std::max(text_width(fonts.text, text_size, state.labels[i]), id_line) + 2 * kPad);
  }
  const MergeTreeLayout layout = layout_merge_tree(state.tree, widths, box_h, kHGap, kVGap);

  // Scaled to fit the tab when that keeps the text readable, else scrolled.
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float view_w = avail.x - 2 * style.WindowPadding.x - 2, view_h = avail.y - 2 * style.WindowPadding.y - 2;
  const float fit = std::min({1.0f, view_w / layout.total_width, view_h / layout.total_height});
  const float s = state.fit_whole ? fit : std::max(kMinScale, fit);
  state.scale = s;
  ImGui::BeginChild("merge tree", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
  const ImVec2 win = ImGui::GetWindowPos(), win_size = ImGui::GetWindowSize();
  state.view_rect = ImVec4(win.x, win.y, win_size.x, win_size.y);
  const float inner_w = ImGui::GetContentRegionAvail().x;
  ImVec2 origin = ImGui::GetCursorScreenPos();
  origin.x += std::max(0.0f, (inner_w - layout.total_width * s) / 2);  // a small tree sits in the middle
  // A new tree wider than the view starts with its root in the middle: the top merges say the most.
  // So does one drawn at a new scale ("Whole tree"), whose old scroll position means nothing now.
  // (ImGui applies the scroll from the next frame on.)
  if (state.scrolled_tree != state.built_serial || state.scrolled_scale != s) {
    state.scrolled_tree = state.built_serial;
    state.scrolled_scale = s;
    const float root_centre = (layout.x[n - 1] + layout.width[n - 1] / 2) * s;
    ImGui::SetScrollX(std::max(0.0f, root_centre - inner_w / 2));
    ImGui::SetScrollY(0);
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const auto at = [&](float x, float y) { return ImVec2(origin.x + x * s, origin.y + y * s); };

  // Edges first, as elbows: down from the parent, across, down into the child. The horizontal part
  // runs in the gap under the parent and the vertical part inside the child's own slot, so no edge
  // crosses a box.
  const Palette& colours = palette();
  const ImU32 edge = colours.tree_edge;
  for (std::size_t i = 0; i < n; ++i) {
    const std::vector<int32_t> children = merge_tree_children(state.tree, i);
    if (children.empty()) continue;
    const float px = layout.x[i] + layout.width[i] / 2, py = layout.y[i] + box_h;
    const float elbow = py + kVGap / 2;
    const bool whole = !state.tree.whole_parts.empty() && i + 1 == n;
    for (const int32_t c : children) {
      const auto ci = static_cast<std::size_t>(c);
      const float cx = layout.x[ci] + layout.width[ci] / 2, cy = layout.y[ci];
      const ImVec2 points[] = {at(px, py), at(px, elbow), at(cx, elbow), at(cx, cy)};
      draw->AddPolyline(points, 4, whole ? colours.tree_whole_edge : edge, 0, 1.5f * s);
    }
  }

  // Boxes: coloured by id as the tiles are; the token itself outlined; the step number in a dark pill.
  state.drawn.assign(4 * n, 0);
  state.hovered_node = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const MergeTreeNode& node = state.tree.nodes[i];
    const ImVec2 min = at(layout.x[i], layout.y[i]), max = at(layout.x[i] + layout.width[i], layout.y[i] + box_h);
    state.drawn[4 * i] = min.x;
    state.drawn[4 * i + 1] = min.y;
    state.drawn[4 * i + 2] = max.x - min.x;
    state.drawn[4 * i + 3] = max.y - min.y;
    const bool hovered = ImGui::IsMouseHoveringRect(min, max) && ImGui::IsWindowHovered();
    const bool is_root = i + 1 == n;
    draw->AddRectFilled(min, max, node.id == Vocab::kNone ? colours.unused_fill : token_color(node.id), 4 * s);
    draw->AddRect(min, max, hovered || is_root ? colours.tile_hover : colours.tile_edge, 4 * s, 0,
                  (hovered || is_root ? 2.0f : 1.0f) * s);
    draw->AddText(fonts.text, text_size * s, at(layout.x[i] + kPad, layout.y[i] + kPad), colours.token_text,
                  state.labels[i].data(), state.labels[i].data() + state.labels[i].size());
    const float id_y = layout.y[i] + kPad + text_size + 2;
    draw->AddText(fonts.mono, mono_size * s, at(layout.x[i] + kPad, id_y), colours.token_id, ids[i].c_str());
    if (!steps[i].empty()) {
      const float w = text_width(fonts.mono, mono_size, steps[i]) + 2 * kPad;
      const float right = layout.x[i] + layout.width[i] - kPad / 2;
      draw->AddRectFilled(at(right - w, id_y - 1), at(right, id_y + mono_size + 1), colours.step_fill,
                          (mono_size / 2 + 1) * s);
      draw->AddText(fonts.mono, mono_size * s, at(right - w + kPad, id_y), colours.step_text, steps[i].c_str());
    }
    if (hovered) {
      state.hovered_node = static_cast<int64_t>(i);
      draw_node_tooltip(state, root, i, fonts.text);
    }
  }
  ImGui::Dummy(ImVec2(origin.x - ImGui::GetCursorScreenPos().x + layout.total_width * s, layout.total_height * s));
  ImGui::EndChild();
  if (access) {
    const AccessRect where{state.view_rect.x, state.view_rect.y, state.view_rect.z, state.view_rect.w};
    mirror_merge_tree(*access, state.tree, root, state.drawn, "Merge tree of " + spoken_quote(root, 64) + ", id " + std::to_string(state.id), where);
  }
}

}  // namespace bpeviz
