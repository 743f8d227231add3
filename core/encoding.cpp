#include "core/encoding.h"

#include <algorithm>
#include <atomic>

#include "core/hf/hf_encoder.h"
#include "core/piece_cache.h"
#include "core/text/utf8.h"

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
  static std::atomic<uint64_t> serials{0};
  serial_ = ++serials;
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
  std::vector<std::string_view> texts;
  for (const auto& s : specials_) texts.push_back(s.text);
  special_trie_ = SpecialTrie(texts);
  normalized_specials_ = std::any_of(specials_.begin(), specials_.end(),
                                     [](const SpecialToken& s) { return s.normalized && !s.in_normalized_text; });
  added_tokens_ = std::any_of(specials_.begin(), specials_.end(), [](const SpecialToken& s) { return !s.special; });
}

Encoding::SpecialMatch Encoding::find_special(std::string_view text, std::size_t from, const SpecialPolicy& policy,
                                              bool allowed_only, bool normalized_pass) const {
  if (specials_.empty()) return {};
  const auto [pos, k] = find_added_token(text, from, special_trie_, [&](std::size_t i) {
    return specials_[i].normalized == normalized_pass && !specials_[i].in_normalized_text &&
           (!allowed_only || policy.allows(specials_[i]));
  });
  if (k == SpecialTrie::npos) return {};
  return {pos, k};
}

namespace {

// Calls sink(id, begin, end) for each token of a merged piece, from its token boundaries.
template <class Sink>
void emit_merged(const Vocab& ranks, std::string_view piece, uint32_t offset, const std::vector<uint32_t>& bounds,
                 Sink&& sink) {
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    const uint32_t b = bounds[i];
    const uint32_t e = i + 1 < bounds.size() ? bounds[i + 1] : static_cast<uint32_t>(piece.size());
    sink(ranks.find(piece.substr(b, e - b)), offset + b, offset + e);
  }
}

// Only a vocabulary without all 256 single bytes can leave a byte without a token.
constexpr const char* kUnencodable =
    "the text has a byte that is not a token of this vocabulary (it lacks some single-byte tokens)";

}  // namespace

template <class Sink>
Status Encoding::encode_ordinary_into(std::string_view text, uint32_t offset, Sink&& sink,
                                      const SpecialPolicy* policy) const {
  if (hf_ && hf_->own_path()) {
    thread_local std::vector<Token> tokens;
    tokens.clear();
    Status status = HfEncoder{*hf_, ranks_, serial_}.encode(text, offset, policy, tokens);
    for (const Token& t : tokens) sink(t.id, t.begin, t.end);
    return status;
  }
  // Kept between calls: a megabyte of text has ~250k pieces, and growing a fresh vector for them
  // on every call cost page faults and copies (the benchmark's whole-text runs).
  thread_local std::vector<Span> pieces;
  pieces.clear();
  pretokenize(pretokenizer_, text, pieces);
  // The merge loop's buffers too: a line-by-line caller makes tens of thousands of short calls.
  thread_local MergeScratch scratch;
  thread_local std::vector<uint32_t> bounds;
  PieceCache& cache = piece_cache_for(serial_);
  uint32_t ids[PieceCache::kMaxPieceBytes];
  uint8_t lengths[PieceCache::kMaxPieceBytes];
  for (const Span& p : pieces) {
    const std::string_view piece = text.substr(p.begin, p.end - p.begin);
    const uint32_t at = offset + p.begin;
    // The vocabulary doubles as a cache: most pieces are tokens themselves (short ones seen before
    // are answered by the piece cache, faster). Then the pieces merged before; then the merge loop.
    const bool short_piece = piece.size() <= PieceCache::kShortPieceBytes;
    if (short_piece && cache.emit_short(piece, at, sink)) continue;
    const uint64_t h = Vocab::hash(piece);
    if (const uint32_t id = ranks_.find(piece, h); id != Vocab::kNone) {
      if (short_piece) cache.insert_short(piece, &id, nullptr, 1);
      sink(id, at, offset + p.end);
      continue;
    }
    const bool cacheable = piece.size() <= PieceCache::kMaxPieceBytes;
    if (PieceCache::Hit hit; cacheable && cache.find(piece, h, hit)) {
      if (short_piece) cache.insert_short(piece, hit.ids, hit.lengths, hit.count);
      uint32_t b = at;
      for (uint32_t i = 0; i < hit.count; ++i) {
        sink(hit.ids[i], b, b + hit.lengths[i]);
        b += hit.lengths[i];
      }
      continue;
    }
    bounds.clear();
    bpe_merge(ranks_, piece, scratch, bounds);
    uint32_t count = 0;
    emit_merged(ranks_, piece, at, bounds, [&](uint32_t id, uint32_t b, uint32_t e) {
      sink(id, b, e);
      if (cacheable) {
        ids[count] = id;
        lengths[count++] = static_cast<uint8_t>(e - b);
      }
    });
    if (short_piece) cache.insert_short(piece, ids, lengths, count);
    if (cacheable) cache.insert(piece, h, ids, lengths, count);
  }
  return {};
}

template <class OnText, class OnSpecial>
std::string Encoding::split_at_specials(std::string_view text, const SpecialPolicy& policy, OnText&& on_text,
                                        OnSpecial&& on_special) const {
  if (policy.others_are_errors && !policy.allow_all) {
    const auto first_disallowed = [&](bool normalized_pass) {
      for (std::size_t from = 0;;) {
        const SpecialMatch m = find_special(text, from, policy, false, normalized_pass);
        if (m.pos == std::string_view::npos || !policy.allows(specials_[m.index])) return m;
        from = m.pos + 1;
      }
    };
    SpecialMatch bad = first_disallowed(false);
    if (normalized_specials_) {
      if (const SpecialMatch other = first_disallowed(true); other.pos < bad.pos) bad = other;
    }
    if (bad.pos != std::string_view::npos) {
      return "the text contains the special token " + specials_[bad.index].text + " at byte " +
             std::to_string(bad.pos) +
             ", which is not allowed: allow it to encode it as its id, or treat special tokens as plain text";
    }
  }
  if (!normalized_specials_) {
    walk_specials(text, 0, text.size(), policy, false, on_text, on_special);
  } else {
    // Hugging Face matches the added tokens that are not "normalized" first, then the others in the
    // text between them (with an identity normalizer: the loader refuses the rest).
    walk_specials(text, 0, text.size(), policy, false,
                  [&](std::size_t b, std::size_t e) { walk_specials(text, b, e, policy, true, on_text, on_special); },
                  on_special);
  }
  return {};
}

template <class OnText, class OnSpecial>
void Encoding::walk_specials(std::string_view text, std::size_t begin, std::size_t end, const SpecialPolicy& policy,
                             bool normalized_pass, OnText&& on_text, OnSpecial&& on_special) const {
  match_added_tokens(
      text, begin, end, specials_, special_trie_,
      [&](std::size_t k) {
        const SpecialToken& s = specials_[k];
        return s.normalized == normalized_pass && !s.in_normalized_text && policy.allows(s);
      },
      on_text, on_special);
}

template <class Sink>
std::string Encoding::encode_into(std::string_view text, const SpecialPolicy& policy, Sink&& sink) const {
  const bool template_tokens = hf_ && policy.add_special_tokens;
  if (template_tokens) {
    for (const uint32_t id : hf_->prefix_ids) sink(id, 0, 0);
  }
  Status split;  // the first stretch a regex gave up on
  std::string error = split_at_specials(
      text, policy,
      [&](std::size_t begin, std::size_t end) {
        Status s = encode_ordinary_into(text.substr(begin, end - begin), static_cast<uint32_t>(begin), sink, &policy);
        if (split.ok()) split = std::move(s);
      },
      [&](const SpecialToken& special, std::size_t b, std::size_t e) {
        sink(special.id, static_cast<uint32_t>(b), static_cast<uint32_t>(e));
      });
  if (template_tokens) {
    const auto end = static_cast<uint32_t>(text.size());
    for (const uint32_t id : hf_->suffix_ids) sink(id, end, end);
  }
  return error.empty() ? split.error : error;
}

Result<std::vector<uint32_t>> Encoding::encode(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<uint32_t>> result;
  result.value.reserve(text.size() / 3);
  result.error = encode_into(text, policy, [&](uint32_t id, uint32_t, uint32_t) { result.value.push_back(id); });
  if (result.ok() && std::find(result.value.begin(), result.value.end(), Vocab::kNone) != result.value.end()) {
    result.error = kUnencodable;
  }
  return result;
}

Result<std::vector<uint32_t>> Encoding::encode_ordinary(std::string_view text) const {
  Result<std::vector<uint32_t>> result;
  result.error = encode_ordinary(text, result.value).error;
  return result;
}

Status Encoding::encode_ordinary(std::string_view text, std::vector<uint32_t>& ids) const {
  ids.clear();
  ids.reserve(text.size() / 3);  // prose averages ~4 bytes a token, code ~2.5
  const auto sink = [&](uint32_t id, uint32_t, uint32_t) { ids.push_back(id); };
  // Added tokens that are not special are matched even in plain text, as Hugging Face matches them.
  if (added_tokens_) return {encode_into(text, SpecialPolicy::all_as_text(), sink)};
  return encode_ordinary_into(text, 0, sink);
}

Result<std::vector<Token>> Encoding::encode_with_spans(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<Token>> result;
  result.value.reserve(text.size() / 4);
  result.error = encode_into(text, policy, [&](uint32_t id, uint32_t b, uint32_t e) { result.value.push_back({id, b, e}); });
  if (result.ok() && std::any_of(result.value.begin(), result.value.end(),
                                 [](const Token& t) { return t.id == Vocab::kNone; })) {
    result.error = kUnencodable;
  }
  return result;
}

Result<std::vector<Span>> Encoding::pieces(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<Span>> result;
  std::vector<Span> spans;
  Status split;  // the first stretch a regex gave up on
  result.error = split_at_specials(
      text, policy,
      [&](std::size_t begin, std::size_t end) {
        spans.clear();
        if (hf_ && hf_->own_path()) {
          Status s = HfEncoder{*hf_, ranks_, serial_}.pieces(text.substr(begin, end - begin),
                                                             static_cast<uint32_t>(begin), &policy, result.value);
          if (split.ok()) split = std::move(s);
          return;
        }
        pretokenize(pretokenizer_, text.substr(begin, end - begin), spans);
        for (const Span& s : spans) {
          result.value.push_back({static_cast<uint32_t>(begin + s.begin), static_cast<uint32_t>(begin + s.end)});
        }
      },
      [&](const SpecialToken&, std::size_t b, std::size_t e) {
        result.value.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
      });
  if (result.ok()) result.error = split.error;
  return result;
}

Result<std::vector<PieceTrace>> Encoding::trace(std::string_view text, const SpecialPolicy& policy) const {
  Result<std::vector<PieceTrace>> result;
  MergeScratch scratch;
  std::vector<uint32_t> bounds;
  std::vector<Span> spans;
  Status split;  // the first stretch a regex gave up on
  result.error = split_at_specials(
      text, policy,
      [&](std::size_t from, std::size_t to) {
        spans.clear();
        if (hf_ && hf_->own_path()) {
          std::vector<Token> ignored;
          Status s = HfEncoder{*hf_, ranks_, serial_}.encode(text.substr(from, to - from), static_cast<uint32_t>(from),
                                                             &policy, ignored, &result.value);
          if (split.ok()) split = std::move(s);
          return;
        }
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
            emit_merged(ranks_, piece, p.begin, bounds,
                        [&](uint32_t id, uint32_t b, uint32_t e) { p.tokens.push_back({id, b, e}); });
          }
          result.value.push_back(std::move(p));
        }
      },
      [&](const SpecialToken& special, std::size_t b, std::size_t e) {
        PieceTrace p;
        p.begin = static_cast<uint32_t>(b);
        p.end = static_cast<uint32_t>(e);
        p.special_id = special.id;
        p.tokens.push_back({special.id, p.begin, p.end});
        result.value.push_back(std::move(p));
      });
  if (result.ok()) result.error = split.error;
  return result;
}

Encoding::PieceMerges Encoding::merge_piece(std::string_view piece, std::vector<MergeStep>& steps) const {
  if (hf_ && hf_->pair_rule) return HfEncoder{*hf_, ranks_, serial_}.merge_piece(piece, steps);
  PieceMerges out;
  for (uint32_t i = 0; i < piece.size(); ++i) out.symbols.push_back({ranks_.find(piece.substr(i, 1)), i, i + 1});
  MergeScratch scratch;
  bpe_merge(ranks_, piece, scratch, out.bounds, &steps);
  return out;
}

uint32_t Encoding::find_input_token(std::string_view input) const {
  if (const uint32_t id = ranks_.find(input); id != Vocab::kNone || !hf_) return id;
  return HfEncoder{*hf_, ranks_, serial_}.find_normalized_token(input);
}

namespace {
const SpecialToken* find_by_id(const std::vector<SpecialToken>& by_id, uint32_t id) {
  auto it = std::lower_bound(by_id.begin(), by_id.end(), id, [](const SpecialToken& s, uint32_t v) { return s.id < v; });
  return it != by_id.end() && it->id == id ? &*it : nullptr;
}
}  // namespace

bool Encoding::is_special(uint32_t id) const { return find_by_id(special_names_, id) != nullptr; }

bool Encoding::is_added_token(uint32_t id) const {
  const SpecialToken* s = find_by_id(special_names_, id);
  return s && !s->special;
}

Result<Encoding> Encoding::with_special_tokens(std::span<const std::string> texts) const {
  using R = Result<Encoding>;
  // The decoding names first as they are, so that the constructor's "later name wins" keeps them.
  std::vector<SpecialToken> specials;
  for (const SpecialToken& s : specials_) {
    if (find_by_id(special_names_, s.id)->text != s.text) specials.push_back(s);
  }
  specials.insert(specials.end(), special_names_.begin(), special_names_.end());
  uint32_t next = std::max(n_vocab_, ranks_.id_end());
  for (const SpecialToken& s : specials) next = std::max(next, s.id + 1);
  if (hf_) next = std::max(next, static_cast<uint32_t>(hf_->decoded.size()));
  for (const std::string& text : texts) {
    if (text.empty()) return R::failure("a special token cannot be empty");
    bool known = false;
    for (SpecialToken& s : specials) {
      if (s.text == text) s.special = known = true;
    }
    if (known) continue;
    const uint32_t id = find_input_token(text);
    specials.push_back({text, id != Vocab::kNone ? id : next++});
  }
  Encoding out(name_, pretokenizer_, ranks_, std::move(specials), next);
  out.hf_ = hf_;
  return {std::move(out), {}};
}

std::string_view Encoding::token_bytes(uint32_t id) const {
  if (hf_ && id < hf_->decoded.size() && !hf_->decoded[id].empty()) return hf_->decoded[id];
  if (ranks_.contains(id)) return ranks_.token(id);
  if (const SpecialToken* s = find_by_id(special_names_, id)) return s->text;
  return {};
}

Result<std::string> Encoding::decode_bytes(std::span<const uint32_t> ids) const {
  Result<std::string> result;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string_view bytes = token_bytes(ids[i]);  // no token, ordinary or special, is empty
    if (bytes.empty()) {
      return Result<std::string>::failure("id " + std::to_string(ids[i]) + " at position " + std::to_string(i) +
                                          " is not a token of " + name_);
    }
    result.value.append(bytes);
  }
  if (hf_) {
    // The decoder's Strip (SentencePiece models): the space the normalizer put in front goes again.
    std::size_t n = 0;
    while (n < hf_->strip_leading_spaces && n < result.value.size() && result.value[n] == ' ') ++n;
    result.value.erase(0, n);
  }
  return result;
}

Result<std::string> Encoding::decode_text(std::span<const uint32_t> ids) const {
  auto bytes = decode_bytes(ids);
  if (bytes.ok()) bytes.value = utf8_repair(bytes.value);
  return bytes;
}

}  // namespace bpeviz
