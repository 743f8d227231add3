#include "core/incremental_encode.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/text/utf8.h"

namespace bpeviz {
namespace {

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_cut(std::string_view text, std::size_t i) {
  if (i == 0 || i >= text.size()) return false;
  const char before = text[i - 1];
  // o200k's punctuation pre-token takes the newlines and slashes after it (` ?[^\s\p{L}\p{N}]+[\r\n/]*`):
  // ";\n//" is one, so a slash at a line start is no cut.
  if (before == '\n') return text[i] != '/' && !is_white_space(utf8_code_point(text, i));
  return is_ascii_alnum(before) && (text[i] == ' ' || (text[i] >= '\t' && text[i] <= '\r'));
}

// Replaces items [first, old_end) of `list` by `middle`, shifting the spans of the items after by `delta`.
template <class T>
void splice(std::vector<T>& list, std::size_t first, std::size_t old_end, std::vector<T>& middle, int64_t delta) {
  for (std::size_t i = old_end; i < list.size(); ++i) {
    list[i].begin = static_cast<uint32_t>(list[i].begin + delta);
    list[i].end = static_cast<uint32_t>(list[i].end + delta);
  }
  const auto at = list.erase(list.begin() + static_cast<std::ptrdiff_t>(first), list.begin() + static_cast<std::ptrdiff_t>(old_end));
  list.insert(at, middle.begin(), middle.end());
}

// The first item whose span begins at or after `offset`, which must begin exactly there (or be the end).
template <class T>
bool boundary_index(const std::vector<T>& list, uint32_t offset, std::size_t& index) {
  const auto it = std::lower_bound(list.begin(), list.end(), offset, [](const T& item, uint32_t o) { return item.begin < o; });
  index = static_cast<std::size_t>(it - list.begin());
  return it == list.end() || it->begin == offset;
}

}  // namespace

namespace {

// The length of the common prefix of `a` and `b` (as long as each other), compared eight bytes at a
// time: after a paste the whole text is compared, and a byte loop over 10 MB took 50 ms or more of a
// frame in the baseline code V8 first runs wasm in.
std::size_t common_prefix(const char* a, const char* b, std::size_t length) {
  std::size_t i = 0;
  for (uint64_t x, y; i + 8 <= length; i += 8) {
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) break;
  }
  while (i < length && a[i] == b[i]) ++i;
  return i;
}

// The same for the common suffix of `a` and `b`, the last `length` bytes of each ending at `a_end`, `b_end`.
std::size_t common_suffix(const char* a_end, const char* b_end, std::size_t length) {
  std::size_t i = 0;
  for (uint64_t x, y; i + 8 <= length; i += 8) {
    std::memcpy(&x, a_end - i - 8, 8);
    std::memcpy(&y, b_end - i - 8, 8);
    if (x != y) break;
  }
  while (i < length && a_end[-1 - static_cast<std::ptrdiff_t>(i)] == b_end[-1 - static_cast<std::ptrdiff_t>(i)]) ++i;
  return i;
}

}  // namespace

TextEdit find_text_edit(std::string_view before, std::string_view after) {
  const std::size_t shorter = std::min(before.size(), after.size());
  const std::size_t prefix = common_prefix(before.data(), after.data(), shorter);
  const std::size_t suffix = common_suffix(before.data() + before.size(), after.data() + after.size(), shorter - prefix);
  return {static_cast<uint32_t>(prefix), static_cast<uint32_t>(before.size() - suffix), static_cast<uint32_t>(after.size() - suffix)};
}

bool pieces_end_at_cuts(const Encoding& encoding) {
  if (encoding.hf_model()) return false;
  switch (encoding.pretokenizer()) {
    case Pretokenizer::gpt2:
    case Pretokenizer::cl100k:
    case Pretokenizer::o200k:
    case Pretokenizer::qwen2:
    case Pretokenizer::whitespace:
      break;
    default:
      return false;
  }
  return std::none_of(encoding.specials().begin(), encoding.specials().end(),
                      [](const SpecialToken& s) { return s.text.find_first_of(" \t\n\v\f\r") != std::string::npos; });
}

uint32_t cut_at_or_before(std::string_view text, uint32_t at) {
  for (std::size_t i = std::min<std::size_t>(at, text.size()); i > 0; --i) {
    if (is_cut(text, i)) return static_cast<uint32_t>(i);
  }
  return 0;
}

uint32_t cut_at_or_after(std::string_view text, uint32_t at) {
  for (std::size_t i = std::max<uint32_t>(at, 1); i < text.size(); ++i) {
    if (is_cut(text, i)) return static_cast<uint32_t>(i);
  }
  return static_cast<uint32_t>(text.size());
}

uint32_t cut_look_ahead(const Encoding& encoding) {
  std::size_t look_ahead = 1;
  for (const SpecialToken& s : encoding.specials()) look_ahead = std::max(look_ahead, s.text.size());
  return static_cast<uint32_t>(look_ahead);
}

uint32_t cut_before_edit(std::string_view after, const TextEdit& edit, uint32_t look_ahead) {
  return edit.begin < look_ahead ? 0 : cut_at_or_before(after, edit.begin - look_ahead);
}

Span reencoded_span(const Encoding& encoding, std::string_view after, const TextEdit& edit) {
  // After the edit, the first cut whose character before it the edit left untouched.
  return {cut_before_edit(after, edit, cut_look_ahead(encoding)), cut_at_or_after(after, edit.new_end + 1)};
}

Result<EncodedPart> encode_part(const Encoding& encoding, const SpecialPolicy& policy, std::string_view text,
                                uint32_t begin, uint32_t end) {
  const std::string_view part = text.substr(begin, std::min<std::size_t>(text.size(), end + std::size_t{cut_look_ahead(encoding)}) - begin);
  auto tokens = encoding.encode_with_spans(part, policy);
  if (!tokens.ok()) return Result<EncodedPart>::failure(tokens.error);
  auto pieces = encoding.pieces(part, policy);
  if (!pieces.ok()) return Result<EncodedPart>::failure(pieces.error);
  // What starts at `end` (the character after it, cut short) is dropped again.
  EncodedPart out;
  for (const Token& t : tokens.value) {
    if (t.begin < end - begin) out.tokens.push_back({t.id, t.begin + begin, t.end + begin});
  }
  for (const Span& s : pieces.value) {
    if (s.begin < end - begin) out.pieces.push_back({s.begin + begin, s.end + begin});
  }
  return {std::move(out), ""};
}

Result<Reencoded> reencode_edit(const Encoding& encoding, const SpecialPolicy& policy, std::string_view after,
                                const TextEdit& edit, std::vector<Token>& tokens, std::vector<Span>& pieces) {
  Reencoded r;
  const Span span = reencoded_span(encoding, after, edit);
  r.begin = span.begin;
  r.new_end = span.end;
  const int64_t delta = static_cast<int64_t>(edit.new_end) - static_cast<int64_t>(edit.old_end);
  r.old_end = static_cast<uint32_t>(r.new_end - delta);
  std::size_t t0, t1, p0, p1;
  if (!boundary_index(tokens, r.begin, t0) || !boundary_index(tokens, r.old_end, t1) ||
      !boundary_index(pieces, r.begin, p0) || !boundary_index(pieces, r.old_end, p1)) {
    return Result<Reencoded>::failure("the old tokens do not break at the cuts around the edit");
  }
  auto middle = encode_part(encoding, policy, after, r.begin, r.new_end);
  if (!middle.ok()) return Result<Reencoded>::failure(middle.error);
  r.first_token = static_cast<uint32_t>(t0);
  r.old_token_end = static_cast<uint32_t>(t1);
  r.new_token_end = static_cast<uint32_t>(t0 + middle.value.tokens.size());
  r.first_piece = static_cast<uint32_t>(p0);
  r.old_piece_end = static_cast<uint32_t>(p1);
  r.new_piece_end = static_cast<uint32_t>(p0 + middle.value.pieces.size());
  splice(tokens, t0, t1, middle.value.tokens, delta);
  splice(pieces, p0, p1, middle.value.pieces, delta);
  return {r, ""};
}

}  // namespace bpeviz
