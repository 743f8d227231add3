// The page's state read out for JavaScript: state() as JSON (web/js_api.h lists the exports), and the
// smaller reads the page makes without it (the text, the view a link keeps, a tile's place, ...).
#include <emscripten.h>

#include <algorithm>
#include <initializer_list>
#include <string>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/header.h"
#include "ui/header/models.h"
#include "ui/shaping/clusters.h"
#include "ui/tokens/token_details.h"
#include "web/js_api.h"
#include "web/js_exports.h"

using namespace bpeviz;

namespace {
nlohmann::json rect_json(const AppState::Rect& r) {
  return {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

// Where the page's parts and every control were drawn last frame, in CSS pixels (zero sized when not drawn):
// a test checks each control is on screen and big enough for a finger.
nlohmann::json layout_json(const AppState& s) {
  nlohmann::json tabs = nlohmann::json::object();
  for (int i = 0; i < static_cast<int>(std::size(s.tab_rects)); ++i) tabs[panel_name(static_cast<Panel>(i))] = rect_json(s.tab_rects[i]);
  nlohmann::json encoding_menu = nlohmann::json::array();
  for (const auto& [name, r] : s.encoding_item_rects) {
    nlohmann::json entry = rect_json(r);
    entry["name"] = name;
    encoding_menu.push_back(entry);
  }
  return {{"editor", rect_json(s.editor_rect)},
          {"tokens", rect_json(s.tokens_rect)},
          {"panel", rect_json(s.panel_rect)},
          {"copyLink", rect_json(s.copy_link_rect)},
          {"share", rect_json(s.share_button_rect)},
          {"model", rect_json(s.model_rect)},
          {"encoding", rect_json(s.encoding_rect)},
          {"specialPolicy", rect_json(s.special_rect)},
          {"addSpecialTokens", rect_json(s.add_special_rect)},
          {"lessons", rect_json(s.lessons_rect)},
          {"theme", rect_json(s.theme_rect)},
          {"present", rect_json(s.present_rect)},
          {"help", rect_json(s.help_rect)},
          {"caption", rect_json(s.caption_rect)},
          {"status", rect_json(s.status_rect)},
          {"statusDismiss", rect_json(s.status_dismiss_rect)},
          {"export", rect_json(s.export_rect)},
          {"exportMenu", {rect_json(s.export_item_rects[0]), rect_json(s.export_item_rects[1]), rect_json(s.export_item_rects[2])}},
          {"whitespace", rect_json(s.switch_rects[0])},
          {"byteNotation", rect_json(s.switch_rects[1])},
          {"pretokenLane", rect_json(s.switch_rects[2])},
          {"tabs", tabs},
          {"tabPicker", rect_json(s.tab_picker_rect)},
          {"menu", rect_json(s.menu_rect)},
          {"encodingMenu", encoding_menu},
          {"rowHeight", s.token_view.row_height}};
}

// The text box's lines as drawn laid out (Arabic, Hebrew, Devanagari), and its caret among them; whether
// it rests (ui/text_box/resting_box.h).
nlohmann::json text_box_json(const TextEditorState& editor) {
  const TextBoxShaping& shaping = editor.shaping;
  nlohmann::json lines = nlohmann::json::array();
  for (const DrawnLine& l : shaping.drawn_lines) {
    lines.push_back({{"line", l.line}, {"text", l.glyphs}, {"x", l.x}, {"y", l.y}, {"width", l.width}});
  }
  return {{"laidOut", shaping.drawn}, {"caret", shaping.caret}, {"selection", {shaping.selection_begin, shaping.selection_end}}, {"caretX", shaping.caret_x}, {"caretY", shaping.caret_y}, {"lines", lines}, {"resting", editor.resting}};
}

// The encode player: its script, position and what it shows.
nlohmann::json player_json(const AppState& s) {
  const EncodePlayerState& p = s.player;
  nlohmann::json tokens = nlohmann::json::array(), places = nlohmann::json::array();
  for (const Token& t : p.tokens) tokens.push_back({t.id, t.begin, t.end});
  for (const Span& h : p.highlights) places.push_back({h.begin, h.end});
  float first_tile[4];
  const bool drawn = p.built && token_view_tile_rect(p.view, 0, first_tile);
  return {{"built", p.built},
          {"error", p.error},
          {"step", p.step},
          {"steps", p.built ? p.player.steps().size() : 0},
          {"playing", p.playing},
          {"span", p.built ? nlohmann::json{p.player.span().begin, p.player.span().end} : nlohmann::json(nullptr)},
          {"description", describe_player_step(p, s.editor.text, p.step)},
          {"tokens", std::move(tokens)},
          {"places", std::move(places)},
          {"firstTileRect", drawn ? nlohmann::json(std::vector<float>(first_tile, first_tile + 4)) : nlohmann::json(nullptr)}};
}

// The Merge tree tab: the token, its tree (nodes as core/explain/merge_tree.h lists them) and where the last
// frame drew each node.
nlohmann::json tree_json(AppState& s) {
  MergeTreeViewState& t = s.tree;
  update_merge_tree_view(t, s.encodings.find(s.encoding), s.encoding, s.fonts.text);
  nlohmann::json nodes = nlohmann::json::array(), rects = nlohmann::json::array();
  for (const MergeTreeNode& n : t.tree.nodes) {
    nodes.push_back({{"id", n.id}, {"begin", n.begin}, {"end", n.end}, {"left", n.left}, {"right", n.right}, {"step", n.step}});
  }
  for (std::size_t i = 0; i + 3 < t.drawn.size(); i += 4) rects.push_back({t.drawn[i], t.drawn[i + 1], t.drawn[i + 2], t.drawn[i + 3]});
  return {{"id", t.has_id ? nlohmann::json(t.id) : nlohmann::json(nullptr)},
          {"encoding", s.encoding},
          {"error", t.error},
          {"caption", t.built ? unshape_clusters(s.glyphs, t.caption) : std::string()},
          {"nodes", std::move(nodes)},
          {"wholeParts", t.tree.whole_parts},
          {"rects", std::move(rects)},
          {"scale", t.scale},
          {"view", {t.view_rect.x, t.view_rect.y, t.view_rect.z, t.view_rect.w}},
          {"hover", t.hovered_node}};
}

// The studio's "Predict" game: the pending question's pairs (no counts: they would give it away) or,
// at an answered merge, the pairs it asked with; the last answer and the score.
nlohmann::json predict_json(const TrainingStudioState& st) {
  const MergePrediction& p = st.predict;
  nlohmann::json candidates = nlohmann::json::array();
  const bool answered = st.step > 0 && st.step <= p.answers.size() && p.answers[st.step - 1].asked;
  if (st.trained && (p.pending || answered)) {
    for (const PairCount& c : prediction_candidates(st.session, p.pending ? st.step + 1 : st.step)) {
      candidates.push_back({st.session.model.tokens[c.left], st.session.model.tokens[c.right]});
    }
  }
  const MergeAnswer* last = p.last_step > 0 && p.last_step <= p.answers.size() ? &p.answers[p.last_step - 1] : nullptr;
  return {{"on", p.on},
          {"pending", p.pending},
          {"asking", p.pending ? st.step + 1 : 0},
          {"candidates", std::move(candidates)},
          {"rects", [&] {  // the question's buttons as drawn, [x, y, width, height] in CSS pixels
             nlohmann::json rects = nlohmann::json::array();
             for (std::size_t i = 0; i + 3 < st.candidate_rects.size(); i += 4) {
               rects.push_back({st.candidate_rects[i], st.candidate_rects[i + 1], st.candidate_rects[i + 2], st.candidate_rects[i + 3]});
             }
             return rects;
           }()},
          {"lastStep", p.last_step},
          {"lastGuess", last ? nlohmann::json(last->guess) : nlohmann::json(nullptr)},
          {"lastRight", last ? nlohmann::json(last->right) : nlohmann::json(nullptr)},
          {"lastTie", last ? nlohmann::json(last->tie) : nlohmann::json(nullptr)},
          {"verdict", st.trained ? describe_answer(st.session, p, st.step) : std::string()},
          {"right", p.right},
          {"asked", p.asked}};
}

// The training studio: options, the training shown and the step.
nlohmann::json studio_json(AppState& s) {
  TrainingStudioState& st = s.studio;
  const auto presets = training_presets();
  nlohmann::json merges = nlohmann::json::array(), tokens = nlohmann::json::array();
  if (st.trained) {
    const auto& model = st.session.model;
    for (uint32_t i = 0; i < st.step && i < st.session.steps.size(); ++i) {
      const TrainingStep& step = st.session.steps[i];
      merges.push_back({model.tokens[step.merge.left], model.tokens[step.merge.right], step.merge.id, step.count, step.replaced});
    }
    for (const Token& t : studio_tokens(st)) tokens.push_back({t.id, t.begin, t.end});
  }
  return {{"source", st.source < 0 ? std::string("text") : std::string(presets[static_cast<std::size_t>(st.source)].name)},
          {"samples", [&] {
             nlohmann::json names = nlohmann::json::array();
             for (const auto& p : presets) names.push_back(p.name);
             return names;
           }()},
          {"numMerges", st.num_merges},
          {"pretokenizer", pretokenizer_name(st.pretokenizer)},
          {"tie", tie_rule_name(st.tie)},
          {"specials", st.specials},
          {"trained", st.trained},
          {"error", st.error},
          {"step", st.step},
          {"merges", st.trained ? st.session.merges() : 0},
          {"playing", st.playing},
          {"description", st.trained ? describe_training_step(st, st.step) : st.error},
          {"merged", std::move(merges)},
          {"tokens", std::move(tokens)},
          {"predict", predict_json(st)}};
}

// The Schemes tab's rows, or null until the tab has compared the current text and encoding (it does
// so when shown).
nlohmann::json schemes_json(AppState& s) {
  const SchemesInput input = schemes_input(s);
  if (s.panel == Panel::schemes) update_schemes_view(s.schemes, input);
  if (!schemes_current(s.schemes, input)) return nullptr;
  nlohmann::json rows = nlohmann::json::array();
  for (const SchemeResult& r : s.schemes.results) {
    rows.push_back({{"name", r.name}, {"tokens", r.tokens}, {"distinct", r.distinct}, {"vocabulary", r.vocabulary},
                    {"unseen", r.unseen}, {"bytesPerToken", r.bytes_per_token}});
  }
  return rows;
}

// The Compare tab: each tokenizer's tokens and marks, and the offsets where they differ; null until
// the tab has been shown (it computes while shown).
nlohmann::json compare_json(AppState& s) {
  CompareViewState& c = s.compare;
  if (s.panel != Panel::compare || c.names.empty()) return nullptr;
  update_compare_view(c, compare_input(s));
  nlohmann::json columns = nlohmann::json::array();
  for (const CompareViewState::Column& col : c.columns) {
    const bool has_tokens = col.ready && col.error.empty();
    nlohmann::json ids = nlohmann::json::array(), split = nlohmann::json::array();
    for (const Token& t : col.tokens) ids.push_back(t.id);
    for (const Span& sp : col.split_elsewhere) split.push_back({sp.begin, sp.end});
    // The first mark drawn inside the column's box (the box scrolls: later rows are clipped away).
    float mark[4];
    bool drawn = false;
    for (std::size_t i = 0; i < col.marks.size() && i < 10000 && !drawn; ++i) {
      drawn = token_view_mark_rect(col.view, col.groups, col.marks[i], mark) && mark[1] >= col.view_rect[1] &&
              mark[1] + mark[3] <= col.view_rect[1] + col.view_rect[3];
    }
    const Span top = token_view_top_row(col.view, col.groups, col.scroll_y);
    columns.push_back({{"encoding", col.name},
                       {"ready", col.ready},
                       {"error", col.error},
                       {"tokens", has_tokens ? nlohmann::json(col.tokens.size()) : nlohmann::json(nullptr)},
                       {"bytesPerToken", has_tokens && !col.tokens.empty() ? nlohmann::json(static_cast<double>(s.editor.text.size()) / col.tokens.size()) : nlohmann::json(nullptr)},
                       {"ids", std::move(ids)},
                       {"marks", col.marks},
                       {"splitElsewhere", std::move(split)},
                       {"rect", std::vector<float>(col.view_rect, col.view_rect + 4)},
                       {"topRow", has_tokens ? nlohmann::json(std::vector<uint32_t>{top.begin, top.end}) : nlohmann::json(nullptr)},
                       {"firstMarkRect", drawn ? nlohmann::json(std::vector<float>(mark, mark + 4)) : nlohmann::json(nullptr)}});
  }
  return {{"encodings", c.names}, {"columns", std::move(columns)}, {"differing", c.differing}, {"boundaries", c.boundaries}};
}

// The Chat tab: the messages, the format, the conversation's text and tokens, and the counts; the
// widgets' places as drawn last frame. Computed whichever tab shows.
nlohmann::json chat_json(AppState& s) {
  ChatViewState& c = s.chat;
  update_chat_view(c, chat_input(s));
  const auto rect = [](const float r[4]) { return std::vector<float>(r, r + 4); };
  nlohmann::json messages = nlohmann::json::array(), formats = nlohmann::json::array();
  for (std::size_t i = 0; i < c.rows.size(); ++i) {
    const ChatRow& row = c.rows[i];
    nlohmann::json m{{"role", row.role}, {"custom", row.custom}, {"content", row.content.text},
                     {"focused", row.content.active}};
    if (i < c.counts.messages.size() && c.error.empty()) {
      m["contentTokens"] = c.counts.messages[i].content;
      m["formatTokens"] = c.counts.messages[i].format;
    }
    if (i < c.row_rects.size()) {
      m["roleRect"] = rect(c.row_rects[i].role);
      m["contentRect"] = rect(c.row_rects[i].content);
      m["removeRect"] = rect(c.row_rects[i].remove);
    }
    messages.push_back(std::move(m));
  }
  for (const ChatFormat* f : chat_formats_for(s.encoding)) formats.push_back(f->name);
  nlohmann::json tokens = nlohmann::json::array(), spans = nlohmann::json::array(), added = nlohmann::json::array();
  for (const Token& t : c.tokens) tokens.push_back({t.id, t.begin, t.end});
  for (const Span& sp : c.rendered.format_spans) spans.push_back({sp.begin, sp.end});
  if (c.format) {
    for (const SpecialToken& t : c.format->added_specials) added.push_back({t.text, t.id});
  }
  float first_tile[4];
  const bool drawn = !c.tokens.empty() && token_view_tile_rect(c.view, 0, first_tile);
  return {{"format", c.format ? nlohmann::json(std::string(c.format->name)) : nlohmann::json(nullptr)},
          {"formats", std::move(formats)},
          {"source", c.format ? std::string(c.format->source) : ""},
          {"addedSpecials", std::move(added)},
          {"messages", std::move(messages)},
          {"text", c.rendered.text},
          {"note", c.rendered.note},
          {"formatSpans", std::move(spans)},
          {"tokens", std::move(tokens)},
          {"counts", {{"begin", c.counts.begin}, {"reply", c.counts.reply}, {"total", c.counts.total}}},
          {"error", c.error},
          {"addRect", rect(c.add_rect)},
          {"pickRects", [&] {
             nlohmann::json picks = nlohmann::json::array();
             for (const auto& r : c.pick_rects) picks.push_back(rect(r));
             return picks;
           }()},
          {"firstTileRect", drawn ? nlohmann::json(std::vector<float>(first_tile, first_tile + 4)) : nlohmann::json(nullptr)}};
}

// The tooltip's content for the tile under the mouse, or null.
// The Share view: its link, the QR code's version and error-correction level, and where the code was drawn.
nlohmann::json share_json(const AppState& s) {
  const ShareState& share = s.share;
  return {{"open", share.open},
          {"link", share.link},
          {"address", share.address},
          {"dropped", share.dropped},
          {"version", share.code.version},
          {"size", share.code.size},
          {"ecc", std::string(1, share.code.ecc)},
          {"error", share.error},
          {"modulePixels", share.module_pixels},
          {"rect", rect_json(s.share_rect)}};
}

nlohmann::json hover_json(const AppState& s) {
  const int64_t g = s.token_view.hovered_group;
  if (g < 0 || static_cast<std::size_t>(g) >= s.groups.size()) return nullptr;
  const TokenDetails d = describe_token_group(s.editor.text, s.tokens, s.groups[g], s.pieces,
                                              s.encodings.find(s.tokens_encoding), s.fonts.text);
  return {{"group", g},       {"ids", d.ids},   {"hex", d.hex},
          {"text", d.text},   {"bytes", d.byte_length}, {"special", d.special}, {"added", d.added},
          {"pretoken", {d.pretoken.begin, d.pretoken.end}}, {"pretokenText", d.pretoken_text}};
}

// Where touch stands: the window the last drag scrolled (ImGui's name, which holds the view's child
// window's, e.g. ".../tokens_…") and how far it is scrolled now, and whether a long press hovers.
nlohmann::json touch_json(const TouchPointer& t) {
  const ImVec2 scroll = touch_target_scroll(t);
  return {{"target", t.target_name}, {"scroll", {scroll.x, scroll.y}}, {"hovering", t.hovering},
          {"flicking", flick_moving(t.flick)}, {"busy", touch_pointer_busy(t)}};
}

// The lesson whose text the page shows: its name, and its caption once its encoding's tokens are on
// screen ("" while that encoding loads or another one is picked); null for none.
nlohmann::json lesson_json(const AppState& s) {
  const int i = current_lesson(s);
  if (i < 0) return nullptr;
  const Lesson& lesson = lessons()[static_cast<std::size_t>(i)];
  return {{"name", lesson.name}, {"encoding", lesson.encoding}, {"caption", shown_lesson(s) ? lesson.caption : ""}};
}

nlohmann::json decode_json(AppState& s) {
  update_decode_box(s.decode_box, s.encoding, s.encodings.find(s.encoding));
  const DecodedIds& r = s.decode_box.result;
  nlohmann::json bad = nlohmann::json::array();
  for (const auto& b : r.bad_bytes) bad.push_back({{"offset", b.offset}, {"hex", b.hex}});
  return {{"input", s.decode_box.input}, {"text", r.text}, {"error", r.error}, {"badBytes", std::move(bad)}};
}
// The fallback fonts by status, and the text's characters the atlas cannot draw.
nlohmann::json fonts_json(const AppState& s) {
  nlohmann::json loaded = nlohmann::json::array(), fetching = nlohmann::json::array(), failed = nlohmann::json::array();
  const GlyphNeeds& g = s.glyphs;
  for (std::size_t i = 0; i < g.fonts.size(); ++i) {
    const std::string& file = g.manifest.fallbacks[i].file;
    switch (g.fonts[i].status) {
      case FallbackFont::Status::loaded: loaded.push_back(file); break;
      case FallbackFont::Status::fetching: fetching.push_back(file); break;
      case FallbackFont::Status::failed: failed.push_back(file); break;
      case FallbackFont::Status::unused: break;
    }
  }
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  return {{"loaded", std::move(loaded)},
          {"fetching", std::move(fetching)},
          {"failed", std::move(failed)},
          {"missingGlyphs", s.fonts.text ? missing_glyphs(s.fonts.text, s.editor.text) : 0},
          {"dropped", g.dropped},
          {"outdated", g.atlas_outdated || g.checked < g.seen.list.size()},
          {"builds", g.atlas_builds},
          {"glyphs", s.fonts.text ? s.fonts.text->Glyphs.Size : 0},
          {"atlas", {atlas->TexWidth, atlas->TexHeight}}};
}

// Appends "[a,b,...]," to a JSON array being written by hand.
void append_numbers(std::string& out, std::initializer_list<uint32_t> numbers) {
  out += '[';
  for (const uint32_t n : numbers) {
    out += std::to_string(n);
    out += ',';
  }
  out.back() = ']';
  out += ',';
}

// Ends an array appended to by append_numbers.
void close_array(std::string& out) {
  if (out.back() == ',') out.pop_back();
  out += ']';
}
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* bpeviz_state_json() {
  AppState& app = *js_app();
  update_tokens(app);
  const AppState& s = app;
  const bool failed = !s.tokens_error.empty();
  const nlohmann::json counts{
      {"tokens", failed ? nlohmann::json(nullptr) : nlohmann::json(s.tokens.size())},
      {"characters", s.characters},
      {"bytes", s.editor.text.size()},
      {"bytesPerToken", failed || s.tokens.empty() ? nlohmann::json(nullptr)
                                                   : nlohmann::json(static_cast<double>(s.editor.text.size()) /
                                                                    static_cast<double>(s.tokens.size()))},
      {"pretokens", failed ? nlohmann::json(nullptr) : nlohmann::json(s.pieces.size())}};
  const nlohmann::json state{
      {"text", s.editor.text},
      {"encoding", s.tokens_encoding},
      {"requestedEncoding", s.requested_encoding},
      {"model", s.model},
      {"specialPolicy", special_mode_name(s.tokens_special_mode)},
      {"addSpecialTokens", s.tokens_add_special_tokens},
      {"pretokenizer", shown_pretokenizer(s)},
      {"error", s.tokens_error},
      {"message", s.editor.refusal.empty() ? s.message : s.message.empty() ? s.editor.refusal : s.message + "\n" + s.editor.refusal},
      {"notice", s.notice},
      {"counts", counts},
      {"options", {{"whitespace", s.token_view.show_whitespace},
                   {"byteNotation", s.token_view.byte_notation},
                   {"pretokenLane", s.token_view.show_pretokens}}},
      {"panel", panel_name(s.panel)},
      {"hover", hover_json(s)},
      {"scroll", {{"tokens", s.token_view.scroll_y}}},
      {"touch", touch_json(s.touch)},
      {"decode", decode_json(app)},
      {"player", player_json(s)},
      {"tree", tree_json(app)},
      {"studio", studio_json(app)},
      {"schemes", schemes_json(app)},
      {"schemesError", s.schemes.error},
      {"compare", compare_json(app)},
      {"chat", chat_json(app)},
      {"theme", theme_name(s.theme)},
      {"presenting", s.presenting},
      {"fontScale", s.fonts.scale},
      {"fontSize", s.fonts.text ? s.fonts.text->FontSize * ImGui::GetIO().FontGlobalScale : 0.0f},
      {"lesson", lesson_json(s)},
      {"shortcutsHelp", s.shortcuts_help},
      {"share", share_json(s)},
      {"fonts", fonts_json(s)},
      {"textBox", text_box_json(s.editor)},
      {"frame", s.frame},
      {"layout", layout_json(s)}};
  std::string& out = js_result();
  // The text may hold ill-formed UTF-8 (typed bytes never are, but pasted data may be): replace it.
  out = state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The tokens and pieces are written directly: as JSON values, the 4 million tokens of a 16 MB
  // text took more than the page's memory ceiling.
  out.pop_back();  // the closing brace
  out += ",\"tokens\":[";
  for (const Token& t : s.tokens) append_numbers(out, {t.id, t.begin, t.end});
  close_array(out);
  out += ",\"pieces\":[";
  for (const Span& p : s.pieces) append_numbers(out, {p.begin, p.end});
  close_array(out);
  out += '}';
  return out.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_text_box_json() {
  js_result() = text_box_json(js_app()->editor).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_keyboard_context() {
  const KeyboardContext context = text_editor_keyboard_context(focused_editor(*js_app()));
  js_result() = nlohmann::json{{"start", context.start}, {"text", context.text},
                               {"selection", {context.selection_begin, context.selection_end}}}
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_text() { return js_app()->editor.text.data(); }

EMSCRIPTEN_KEEPALIVE std::size_t bpeviz_text_size() { return js_app()->editor.text.size(); }

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding() {
  js_result() = js_app()->requested_encoding.empty() ? js_app()->encoding : js_app()->requested_encoding;
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE double bpeviz_tokenizing() { return tokenizing_progress(*js_app()); }

EMSCRIPTEN_KEEPALIVE const char* bpeviz_models_json() {
  nlohmann::json models = nlohmann::json::array();
  for (const auto& m : picker_models()) models.push_back({m.model, m.encoding});
  js_result() = models.dump();
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_lessons_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const Lesson& l : lessons()) {
    all.push_back({{"name", l.name}, {"title", l.title}, {"text", l.text}, {"encoding", l.encoding}, {"caption", l.caption}});
  }
  js_result() = all.dump();
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_view_json() {
  const AppState& s = *js_app();
  nlohmann::ordered_json view{{"panel", panel_name(s.panel)}};  // in this order in the link
  if (s.panel == Panel::merges) view["step"] = s.player.step;
  if (s.panel == Panel::tree && s.tree.has_id) view["id"] = s.tree.id;
  if (s.panel == Panel::compare && !s.compare.names.empty()) {
    std::string names;
    for (const std::string& n : s.compare.names) names += (names.empty() ? "" : ",") + n;
    view["compare"] = names;
  }
  if (s.panel == Panel::studio) {
    const TrainingStudioState& st = s.studio;
    const auto presets = training_presets();
    const bool sample = st.source >= 0 && static_cast<std::size_t>(st.source) < presets.size();
    view["sample"] = sample ? presets[static_cast<std::size_t>(st.source)].name : "text";
    view["merges"] = st.num_merges;
    view["pretokenizer"] = pretokenizer_name(st.pretokenizer);
    view["tie"] = tie_rule_name(st.tie);
    view["specials"] = st.specials;
    view["step"] = st.step;
  }
  js_result() = view.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_chat_session_json() {
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : chat_messages(js_app()->chat)) messages.push_back({{"role", m.role}, {"content", m.content}});
  js_result() = nlohmann::json{{"format", js_app()->chat.format_name}, {"messages", std::move(messages)}}.dump();
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_ids_json() {
  update_tokens(*js_app());
  update_ids_json(js_app()->ids_panel, js_app()->tokens_serial, js_app()->tokens);
  return js_app()->ids_panel.json.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_token_rect(std::size_t index) {
  const auto& groups = js_app()->groups;
  // The tile of a token is its group's: the last group that starts at or before it.
  const auto it = std::upper_bound(groups.begin(), groups.end(), index,
                                   [](std::size_t i, const TokenGroup& g) { return i < g.first_token; });
  float rect[4];
  const auto group = static_cast<std::size_t>(it - groups.begin() - 1);
  if (index >= js_app()->tokens.size() || it == groups.begin() || !token_view_tile_rect(js_app()->token_view, group, rect)) {
    js_result() = "null";
  } else {
    const std::string_view label = token_view_tile_label(js_app()->token_view, group);
    js_result() = nlohmann::json{rect[0], rect[1], rect[2], rect[3], std::string(label)}.dump();
  }
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_file(const char* name) {
  js_result() = EncodingSet::builtin_file(name);
  return js_result().c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_names_json() {
  js_result() = nlohmann::json(offered_encodings(*js_app())).dump();
  return js_result().c_str();
}

}  // extern "C"
