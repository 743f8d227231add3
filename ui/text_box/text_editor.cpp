#include "ui/text_box/text_editor.h"

#include <imgui_internal.h>  // the box's edit state: see paste_into_box
#include <imgui_stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "core/text/utf8.h"
#include "ui/text_box/text_entries.h"

namespace bpeviz {

std::string text_too_large(double bytes, double line_bytes) {
  char message[240];
  if (bytes > static_cast<double>(kMaxTextBytes)) {
    std::snprintf(message, sizeof message,
                  "That text is %.1f MB, more than bpeviz can show (%.1f MB at most); the text box was not "
                  "changed. Paste a part of it.", bytes / 1e6, static_cast<double>(kMaxTextBytes) / 1e6);
    return message;
  }
  if (line_bytes > static_cast<double>(kMaxLineBytes)) {
    std::snprintf(message, sizeof message,
                  "That text has a line of %.1f MB, longer than the text box can show (%.1f MB at most); the "
                  "text box was not changed. Paste it with line breaks, or a part of it.",
                  line_bytes / 1e6, static_cast<double>(kMaxLineBytes) / 1e6);
    return message;
  }
  return "";
}

std::size_t longest_line(std::string_view text) {
  std::size_t longest = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t newline = std::min(text.find('\n', start), text.size());
    longest = std::max(longest, newline - start);
    start = newline + 1;
  }
  return longest;
}

std::string text_editor_set_text(TextEditorState& state, std::string text) {
  state.refusal = text_too_large(static_cast<double>(text.size()), static_cast<double>(longest_line(text)));
  if (!state.refusal.empty()) return state.refusal;
  // While the box is active ImGui edits its own copy of the text: draw_text_editor reloads it.
  if (state.active) state.reload_request = true;
  state.text = std::move(text);
  ++state.revision;
  return "";
}

void text_editor_refuse(TextEditorState& state, double bytes) { state.refusal = text_too_large(bytes); }

namespace {

// The pasted text as the box keeps it: well-formed (repaired as the page repairs a text it is given),
// line breaks as "\n" (as in a browser's text area), and NUL as U+FFFD (the box's text ends at a NUL).
// The text itself when it is so already, as the browser's pastes mostly are; else a copy in `storage`.
std::string_view box_text(std::string_view pasted, std::string& storage) {
  const bool well_formed = utf8_is_valid(pasted);
  const auto lacks = [&](char c) { return std::memchr(pasted.data(), c, pasted.size()) == nullptr; };
  if (well_formed && lacks('\r') && lacks('\0')) return pasted;
  const std::string repaired = well_formed ? std::string() : utf8_repair(pasted);
  const std::string_view text = well_formed ? pasted : repaired;
  storage.reserve(text.size());
  std::size_t next_cr = text.find('\r'), next_nul = text.find('\0');
  for (std::size_t i = 0;;) {
    const std::size_t special = std::min(next_cr, next_nul);
    storage.append(text.substr(i, special - i));
    if (special == std::string_view::npos) break;
    if (special == next_cr) {
      storage += '\n';
      i = special + (special + 1 < text.size() && text[special + 1] == '\n' ? 2 : 1);
      next_cr = text.find('\r', i);
    } else {
      storage += "\xEF\xBF\xBD";
      i = special + 1;
      next_nul = text.find('\0', i);
    }
  }
  return storage;
}

// The length of the longest line of a text from where its lines start (newlines not counted).
std::size_t longest_line(const InsertedLines& lines) {
  std::size_t longest = 0, start = 0;
  for (const std::size_t next : lines.line_starts) {
    longest = std::max(longest, next - 1 - start);
    start = next;
  }
  return std::max(longest, lines.bytes - start);
}

}  // namespace

void text_editor_paste_part(TextEditorState& state, std::string_view part, std::size_t expected_bytes) {
  TextEditorState::IncomingPaste& in = state.incoming ? *state.incoming : state.incoming.emplace();
  in.bytes += static_cast<double>(part.size());
  // Counted as if nothing were selected: a paste that fits only by replacing a selection is rare.
  const std::size_t queued = state.paste_request ? state.paste_request->size() : 0;
  if (static_cast<double>(state.text.size() + queued) + in.bytes > static_cast<double>(kMaxTextBytes)) return;
  if (in.ended_with_cr && !part.empty() && part.front() == '\n') part.remove_prefix(1);
  in.ended_with_cr = !part.empty() && part.back() == '\r';
  // With an eighth more room: a guess from the first parts may fall a little short.
  const std::size_t expected = std::min(expected_bytes, kMaxTextBytes);
  if (in.text.capacity() < expected) in.text.reserve(expected + expected / 8);
  std::string storage;
  const std::string_view text = box_text(part, storage);
  add_inserted_part(in.lines, text);
  add_text(in.code_points, text);
  in.text.append(text);
}

std::string text_editor_paste_end(TextEditorState& state) {
  TextEditorState::IncomingPaste in = state.incoming ? std::move(*state.incoming) : TextEditorState::IncomingPaste();
  state.incoming.reset();
  const std::size_t queued = state.paste_request ? state.paste_request->size() : 0;
  state.refusal = text_too_large(static_cast<double>(state.text.size() + queued) + in.bytes,
                                 static_cast<double>(longest_line(in.lines)));
  if (!state.refusal.empty()) return state.refusal;
  if (state.paste_request) {
    state.paste_request->append(in.text);
    state.paste_lines.reset();
    for (const uint32_t c : in.code_points.list) add(state.paste_code_points, c);
  } else {
    state.paste_request = std::move(in.text);
    state.paste_lines = std::move(in.lines);
    state.paste_code_points = std::move(in.code_points);
  }
  return "";
}

std::string text_editor_paste(TextEditorState& state, std::string_view text) {
  text_editor_paste_part(state, text);
  return text_editor_paste_end(state);
}

namespace {

// The number of characters in text[from, to) of well-formed UTF-8.
[[gnu::noinline]] int count_characters(std::string_view text, std::size_t from, std::size_t to) {
  int count = 0;
  for (std::size_t i = from; i < to; ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

// Writes text[from, to) of well-formed UTF-8 as the box's characters from `out` on, moving `out` past
// them. Hand-written rather than ImGui's ImTextStrFromUtf8, whose call per character cost tens of
// milliseconds on a 10 MB paste.
[[gnu::noinline]] void write_characters(std::string_view text, std::size_t from, std::size_t to, ImWchar*& out) {
  const auto byte = [&](std::size_t i) { return static_cast<ImWchar>(static_cast<unsigned char>(text[i])); };
  const std::string_view piece = text.substr(0, to);
  for (std::size_t i = from; i < to;) {
    for (const std::size_t ascii_end = utf8_skip_ascii(piece, i); i < ascii_end; ++i) *out++ = byte(i);
    if (i == to) {
      break;
    } else if (byte(i) < 0xE0) {  // well-formed: the lead byte tells the length
      *out++ = (byte(i) & 0x1F) << 6 | (byte(i + 1) & 0x3F);
      i += 2;
    } else if (byte(i) < 0xF0) {
      *out++ = (byte(i) & 0x0F) << 12 | (byte(i + 1) & 0x3F) << 6 | (byte(i + 2) & 0x3F);
      i += 3;
    } else {
      *out++ = (byte(i) & 0x07) << 18 | (byte(i + 1) & 0x3F) << 12 | (byte(i + 2) & 0x3F) << 6 | (byte(i + 3) & 0x3F);
      i += 4;
    }
  }
}

// The first character boundary of well-formed UTF-8 at or after byte `at` (the text's end at most).
std::size_t character_boundary_from(std::string_view text, std::size_t at) {
  while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  return at;
}

// Calls f(from, to) over the text from `from` on in pieces of about 64 KB, cut between characters. Many
// short calls, not one long one: V8 first runs a wasm function in baseline code, and moves to optimized
// code only at a later call; one call over 10 MB ran twice as long.
template <typename F>
void for_each_piece(std::string_view text, F f, std::size_t from = 0) {
  while (from < text.size()) {
    const std::size_t to = character_boundary_from(text, std::min(text.size(), from + (std::size_t{1} << 16)));
    f(from, to);
    from = to;
  }
}

// Adds a record to the box's undo history in stb_textedit's format (imstb_textedit.h), which ImGui's
// Ctrl+Z replays: `deleted` characters to put back at `where`, or, when null, `length` inserted
// characters to remove. A new edit ends the redo history; when the history is full its oldest records
// go, and deleted characters beyond its whole capacity are not kept (as stb does for typed edits).
void add_undo_record(ImStb::StbUndoState& undo, int where, int length, const ImWchar* deleted) {
  undo.redo_point = STB_TEXTEDIT_UNDOSTATECOUNT;
  undo.redo_char_point = STB_TEXTEDIT_UNDOCHARCOUNT;
  const int kept = deleted ? length : 0;
  if (kept > STB_TEXTEDIT_UNDOCHARCOUNT) {
    undo.undo_point = 0;
    undo.undo_char_point = 0;
    return;
  }
  while (undo.undo_point > 0 &&
         (undo.undo_point >= STB_TEXTEDIT_UNDOSTATECOUNT || undo.undo_char_point + kept > STB_TEXTEDIT_UNDOCHARCOUNT)) {
    const int oldest_chars = undo.undo_rec[0].char_storage >= 0 ? undo.undo_rec[0].insert_length : 0;
    std::memmove(undo.undo_char, undo.undo_char + oldest_chars, sizeof(ImWchar) * static_cast<std::size_t>(undo.undo_char_point - oldest_chars));
    undo.undo_char_point -= oldest_chars;
    --undo.undo_point;
    std::memmove(undo.undo_rec, undo.undo_rec + 1, sizeof(undo.undo_rec[0]) * static_cast<std::size_t>(undo.undo_point));
    for (int i = 0; i < undo.undo_point; ++i) {
      if (undo.undo_rec[i].char_storage >= 0) undo.undo_rec[i].char_storage -= oldest_chars;
    }
  }
  ImStb::StbUndoRecord& record = undo.undo_rec[undo.undo_point++];
  record.where = where;
  record.insert_length = kept;
  record.delete_length = deleted ? 0 : length;
  record.char_storage = deleted ? undo.undo_char_point : -1;
  if (deleted) {
    std::copy(deleted, deleted + length, undo.undo_char + undo.undo_char_point);
    undo.undo_char_point += length;
  }
}

// Inserts the pasted text (made ready for the box: box_text) into the active box's own copy (ImGui's
// edit state) and into `utf8`, the text the box edits, replacing the selection, with the two undo
// records ImGui's Ctrl+V leaves. Called after the box is drawn (ImGui takes in the new text on the next
// frame, finding it already in `utf8`), or before a box at rest is (drawn from `utf8`, as a box without
// the focus is).
// ImGui's Ctrl+V is not used: it drops control and private use characters from a paste, and took
// 270 ms of one frame for 10 MB in the browser (it converts the text a character at a time, filtering
// each, and copies all of it back to `utf8` in the same frame).
// Typed characters (`undo_each_character`) leave an undo record each, as ImGui's box does for typed
// keys, so Ctrl+Z takes them back one at a time. With `prepared` (its caller checked that it holds: see
// prepared_paste_holds) the characters are in the box already, past its end.
// Returns the bytes of `utf8` replaced: [at, at + removed), now `text`.
struct BoxEdit {
  std::size_t at = 0, removed = 0;
};
using PreparedPaste = TextEditorState::PreparedPaste;
BoxEdit paste_into_box(ImGuiInputTextState& box, std::string& utf8, std::string_view text, bool undo_each_character = false,
                       const PreparedPaste* prepared = nullptr) {
  auto& stb = box.Stb;
  // With no selection, select_start and select_end are equal but stale (typing moves only the cursor).
  const bool selected = stb.select_start != stb.select_end;
  const int begin = std::min({selected ? stb.select_start : stb.cursor, selected ? stb.select_end : stb.cursor, box.CurLenW});
  const int end = selected ? std::min(std::max(stb.select_start, stb.select_end), box.CurLenW) : begin;
  ImWchar* chars = box.TextW.Data;
  // Counted from the nearer end: a character typed at the end of 10 MB is 10 MB from the start.
  const bool from_end = begin > box.CurLenW / 2 && static_cast<std::size_t>(box.CurLenA) == utf8.size();
  const int begin_byte = from_end ? box.CurLenA - ImTextCountUtf8BytesFromStr(chars + begin, chars + box.CurLenW)
                                  : ImTextCountUtf8BytesFromStr(chars, chars + begin);
  const int end_byte = begin_byte + ImTextCountUtf8BytesFromStr(chars + begin, chars + end);
  if (end > begin) {
    add_undo_record(stb.undostate, begin, end - begin, chars + begin);
    std::memmove(chars + begin, chars + end, sizeof(ImWchar) * static_cast<std::size_t>(box.CurLenW - end));
    box.CurLenW -= end - begin;
  }
  int added = prepared ? prepared->characters : 0;
  if (!prepared) for_each_piece(text, [&](std::size_t from, std::size_t to) { added += count_characters(text, from, to); });
  if (box.TextW.Size < box.CurLenW + added + 1) box.TextW.resize(box.CurLenW + added + 1);  // (keeps prepared ones)
  chars = box.TextW.Data;
  ImWchar* out = chars + begin;
  if (prepared) {
    write_characters(text, 0, utf8_char_length(text, 0), out);  // the first one (see prepare_paste)
  } else {
    std::memmove(chars + begin + added, chars + begin, sizeof(ImWchar) * static_cast<std::size_t>(box.CurLenW - begin));
    for_each_piece(text, [&](std::size_t from, std::size_t to) { write_characters(text, from, to, out); });
  }
  box.CurLenW += added;
  chars[box.CurLenW] = 0;
  box.CurLenA += static_cast<int>(text.size()) - (end_byte - begin_byte);
  utf8.replace(static_cast<std::size_t>(begin_byte), static_cast<std::size_t>(end_byte - begin_byte), text);
  if (undo_each_character) {
    for (int i = 0; i < added; ++i) add_undo_record(stb.undostate, begin + i, 1, nullptr);
  } else if (added > 0) {
    add_undo_record(stb.undostate, begin, added, nullptr);
  }
  stb.cursor = stb.select_start = stb.select_end = begin + added;
  stb.has_preferred_x = 0;
  box.CursorFollow = true;
  box.Edited = true;
  box.CursorAnimReset();
  return {static_cast<std::size_t>(begin_byte), static_cast<std::size_t>(end_byte - begin_byte)};
}

// Tells the box's shaping of the paste of `inserted` bytes just made (`edit`): the text of `old_revision`
// becomes that of `revision` (nothing else changed it).
void note_paste(TextEditorState& state, const BoxEdit& edit, std::size_t inserted, uint64_t old_revision, uint64_t revision,
                const InsertedLines* lines = nullptr) {
  if (edit.removed == 0) note_insertion(state.shaping, state.text, old_revision, revision, edit.at, inserted, lines);
}

// Claims the memory a paste of `bytes` will need in the box's buffers and in `text`, and writes to it
// once, before the paste: the browser maps fresh memory as it is first written, which cost about 1 ms
// a megabyte here, 70 ms on top of a 10 MB paste's own work. The box keeps a character (four bytes) per
// pasted byte at most, and a UTF-8 copy of four bytes per character (ImGui's TextA). Writing all of it
// at once (60 MB for a 10 MB paste) took 180 ms of one frame on a slow laptop, and 8 MB up to 77 ms on a
// page just opened, so it goes kClaimBytes a call, `claimed` counting the bytes written so far, a few
// calls a frame (see draw_text_editor); true once all are.
// (Only the paste's speed depends on it: memory the box takes later is simply claimed then.)
constexpr std::size_t kClaimBytes = std::size_t{1} << 20;

bool claim_paste_memory(ImGuiInputTextState& box, std::string& text, std::size_t bytes, std::size_t& claimed) {
  const int characters = box.CurLenW + static_cast<int>(bytes) + 1;
  constexpr int kTypingRoom = static_cast<int>(kTypingRoomBytes);  // (a character a byte at most)
  if (box.TextW.Capacity < characters + kTypingRoom) box.TextW.reserve(characters + kTypingRoom);
  if (box.TextA.Capacity < characters * 4 + 1) box.TextA.reserve(characters * 4 + 1);
  if (text.capacity() < text.size() + bytes + kTypingRoomBytes) text.reserve(text.size() + bytes + kTypingRoomBytes);
  // The three stretches to write, one after another: [begin, end) of each, in bytes past its data.
  const std::size_t w_begin = sizeof(ImWchar) * static_cast<std::size_t>(box.TextW.Size);
  const std::size_t w_end = std::max(w_begin, sizeof(ImWchar) * static_cast<std::size_t>(characters));
  const std::size_t a_begin = static_cast<std::size_t>(box.TextA.Size);
  const std::size_t a_end = std::max(a_begin, static_cast<std::size_t>(box.CurLenA) + bytes + 1);
  const std::size_t size = text.size();
  const std::size_t until = claimed + kClaimBytes;
  std::size_t offset = 0;  // where the stretch at hand starts among all three
  // The part of [begin, end) that falls in [claimed, until), as offsets from begin.
  const auto due = [&](std::size_t begin, std::size_t end) {
    const std::size_t length = end - begin;
    const std::size_t from = std::clamp(claimed, offset, offset + length) - offset;
    const std::size_t to = std::clamp(until, offset, offset + length) - offset;
    offset += length;
    return std::pair{from, to};
  };
  if (const auto [from, to] = due(w_begin, w_end); to > from) {
    std::memset(reinterpret_cast<char*>(box.TextW.Data) + w_begin + from, 0, to - from);
  }
  if (const auto [from, to] = due(a_begin, a_end); to > from) std::memset(box.TextA.Data + a_begin + from, 0, to - from);
  if (const auto [from, to] = due(size, size + bytes); to > from) {
    text.resize(size + to);  // writes [size, size + to): what was written before again, which costs little
    text.resize(size);
  }
  claimed = std::min(until, offset);
  return claimed == offset;
}

// Whether the characters prepared for a paste are still where it will go: the box neither edited nor
// moved since, its caret still at its end, nothing selected.
bool prepared_paste_holds(const ImGuiInputTextState& box, uint64_t revision, const PreparedPaste& prepared) {
  const auto& stb = box.Stb;
  return prepared.at >= 0 && prepared.data == box.TextW.Data && prepared.at == box.CurLenW &&
         prepared.revision == revision && stb.cursor == box.CurLenW && stb.select_start == stb.select_end;
}

// Writes the next kPrepareBytes of a paste going at the text's end as the box's characters, past its
// end, where they will go (the memory claimed already); true once all are, or when it cannot be done:
// the paste is elsewhere, or the box changed (paste_into_box then converts all of it).
// The first character waits for the paste's own frame: its place holds the zero that ends ImGui's
// text, which the active box reads up to every frame (a character there, and it took the paste's
// start for an edit of its own).
constexpr std::size_t kPrepareBytes = std::size_t{256} << 10;  // (a step of 1 MiB took up to 40 ms on a fresh page)

bool prepare_paste(ImGuiInputTextState& box, std::string_view text, uint64_t revision, PreparedPaste& prepared) {
  if (prepared.at == -1) prepared = {box.TextW.Data, box.CurLenW, revision, utf8_char_length(text, 0), 1};
  if (!prepared_paste_holds(box, revision, prepared)) {
    prepared.at = -2;
    return true;
  }
  const std::size_t to = character_boundary_from(text, std::min(text.size(), prepared.bytes + kPrepareBytes));
  // A character a byte at most, and the text's end after them.
  if (box.TextW.Capacity < prepared.at + prepared.characters + static_cast<int>(to - prepared.bytes) + 1) {
    prepared.at = -2;
    return true;
  }
  ImWchar* const start = box.TextW.Data + prepared.at + prepared.characters;
  ImWchar* out = start;
  const std::string_view part = text.substr(0, to);
  for_each_piece(part, [&](std::size_t from, std::size_t end) { write_characters(part, from, end, out); }, prepared.bytes);
  prepared.characters += static_cast<int>(out - start);
  prepared.bytes = to;
  return prepared.bytes == text.size();
}

// The box's edit state when it has the keyboard focus.
ImGuiInputTextState* active_box(ImGuiID id) {
  return ImGui::GetActiveID() == id ? ImGui::GetInputTextState(id) : nullptr;
}

}  // namespace

KeyboardContext text_editor_keyboard_context(const TextEditorState& state) {
  KeyboardContext context;
  const ImGuiInputTextState* box = state.active && state.box_id ? active_box(state.box_id) : nullptr;
  if (!box) return context;
  const ImWchar* chars = box->TextW.Data;
  const int length = box->CurLenW;
  const auto& stb = box->Stb;
  // With no selection, select_start and select_end are equal but stale (see paste_into_box).
  const bool selected = stb.select_start != stb.select_end;
  const int from = std::clamp(selected ? std::min(stb.select_start, stb.select_end) : stb.cursor, 0, length);
  const int to = std::clamp(selected ? std::max(stb.select_start, stb.select_end) : stb.cursor, from, length);
  int line_begin = from;
  while (line_begin > 0 && chars[line_begin - 1] != '\n') --line_begin;
  int begin = line_begin + std::max(0, (from - line_begin) / kKeyboardStep - 1) * kKeyboardStep;
  if (begin == line_begin && begin > 0) --begin;  // the newline before the line
  int end = to;
  while (end < length && end - to < kKeyboardStep && chars[end] != '\n') ++end;
  if (end < length && chars[end] == '\n') ++end;  // and the one after it (Delete at the line's end joins them)
  context.text.resize(static_cast<std::size_t>(end - begin) * 4 + 1);
  context.text.resize(static_cast<std::size_t>(ImTextStrToUtf8(context.text.data(), static_cast<int>(context.text.size()),
                                                               chars + begin, chars + end)));
  context.start = begin;
  context.selection_begin = from;
  context.selection_end = to;
  return context;
}

bool text_editor_keyboard_edit(TextEditorState& state, int begin, int end, std::string_view text, int selection_begin,
                               int selection_end) {
  ImGuiInputTextState* box = state.active && state.box_id ? active_box(state.box_id) : nullptr;
  if (!box || begin < 0 || begin > end || end > box->CurLenW) return false;
  if (begin != end || !text.empty()) {
    if (const std::string why = text_too_large(static_cast<double>(state.text.size() + text.size())); !why.empty()) {
      state.refusal = why;
      return true;
    }
    std::string storage;
    const std::string_view typed = box_text(text, storage);
    // paste_into_box replaces the selection, or inserts at the caret: the keyboard's range becomes either.
    box->Stb.select_start = begin;
    box->Stb.select_end = end;
    box->Stb.cursor = end;
    const BoxEdit edit = paste_into_box(*box, state.text, typed, /*undo_each_character=*/true);
    ++state.revision;
    note_paste(state, edit, typed.size(), state.revision - 1, state.revision);
    state.refusal.clear();
  }
  auto& stb = box->Stb;
  stb.select_start = std::clamp(selection_begin, 0, box->CurLenW);
  stb.select_end = stb.cursor = std::clamp(selection_end, 0, box->CurLenW);
  stb.has_preferred_x = 0;
  box->CursorFollow = true;
  box->CursorAnimReset();
  return true;
}

bool draw_text_editor(TextEditorState& state, const char* label, ImVec2 size, bool hold_paste) {
  const ImGuiID id = ImGui::GetID(label);
  state.box_id = id;
  if (state.reload_request) {
    // The box is active and edits its own copy of the text. Replacing that copy from the edit
    // callback (DeleteChars + InsertChars) overran ImGui 1.86's buffers once the new text was
    // about 1 KB longer than the old, corrupting the heap. Instead the box lets go for this frame,
    // showing state.text, and takes the focus back, reloading the new text, caret at the end.
    ImGui::ClearActiveID();
    state.reload_request = false;
    state.focus_request = true;
    state.cursor_to_end = true;
  }
  if (state.focus_request) {
    ImGui::SetKeyboardFocusHere();
    state.focus_request = false;
  }
  if (state.follow_caret) {
    // The box keeps its horizontal scroll in pixels: measured with the fallback glyph's width, a long
    // line of CJK was scrolled past its own end once the real, narrower glyphs arrived.
    if (ImGuiInputTextState* box = ImGui::GetInputTextState(id)) box->CursorFollow = true;
    state.follow_caret = false;
  }
  // Shift+click extends the selection to the click, as in any text box (ImGui 1.86 moves the caret
  // there and drops the selection): its far end, or the caret, stays where it was.
  const ImGuiIO& io = ImGui::GetIO();
  std::optional<int> anchor;
  if (const ImGuiInputTextState* box = active_box(id); box && io.KeyShift && io.MouseClicked[0] && !io.MouseDoubleClicked[0]) {
    anchor = box->Stb.select_start != box->Stb.select_end ? box->Stb.select_start : box->Stb.cursor;
  }
  // Characters typed into a large text go in here, as a paste, and the box goes on resting: ImGui's
  // active box would walk the whole text to take them (up to 190 ms a key with 10 MB).
  bool typed = false;
  if (ImGuiInputTextState* box = active_box(id); box && !state.paste_request) {
    if (const std::string characters = take_typed_characters(*box, id, state.text.size()); !characters.empty()) {
      const BoxEdit edit = paste_into_box(*box, state.text, characters, /*undo_each_character=*/true);
      ++state.revision;
      note_paste(state, edit, characters.size(), state.revision - 1, state.revision);
      state.refusal.clear();
      typed = true;
    }
  }
  begin_shaped_box(state.shaping, state.text, state.revision, id);
  ImGuiInputTextState* resting = nullptr;  // see ui/text_box/resting_box.h
  ImGuiWindow* window = nullptr;
  if (ImGuiInputTextState* box = active_box(id); box && !state.paste_request && box_may_rest(*box, id, state.text.size())) {
    window = text_box_window(label, id);
    if (begin_rest(state.resting_caret, state.resting_view, *box, state.text, state.revision, window)) resting = box;
  }
  // No per-frame callback (ImGuiInputTextFlags_CallbackAlways): ImGui would measure the caret's and
  // selection's UTF-8 offsets for it every frame, three walks over a 10 MB text. (On the page the box
  // has the focus from the start: Escape would have taken it back to the example text.)
  // At rest the box is given only the lines in sight to draw (see RestingView); it changes nothing.
  std::string& drawn = resting ? state.resting_view.text : state.text;
  bool changed = draw_keeping_text_on_escape(
      [&] { return ImGui::InputTextMultiline(label, &drawn, size, ImGuiInputTextFlags_AllowTabInput); });
  note_text_entry();
  state.resting = resting != nullptr;
  if (resting) end_rest(state.resting_caret, *resting, id, window, !state.shaping.hiding);
  ImGuiInputTextState* box = active_box(id);
  if (box && anchor) {
    box->Stb.select_start = std::min(*anchor, box->CurLenW);
    box->Stb.select_end = box->Stb.cursor;
  }
  if (box && state.cursor_to_end) {
    box->Stb.cursor = box->Stb.select_start = box->Stb.select_end = box->CurLenW;
    box->CursorFollow = true;
    state.cursor_to_end = false;
  }
  if (state.paste_request && !box) {
    // The paste goes to the text box even when it was not focused: focus it, caret at the end.
    state.focus_request = true;
    state.cursor_to_end = true;
  } else if (state.paste_request && state.paste_request->size() > (std::size_t{1} << 20) && !state.paste_memory_claimed) {
    // Claimed for 20 ms a frame; pasted on the frame after the last claim.
    const auto claim_started = std::chrono::steady_clock::now();
    // Then its characters are prepared (prepare_paste), in the same frames.
    do {
      state.paste_memory_claimed = claim_paste_memory(*box, state.text, state.paste_request->size(), state.paste_claimed_bytes) &&
                                   prepare_paste(*box, *state.paste_request, state.revision, state.paste_prepared);
    } while (!state.paste_memory_claimed && std::chrono::steady_clock::now() - claim_started < std::chrono::milliseconds(20));
  } else if (state.paste_request && state.paste_memory_claimed && hold_paste && state.paste_held_frames < 30) {
    ++state.paste_held_frames;  // half a second at most
  } else if (state.paste_request) {
    const bool box_changed = changed;  // the box's own edit this frame: then more than the paste changed
    const PreparedPaste& prepared = state.paste_prepared;
    const bool ready = !box_changed && prepared.bytes == state.paste_request->size() && prepared_paste_holds(*box, state.revision, prepared);
    const BoxEdit edit = paste_into_box(*box, state.text, *state.paste_request, false, ready ? &prepared : nullptr);
    state.prepared_pastes += ready;
    if (!box_changed) {
      note_paste(state, edit, state.paste_request->size(), state.revision, state.revision + 1,
                 state.paste_lines ? &*state.paste_lines : nullptr);
    }
    state.paste_request.reset();
    state.paste_lines.reset();
    state.paste_code_points = {};
    state.paste_memory_claimed = false;
    state.paste_claimed_bytes = 0;
    state.paste_prepared = {};
    state.paste_held_frames = 0;
    changed = true;
  }
  state.active = ImGui::IsItemActive();
  if (changed) {
    ++state.revision;
    state.refusal.clear();
  }
  end_shaped_box(state.shaping, state.text, state.revision, label, id);
  return changed || typed;
}

}  // namespace bpeviz
