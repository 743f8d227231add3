// The Hugging Face encode path (hf_encoder.h). Follows Hugging Face's BPE::merge_word and
// Word::merge_all, whose corner cases (where an unknown character goes, what byte fallback does) it
// keeps, since ids must match.
#include "core/hf/hf_encoder.h"

#include <algorithm>

#include "core/piece_cache.h"
#include "core/text/utf8.h"

namespace bpeviz {

namespace {

Status split_gave_up() {
  return {"the tokenizer's pre-tokenizer regex gave up on this text (it backtracks without end); the text after "
          "that point was not split as the model would split it"};
}

// Cuts each piece that is text (kind kNone, not an added token) with `rules`, in order.
bool split_text_pieces(std::span<const SplitRule> rules, std::string_view text, std::vector<Span>& pieces,
                       std::vector<uint32_t>& kinds) {
  bool ok = true;
  std::vector<Span> cut;
  std::vector<uint32_t> cut_kinds;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Span p = pieces[i];
    if (kinds[i] != Vocab::kNone) {
      cut.push_back(p);
      cut_kinds.push_back(kinds[i]);
      continue;
    }
    const std::size_t first = cut.size();
    ok &= apply_splits(rules, text.substr(p.begin, p.end - p.begin), cut);
    for (std::size_t k = first; k < cut.size(); ++k) {
      cut[k].begin += p.begin;
      cut[k].end += p.begin;
    }
    cut_kinds.resize(cut.size(), Vocab::kNone);
  }
  pieces = std::move(cut);
  kinds = std::move(cut_kinds);
  return ok;
}

// Rewrites each text piece with `change`; the rest (added tokens, text a split removed) is kept. The
// origins compose: the new text's bytes point into the input as the old text's did. `at_start`: the
// text starts the input (a Metaspace "first" prepends only to the piece that does).
void change_text_pieces(const Normalizer& change, bool at_start, NormalizedText& text, std::vector<Span>& pieces,
                        const std::vector<uint32_t>& kinds) {
  NormalizedText out;
  const auto keep = [&](uint32_t b, uint32_t e) {
    out.text.append(text.text, b, e - b);
    for (uint32_t k = b; k < e; ++k) out.origin.push_back(text.origin[k]);
  };
  uint32_t at = 0;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Span p = pieces[i];
    keep(at, p.begin);
    at = p.end;
    const auto begin = static_cast<uint32_t>(out.text.size());
    if (kinds[i] != Vocab::kNone) {
      keep(p.begin, p.end);
    } else {
      const NormalizedText changed =
          change.apply(std::string_view(text.text).substr(p.begin, p.end - p.begin), at_start && text.origin[p.begin] == 0);
      out.text += changed.text;
      for (std::size_t k = 0; k < changed.text.size(); ++k) out.origin.push_back(text.origin[p.begin + changed.origin[k]]);
    }
    pieces[i] = {begin, static_cast<uint32_t>(out.text.size())};
  }
  keep(at, static_cast<uint32_t>(text.text.size()));
  out.origin.push_back(text.origin.back());
  text = std::move(out);
}

// Hugging Face's order, step by step: the normalizer; the added tokens it looks for in normalized text;
// then the pre-tokenizer, whose splits cut each piece and whose changes rewrite each piece. A copy of
// the text per change: only models that need it take this path (HfModel::piecewise). False when a
// regex split gave up.
bool cut_piecewise(const HfModel& hf, std::string_view text, bool at_start, const SpecialPolicy* policy,
                   NormalizedText& normalized, std::vector<Span>& pieces, std::vector<uint32_t>& piece_ids) {
  normalized = hf.normalizer.apply(text, at_start);
  const std::string_view work = normalized.text;
  const auto add = [&](std::size_t b, std::size_t e, uint32_t id) {
    if (e == b) return;
    pieces.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    piece_ids.push_back(id);
  };
  if (policy && !hf.added_after_normalizer.empty()) {
    match_added_tokens(
        work, 0, work.size(), hf.added_after_normalizer, hf.added_after_normalizer_trie,
        [&](std::size_t k) { return policy->allows(hf.added_after_normalizer[k]); },
        [&](std::size_t b, std::size_t e) { add(b, e, Vocab::kNone); },
        [&](const SpecialToken& added, std::size_t b, std::size_t e) { add(b, e, added.id); });
  } else {
    add(0, work.size(), Vocab::kNone);
  }
  const std::span<const SplitRule> splits = hf.splits;
  std::size_t split = 0;
  bool ok = true;
  for (const HfModel::PieceChange& c : hf.piece_changes) {
    ok &= split_text_pieces(splits.subspan(split, c.after_splits - split), normalized.text, pieces, piece_ids);
    split = c.after_splits;
    change_text_pieces(c.change, at_start, normalized, pieces, piece_ids);
  }
  ok &= split_text_pieces(splits.subspan(split), normalized.text, pieces, piece_ids);
  return ok;
}

// The pieces of `text` as the model's pre-tokenizer cuts them, each with the id of the added token it
// is (matched in normalized text) or kNone. Their offsets are in `normalized`, which stays empty when
// the model leaves the text as it is. False when a regex split gave up.
bool cut_pieces(const HfModel& hf, std::string_view text, bool at_start, const SpecialPolicy* policy,
                NormalizedText& normalized, std::vector<Span>& pieces, std::vector<uint32_t>& piece_ids) {
  if (hf.piecewise) return cut_piecewise(hf, text, at_start, policy, normalized, pieces, piece_ids);
  std::string_view work = text;
  if (!hf.normalizer.identity()) {
    normalized = hf.normalizer.apply(text, at_start);
    work = normalized.text;
  }
  const bool ok = apply_splits(hf.splits, work, pieces);
  piece_ids.resize(pieces.size(), Vocab::kNone);
  return ok;
}

// Where a place in the text the pieces were cut from (cut_pieces) is in the input.
uint32_t in_input(const NormalizedText& normalized, uint32_t offset, uint32_t at) {
  return offset + (normalized.origin.empty() ? at : normalized.origin[at]);
}

}  // namespace

void HfEncoder::symbols(std::string_view piece, std::vector<Symbol>& symbols) const {
  const HfModel& hf = model;
  symbols.clear();
  if (hf.byte_level) {
    for (const char c : piece) symbols.push_back({hf.byte_tokens[static_cast<unsigned char>(c)], 1});
    return;
  }
  // Characters; one not in the vocabulary becomes its bytes' <0xNN> tokens (byte fallback), else the
  // unknown token (consecutive ones fused if fuse_unk), else nothing, as in Hugging Face.
  bool unk_pending = false;
  uint32_t unk_length = 0;
  for (std::size_t pos = 0; pos < piece.size();) {
    const auto n = static_cast<uint32_t>(utf8_char_length(piece, pos));
    const uint32_t id = ranks.find(piece.substr(pos, n));
    if (id != Vocab::kNone) {
      if (unk_pending) symbols.push_back({hf.unk_id, unk_length});
      unk_pending = false;
      symbols.push_back({id, n});
    } else if (hf.byte_fallback && std::all_of(piece.begin() + static_cast<std::ptrdiff_t>(pos),
                                               piece.begin() + static_cast<std::ptrdiff_t>(pos + n), [&](char c) {
                                                 return hf.byte_tokens[static_cast<unsigned char>(c)] != Vocab::kNone;
                                               })) {
      // Hugging Face adds these without first adding a pending unknown token; so do we.
      for (uint32_t i = 0; i < n; ++i) symbols.push_back({hf.byte_tokens[static_cast<unsigned char>(piece[pos + i])], 1});
    } else if (hf.unk_id != Vocab::kNone) {
      if (unk_pending && hf.fuse_unk) {
        unk_length += n;
      } else {
        if (unk_pending) symbols.push_back({hf.unk_id, unk_length});
        unk_pending = true;
        unk_length = n;
      }
    }
    pos += n;
  }
  if (unk_pending) symbols.push_back({hf.unk_id, unk_length});
}

uint32_t HfEncoder::find_normalized_token(std::string_view input) const {
  std::string text = model.normalizer.apply(input, false).text;
  for (const HfModel::PieceChange& c : model.piece_changes) text = c.change.apply(text, false).text;
  return ranks.find(text);
}

Encoding::PieceMerges HfEncoder::merge_piece(std::string_view piece, std::vector<MergeStep>& steps) const {
  Encoding::PieceMerges out;
  std::vector<Symbol> merged;
  symbols(piece, merged);
  uint32_t at = 0;
  for (const Symbol& s : merged) {
    out.symbols.push_back({s.id, at, at + s.length});
    at += s.length;
  }
  PairScratch scratch;
  pair_merge(model.merges, merged, scratch, &steps);
  at = 0;
  for (const Symbol& s : merged) {
    out.bounds.push_back(at);
    at += s.length;
  }
  return out;
}

Status HfEncoder::pieces(std::string_view text, uint32_t offset, const SpecialPolicy* policy,
                         std::vector<Span>& out) const {
  thread_local std::vector<Span> cut;
  thread_local std::vector<uint32_t> piece_ids;
  cut.clear();
  piece_ids.clear();
  NormalizedText normalized;
  const bool split_ok = cut_pieces(model, text, offset == 0, policy, normalized, cut, piece_ids);
  for (const Span& p : cut) out.push_back({in_input(normalized, offset, p.begin), in_input(normalized, offset, p.end)});
  return split_ok ? Status{} : split_gave_up();
}

Status HfEncoder::encode(std::string_view text, uint32_t offset, const SpecialPolicy* policy,
                         std::vector<Token>& tokens, std::vector<PieceTrace>* traces) const {
  const HfModel& hf = model;
  thread_local std::vector<Span> pieces;
  thread_local std::vector<uint32_t> piece_ids;  // an added token matched in the normalized text, else kNone
  pieces.clear();
  piece_ids.clear();
  NormalizedText normalized;
  const bool split_ok = cut_pieces(hf, text, offset == 0, policy, normalized, pieces, piece_ids);
  const std::string_view work = normalized.origin.empty() ? text : std::string_view(normalized.text);
  const auto original = [&](uint32_t at) { return in_input(normalized, offset, at); };
  thread_local std::vector<Symbol> merged;
  thread_local PairScratch scratch;  // kept between calls, like merged: a text with many specials has many segments
  PieceCache& cache = piece_cache_for(cache_serial);
  uint32_t ids[PieceCache::kMaxPieceBytes];
  uint8_t lengths[PieceCache::kMaxPieceBytes];
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Span p = pieces[i];
    const std::string_view piece = work.substr(p.begin, p.end - p.begin);
    PieceTrace* trace = nullptr;
    if (traces) {
      traces->emplace_back();
      trace = &traces->back();
      trace->begin = original(p.begin);
      trace->end = original(p.end);
    }
    if (piece_ids[i] != Vocab::kNone) {
      const Token t{piece_ids[i], original(p.begin), original(p.end)};
      if (trace) {
        trace->special_id = t.id;
        trace->tokens.push_back(t);
      } else {
        tokens.push_back(t);
      }
      continue;
    }
    const auto emit = [&](uint32_t id, uint32_t b, uint32_t e) {
      const Token t{id, original(p.begin + b), original(p.begin + e)};
      if (trace) trace->tokens.push_back(t);
      else tokens.push_back(t);
    };
    const uint64_t h = Vocab::hash(piece);
    if (hf.ignore_merges) {
      if (const uint32_t id = ranks.find(piece, h); id != Vocab::kNone) {
        if (trace) trace->whole_piece_token = true;
        emit(id, 0, static_cast<uint32_t>(piece.size()));
        continue;
      }
    }
    const bool cacheable = !trace && piece.size() <= PieceCache::kMaxPieceBytes;
    if (PieceCache::Hit hit; cacheable && cache.find(piece, h, hit)) {
      uint32_t b = 0;
      for (uint32_t i = 0; i < hit.count; ++i) {
        emit(hit.ids[i], b, b + hit.lengths[i]);
        b += hit.lengths[i];
      }
      continue;
    }
    symbols(piece, merged);
    if (trace && !(hf.byte_level && normalized.origin.empty())) {
      uint32_t at = 0;
      for (const Symbol& s : merged) {
        trace->symbols.push_back({s.id, original(p.begin + at), original(p.begin + at + s.length)});
        at += s.length;
      }
    }
    const std::size_t first_step = trace ? trace->steps.size() : 0;
    pair_merge(hf.merges, merged, scratch, trace ? &trace->steps : nullptr);
    if (trace && !normalized.origin.empty()) {
      // Steps are drawn over the input, like tokens: offsets in the piece of the input.
      for (std::size_t i = first_step; i < trace->steps.size(); ++i) {
        MergeStep& m = trace->steps[i];
        m.begin = original(p.begin + m.begin) - trace->begin;
        m.mid = original(p.begin + m.mid) - trace->begin;
        m.end = original(p.begin + m.end) - trace->begin;
      }
    }
    uint32_t b = 0, count = 0;
    for (const Symbol& s : merged) {
      emit(s.id, b, b + s.length);
      if (cacheable) {
        ids[count] = s.id;
        lengths[count++] = static_cast<uint8_t>(s.length);
      }
      b += s.length;
    }
    // A character dropped as unknown leaves the cached lengths short of the piece: not cached.
    if (cacheable && b == piece.size()) cache.insert(piece, h, ids, lengths, count);
  }
  return split_ok ? Status{} : split_gave_up();
}

}  // namespace bpeviz
