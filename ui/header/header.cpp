// The page's head: its pickers, classroom controls, counts, provenance line and lesson caption (see
// ui/header/header.h).
#include "ui/header/header.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <imgui.h>

#include "ui/access/record.h"
#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/controls.h"
#include "ui/header/flow.h"
#include "ui/header/models.h"

namespace bpeviz {

bool start_lesson(AppState& state, int index) {
  if (index < 0 || static_cast<std::size_t>(index) >= lessons().size()) return false;
  const Lesson& lesson = lessons()[static_cast<std::size_t>(index)];
  if (state.editor.text != lesson.text) text_editor_set_text(state.editor, std::string(lesson.text));
  select_encoding(state, std::string(lesson.encoding));
  return true;
}

int current_lesson(const AppState& state) {
  const auto all = lessons();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (state.editor.text == all[i].text) return static_cast<int>(i);
  }
  return -1;
}

const Lesson* shown_lesson(const AppState& state) {
  const int i = current_lesson(state);
  if (i < 0) return nullptr;
  const Lesson& lesson = lessons()[static_cast<std::size_t>(i)];
  return state.tokens_encoding == lesson.encoding && state.tokens_revision == state.editor.revision ? &lesson : nullptr;
}


namespace {

// The menu a phone-wide header folds into: everything but the encoding picker, the full controls flowing
// in the popup's width, which fits the page.
void draw_menu(AppState& state, const std::vector<Piece>& controls) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool open = ImGui::IsPopupOpen("##menu");
  const bool clicked = toggle_button("Menu", open);
  if (mirror_control(state.access, AccessRole::menubutton, "menu", "Menu", open) || clicked) ImGui::OpenPopup("##menu");
  state.menu_rect = item_rect();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float inner = std::min(320 * state.fonts.scale, viewport->WorkSize.x - 2 * style.WindowPadding.x) -
                      2 * style.WindowPadding.x;
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - style.WindowPadding.x,
                                 state.menu_rect.y + state.menu_rect.height + style.ItemSpacing.y / 2),
                          ImGuiCond_Always, ImVec2(1, 0));
  ImGui::SetNextWindowSize(ImVec2(inner + 2 * style.WindowPadding.x, 0));  // the height fits the contents
  if (!ImGui::BeginPopup("##menu")) return;
  draw_flowing(controls, style.ItemSpacing.x, inner);
  if (!state.png_request.empty()) ImGui::CloseCurrentPopup();  // the picture is of the page, not the menu
  ImGui::EndPopup();
}

}  // namespace

void draw_header(AppState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float ui = state.fonts.scale;  // the fixed widths below grow with the type
  const bool full = !state.presenting;  // presenting keeps the encoding and the classroom's controls
  const float available = ImGui::GetContentRegionAvail().x;
  // Zero unless drawn this frame (presenting drops some; the menu holds most of them while it is closed).
  state.model_rect = state.copy_link_rect = state.lessons_rect = state.theme_rect = state.present_rect = {};
  state.help_rect = state.share_button_rect = state.menu_rect = state.export_rect = state.special_rect = state.add_special_rect = {};
  for (AppState::Rect& r : state.switch_rects) r = {};
  const char* theme_label = theme_button_label(state);
  const float lessons_width = 150 * ui;
  float fixed = lessons_width + button_width(theme_label) + button_width("Present") + button_width("Share") +
                help_button_width() + ImGui::CalcTextSize("Encoding").x;
  int items = 7;
  if (full) {
    fixed += ImGui::CalcTextSize("Model").x + button_width("Copy link");
    items += 3;
  }
  fixed += static_cast<float>(items) * style.ItemSpacing.x;
  // The pickers' full widths, narrowed together (down to a readable minimum) in a small window.
  const float pickers = ((full ? 190.0f : 0.0f) + 250.0f) * ui;
  constexpr float kNarrowest = 0.55f;
  const float shrink = std::clamp((available - fixed) / pickers, kNarrowest, 1.0f);
  const float model_width = 190 * ui * shrink, encoding_width = 250 * ui * shrink;
  const float controls_width = fixed + (full ? model_width : 0) + encoding_width;

  const std::string loading = state.requested_encoding.empty() ? "" : "loading " + state.requested_encoding + "…";
  std::vector<Piece> title{{ImGui::CalcTextSize("bpeviz").x, [&state] {
                              ImGui::AlignTextToFramePadding();
                              ImGui::TextUnformatted("bpeviz");
                              mirror_text(state.access, AccessRole::heading, "title", "bpeviz");
                            }}};
  if (!loading.empty()) {
    title.push_back({ImGui::CalcTextSize(loading.c_str()).x, [&state, &loading] {
                       ImGui::AlignTextToFramePadding();
                       ImGui::TextDisabled("%s", loading.c_str());
                       mirror_text(state.access, AccessRole::text, "loading", loading);
                     }});
  }
  // The controls at their full widths, as they wrap (a picker never wider than the page).
  const auto picker_width = [&](const char* label, float width) {
    return std::min(width, available - ImGui::CalcTextSize(label).x - style.ItemSpacing.x);
  };
  const float model_full = picker_width("Model", 190 * ui), encoding_full = picker_width("Encoding", 250 * ui);
  const Piece encoding_piece = labelled("Encoding", encoding_full, [&state, encoding_full] { draw_encoding_combo(state, encoding_full); });
  std::vector<Piece> controls{
      {std::min(lessons_width, available), [&] { draw_lessons_combo(state, std::min(lessons_width, available)); }},
      {button_width(theme_label), [&] { draw_theme_button(state, theme_label); }},
      {button_width("Present"), [&] { draw_present_button(state); }},
      {button_width("Share"), [&] { draw_share_button(state); }},
      {help_button_width(), [&] { draw_help_button(state); }},
  };
  if (full) controls.push_back(labelled("Model", model_full, [&state, model_full] { draw_model_combo(state, model_full); }));
  std::vector<float> widths;
  for (const Piece& p : title) widths.push_back(p.width);
  for (const Piece& p : controls) widths.push_back(p.width);
  widths.push_back(encoding_piece.width);
  if (full) widths.push_back(button_width("Copy link"));
  // A short page (a phone on its side, under 500 pixels) keeps the header to one row; presenting, the header
  // has fewer controls and larger type, and may take three rows of a tablet.
  const bool short_page = ImGui::GetMainViewport()->WorkSize.y < 500 * ui;
  const int max_rows = short_page ? 1 : full ? 2 : 3;
  state.header_fit = fit_header(available, fixed + kNarrowest * pickers, widths, style.ItemSpacing.x, max_rows);
  // A short page also keeps the counts to one row: when their switches would take a second one (last frame's
  // measure), they go into the menu with the rest.
  if (short_page && full && !state.counts_fit_one_row) state.header_fit = HeaderFit::menu;

  if (state.header_fit == HeaderFit::menu) {
    // The title, the encoding (what a student changes most) and the menu with the rest.
    const float menu = button_width("Menu") + style.ItemSpacing.x;
    float room = available - title.front().width - style.ItemSpacing.x - menu;
    const bool with_label = room - ImGui::CalcTextSize("Encoding").x - style.ItemSpacing.x >= 100 * ui;
    if (with_label) room -= ImGui::CalcTextSize("Encoding").x + style.ItemSpacing.x;
    const float encoding_w = std::clamp(room, 100 * ui, 250 * ui);
    title.push_back(with_label ? labelled("Encoding", encoding_w, [&state, encoding_w] { draw_encoding_combo(state, encoding_w); })
                               : Piece{encoding_w, [&state, encoding_w] { draw_encoding_combo(state, encoding_w); }});
    if (full) {
      controls.push_back({button_width("Copy link"), [&] { draw_copy_link_button(state); }});
      controls.push_back({button_width("Export…"), [&] { draw_export_button(state); }});
      for (Piece& p : switch_pieces(state)) controls.push_back(std::move(p));
      const float inner = std::min(320 * ui, ImGui::GetMainViewport()->WorkSize.x - 2 * style.WindowPadding.x) -
                          2 * style.WindowPadding.x;
      controls.push_back(special_picker_piece(state, inner));
      if (auto bos = add_special_piece(state)) controls.push_back(std::move(*bos));
    }
    title.push_back({menu - style.ItemSpacing.x, [&] { draw_menu(state, controls); }});
    draw_flowing(title, style.ItemSpacing.x);
    return;
  }
  controls.push_back(encoding_piece);
  if (full) controls.push_back({button_width("Copy link"), [&] { draw_copy_link_button(state); }});
  if (state.header_fit == HeaderFit::wrapped) {
    // The title and the controls as one flowing line, on two rows (a tablet).
    for (Piece& p : controls) title.push_back(std::move(p));
    draw_flowing(title, style.ItemSpacing.x);
    return;
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("bpeviz");
  mirror_text(state.access, AccessRole::heading, "title", "bpeviz");
  const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  if (full && available - controls_width > title_end + 260) {
    ImGui::SameLine();
    ImGui::TextDisabled("— watch text become tokens");
  }
  if (!loading.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", loading.c_str());
    mirror_text(state.access, AccessRole::text, "loading", loading);
  }
  // The controls sit at the right edge, or on their own line when the title leaves too little room;
  // the pickers narrowed together.
  if (full) controls[5] = labelled("Model", model_width, [&state, model_width] { draw_model_combo(state, model_width); });
  controls[full ? 6 : 5] = labelled("Encoding", encoding_width, [&state, encoding_width] { draw_encoding_combo(state, encoding_width); });
  const float x = style.WindowPadding.x + available - controls_width;
  if (x > ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x) ImGui::SameLine(x);
  for (std::size_t i = 0; i < controls.size(); ++i) {
    if (i > 0) ImGui::SameLine();
    controls[i].draw();
  }
}

void draw_lesson_caption(AppState& state) {
  state.caption_rect = {};
  const Lesson* lesson = shown_lesson(state);
  if (!lesson) return;
  const ImVec2 pad = ImGui::GetStyle().FramePadding;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);  // the text first (channel 1), then the band behind it, sized to the text
  draw->ChannelsSetCurrent(1);
  ImGui::Indent(pad.x);
  ImGui::PushStyleColor(ImGuiCol_Text, palette().caption);
  ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad.x);
  ImGui::TextUnformatted(lesson->caption.data(), lesson->caption.data() + lesson->caption.size());
  mirror_text(state.access, AccessRole::text, "caption", std::string(lesson->caption));
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::Unindent(pad.x);
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImGui::Dummy(ImVec2(0, pad.y));
  draw->ChannelsSetCurrent(0);
  const float left = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  draw->AddRectFilled(ImVec2(left, min.y - pad.y), ImVec2(right, max.y + pad.y), palette().caption_fill,
                      ImGui::GetStyle().FrameRounding);
  draw->ChannelsMerge();
  state.caption_rect = {left, min.y - pad.y, right - left, max.y - min.y + 2 * pad.y};
}

void draw_counts(AppState& state) {
  // Export and the switches are in the header's menu on a phone-wide page, and not shown while presenting.
  const bool controls = !state.presenting && state.header_fit != HeaderFit::menu;
  const std::string& text = state.editor.text;
  const bool failed = !state.tokens_error.empty();
  const auto num = [](std::size_t n) { return std::to_string(n); };
  char per_token[32] = "—";
  if (!failed && !state.tokens.empty()) {
    // Of the bytes tokenized so far while a long text is tokenized by parts.
    const std::size_t bytes = state.schedule.tokenized_up_to ? *state.schedule.tokenized_up_to : text.size();
    std::snprintf(per_token, sizeof per_token, "%.2f", static_cast<double>(bytes) / state.tokens.size());
  }
  const std::pair<const char*, std::string> counts[] = {
      {"Tokens", failed ? "—" : num(state.tokens.size())},
      {"Characters", num(state.characters)},
      {"Bytes", num(text.size())},
      {"Bytes/token", per_token},
      {"Pre-tokens", failed ? "—" : num(state.pieces.size())},
  };
  std::vector<Piece> line;
  // The counts as a list in the mirror, with Export and the switches after it.
  AccessNode counts_list;
  counts_list.role = AccessRole::list;
  counts_list.key = "counts-list";
  counts_list.name = "Counts";
  const int list = mirror_add(state.access, std::move(counts_list));
  for (const auto& c : counts) {
    line.push_back({count_width(c.first, c.second.c_str()), [&state, &c, list] {
                      ImGui::AlignTextToFramePadding();
                      count(c.first, c.second.c_str());
                      mirror_text(state.access, AccessRole::listitem, std::string("count:") + c.first,
                                  std::string(c.first) + ": " + c.second, list);
                    }});
  }
  state.progress_rect = {};
  if (const double done = tokenizing_progress(state); done >= 0) {
    // A long text is tokenized a part per frame: the counts so far, and how far it has got.
    line.push_back({ImGui::GetFontSize() * 9, [&state, done, list] {
                      char label[48];
                      std::snprintf(label, sizeof label, "tokenizing %.0f%%", 100 * done);
                      ImGui::ProgressBar(static_cast<float>(done), ImVec2(ImGui::GetFontSize() * 9, 0), label);
                      state.progress_rect = item_rect();
                      mirror_text(state.access, AccessRole::listitem, "progress", label, list);
                    }});
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  std::vector<Piece> switches = switch_pieces(state);
  std::vector<float> widths;
  for (const Piece& p : switches) widths.push_back(p.width);
  const float switches_width = flow_line_width(widths, style.ItemSpacing.x);
  {
    // Whether the counts, Export and the switches would share one row, whichever way they are drawn now: a
    // short page folds the header into its menu (taking Export and the switches) rather than spend two rows.
    std::vector<float> counts_widths;
    for (const Piece& p : line) counts_widths.push_back(p.width);
    counts_widths.push_back(button_width("Export…"));
    state.counts_fit_one_row =
        flow_line_width(counts_widths, 22) + style.ItemSpacing.x + switches_width <= ImGui::GetContentRegionAvail().x;
  }
  if (controls) line.push_back({button_width("Export…"), [&state] { draw_export_button(state); }});
  draw_flowing(line, 22);  // the counts wrap on a narrow page, a count never split from its number
  if (!controls) return;  // the switches are the presenter's business, not the audience's
  const float counts_end = state.export_rect.x + state.export_rect.width;

  // The token view's switches, at the right edge of the same line when they fit, else on rows of their own.
  const float x = ImGui::GetWindowContentRegionMax().x - switches_width;
  if (x > counts_end - ImGui::GetWindowPos().x + style.ItemSpacing.x) {
    ImGui::SameLine(x);
    for (std::size_t i = 0; i < switches.size(); ++i) {
      if (i > 0) ImGui::SameLine();
      switches[i].draw();
    }
  } else {
    draw_flowing(switches, style.ItemSpacing.x);
  }
}

void draw_provenance(AppState& state) {
  // "Tokens by", "pre-tokenizer", "special tokens" and the switches after them each go to a new row together
  // when the line passes the window's edge.
  std::string by = encoding_label(state.tokens_encoding);
  const bool with_model = !state.model.empty() && encoding_for_model(state.model) == state.tokens_encoding;
  const std::string model = with_model ? "(" + state.model + ")" : "";
  const float tokens_by = ImGui::CalcTextSize("Tokens by").x + 6 + ImGui::CalcTextSize(by.c_str()).x +
                          (with_model ? 6 + ImGui::CalcTextSize(model.c_str()).x : 0.0f);
  const std::string pretokenizer(shown_pretokenizer(state));
  // The line as one sentence in the mirror (the special-token picker after it is a control of its own).
  std::string said = "Tokens by " + by + (with_model ? " " + model : "") + ", pre-tokenizer " + pretokenizer;
  if (state.tokens_encoding == "bytes") said += " (the byte-level scheme has no special tokens)";
  std::vector<Piece> line;
  line.push_back({tokens_by, [&] {
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextDisabled("Tokens by");
                    ImGui::SameLine(0, 6);
                    ImGui::TextUnformatted(by.c_str());
                    if (with_model) {
                      ImGui::SameLine(0, 6);
                      ImGui::TextDisabled("%s", model.c_str());
                    }
                    mirror_text(state.access, AccessRole::text, "provenance", said);
                  }});
  line.push_back({ImGui::CalcTextSize("pre-tokenizer").x + 6 + ImGui::CalcTextSize(pretokenizer.c_str()).x, [&] {
                    ImGui::AlignTextToFramePadding();
                    ImGui::TextDisabled("pre-tokenizer");
                    ImGui::SameLine(0, 6);
                    ImGui::TextUnformatted(pretokenizer.c_str());
                  }});
  // On a phone-wide page the policy and the BOS/EOS switch are in the header's menu.
  if (state.header_fit != HeaderFit::menu) {
    line.push_back(special_picker_piece(state, ImGui::GetContentRegionAvail().x));
    if (auto bos = add_special_piece(state)) line.push_back(std::move(*bos));
  }
  if (state.tokens_encoding == "bytes") {
    const char* none = "(the byte-level scheme has no special tokens)";
    line.push_back({ImGui::CalcTextSize(none).x, [none] {
                      ImGui::AlignTextToFramePadding();
                      ImGui::TextDisabled("%s", none);
                    }});
  }
  draw_flowing(line, 18);
}

}  // namespace bpeviz
