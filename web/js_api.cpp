#include "web/js_api.h"

#include <SDL.h>
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
#include "ui/tokens/token_details.h"

namespace bpeviz {
namespace {
AppState* g_state = nullptr;  // JavaScript has no handle to pass back, so the exports share this one
std::string g_result;         // backs the returned strings
std::string g_error;          // why the last call that returned -1 failed
}  // namespace

void js_api_attach(AppState* state) { g_state = state; }
}  // namespace bpeviz

using namespace bpeviz;

namespace {
nlohmann::json rect_json(const AppState::Rect& r) {
  return {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
}

const char* panel_name(Panel panel) {
  switch (panel) {
    case Panel::tokens: return "tokens";
    case Panel::ids: return "ids";
    case Panel::decode: return "decode";
    case Panel::merges: return "merges";
    case Panel::studio: return "studio";
    case Panel::tree: return "tree";
    case Panel::schemes: return "schemes";
    case Panel::compare: return "compare";
    case Panel::chat: return "chat";
  }
  return "tokens";
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
          {"caption", t.built ? t.caption : std::string()},
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
nlohmann::json hover_json(const AppState& s) {
  const int64_t g = s.token_view.hovered_group;
  if (g < 0 || static_cast<std::size_t>(g) >= s.groups.size()) return nullptr;
  const TokenDetails d = describe_token_group(s.editor.text, s.tokens, s.groups[g], s.pieces,
                                              s.encodings.find(s.tokens_encoding), s.fonts.text);
  return {{"group", g},       {"ids", d.ids},   {"hex", d.hex},
          {"text", d.text},   {"bytes", d.byte_length}, {"special", d.special},
          {"pretoken", {d.pretoken.begin, d.pretoken.end}}, {"pretokenText", d.pretoken_text}};
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

// -1 when the text editor refused a text (it shows why), else 0.
int refused(const std::string& why) { return why.empty() ? 0 : -1; }
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* bpeviz_state_json() {
  update_tokens(*g_state);
  const AppState& s = *g_state;
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
      {"decode", decode_json(*g_state)},
      {"player", player_json(s)},
      {"tree", tree_json(*g_state)},
      {"studio", studio_json(*g_state)},
      {"schemes", schemes_json(*g_state)},
      {"schemesError", s.schemes.error},
      {"compare", compare_json(*g_state)},
      {"chat", chat_json(*g_state)},
      {"theme", theme_name(s.theme)},
      {"presenting", s.presenting},
      {"fontScale", s.fonts.scale},
      {"fontSize", s.fonts.text ? s.fonts.text->FontSize * ImGui::GetIO().FontGlobalScale : 0.0f},
      {"lesson", lesson_json(s)},
      {"shortcutsHelp", s.shortcuts_help},
      {"fonts", fonts_json(s)},
      {"textBox", text_box_json(s.editor)},
      {"frame", s.frame},
      {"layout", {{"editor", rect_json(s.editor_rect)},
                  {"tokens", rect_json(s.tokens_rect)},
                  {"panel", rect_json(s.panel_rect)},
                  {"copyLink", rect_json(s.copy_link_rect)},
                  {"model", rect_json(s.model_rect)},
                  {"encoding", rect_json(s.encoding_rect)},
                  {"specialPolicy", rect_json(s.special_rect)},
                  {"lessons", rect_json(s.lessons_rect)},
                  {"theme", rect_json(s.theme_rect)},
                  {"present", rect_json(s.present_rect)},
                  {"help", rect_json(s.help_rect)},
                  {"caption", rect_json(s.caption_rect)},
                  {"status", rect_json(s.status_rect)},
                  {"statusDismiss", rect_json(s.status_dismiss_rect)},
                  {"export", rect_json(s.export_rect)},
                  {"exportMenu", {rect_json(s.export_item_rects[0]), rect_json(s.export_item_rects[1]), rect_json(s.export_item_rects[2])}},
                  {"rowHeight", s.token_view.row_height}}}};
  // The text may hold ill-formed UTF-8 (typed bytes never are, but pasted data may be): replace it.
  g_result = state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // The tokens and pieces are written directly: as JSON values, the 4 million tokens of a 16 MB
  // text took more than the page's memory ceiling.
  g_result.pop_back();  // the closing brace
  g_result += ",\"tokens\":[";
  for (const Token& t : s.tokens) append_numbers(g_result, {t.id, t.begin, t.end});
  close_array(g_result);
  g_result += ",\"pieces\":[";
  for (const Span& p : s.pieces) append_numbers(g_result, {p.begin, p.end});
  close_array(g_result);
  g_result += '}';
  return g_result.c_str();
}

// state().textBox alone: cheap with a large text, whose state() carries all its tokens.
EMSCRIPTEN_KEEPALIVE const char* bpeviz_text_box_json() {
  g_result = text_box_json(g_state->editor).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_text() { return g_state->editor.text.data(); }

EMSCRIPTEN_KEEPALIVE std::size_t bpeviz_text_size() { return g_state->editor.text.size(); }

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding() {
  g_result = g_state->requested_encoding.empty() ? g_state->encoding : g_state->requested_encoding;
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_text(const char* utf8, std::size_t length) {
  return refused(text_editor_set_text(g_state->editor, std::string(utf8, length)));
}

EMSCRIPTEN_KEEPALIVE int bpeviz_paste(const char* utf8, std::size_t length) {
  return refused(text_editor_paste(focused_editor(*g_state), std::string_view(utf8, length)));
}

// A long paste, a part per task (page.js): the parts are whole characters.
EMSCRIPTEN_KEEPALIVE void bpeviz_paste_part(const char* utf8, std::size_t length, double expected_bytes) {
  // (A guess: anything but a size, NaN too, counts as none; none is larger than the box holds.)
  const double most = static_cast<double>(kMaxTextBytes);
  const std::size_t expected = expected_bytes > 0 ? static_cast<std::size_t>(std::min(expected_bytes, most)) : 0;
  text_editor_paste_part(focused_editor(*g_state), std::string_view(utf8, length), expected);
}

EMSCRIPTEN_KEEPALIVE int bpeviz_paste_end() { return refused(text_editor_paste_end(focused_editor(*g_state))); }

EMSCRIPTEN_KEEPALIVE void bpeviz_hold_input(int held) { g_state->input_held = held != 0; }

EMSCRIPTEN_KEEPALIVE double bpeviz_max_text_bytes() { return static_cast<double>(kMaxTextBytes); }

// The share of a long text tokenized so far, or -1 when no tokenizing is under way. (state() would
// finish it first: it describes the whole text.)
EMSCRIPTEN_KEEPALIVE double bpeviz_tokenizing() { return tokenizing_progress(*g_state); }

EMSCRIPTEN_KEEPALIVE void bpeviz_refuse_text(double bytes) { text_editor_refuse(g_state->editor, bytes); }

EMSCRIPTEN_KEEPALIVE void bpeviz_insert_text(const char* utf8, std::size_t length) {
  if (!focused_editor(*g_state).active) {
    // Nothing has the keyboard focus, and ImGui would drop the characters: insert as a paste does.
    bpeviz_paste(utf8, length);
    return;
  }
  // Queue the text as SDL text events, behind the keystrokes SDL already holds, so that typed
  // characters keep their order. An event carries at most 31 bytes: split on character boundaries.
  const std::string_view text(utf8, length);
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.size(), pos + sizeof(SDL_TextInputEvent::text) - 1);
    while (end > pos + 1 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    SDL_Event event{};
    event.type = SDL_TEXTINPUT;
    std::copy(text.begin() + pos, text.begin() + end, event.text.text);
    SDL_PushEvent(&event);
    pos = end;
  }
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_encoding(const char* name) {
  if (!select_encoding(*g_state, name)) return -1;
  return g_state->encoding == name ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_model(const char* name) {
  if (!select_model(*g_state, name)) return -1;
  return g_state->encoding == encoding_for_model(name) ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_models_json() {
  nlohmann::json models = nlohmann::json::array();
  for (const auto& m : picker_models()) models.push_back({m.model, m.encoding});
  g_result = models.dump();
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_special_policy(const char* name) {
  const auto mode = special_mode_from_name(name);
  if (!mode) return -1;
  g_state->special_mode = *mode;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_option(const char* name, int on) {
  const std::string_view option(name);
  TokenViewState& view = g_state->token_view;
  bool* flag = option == "whitespace"     ? &view.show_whitespace
               : option == "byteNotation" ? &view.byte_notation
               : option == "pretokenLane" ? &view.show_pretokens
               : option == "addSpecialTokens" ? &g_state->add_special_tokens
                                          : nullptr;
  if (!flag) return -1;
  *flag = on != 0;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_show_panel(const char* name) {
  const std::string_view panel(name);
  if (panel == "tokens") g_state->panel_request = Panel::tokens;
  else if (panel == "ids") g_state->panel_request = Panel::ids;
  else if (panel == "decode") g_state->panel_request = Panel::decode;
  else if (panel == "merges") g_state->panel_request = Panel::merges;
  else if (panel == "studio") g_state->panel_request = Panel::studio;
  else if (panel == "tree") g_state->panel_request = Panel::tree;
  else if (panel == "schemes") g_state->panel_request = Panel::schemes;
  else if (panel == "compare") g_state->panel_request = Panel::compare;
  else if (panel == "chat") g_state->panel_request = Panel::chat;
  else return -1;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_set_theme(const char* name) {
  const auto theme = theme_from_name(name);
  if (!theme) return -1;
  g_state->theme = *theme;
  return 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_present(int on) { g_state->presenting = on != 0; }

EMSCRIPTEN_KEEPALIVE void bpeviz_shortcuts_help(int open) { g_state->shortcuts_help = open != 0; }

EMSCRIPTEN_KEEPALIVE int bpeviz_lesson(const char* name) {
  const int i = find_lesson(name);
  if (i < 0) return -1;
  start_lesson(*g_state, i);
  return g_state->encoding == lessons()[static_cast<std::size_t>(i)].encoding ? 0 : 1;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_lessons_json() {
  nlohmann::json all = nlohmann::json::array();
  for (const Lesson& l : lessons()) {
    all.push_back({{"name", l.name}, {"title", l.title}, {"text", l.text}, {"encoding", l.encoding}, {"caption", l.caption}});
  }
  g_result = all.dump();
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE int bpeviz_player(const char* action, double value) {
  EncodePlayerState& p = g_state->player;
  update_encode_player(p, player_input(*g_state));
  const std::string_view a(action);
  const std::size_t steps = p.built ? p.player.steps().size() : 0;
  if (a == "step") {
    p.step = std::min(static_cast<std::size_t>(std::max(0.0, value)), steps);
    p.playing = false;
  } else if (a == "play" || a == "pause") {
    p.playing = a == "play" && p.built;
  } else if (a == "speed") {
    p.steps_per_second = static_cast<float>(std::clamp(value, 0.5, 60.0));
  } else if (a == "part") {
    p.part_begin = static_cast<uint32_t>(std::max(0.0, value));
  } else {
    return -1;
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE void bpeviz_merge_tree(uint32_t id) { select_merge_tree_token(g_state->tree, id); }

EMSCRIPTEN_KEEPALIVE int bpeviz_studio(const char* options_json) {
  const auto fail = [](std::string why) {
    g_error = std::move(why);
    return -1;
  };
  const nlohmann::json o = nlohmann::json::parse(options_json, nullptr, false);
  if (!o.is_object()) return fail("studio options must be a JSON object");
  TrainingStudioState& st = g_state->studio;
  if (o.contains("source")) {
    const std::string source = o["source"].is_string() ? o["source"].get<std::string>() : "";
    const auto presets = training_presets();
    if (source == "text") {
      st.source = TrainingStudioState::kSourceText;
    } else {
      std::size_t i = 0;
      while (i < presets.size() && presets[i].name != source) ++i;
      if (i == presets.size()) return fail("unknown source \"" + source + "\": 'text' or a sample's name");
      select_training_preset(st, static_cast<int>(i));
    }
  }
  if (o.contains("merges")) {
    if (!o["merges"].is_number_integer() || o["merges"].get<int64_t>() < 1 || o["merges"].get<int64_t>() > TrainingStudioState::kMaxMerges) {
      return fail("merges must be a whole number from 1 to " + std::to_string(TrainingStudioState::kMaxMerges));
    }
    st.num_merges = o["merges"].get<uint32_t>();
  }
  if (o.contains("pretokenizer") && !(o["pretokenizer"].is_string() && pretokenizer_from_name(o["pretokenizer"].get<std::string>(), st.pretokenizer))) {
    return fail("unknown pre-tokenizer: none, whitespace, gpt2, cl100k or o200k");
  }
  if (o.contains("tie") && !(o["tie"].is_string() && tie_rule_from_name(o["tie"].get<std::string>(), st.tie))) {
    return fail("unknown tie rule: greater or first");
  }
  if (o.contains("specials")) {
    if (!o["specials"].is_string()) return fail("specials must be a string");
    st.specials = o["specials"].get<std::string>();
  }
  if (o.value("train", false)) st.train_request = true;
  update_training_studio(st, {g_state->editor.text, g_state->editor.revision}, ImGui::GetTime());
  update_merge_prediction(st);
  if (o.contains("predict")) {
    if (!o["predict"].is_boolean()) return fail("predict must be true or false");
    set_prediction(st.predict, o["predict"].get<bool>(), st.step, st.trained ? st.session.merges() : 0);
  }
  if (o.contains("step")) {
    if (!o["step"].is_number_integer() || o["step"].get<int64_t>() < 0) return fail("step must be a whole number");
    st.step = static_cast<uint32_t>(std::min<int64_t>(o["step"].get<int64_t>(), st.trained ? st.session.merges() : 0));
    st.playing = false;
    update_merge_prediction(st);  // one step forward asks, with Predict on
  }
  if (o.contains("guess")) {
    if (!o["guess"].is_number_integer()) return fail("guess must be an index into state().studio.predict.candidates");
    if (!st.predict.pending) return fail("no merge is being predicted: turn predict on and step forward");
    if (!guess_merge(st.predict, st.session, st.step, o["guess"].get<int>())) {
      return fail("guess must be an index into state().studio.predict.candidates");
    }
  }
  if (o.contains("play")) {
    st.playing = o["play"].is_boolean() && o["play"].get<bool>() && st.trained;
    st.last_step_time = ImGui::GetTime();
  }
  if (o.value("use", false)) st.use_request = true;
  if (o.contains("export")) st.export_request = o["export"].is_string() ? o["export"].get<std::string>() : "?";
  return 0;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_view_json() {
  const AppState& s = *g_state;
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
  g_result = view.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_last_error() { return g_error.c_str(); }

EMSCRIPTEN_KEEPALIVE int bpeviz_set_compare(const char* names_json) {
  const nlohmann::json j = nlohmann::json::parse(names_json, nullptr, false);
  std::vector<std::string> names;
  for (const auto& name : j.is_array() ? j : nlohmann::json::array()) {
    if (name.is_string()) names.push_back(name.get<std::string>());
  }
  if (!j.is_array() || names.size() != j.size()) {
    g_error = "setCompare takes an array of encoding names";
    return -1;
  }
  g_error = set_compare_encodings(g_state->compare, names, offered_encodings(*g_state));
  if (!g_error.empty()) return -1;
  for (const std::string& name : names) g_state->compare.failed.erase(name);  // picked again: try again
  g_state->panel_request = Panel::compare;
  return 0;
}

// The Chat tab's conversation as the session keeps it: {format, messages: [{role, content}]} (format ""
// for the tokenizer's usual one). Small: no tokens.
EMSCRIPTEN_KEEPALIVE const char* bpeviz_chat_session_json() {
  nlohmann::json messages = nlohmann::json::array();
  for (const ChatMessage& m : chat_messages(g_state->chat)) messages.push_back({{"role", m.role}, {"content", m.content}});
  g_result = nlohmann::json{{"format", g_state->chat.format_name}, {"messages", std::move(messages)}}.dump();
  return g_result.c_str();
}

// setChat: {messages: [{role, content}], format?}. Replaces the conversation and shows the Chat tab.
EMSCRIPTEN_KEEPALIVE int bpeviz_set_chat(const char* chat_json_text) {
  const nlohmann::json j = nlohmann::json::parse(chat_json_text, nullptr, false);
  const auto& list = j.is_object() && j.contains("messages") ? j["messages"] : nlohmann::json();
  std::vector<ChatMessage> messages;
  for (const auto& m : list.is_array() ? list : nlohmann::json::array()) {
    if (!m.is_object() || !m.value("role", nlohmann::json()).is_string() || !m.value("content", nlohmann::json()).is_string()) break;
    messages.push_back({m["role"].get<std::string>(), m["content"].get<std::string>()});
  }
  if (!list.is_array() || messages.size() != list.size()) {
    g_error = "setChat takes {messages: [{role, content}, ...], format}, role and content strings";
    return -1;
  }
  if (j.contains("format")) {
    const std::string format = j["format"].is_string() ? j["format"].get<std::string>() : "";
    if (!set_chat_format(g_state->chat, g_state->encoding, format)) {
      g_error = "no chat format \"" + format + "\" for " + g_state->encoding;
      return -1;
    }
  }
  g_error = set_chat_messages(g_state->chat, messages);
  if (!g_error.empty()) return -1;
  g_state->panel_request = Panel::chat;
  return 0;
}

EMSCRIPTEN_KEEPALIVE int bpeviz_export_tokens(const char* kind) {
  update_tokens(*g_state);
  auto file = export_tokens(*g_state, kind);
  if (!file.ok()) {
    g_error = file.error;
    return -1;
  }
  g_result = std::move(file.value.contents);
  return static_cast<int>(g_result.size());
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_export_data() { return g_result.data(); }

EMSCRIPTEN_KEEPALIVE void bpeviz_wake() {
  if (g_state) note_input(g_state->pacing, pacing_now_ms());
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_ids_json() {
  update_tokens(*g_state);
  update_ids_json(g_state->ids_panel, g_state->tokens_serial, g_state->tokens);
  return g_state->ids_panel.json.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_set_decode_input(const char* utf8, std::size_t length) {
  set_decode_input(g_state->decode_box, std::string(utf8, length));
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_token_rect(std::size_t index) {
  const auto& groups = g_state->groups;
  // The tile of a token is its group's: the last group that starts at or before it.
  const auto it = std::upper_bound(groups.begin(), groups.end(), index,
                                   [](std::size_t i, const TokenGroup& g) { return i < g.first_token; });
  float rect[4];
  const auto group = static_cast<std::size_t>(it - groups.begin() - 1);
  if (index >= g_state->tokens.size() || it == groups.begin() || !token_view_tile_rect(g_state->token_view, group, rect)) {
    g_result = "null";
  } else {
    const std::string_view label = token_view_tile_label(g_state->token_view, group);
    g_result = nlohmann::json{rect[0], rect[1], rect[2], rect[3], std::string(label)}.dump();
  }
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_request_copy_link() { g_state->copy_link_request = true; }

EMSCRIPTEN_KEEPALIVE void bpeviz_show_message(int kind, const char* utf8) {
  (kind == 0 ? g_state->notice : g_state->message) = utf8;
}

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_file(const char* name) {
  g_result = EncodingSet::builtin_file(name);
  return g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_ready(const char* name) { encoding_loaded(*g_state, name); }

EMSCRIPTEN_KEEPALIVE void bpeviz_encoding_failed(const char* name, const char* why) {
  encoding_failed(*g_state, name, why);
}

EMSCRIPTEN_KEEPALIVE void bpeviz_font_ready(std::size_t index, const uint8_t* bytes, std::size_t size) {
  fallback_font_loaded(g_state->glyphs, index, std::vector<uint8_t>(bytes, bytes + size));
}

EMSCRIPTEN_KEEPALIVE void bpeviz_font_failed(std::size_t index) { fallback_font_failed(g_state->glyphs, index); }

EMSCRIPTEN_KEEPALIVE const char* bpeviz_encoding_names_json() {
  g_result = nlohmann::json(offered_encodings(*g_state)).dump();
  return g_result.c_str();
}

}  // extern "C"
