#include "core/encoding.h"

#include <algorithm>

#include "core/utf8.h"

namespace bpeviz {

bool SpecialPolicy::allows(std::string_view special) const {
  return allow_all || std::find(allowed.begin(), allowed.end(), special) != allowed.end();
}

Encoding::Encoding(std::string name, Pretokenizer pretokenizer, Vocab ranks, std::vector<SpecialToken> specials,
                   uint32_t n_vocab)
    : name_(std::move(name)),
      pretokenizer_(pretokenizer),
      ranks_(std::move(ranks)),
      specials_(std::move(specials)),
      n_vocab_(n_vocab) {
  // Decoding names: the spec's order decides between names sharing an id (the later wins).
  for (const auto& s : specials_) {
    auto it = std::find_if(special_names_.begin(), special_names_.end(), [&](const SpecialToken& n) { return n.id == s.id; });
    if (it == special_names_.end()) special_names_.push_back(s);
    else *it = s;
  }
  std::stable_sort(special_names_.begin(), special_names_.end(),
                   [](const SpecialToken& a, const SpecialToken& b) { return a.id < b.id; });
  // Longest first, so that of two specials starting at the same place the longer one matches.
  std::stable_sort(specials_.begin(), specials_.end(),
                   [](const SpecialToken& a, const SpecialToken& b) { return a.text.size() > b.text.size(); });
  for (const auto& s : specials_) {
    if (!s.text.empty()) special_first_byte_[static_cast<unsigned char>(s.text[0])] = true;
  }
}

Encoding::SpecialMatch Encoding::find_special(std::string_view text, std::size_t from, const SpecialPolicy& policy,
                                              bool allowed_only) const {
  if (specials_.empty()) return {};
  for (std::size_t pos = from; pos < text.size(); ++pos) {
    if (!special_first_byte_[static_cast<unsigned char>(text[pos])]) continue;
    for (std::size_t k = 0; k < specials_.size(); ++k) {
      const std::string& s = specials_[k].text;
      if (text.compare(pos, s.size(), s) != 0) continue;
      if (allowed_only && !policy.allows(s)) continue;
      return {pos, k};
    }
  }
  return {};
}

template <class Sink>
void Encoding::encode_ordinary_into(std::string_view text, uint32_t offset, Sink&& sink) const {
  // Kept between calls: a megabyte of text has ~250k pieces, and growing a fresh vector for them
  // on every call cost page faults and copies (the benchmark's whole-text runs).
  thread_local std::vector<Span> pieces;
  pieces.clear();
  pretokenize(pretokenizer_, text, pieces);
  MergeScratch scratch;
  std::vector<uint32_t> bounds;
  for (const Span& p : pieces) {
    const std::string_view piece = text.substr(p.begin, p.end - p.begin);
    // The vocabulary doubles as a cache: most pieces are tokens themselves.
    if (const uint32_t id = ranks_.find(piece); id != Vocab::kNone) {
      sink(id, offset + p.begin, offset + p.end);
      continue;
    }
    bounds.clear();
    bpe_merge(ranks_, piece, scratch, bounds);
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      const uint32_t b = bounds[i];
      const uint32_t e = i + 1 < bounds.size() ? bounds[i + 1] : static_cast<uint32_t>(piece.size());
      sink(ranks_.find(piece.substr(b, e - b)), offset + p.begin + b, offset + p.begin + e);
    }
  }
}

template <class Sink>
std::string Encoding::encode_into(std::string_view text, const SpecialPolicy& policy, Sink&& sink) const {
  if (policy.others_are_errors && !policy.allow_all) {
    const SpecialMatch bad = [&] {
      for (std::size_t from = 0;;) {
        const SpecialMatch m = find_special(text, from, policy, false);
        if (m.pos == std::string_view::npos || !policy.allows(specials_[m.index].text)) return m;
        from = m.pos + 1;
      }
    }();
    if (bad.pos != std::string_view::npos) {
      return "the text contains the special token " + specials_[bad.index].text + " at byte " +
             std::to_string(bad.pos) +
             ", which is not allowed: allow it to encode it as its id, or treat special tokens as plain text";
    }
  }
  std::size_t start = 0;
  for (;;) {
    const SpecialMatch m = find_special(text, start, policy, true);
    const std::size_t end = m.pos == std::string_view::npos ? text.size() : m.pos;
    encode_ordinary_into(text.substr(start, end - start), static_cast<uint32_t>(start), sink);
    if (m.pos == std::string_view::npos) break;
    const SpecialToken& special = specials_[m.index];
    sink(special.id, static_cast<uint32_t>(m.pos), static_cast<uint32_t>(m.pos + special.text.size()));
    start = m.pos + special.text.size();
  }
  return {};
}

namespace {

std::string check_unencodable(const std::vector<uint32_t>& ids) {
  // Only a vocabulary without all 256 single bytes can leave a byte without a token.
  if (std::find(ids.begin(), ids.end(), Vocab::kNone) != ids.end()) {
    return "the text has a byte that is not a token of this vocabulary (it lacks some single-byte tokens)";
  }
  return {};
}

}  // namespace

Result<std::vector<uint32_t>> Encoding::encode(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<uint32_t>> result;
  result.value.reserve(text.size() / 3);
  result.error = encode_into(text, policy, [&](uint32_t id, uint32_t, uint32_t) { result.value.push_back(id); });
  if (result.ok()) result.error = check_unencodable(result.value);
  return result;
}

std::vector<uint32_t> Encoding::encode_ordinary(std::string_view text) const {
  std::vector<uint32_t> ids;
  ids.reserve(text.size() / 3);  // prose averages ~4 bytes a token, code ~2.5
  encode_ordinary_into(text, 0, [&](uint32_t id, uint32_t, uint32_t) { ids.push_back(id); });
  return ids;
}

Result<std::vector<Token>> Encoding::encode_with_spans(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<Token>> result;
  result.value.reserve(text.size() / 4);
  result.error = encode_into(text, policy, [&](uint32_t id, uint32_t b, uint32_t e) { result.value.push_back({id, b, e}); });
  if (result.ok()) {
    for (const Token& t : result.value) {
      if (t.id == Vocab::kNone) return Result<std::vector<Token>>::failure(check_unencodable({Vocab::kNone}));
    }
  }
  return result;
}

Result<std::vector<Span>> Encoding::pieces(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<Span>> result;
  auto traced = trace(text, policy);
  if (!traced.ok()) return Result<std::vector<Span>>::failure(traced.error);
  for (const PieceTrace& p : traced.value) result.value.push_back({p.begin, p.end});
  return result;
}

Result<std::vector<PieceTrace>> Encoding::trace(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<PieceTrace>> result;
  // Reuse the encoder's special-token handling: it reports every token; group them by piece here.
  std::vector<Token> specials_found;
  result.error = encode_into(text, policy, [&](uint32_t id, uint32_t b, uint32_t e) {
    if (is_special(id)) specials_found.push_back({id, b, e});
  });
  if (!result.ok()) return result;
  MergeScratch scratch;
  std::vector<uint32_t> bounds;
  std::vector<Span> spans;
  std::size_t start = 0;
  const auto trace_text = [&](std::size_t from, std::size_t to) {
    spans.clear();
    pretokenize(pretokenizer_, text.substr(from, to - from), spans);
    for (const Span& s : spans) {
      PieceTrace p;
      p.begin = static_cast<uint32_t>(from + s.begin);
      p.end = static_cast<uint32_t>(from + s.end);
      const std::string_view piece = text.substr(p.begin, p.end - p.begin);
      bounds.clear();
      bpe_merge(ranks_, piece, scratch, bounds, &p.steps);
      const uint32_t whole = ranks_.find(piece);
      if (whole != Vocab::kNone) {
        p.whole_piece_token = true;
        p.tokens.push_back({whole, p.begin, p.end});
      } else {
        for (std::size_t i = 0; i < bounds.size(); ++i) {
          const uint32_t b = bounds[i];
          const uint32_t e = i + 1 < bounds.size() ? bounds[i + 1] : static_cast<uint32_t>(piece.size());
          p.tokens.push_back({ranks_.find(piece.substr(b, e - b)), p.begin + b, p.begin + e});
        }
      }
      result.value.push_back(std::move(p));
    }
  };
  for (const Token& special : specials_found) {
    trace_text(start, special.begin);
    PieceTrace p;
    p.begin = special.begin;
    p.end = special.end;
    p.special_id = special.id;
    p.tokens.push_back(special);
    result.value.push_back(std::move(p));
    start = special.end;
  }
  trace_text(start, text.size());
  return result;
}

namespace {
const SpecialToken* find_by_id(const std::vector<SpecialToken>& by_id, uint32_t id) {
  auto it = std::lower_bound(by_id.begin(), by_id.end(), id, [](const SpecialToken& s, uint32_t v) { return s.id < v; });
  return it != by_id.end() && it->id == id ? &*it : nullptr;
}
}  // namespace

bool Encoding::is_special(uint32_t id) const { return find_by_id(special_names_, id) != nullptr; }

std::string_view Encoding::token_bytes(uint32_t id) const {
  if (ranks_.contains(id)) return ranks_.token(id);
  if (const SpecialToken* s = find_by_id(special_names_, id)) return s->text;
  return {};
}

Result<std::string> Encoding::decode_bytes(std::span<const uint32_t> ids) const {
  Result<std::string> result;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ranks_.contains(ids[i])) {
      result.value.append(ranks_.token(ids[i]));
      continue;
    }
    const std::string_view special = token_bytes(ids[i]);
    if (special.empty()) {
      return Result<std::string>::failure("id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                                          " is not a token of " + name_);
    }
    result.value.append(special);
  }
  return result;
}

Result<std::string> Encoding::decode_text(std::span<const uint32_t> ids) const {
  auto bytes = decode_bytes(ids);
  if (bytes.ok()) bytes.value = utf8_repair(bytes.value);
  return bytes;
}

}  // namespace bpeviz
