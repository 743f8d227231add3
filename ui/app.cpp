#include "ui/app.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <span>
#include <utility>

#include <imgui.h>

#include "core/explain/byte_tokenizer.h"
#include "core/incremental_encode.h"
#include "core/catalog/open_models.h"
#include "core/catalog/openai_encodings.h"
#include "core/formats/token_export.h"
#include "core/text/utf8.h"
#include "ui/header/models.h"
#include "ui/tokens/reserve_ahead.h"
#include "ui/status_band.h"

namespace bpeviz {

const std::vector<std::string>& encoding_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"bytes"};
    for (const auto& spec : openai_encodings()) n.push_back(spec.name);
    for (const auto& model : open_models()) n.push_back(model.name);
    return n;
  }();
  return names;
}

bool is_encoding_name(const std::string& name) {
  const auto& names = encoding_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> offered_encodings(const AppState& state) {
  std::vector<std::string> names = encoding_names();
  const auto& user = state.encodings.user_names();
  names.insert(names.end(), user.begin(), user.end());
  return names;
}

std::string add_user_encoding(AppState& state, Encoding encoding) {
  const std::string name = state.encodings.add_user(std::move(encoding))->name();
  select_encoding(state, name);
  return name;
}

bool select_encoding(AppState& state, const std::string& name) {
  const auto& user = state.encodings.user_names();
  if (!is_encoding_name(name) && std::find(user.begin(), user.end(), name) == user.end()) return false;
  state.message.clear();
  state.notice.clear();
  if (!state.model.empty() && encoding_for_model(state.model) != name) state.model.clear();
  if (name == "bytes" || state.encodings.find(name)) {
    state.encoding = name;
    state.requested_encoding.clear();
  } else if (state.requested_encoding != name) {
    state.requested_encoding = name;
    state.fetch_started = false;
  }
  return true;
}

bool select_model(AppState& state, const std::string& model) {
  const std::string encoding = encoding_for_model(model);
  if (encoding.empty() || !select_encoding(state, encoding)) return false;
  state.model = model;
  return true;
}

void encoding_loaded(AppState& state, const std::string& name) {
  if (state.requested_encoding == name) {
    state.encoding = name;
    state.requested_encoding.clear();
  }
  std::erase(state.compare_fetches, name);
}

void encoding_failed(AppState& state, const std::string& name, const std::string& why) {
  if (state.requested_encoding == name) state.requested_encoding.clear();
  if (std::erase(state.compare_fetches, name)) state.compare.failed[name] = why;  // not fetched again
  state.message = "Could not load " + name + ": " + why;
}

std::vector<std::string> take_encoding_fetches(AppState& state) {
  std::vector<std::string> fetches;
  if (!state.requested_encoding.empty() && !state.fetch_started) {
    fetches.push_back(state.requested_encoding);
    state.fetch_started = true;
  }
  if (state.panel != Panel::compare) return fetches;
  for (const std::string& name : compare_encodings_missing(state.compare, state.encodings)) {
    const bool picked = name == state.requested_encoding;  // fetched above, or already on its way
    if (picked || std::find(state.compare_fetches.begin(), state.compare_fetches.end(), name) != state.compare_fetches.end()) {
      continue;
    }
    state.compare_fetches.push_back(name);
    fetches.push_back(name);
  }
  return fetches;
}

std::string_view shown_pretokenizer(const AppState& state) {
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  if (encoding && encoding->hf_model()) return encoding->hf_model()->description;  // the whole pipeline
  return pretokenizer_name(encoding ? encoding->pretokenizer() : Pretokenizer::none);
}

// The special-token policy in force, with the BOS/EOS toggle for models that have one.
SpecialPolicy current_policy(const AppState& state) {
  SpecialPolicy policy = special_policy(state.special_mode);
  policy.add_special_tokens = state.add_special_tokens;
  return policy;
}

// Texts longer than this are tokenized a few parts per frame when the encoding cuts at line starts. A
// part of 16 KB takes about a millisecond to encode and lay out, but up to 13 ms on a page just opened,
// whose WebAssembly still runs in V8's baseline code (64 KB parts took 22-52 ms there, overrunning the
// frame's budget by a part).
constexpr std::size_t kPartBytes = 16 * 1024;

// The groups of tokens [first, last) (a run from a cut), numbered as in the whole list.
std::vector<TokenGroup> groups_of_run(std::string_view text, std::span<const Token> tokens, uint32_t first, uint32_t last) {
  std::vector<TokenGroup> groups = group_tokens_by_character(text, tokens.subspan(first, last - first));
  for (TokenGroup& g : groups) g.first_token += first;
  return groups;
}

// After an edit of the text alone, re-encodes only around it and splices tokens, pieces, groups and
// the character count. False when that does not apply (another encoding or policy, one that does not
// cut at line starts, an error): update_tokens then encodes the whole text.
bool update_tokens_around_edit(AppState& state, const TextEdit& edit) {
  const Encoding* encoding = state.encodings.find(state.encoding);
  if (state.tokens_serial == 0 || state.tokens_encoding != state.encoding || state.tokens_special_mode != state.special_mode ||
      state.tokens_add_special_tokens != state.add_special_tokens || !state.tokens_error.empty() || !encoding ||
      !pieces_end_at_cuts(*encoding)) {
    return false;
  }
  const std::string& text = state.editor.text;
  // A long stretch (a paste of a book, a text without cuts) goes by parts instead, a frame each.
  if (const Span span = reencoded_span(*encoding, text, edit); span.end - span.begin > kPartBytes) return false;
  const uint32_t old_groups = static_cast<uint32_t>(state.groups.size());
  auto r = reencode_edit(*encoding, current_policy(state), text, edit, state.tokens, state.pieces);
  if (!r.ok()) return false;
  const Reencoded& e = r.value;
  // The groups: those of the re-encoded tokens, between the unchanged ones (shifted). A cut is a
  // group boundary too: it falls between two characters.
  const auto group_at = [&](uint32_t token) {
    return static_cast<uint32_t>(std::lower_bound(state.groups.begin(), state.groups.end(), token,
                                                  [](const TokenGroup& g, uint32_t t) { return g.first_token < t; }) -
                                 state.groups.begin());
  };
  const uint32_t g0 = group_at(e.first_token), g1 = group_at(e.old_token_end);
  const std::vector<TokenGroup> middle = groups_of_run(text, state.tokens, e.first_token, e.new_token_end);
  const int64_t token_shift = static_cast<int64_t>(e.new_token_end) - static_cast<int64_t>(e.old_token_end);
  const int64_t byte_shift = static_cast<int64_t>(e.new_end) - static_cast<int64_t>(e.old_end);
  for (std::size_t i = g1; i < state.groups.size(); ++i) {
    TokenGroup& g = state.groups[i];
    g.first_token = static_cast<uint32_t>(g.first_token + token_shift);
    g.begin = static_cast<uint32_t>(g.begin + byte_shift);
    g.end = static_cast<uint32_t>(g.end + byte_shift);
  }
  state.groups.erase(state.groups.begin() + g0, state.groups.begin() + g1);
  state.groups.insert(state.groups.begin() + g0, middle.begin(), middle.end());
  state.characters = state.characters - utf8_count_characters(std::string_view(state.tokens_text).substr(e.begin, e.old_end - e.begin)) +
                     utf8_count_characters(std::string_view(text).substr(e.begin, e.new_end - e.begin));
  state.tokens_text.replace(edit.begin, edit.old_end - edit.begin, text, edit.begin, edit.new_end - edit.begin);
  state.tokens_splice = TileSplice{state.tokens_serial, old_groups, g0, g1, static_cast<uint32_t>(g0 + middle.size())};
  return true;
}

namespace {

// An edit while a long text is tokenized: the tokens before the cut ahead of the edit stay, and
// the tokenizing goes on from there (typing at the end of a pasted book loses none of the work).
bool keep_tokens_before_edit(AppState& state, const TextEdit& edit) {
  if (state.tokens_encoding != state.encoding || state.tokens_special_mode != state.special_mode ||
      state.tokens_add_special_tokens != state.add_special_tokens) {
    return false;
  }
  const std::string& text = state.editor.text;
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  const uint32_t keep = std::min(*state.tokenized_up_to, cut_before_edit(text, edit, encoding ? cut_look_ahead(*encoding) : 1));
  const auto first_after = [](auto& list, uint32_t offset) {
    return std::lower_bound(list.begin(), list.end(), offset, [](const auto& item, uint32_t o) { return item.begin < o; });
  };
  const auto old_tiles = static_cast<uint32_t>(state.groups.size());
  state.characters -= utf8_count_characters(std::string_view(state.tokens_text).substr(keep, *state.tokenized_up_to - keep));
  state.tokens.erase(first_after(state.tokens, keep), state.tokens.end());
  state.pieces.erase(first_after(state.pieces, keep), state.pieces.end());
  state.groups.erase(first_after(state.groups, keep), state.groups.end());
  // Only the edit is copied: all of a 10 MB text, with fresh memory for it, took tens of milliseconds.
  state.tokens_text.replace(edit.begin, edit.old_end - edit.begin, text, edit.begin, edit.new_end - edit.begin);
  state.tokenized_up_to = keep;
  state.tokens_revision = state.editor.revision;
  const auto kept_tiles = static_cast<uint32_t>(state.groups.size());
  state.tokens_splice = TileSplice{state.tokens_serial, old_tiles, kept_tiles, old_tiles, kept_tiles};
  ++state.tokens_serial;
  return true;
}

// Where the text changed since the tokens were made, for note_visible_glyphs to scan only that: a
// keystroke in a long text, or a paste, is not a scan of the whole text. Two changes before a scan
// (the page's API setting the text twice) scan the whole text.
void note_text_change(AppState& state, const TextEdit& edit) {
  const std::string& text = state.editor.text;
  // Out to whole characters: the bytes that differ may start inside one ("你" to "佀" differ in the last).
  const auto continuation = [&](uint32_t i) { return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; };
  uint32_t begin = edit.begin, end = edit.new_end;
  while (begin > 0 && continuation(begin)) --begin;
  while (continuation(end)) ++end;
  const bool pending = state.changed_text_revision != 0 && state.changed_text_revision != state.glyph_sources.text_revision;
  state.changed_text = pending ? Span{0, static_cast<uint32_t>(text.size())} : Span{begin, end};
  state.changed_text_revision = state.editor.revision;
}

// Starts on a change of text, encoding or policy: around the edit, at once for a short text, or by parts.
void start_tokens(AppState& state) {
  if (state.tokens_revision == state.editor.revision && state.tokens_encoding == state.encoding &&
      state.tokens_special_mode == state.special_mode && state.tokens_add_special_tokens == state.add_special_tokens) {
    return;
  }
  state.tokens_splice.reset();
  if (state.tokens_revision != state.editor.revision) {
    // The one comparison of the old text with the new: the glyph scan and both short ways use it.
    const TextEdit edit = find_text_edit(state.tokens_text, state.editor.text);
    note_text_change(state, edit);
    if (!state.tokenized_up_to && update_tokens_around_edit(state, edit)) {
      state.tokens_revision = state.editor.revision;
      ++state.tokens_serial;
      return;
    }
    if (state.tokenized_up_to && keep_tokens_before_edit(state, edit)) return;
  }
  const std::string& text = state.editor.text;
  state.tokens.clear();
  state.pieces.clear();
  state.groups.clear();
  state.characters = 0;
  state.tokens_error.clear();
  state.tokenized_up_to.reset();
  state.tokens_text.reserve(text.size() + kTypingRoomBytes);  // see keep_tokens_before_edit
  state.tokens_text = text;
  state.tokens_revision = state.editor.revision;
  state.tokens_encoding = state.encoding;
  state.tokens_special_mode = state.special_mode;
  state.tokens_add_special_tokens = state.add_special_tokens;
  ++state.tokens_serial;
  const Encoding* encoding = state.encodings.find(state.encoding);
  if (text.size() > kPartBytes && (!encoding || pieces_end_at_cuts(*encoding))) {
    state.tokenized_up_to = 0;
    return;
  }
  if (encoding) {
    const SpecialPolicy policy = current_policy(state);
    auto tokens = encoding->encode_with_spans(text, policy);
    if (tokens.ok()) {
      state.tokens = std::move(tokens.value);
      // Pre-tokenizing twice costs a few percent of encoding; core keeps encode's hot loop free of it.
      if (auto pieces = encoding->pieces(text, policy); pieces.ok()) state.pieces = std::move(pieces.value);
    } else {
      state.tokens_error = tokens.error;  // the text box keeps the text; the token view explains
    }
  } else {
    state.tokens = encode_bytes(text);
    if (!text.empty()) state.pieces.push_back({0, static_cast<uint32_t>(text.size())});  // no pre-tokenizer
  }
  state.groups = group_tokens_by_character(text, state.tokens);
  state.characters = utf8_count_characters(text);
}

// After the first part of a long text (`done` bytes of it): room in the lists for the whole text (a
// guess of a token every four bytes fell short on text with more short words and numbers).
void make_room_for_whole_text(AppState& state, uint32_t done) {
  const double share = static_cast<double>(done) / static_cast<double>(state.tokens_text.size());
  reserve_for_whole_text(state.tokens, share);
  reserve_for_whole_text(state.pieces, share);
  reserve_for_whole_text(state.groups, share);
}

// Tokenizes the next part of a long text, up to the first cut after kPartBytes, and appends its
// tokens, pieces, groups and characters. (The byte-level baseline cuts there too, needlessly but simply.)
void tokenize_next_part(AppState& state) {
  const std::string_view text = state.tokens_text;
  const uint32_t from = *state.tokenized_up_to;
  const uint32_t end = from + kPartBytes >= text.size() ? static_cast<uint32_t>(text.size())
                                                          : cut_at_or_after(text, static_cast<uint32_t>(from + kPartBytes));
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  const auto first_token = static_cast<uint32_t>(state.tokens.size());
  if (encoding) {
    auto part = encode_part(*encoding, current_policy(state), text, from, end);
    if (!part.ok()) {
      state.tokens_error = part.error;
      state.tokens.clear();
      state.pieces.clear();
      state.groups.clear();
      state.tokenized_up_to.reset();
      return;
    }
    state.tokens.insert(state.tokens.end(), part.value.tokens.begin(), part.value.tokens.end());
    state.pieces.insert(state.pieces.end(), part.value.pieces.begin(), part.value.pieces.end());
  } else {
    for (Token t : encode_bytes(text.substr(from, end - from))) state.tokens.push_back({t.id, t.begin + from, t.end + from});
    if (end == text.size()) state.pieces.assign(1, {0, end});
  }
  const std::vector<TokenGroup> groups = groups_of_run(text, state.tokens, first_token, static_cast<uint32_t>(state.tokens.size()));
  state.groups.insert(state.groups.end(), groups.begin(), groups.end());
  state.characters += utf8_count_characters(text.substr(from, end - from));
  if (from == 0 && end < text.size()) make_room_for_whole_text(state, end);
  if (end == text.size()) state.tokenized_up_to.reset();
  else state.tokenized_up_to = end;
}

}  // namespace

void update_tokens(AppState& state) {
  start_tokens(state);
  if (!state.tokenized_up_to) return;
  while (state.tokenized_up_to) tokenize_next_part(state);
  state.tokens_splice.reset();  // the views lay out everything again
  ++state.tokens_serial;
}

void update_tokens_for_frame(AppState& state, std::chrono::steady_clock::time_point frame_started) {
  using std::chrono::milliseconds;
  const uint64_t serial_before = state.tokens_serial;
  // A frame that has run long already (the one a 10 MB paste lands in) leaves even a long new text's
  // start to the next, once: comparing it with the old and copying it took 20-30 ms more of that frame
  // on a page just opened.
  if (state.tokens_revision != state.editor.revision && state.editor.text.size() > (std::size_t{1} << 20) &&
      !state.tokenizing_waited && std::chrono::steady_clock::now() - frame_started > milliseconds(35)) {
    state.tokenizing_waited = true;
    return;
  }
  start_tokens(state);
  if (!state.tokenized_up_to) {
    state.tokenizing_waited = false;  // (a flag left from a text done since would skip the next wait)
    return;
  }
  // A long text that arrived this frame is tokenized from the next: the frame that brought it (a
  // 10 MB paste) has spent its time in the text box already.
  if (*state.tokenized_up_to == 0 && state.tokens_serial != serial_before) {
    state.tokenizing_waited = true;  // (the next frame tokenizes, however long it has run)
    return;
  }
  // So has a frame that ran long before this (ImGui's box with 10 MB in it took 15-56 ms on a page just
  // opened): it leaves its parts to the next, but never two frames running, so the tokenizing moves on.
  const auto started = std::chrono::steady_clock::now();
  if (started - frame_started > milliseconds(35) && !state.tokenizing_waited) {
    state.tokenizing_waited = true;
    return;
  }
  state.tokenizing_waited = false;
  // Parts appended to what start_tokens kept this frame (keep_tokens_before_edit): one splice from the
  // tiles the view last laid out.
  const std::optional<TileSplice> kept =
      state.tokens_serial != serial_before ? state.tokens_splice : std::optional<TileSplice>();
  // Parts until the budget has gone, or the frame has taken 50 ms: laying out their tiles costs about
  // as much again, and the frame should stay within 100 ms.
  state.tokenized_this_frame = true;
  const auto budget = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double, std::milli>(state.tokenizing_budget_ms));
  const auto stop = std::min(started + budget, frame_started + milliseconds(50));
  const uint64_t from_serial = state.tokens_serial;
  const auto old_tiles = static_cast<uint32_t>(state.groups.size());
  do {
    tokenize_next_part(state);
  } while (state.tokenized_up_to && std::chrono::steady_clock::now() < stop);
  state.tokens_splice = TileSplice{from_serial, old_tiles, old_tiles, old_tiles, static_cast<uint32_t>(state.groups.size())};
  if (kept) {
    state.tokens_splice = TileSplice{kept->from_revision, kept->old_tiles, kept->first, kept->old_end,
                                     static_cast<uint32_t>(state.groups.size())};
  }
  if (!state.tokens_error.empty()) state.tokens_splice.reset();
  ++state.tokens_serial;
}

double tokenizing_progress(const AppState& state) {
  if (!state.tokenized_up_to || state.tokens_text.empty()) return -1;
  return static_cast<double>(*state.tokenized_up_to) / static_cast<double>(state.tokens_text.size());
}

namespace {

// Whether a token view has tiles left to lay out (it lays them out a frame's share at a time).
bool views_laying_out(const AppState& state) {
  bool any = state.token_view.laying_out || state.player.view.laying_out || state.studio.view.laying_out ||
             state.chat.view.laying_out;
  for (const auto& column : state.compare.columns) any = any || column.view.laying_out;
  for (const auto& drawn : state.schemes.drawn) any = any || drawn.view.laying_out;
  return any;
}

}  // namespace

bool app_moving(const AppState& state) {
  const TextEditorState& editor = state.editor;
  return state.tokenized_up_to.has_value() || views_laying_out(state) || state.player.playing || state.studio.playing ||
         state.glyphs.atlas_outdated || editor.paste_request.has_value() || editor.reload_request;
}

TextEditorState& focused_editor(AppState& state) {
  if (state.panel == Panel::chat) {
    if (TextEditorState* row = focused_chat_editor(state.chat)) return *row;
  }
  return state.editor;
}

bool input_waits_for_paste(AppState& state) {
  // Only while the box has the focus: a paste for a box not on show waits for it, input must not.
  const TextEditorState& editor = focused_editor(state);
  return state.input_held || (editor.paste_request && editor.active);
}

ChatInput chat_input(const AppState& state) {
  // The page's encoding once its data is here (while another is fetched, the one on show).
  return {state.encoding, state.encodings.find(state.encoding), state.token_view.show_whitespace,
          state.token_view.byte_notation, state.presenting};
}

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

float wanted_font_scale(const AppState& state, float display_height) {
  if (!state.presenting) return 1.0f;
  return std::clamp(std::round(display_height / 540.0f * 4.0f) / 4.0f, 1.5f, 2.25f);
}

EncodePlayerInput player_input(const AppState& state) {
  EncodePlayerInput in;
  in.text = state.editor.text;
  in.text_revision = state.editor.revision;
  in.encoding = state.encodings.find(state.encoding);
  in.policy = special_policy(state.special_mode);
  in.policy_id = static_cast<int>(state.special_mode);
  return in;
}

void show_merge_tree(AppState& state, uint32_t id) {
  select_merge_tree_token(state.tree, id);
  state.panel_request = Panel::tree;
}

CompareInput compare_input(const AppState& state) {
  CompareInput in;
  in.text = state.editor.text;
  in.text_revision = state.editor.revision;
  in.encodings = &state.encodings;
  in.policy = current_policy(state);
  in.policy_id = static_cast<int>(state.special_mode) * 2 + (state.add_special_tokens ? 1 : 0);
  in.offered = offered_encodings(state);
  in.current_encoding = state.tokens_encoding;
  in.show_whitespace = state.token_view.show_whitespace;
  in.byte_notation = state.token_view.byte_notation;
  return in;
}

std::string file_name_part(std::string name) {
  std::replace_if(name.begin(), name.end(), [](char c) { return c == '/' || c == '\\' || c == ':'; }, '_');
  return name;
}

Result<ExportFile> export_tokens(const AppState& state, std::string_view kind) {
  if (kind != "json" && kind != "csv") {
    return Result<ExportFile>::failure("unknown export \"" + std::string(kind) + "\": json or csv");
  }
  if (!state.tokens_error.empty()) return Result<ExportFile>::failure("there are no tokens: " + state.tokens_error);
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  return {{"tokens-" + file_name_part(state.tokens_encoding) + "." + std::string(kind),
           kind == "json" ? tokens_to_json(state.editor.text, state.tokens, encoding)
                          : tokens_to_csv(state.editor.text, state.tokens, encoding)},
          {}};
}

SchemesInput schemes_input(const AppState& state) {
  return {state.tokens_serial, state.editor.text, state.tokens_encoding, state.encodings.find(state.tokens_encoding)};
}

namespace {

constexpr const char* kTreeClickHint = "click: how it is built (Merge tree tab)";

// A tile clicked in a token view shows its (first) token's merge tree. The click is used up: a view
// that is not drawn next time (the player without a script) must not repeat it.
void show_clicked_tree(AppState& state, TokenViewState& view, std::span<const Token> tokens,
                       std::span<const TokenGroup> groups) {
  const int64_t g = std::exchange(view.clicked_group, -1);
  if (g >= 0 && static_cast<std::size_t>(g) < groups.size()) show_merge_tree(state, tokens[groups[g].first_token].id);
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

std::string encoding_label(const std::string& name) {
  return name == "bytes" ? "bytes (one per UTF-8 byte)" : name;
}

void draw_model_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const char* preview = state.model.empty() ? "pick a model" : state.model.c_str();
  if (ImGui::BeginCombo("##model", preview, ImGuiComboFlags_HeightLarge)) {
    std::string last_encoding;
    for (const auto& m : picker_models()) {
      if (m.encoding != last_encoding) {
        // Models grouped under their encoding, so the picker also teaches which models share one.
        if (!last_encoding.empty()) ImGui::Separator();
        ImGui::TextDisabled("%s", m.encoding.c_str());
        last_encoding = m.encoding;
      }
      if (ImGui::Selectable(m.model.c_str(), m.model == state.model)) select_model(state, m.model);
    }
    ImGui::EndCombo();
  }
  state.model_rect = item_rect();
}

void draw_encoding_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo("##encoding", encoding_label(state.encoding).c_str())) {
    for (const auto& name : encoding_names()) {
      if (ImGui::Selectable(encoding_label(name).c_str(), name == state.encoding)) select_encoding(state, name);
    }
    // Tokenizers the user brought (files, or trained in the studio), then the way to bring one.
    ImGui::Separator();
    for (const auto& name : state.encodings.user_names()) {
      if (ImGui::Selectable(name.c_str(), name == state.encoding)) select_encoding(state, name);
    }
    if (ImGui::Selectable("Load tokenizer files…")) state.open_tokenizer_request = true;
    ImGui::EndCombo();
  }
  state.encoding_rect = item_rect();
}

void draw_lessons_combo(AppState& state, float width) {
  ImGui::SetNextItemWidth(width);
  const int current = current_lesson(state);
  const std::string preview = current < 0 ? "Lessons" : "Lesson " + std::to_string(current + 1) + " of " + std::to_string(lessons().size());
  if (ImGui::BeginCombo("##lessons", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (std::size_t i = 0; i < lessons().size(); ++i) {
      const std::string label = std::to_string(i + 1) + "   " + std::string(lessons()[i].title);
      if (ImGui::Selectable(label.c_str(), static_cast<int>(i) == current)) start_lesson(state, static_cast<int>(i));
    }
    ImGui::EndCombo();
  }
  state.lessons_rect = item_rect();
}

// A button that stays lit while its mode is on.
bool toggle_button(const char* label, bool on) {
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
  const bool clicked = ImGui::Button(label);
  if (on) ImGui::PopStyleColor();
  return clicked;
}

// The classroom's controls: lessons, theme, presentation mode, shortcuts.
void draw_classroom_controls(AppState& state, float lessons_width, const char* theme_label) {
  draw_lessons_combo(state, lessons_width);
  ImGui::SameLine();
  if (ImGui::Button(theme_label)) state.theme = state.theme == Theme::dark ? Theme::light : Theme::dark;
  state.theme_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The %s theme (T)", state.theme == Theme::dark ? "light" : "dark");
  ImGui::SameLine();
  if (toggle_button("Present", state.presenting)) state.presenting = !state.presenting;
  state.present_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Presentation mode: large type, high contrast (F5)");
  ImGui::SameLine();
  if (toggle_button("?", state.shortcuts_help)) state.shortcuts_help = !state.shortcuts_help;
  state.help_rect = item_rect();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keyboard shortcuts (F1)");
}

void draw_header(AppState& state) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float ui = state.fonts.scale;  // the fixed widths below grow with the type
  const bool full = !state.presenting;  // presenting keeps the encoding and the classroom's controls
  const float available = ImGui::GetContentRegionAvail().x;
  state.model_rect = state.copy_link_rect = {};  // not drawn while presenting
  const char* theme_label = state.theme == Theme::dark ? "Light" : "Dark";
  const float lessons_width = 150 * ui;
  float fixed = lessons_width + button_width(theme_label) + button_width("Present") + button_width("?") +
                ImGui::CalcTextSize("Encoding").x;
  int items = 6;
  if (full) {
    fixed += ImGui::CalcTextSize("Model").x + button_width("Copy link");
    items += 3;
  }
  fixed += static_cast<float>(items) * style.ItemSpacing.x;
  // The pickers' full widths, narrowed together (down to a readable minimum) in a small window.
  const float pickers = ((full ? 190.0f : 0.0f) + 250.0f) * ui;
  const float shrink = std::clamp((available - fixed) / pickers, 0.55f, 1.0f);
  const float model_width = 190 * ui * shrink, encoding_width = 250 * ui * shrink;
  const float controls = fixed + (full ? model_width : 0) + encoding_width;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("bpeviz");
  const float title_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
  if (full && available - controls > title_end + 260) {
    ImGui::SameLine();
    ImGui::TextDisabled("— watch text become tokens");
  }
  if (!state.requested_encoding.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading %s…", state.requested_encoding.c_str());
  }
  // The controls sit at the right edge, or on their own line when the window is too narrow.
  const float x = style.WindowPadding.x + available - controls;
  if (x > ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x) ImGui::SameLine(x);
  draw_classroom_controls(state, lessons_width, theme_label);
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  if (full) {
    ImGui::TextDisabled("Model");
    ImGui::SameLine();
    draw_model_combo(state, model_width);
    ImGui::SameLine();
  }
  ImGui::TextDisabled("Encoding");
  ImGui::SameLine();
  draw_encoding_combo(state, encoding_width);
  if (full) {
    ImGui::SameLine();
    if (ImGui::Button("Copy link")) state.copy_link_request = true;
    state.copy_link_rect = item_rect();
  }
}

// The lesson's caption in a tinted band above the tabs, so it heads whichever view is open.
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

// "Tokens 26": the name dimmed, the number in full colour, so the numbers are what the eye finds.
void count(const char* name, const char* value) {
  ImGui::TextDisabled("%s", name);
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(value);
  ImGui::SameLine(0, 22);
}

// Export: the shown tokens as JSON or CSV, or a picture of the page as it is drawn.
void draw_export_button(AppState& state) {
  if (ImGui::Button("Export…")) ImGui::OpenPopup("export");
  state.export_rect = item_rect();
  if (ImGui::IsItemHovered() && !ImGui::IsPopupOpen("export")) ImGui::SetTooltip("Download the tokens or a picture");
  for (AppState::Rect& r : state.export_item_rects) r = {};
  if (!ImGui::BeginPopup("export")) return;
  // A popup's first frame only measures it, unseen: a click then would land behind it and close it.
  const bool shown = !ImGui::IsWindowAppearing();
  const auto shown_rect = [shown] { return shown ? item_rect() : AppState::Rect{}; };
  const bool tokens = state.tokens_error.empty();
  if (ImGui::MenuItem("Tokens as JSON", "id, bytes, text, begin, end", false, tokens)) state.export_tokens_request = "json";
  state.export_item_rects[0] = shown_rect();
  if (ImGui::MenuItem("Tokens as CSV", "for a spreadsheet", false, tokens)) state.export_tokens_request = "csv";
  state.export_item_rects[1] = shown_rect();
  ImGui::Separator();
  if (ImGui::MenuItem("Picture as PNG", "the page as drawn")) {
    state.png_request = "bpeviz-" + file_name_part(state.tokens_encoding) + ".png";
  }
  state.export_item_rects[2] = shown_rect();
  ImGui::EndPopup();
}

void draw_counts(AppState& state) {
  state.export_rect = {};  // not drawn while presenting
  const std::string& text = state.editor.text;
  const bool failed = !state.tokens_error.empty();
  const auto num = [](std::size_t n) { return std::to_string(n); };
  ImGui::AlignTextToFramePadding();
  count("Tokens", failed ? "—" : num(state.tokens.size()).c_str());
  count("Characters", num(state.characters).c_str());
  count("Bytes", num(text.size()).c_str());
  char per_token[32] = "—";
  if (!failed && !state.tokens.empty()) {
    // Of the bytes tokenized so far while a long text is tokenized by parts.
    const std::size_t bytes = state.tokenized_up_to ? *state.tokenized_up_to : text.size();
    std::snprintf(per_token, sizeof per_token, "%.2f", static_cast<double>(bytes) / state.tokens.size());
  }
  count("Bytes/token", per_token);
  count("Pre-tokens", failed ? "—" : num(state.pieces.size()).c_str());
  if (const double done = tokenizing_progress(state); done >= 0) {
    // A long text is tokenized a part per frame: the counts so far, and how far it has got.
    char label[48];
    std::snprintf(label, sizeof label, "tokenizing %.0f%%", 100 * done);
    ImGui::SameLine();
    ImGui::ProgressBar(static_cast<float>(done), ImVec2(ImGui::GetFontSize() * 9, 0), label);
    state.progress_rect = item_rect();
  } else {
    state.progress_rect = {};
  }
  if (state.presenting) {  // the switches are the presenter's business, not the audience's
    ImGui::NewLine();
    return;
  }
  draw_export_button(state);
  const float counts_end = state.export_rect.x + state.export_rect.width;
  ImGui::SameLine();  // so that a NewLine below ends this line instead of adding an empty one

  // The token view's switches, at the right edge of the same line when they fit.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float box = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x;
  const char* labels[] = {"Show whitespace", "Byte notation (Ġ)", "Pre-token lane"};
  float width = 0;
  for (const char* l : labels) width += box + ImGui::CalcTextSize(l).x + style.ItemSpacing.x;
  const float x = ImGui::GetWindowContentRegionMax().x - width + style.ItemSpacing.x;
  if (x > counts_end - ImGui::GetWindowPos().x + style.ItemSpacing.x) ImGui::SameLine(x);
  else ImGui::NewLine();
  ImGui::Checkbox(labels[0], &state.token_view.show_whitespace);
  ImGui::SameLine();
  ImGui::Checkbox(labels[1], &state.token_view.byte_notation);
  ImGui::SameLine();
  ImGui::Checkbox(labels[2], &state.token_view.show_pretokens);
}

// One line that says what produced the tokens: encoding (and model), pre-tokenizer, special tokens.
void draw_provenance(AppState& state) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("Tokens by");
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(encoding_label(state.tokens_encoding).c_str());
  if (!state.model.empty() && encoding_for_model(state.model) == state.tokens_encoding) {
    ImGui::SameLine(0, 6);
    ImGui::TextDisabled("(%s)", state.model.c_str());
  }
  ImGui::SameLine(0, 18);
  ImGui::TextDisabled("pre-tokenizer");
  ImGui::SameLine(0, 6);
  ImGui::TextUnformatted(std::string(shown_pretokenizer(state)).c_str());
  // The policy picker continues the line, or starts the next one in a narrow window.
  constexpr float kSpecialWidth = 260;
  const float needed = 18 + ImGui::CalcTextSize("special tokens").x + 6 + kSpecialWidth;
  if (ImGui::GetItemRectMax().x + needed <= ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
    ImGui::SameLine(0, 18);
  }
  ImGui::TextDisabled("special tokens");
  ImGui::SameLine(0, 6);
  ImGui::SetNextItemWidth(kSpecialWidth);
  if (ImGui::BeginCombo("##special", special_mode_label(state.special_mode))) {
    for (SpecialMode mode : {SpecialMode::allowed, SpecialMode::as_text, SpecialMode::error}) {
      if (ImGui::Selectable(special_mode_label(mode), mode == state.special_mode)) state.special_mode = mode;
    }
    ImGui::EndCombo();
  }
  state.special_rect = item_rect();
  if (const Encoding* e = state.encodings.find(state.tokens_encoding);
      e && e->hf_model() && !(e->hf_model()->prefix_ids.empty() && e->hf_model()->suffix_ids.empty())) {
    ImGui::SameLine(0, 12);
    ImGui::Checkbox("add BOS/EOS", &state.add_special_tokens);
  }
  if (state.tokens_encoding == "bytes") {
    ImGui::SameLine();
    ImGui::TextDisabled("(the byte-level scheme has none)");
  }
}

void draw_tokens_panel(AppState& state) {
  ImGui::BeginChild("tokens", ImVec2(0, 0), true);
  if (!state.tokens_error.empty()) {
    // tiktoken raises here; the page says so where the tokens would be, and keeps the text.
    ImGui::PushStyleColor(ImGuiCol_Text, palette().error);
    ImGui::TextWrapped("No tokens: encoding this text is an error under the policy \"%s\".",
                       special_mode_label(state.special_mode));
    ImGui::PopStyleColor();
    ImGui::TextWrapped("Error: %s.", state.tokens_error.c_str());
  } else {
    const TokenViewInput input{state.tokens_serial, state.editor.text, state.tokens, state.groups, state.pieces,
                               state.encodings.find(state.tokens_encoding), {}, kTreeClickHint, 0, {},
                               state.tokens_splice ? &*state.tokens_splice : nullptr};
    draw_token_view(state.token_view, state.fonts, input);
    show_clicked_tree(state, state.token_view, state.tokens, state.groups);
  }
  ImGui::EndChild();
  state.tokens_rect = item_rect();
}

// The studio's buttons: its model joins the encodings (and the Tokens tab shows it), or a file of
// it is handed to the platform layer to download.
void carry_out_studio_requests(AppState& state) {
  TrainingStudioState& studio = state.studio;
  if (studio.use_request) {
    studio.use_request = false;
    auto encoding = make_model_encoding(trained_model(studio), trained_model_name(studio));
    if (encoding.ok()) {
      add_user_encoding(state, std::move(encoding.value));
      state.panel_request = Panel::tokens;
    } else {
      state.message = "Could not use the trained model: " + encoding.error;
    }
  }
  if (!studio.export_request.empty()) {
    auto file = export_training(studio, studio.export_request);
    studio.export_request.clear();
    if (file.ok()) state.download_request = std::move(file.value);
    else state.message = "Could not export: " + file.error;
  }
}

// While a long text is tokenized, the tabs that need all its tokens say so instead (each part would
// make them start again).
bool waiting_for_tokens(const AppState& state) {
  const double done = tokenizing_progress(state);
  if (done < 0) return false;
  ImGui::TextDisabled("Tokenizing the text: %.0f%% done. This tab shows once it is all tokenized.", 100 * done);
  return true;
}

void draw_panels(AppState& state) {
  if (!ImGui::BeginTabBar("panels")) return;
  // A tab picked from outside shows a frame later (ImGui applies SetSelected on the next layout):
  // the request stays until its tab is the one drawn.
  const auto tab = [&](const char* label, Panel panel) {
    const bool requested = state.panel_request == panel;
    if (!ImGui::BeginTabItem(label, nullptr, requested ? ImGuiTabItemFlags_SetSelected : 0)) return false;
    state.panel = panel;
    if (requested) state.panel_request.reset();
    const ImVec2 at = ImGui::GetCursorScreenPos(), size = ImGui::GetContentRegionAvail();
    state.panel_rect = {at.x, at.y, size.x, size.y};
    return true;
  };
  if (tab("Tokens", Panel::tokens)) {
    draw_tokens_panel(state);
    ImGui::EndTabItem();
  }
  if (tab("Ids", Panel::ids)) {
    if (!waiting_for_tokens(state)) draw_ids_panel(state.ids_panel, state.tokens_serial, state.tokens, state.fonts.text);
    ImGui::EndTabItem();
  }
  if (tab("Decode ids", Panel::decode)) {
    draw_decode_box(state.decode_box, state.encoding, state.encodings.find(state.encoding));
    ImGui::EndTabItem();
  }
  if (tab("Merge steps", Panel::merges)) {
    draw_encode_player(state.player, state.fonts, player_input(state), kTreeClickHint);
    show_clicked_tree(state, state.player.view, state.player.tokens, state.player.groups);
    ImGui::EndTabItem();
  }
  if (tab("Merge tree", Panel::tree)) {
    state.tree.byte_notation = state.token_view.byte_notation;
    draw_merge_tree_view(state.tree, state.fonts, state.encodings.find(state.encoding), state.encoding);
    ImGui::EndTabItem();
  }
  if (tab("Train BPE", Panel::studio)) {
    draw_training_studio(state.studio, state.fonts, {state.editor.text, state.editor.revision});
    carry_out_studio_requests(state);
    ImGui::EndTabItem();
  }
  if (tab("Schemes", Panel::schemes)) {
    if (!waiting_for_tokens(state)) draw_schemes_view(state.schemes, state.fonts, schemes_input(state));
    ImGui::EndTabItem();
  }
  if (tab("Compare", Panel::compare)) {
    draw_compare_view(state.compare, state.fonts, compare_input(state));
    ImGui::EndTabItem();
  }
  if (tab("Chat", Panel::chat)) {
    draw_chat_view(state.chat, state.fonts, chat_input(state));
    if (!state.chat.encoding_request.empty()) select_encoding(state, std::exchange(state.chat.encoding_request, std::string()));
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

// The height the status band, while it shows (drawn last frame), takes at the window's foot: the views end
// above it instead of under it. Only their height changes; what is above them stays put (see editor_height).
float status_reserve(const AppState& state) {
  return state.status_rect.height > 0 ? state.status_rect.height + ImGui::GetStyle().WindowPadding.y : 0.0f;
}

// The text box's height: 28% of the window; on the Chat tab two lines; presenting, two or three lines (a longer text scrolls),
// so that the tokens, which show the text too, get the screen.
float editor_height(const AppState& state) {
  const float available = ImGui::GetContentRegionAvail().y + status_reserve(state);  // as if the band were not there
  // The Chat tab edits its own messages: the page's text box keeps two lines and gives it the room.
  const float two_lines = 2 * ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().FramePadding.y;
  if (state.panel == Panel::chat) return two_lines;
  if (!state.presenting) return std::max(80.0f, available * 0.28f);
  const auto lines = std::count(state.editor.text.begin(), state.editor.text.end(), '\n') + 1;
  return static_cast<float>(std::clamp<std::ptrdiff_t>(lines, 2, 3)) * ImGui::GetTextLineHeight() +
         2 * ImGui::GetStyle().FramePadding.y;
}

}  // namespace

AppState::Rect item_rect() {
  const ImVec2 min = ImGui::GetItemRectMin(), size = ImGui::GetItemRectSize();
  return {min.x, min.y, size.x, size.y};
}

void app_frame(AppState& state, std::chrono::steady_clock::time_point frame_started) {
  handle_shortcuts(state);
  // Asked for last frame, while the Export menu was still open: this frame is drawn without it.
  state.png_capture = std::exchange(state.png_request, std::string());
  if (state.styled_theme != state.theme || state.styled_presenting != state.presenting ||
      state.styled_scale != state.fonts.scale) {
    // The spacing follows the fonts' scale, which the platform layer changes a frame after
    // presentation mode does (it rebuilds the font atlas before the frame starts).
    apply_theme(ImGui::GetStyle(), state.theme, state.presenting, state.fonts.scale);
    state.styled_theme = state.theme;
    state.styled_presenting = state.presenting;
    state.styled_scale = state.fonts.scale;
  }
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - status_reserve(state)));
  ImGui::Begin("bpeviz", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  draw_header(state);
  // A large paste waits while its characters go into the font atlas (noted a frame ahead; the atlas is
  // rebuilt as a frame starts): that rebuild (80 ms for a page of CJK) and the paste (60 ms for 10 MB)
  // each take a frame of their own.
  const bool atlas_work = state.glyphs.atlas_outdated || state.fonts.generation != state.fonts_generation_drawn;
  state.fonts_generation_drawn = state.fonts.generation;
  draw_text_editor(state.editor, "##text", ImVec2(-1, editor_height(state)), atlas_work);
  state.editor_rect = item_rect();
  update_tokens_for_frame(state, frame_started);
  draw_counts(state);
  if (!state.presenting) draw_provenance(state);
  draw_lesson_caption(state);
  draw_panels(state);
  draw_shortcuts_help(state);
  if (!state.export_tokens_request.empty()) {
    update_tokens(state);  // the whole text's tokens, if a long one is still being tokenized
    auto file = export_tokens(state, std::exchange(state.export_tokens_request, std::string()));
    if (file.ok()) state.download_request = std::move(file.value);
    else state.message = "Could not export: " + file.error;
  }
  ImGui::End();
  draw_status_band(state);  // over the page, after it
  note_visible_glyphs(state);  // new characters reach the atlas at the next frame start
  if (std::exchange(state.tokenized_this_frame, false)) {
    const double work_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_started).count();
    if (work_ms > 80) state.tokenizing_budget_ms = std::max(1.0, state.tokenizing_budget_ms / 2);
    else if (work_ms < 60) state.tokenizing_budget_ms = std::min(12.0, state.tokenizing_budget_ms + 1);
  }
  ++state.frame;
}

}  // namespace bpeviz
