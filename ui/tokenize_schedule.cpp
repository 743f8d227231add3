// The tokenizing schedule: what changed since the tokens were made, and how much of a long text a
// frame tokenizes (see ui/tokenize_schedule.h).
#include "ui/tokenize_schedule.h"

#include <algorithm>
#include <chrono>
#include <span>
#include <utility>

#include "core/explain/byte_tokenizer.h"
#include "core/incremental_encode.h"
#include "core/text/utf8.h"
#include "ui/app.h"
#include "ui/tokens/reserve_ahead.h"

namespace bpeviz {

namespace {

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
  state.characters = state.characters - utf8_count_characters(std::string_view(state.schedule.text).substr(e.begin, e.old_end - e.begin)) +
                     utf8_count_characters(std::string_view(text).substr(e.begin, e.new_end - e.begin));
  state.schedule.text.replace(edit.begin, edit.old_end - edit.begin, text, edit.begin, edit.new_end - edit.begin);
  state.tokens_splice = TileSplice{state.tokens_serial, old_groups, g0, g1, static_cast<uint32_t>(g0 + middle.size())};
  return true;
}

// An edit while a long text is tokenized: the tokens before the cut ahead of the edit stay, and
// the tokenizing goes on from there (typing at the end of a pasted book loses none of the work).
bool keep_tokens_before_edit(AppState& state, const TextEdit& edit) {
  if (state.tokens_encoding != state.encoding || state.tokens_special_mode != state.special_mode ||
      state.tokens_add_special_tokens != state.add_special_tokens) {
    return false;
  }
  const std::string& text = state.editor.text;
  const Encoding* encoding = state.encodings.find(state.tokens_encoding);
  const uint32_t keep = std::min(*state.schedule.tokenized_up_to, cut_before_edit(text, edit, encoding ? cut_look_ahead(*encoding) : 1));
  const auto first_after = [](auto& list, uint32_t offset) {
    return std::lower_bound(list.begin(), list.end(), offset, [](const auto& item, uint32_t o) { return item.begin < o; });
  };
  const auto old_tiles = static_cast<uint32_t>(state.groups.size());
  state.characters -= utf8_count_characters(std::string_view(state.schedule.text).substr(keep, *state.schedule.tokenized_up_to - keep));
  state.tokens.erase(first_after(state.tokens, keep), state.tokens.end());
  state.pieces.erase(first_after(state.pieces, keep), state.pieces.end());
  state.groups.erase(first_after(state.groups, keep), state.groups.end());
  // Only the edit is copied: all of a 10 MB text, with fresh memory for it, took tens of milliseconds.
  state.schedule.text.replace(edit.begin, edit.old_end - edit.begin, text, edit.begin, edit.new_end - edit.begin);
  state.schedule.tokenized_up_to = keep;
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
    const TextEdit edit = find_text_edit(state.schedule.text, state.editor.text);
    note_text_change(state, edit);
    if (!state.schedule.tokenized_up_to && update_tokens_around_edit(state, edit)) {
      state.tokens_revision = state.editor.revision;
      ++state.tokens_serial;
      return;
    }
    if (state.schedule.tokenized_up_to && keep_tokens_before_edit(state, edit)) return;
  }
  const std::string& text = state.editor.text;
  state.tokens.clear();
  state.pieces.clear();
  state.groups.clear();
  state.characters = 0;
  state.tokens_error.clear();
  state.schedule.tokenized_up_to.reset();
  state.schedule.text.reserve(text.size() + kTypingRoomBytes);  // see keep_tokens_before_edit
  state.schedule.text = text;
  state.tokens_revision = state.editor.revision;
  state.tokens_encoding = state.encoding;
  state.tokens_special_mode = state.special_mode;
  state.tokens_add_special_tokens = state.add_special_tokens;
  ++state.tokens_serial;
  const Encoding* encoding = state.encodings.find(state.encoding);
  if (text.size() > kPartBytes && (!encoding || pieces_end_at_cuts(*encoding))) {
    state.schedule.tokenized_up_to = 0;
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
  const double share = static_cast<double>(done) / static_cast<double>(state.schedule.text.size());
  reserve_for_whole_text(state.tokens, share);
  reserve_for_whole_text(state.pieces, share);
  reserve_for_whole_text(state.groups, share);
}

// Tokenizes the next part of a long text, up to the first cut after kPartBytes, and appends its
// tokens, pieces, groups and characters. (The byte-level baseline cuts there too, needlessly but simply.)
void tokenize_next_part(AppState& state) {
  const std::string_view text = state.schedule.text;
  const uint32_t from = *state.schedule.tokenized_up_to;
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
      state.schedule.tokenized_up_to.reset();
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
  if (end == text.size()) state.schedule.tokenized_up_to.reset();
  else state.schedule.tokenized_up_to = end;
}

}  // namespace

void update_tokens(AppState& state) {
  start_tokens(state);
  if (!state.schedule.tokenized_up_to) return;
  while (state.schedule.tokenized_up_to) tokenize_next_part(state);
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
      !state.schedule.waited && std::chrono::steady_clock::now() - frame_started > milliseconds(35)) {
    state.schedule.waited = true;
    return;
  }
  start_tokens(state);
  if (!state.schedule.tokenized_up_to) {
    state.schedule.waited = false;  // (a flag left from a text done since would skip the next wait)
    return;
  }
  // A long text that arrived this frame is tokenized from the next: the frame that brought it (a
  // 10 MB paste) has spent its time in the text box already.
  if (*state.schedule.tokenized_up_to == 0 && state.tokens_serial != serial_before) {
    state.schedule.waited = true;  // (the next frame tokenizes, however long it has run)
    return;
  }
  // So has a frame that ran long before this (ImGui's box with 10 MB in it took 15-56 ms on a page just
  // opened): it leaves its parts to the next, but never two frames running, so the tokenizing moves on.
  const auto started = std::chrono::steady_clock::now();
  if (started - frame_started > milliseconds(35) && !state.schedule.waited) {
    state.schedule.waited = true;
    return;
  }
  state.schedule.waited = false;
  // Parts appended to what start_tokens kept this frame (keep_tokens_before_edit): one splice from the
  // tiles the view last laid out.
  const std::optional<TileSplice> kept =
      state.tokens_serial != serial_before ? state.tokens_splice : std::optional<TileSplice>();
  // Parts until the budget has gone, or the frame has taken 50 ms: laying out their tiles costs about
  // as much again, and the frame should stay within 100 ms.
  state.schedule.tokenized_this_frame = true;
  const auto budget = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double, std::milli>(state.schedule.budget_ms));
  const auto stop = std::min(started + budget, frame_started + milliseconds(50));
  const uint64_t from_serial = state.tokens_serial;
  const auto old_tiles = static_cast<uint32_t>(state.groups.size());
  do {
    tokenize_next_part(state);
  } while (state.schedule.tokenized_up_to && std::chrono::steady_clock::now() < stop);
  state.tokens_splice = TileSplice{from_serial, old_tiles, old_tiles, old_tiles, static_cast<uint32_t>(state.groups.size())};
  if (kept) {
    state.tokens_splice = TileSplice{kept->from_revision, kept->old_tiles, kept->first, kept->old_end,
                                     static_cast<uint32_t>(state.groups.size())};
  }
  if (!state.tokens_error.empty()) state.tokens_splice.reset();
  ++state.tokens_serial;
}

double tokenizing_progress(const AppState& state) {
  if (!state.schedule.tokenized_up_to || state.schedule.text.empty()) return -1;
  return static_cast<double>(*state.schedule.tokenized_up_to) / static_cast<double>(state.schedule.text.size());
}

void note_frame_work(TokenizeSchedule& schedule, double frame_work_ms) {
  if (!std::exchange(schedule.tokenized_this_frame, false)) return;
  if (frame_work_ms > 80) schedule.budget_ms = std::max(1.0, schedule.budget_ms / 2);
  else if (frame_work_ms < 60) schedule.budget_ms = std::min(12.0, schedule.budget_ms + 1);
}

}  // namespace bpeviz
