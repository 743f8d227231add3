// The encode player: per-pre-token merge traces interleaved by rank into one sequence of steps.
#include "core/explain/encode_player.h"

#include <algorithm>
#include <queue>

namespace bpeviz {

namespace {

// A pre-token's steps as the player applies them: its merges, then, if tiktoken takes the piece whole
// and the merges end in more than one token, one whole-piece step.
struct PieceScript {
  uint32_t begin = 0;
  std::vector<MergeStep> steps;  // relative to the piece
  std::size_t next = 0;
  std::size_t tokens = 0;        // tokens the piece has now
  bool ends_whole = false;       // the last step is the whole-piece step
};

}  // namespace

Result<EncodePlayer> EncodePlayer::create(const Encoding& encoding, std::string_view text, const SpecialPolicy& policy,
                                          Span window) {
  using R = Result<EncodePlayer>;
  EncodePlayer player;
  player.encoding_ = &encoding;
  player.text_ = text;

  // Widen the window to whole pre-tokens.
  auto pieces = encoding.pieces(text, policy);
  if (!pieces.ok()) return R::failure(pieces.error);
  if (window.end <= window.begin) window = {0, static_cast<uint32_t>(text.size())};
  window.end = std::min<uint32_t>(window.end, static_cast<uint32_t>(text.size()));
  Span span{window.begin, window.begin};
  bool first = true;
  std::vector<Span> expected;
  for (const Span& p : pieces.value) {
    if (p.end <= window.begin || p.begin >= window.end) continue;
    if (first) span.begin = p.begin;
    first = false;
    span.end = p.end;
    expected.push_back(p);
  }
  player.span_ = span;

  // Trace the span alone. A pre-token's scan never looks behind it, and only its last character's
  // look-ahead could see past the span; if the span's pieces still differ from the whole text's, the
  // whole text is traced instead and cut to the span.
  const std::string_view played = text.substr(span.begin, span.end - span.begin);
  auto trace = encoding.trace(played, policy);
  if (!trace.ok()) return R::failure(trace.error);
  uint32_t offset = span.begin;
  bool same = trace.value.size() == expected.size();
  for (std::size_t i = 0; same && i < expected.size(); ++i) {
    same = trace.value[i].begin + offset == expected[i].begin && trace.value[i].end + offset == expected[i].end;
  }
  if (!same) {
    trace = encoding.trace(text, policy);
    if (!trace.ok()) return R::failure(trace.error);
    std::erase_if(trace.value, [&](const PieceTrace& p) { return p.end <= span.begin || p.begin >= span.end; });
    offset = 0;
  }

  std::vector<PieceScript> scripts;
  for (PieceTrace& p : trace.value) {
    const uint32_t begin = p.begin + offset, end = p.end + offset;
    if (p.special_id != Vocab::kNone) {
      player.specials_.push_back({p.special_id, begin, end});
      ++player.tokens_before_;
      continue;
    }
    PieceScript s;
    s.begin = begin;
    s.steps = std::move(p.steps);
    s.tokens = end - begin;
    if (!p.symbols.empty()) {
      // The first tiles are the symbols (a character is one tile; a symbol covering no input is none).
      s.tokens = 0;
      for (const Token& symbol : p.symbols) {
        if (symbol.end == symbol.begin) continue;
        ++s.tokens;
        player.made_[uint64_t{symbol.begin + offset} << 32 | (symbol.end + offset)] = symbol.id;
        for (uint32_t i = symbol.begin + 1; i < symbol.end; ++i) player.inside_symbol_.push_back(i + offset);
      }
    }
    const std::size_t after_merges =
        s.tokens - static_cast<std::size_t>(std::count_if(s.steps.begin(), s.steps.end(), [](const MergeStep& m) {
          return m.mid != m.begin && m.mid != m.end;  // a part covering no input takes no tile away
        }));
    if (p.whole_piece_token && after_merges > 1) {
      s.steps.push_back({p.tokens[0].id, 0, 0, end - begin, p.tokens[0].id});
      s.ends_whole = true;
    }
    player.tokens_before_ += s.tokens;
    scripts.push_back(std::move(s));
  }

  // Interleave by rank: a min-heap of (next rank, piece index).
  using Entry = std::pair<uint32_t, std::size_t>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    if (!scripts[i].steps.empty()) queue.push({scripts[i].steps[0].rank, i});
  }
  std::size_t tokens = player.tokens_before_;
  while (!queue.empty()) {
    const uint32_t rank = queue.top().first;
    PlayerStep step;
    step.rank = rank;
    std::vector<std::size_t> touched;
    while (!queue.empty() && queue.top().first == rank) {
      const std::size_t i = queue.top().second;
      queue.pop();
      PieceScript& s = scripts[i];
      // The same rank again in this piece ("aaaa": (a, a) twice) belongs to the same step.
      while (s.next < s.steps.size() && s.steps[s.next].rank == rank) {
        const MergeStep& m = s.steps[s.next++];
        step.id = m.id;
        step.places.push_back({s.begin + m.begin, s.begin + m.mid, s.begin + m.end});
        player.made_[uint64_t{s.begin + m.begin} << 32 | (s.begin + m.end)] = m.id;
        // The whole-piece step makes all the piece's tokens one. A merge with a part that covers no
        // input (a "▁" a normalizer put in front) leaves the tiles as they were.
        const bool whole = s.ends_whole && s.next == s.steps.size();
        const std::size_t merged = whole ? s.tokens - 1 : m.mid == m.begin || m.mid == m.end ? 0 : 1;
        s.tokens -= merged;
        tokens -= merged;
      }
      touched.push_back(i);
    }
    for (std::size_t i : touched) {
      if (scripts[i].next < scripts[i].steps.size()) queue.push({scripts[i].steps[scripts[i].next].rank, i});
    }
    std::sort(step.places.begin(), step.places.end(),
              [](const PlayerPlace& a, const PlayerPlace& b) { return a.begin < b.begin; });
    step.tokens_after = tokens;
    player.steps_.push_back(std::move(step));
  }
  return {std::move(player), {}};
}

std::vector<Token> EncodePlayer::tokens_at(std::size_t k) const {
  // A boundary before every byte of the span, then each step removes the boundaries it merges.
  const uint32_t n = span_.end - span_.begin;
  std::vector<bool> boundary(n + 1, true);
  for (const Token& s : specials_) {
    for (uint32_t i = s.begin + 1; i < s.end; ++i) boundary[i - span_.begin] = false;
  }
  for (const uint32_t i : inside_symbol_) boundary[i - span_.begin] = false;
  for (std::size_t i = 0; i < std::min(k, steps_.size()); ++i) {
    for (const PlayerPlace& p : steps_[i].places) {
      for (uint32_t b = p.mid == p.begin ? p.begin + 1 : p.mid; b < (p.mid == p.begin ? p.end : p.mid + 1); ++b) {
        boundary[b - span_.begin] = false;
      }
    }
  }
  std::vector<Token> tokens;
  std::size_t next_special = 0;
  for (uint32_t b = 0; b < n;) {
    uint32_t e = b + 1;
    while (e < n && !boundary[e]) ++e;
    const uint32_t begin = span_.begin + b, end = span_.begin + e;
    uint32_t id;
    if (next_special < specials_.size() && specials_[next_special].begin == begin) {
      id = specials_[next_special++].id;
    } else {
      id = id_of(begin, end);
    }
    tokens.push_back({id, begin, end});
    b = e;
  }
  return tokens;
}

std::pair<uint32_t, uint32_t> EncodePlayer::parts(const PlayerPlace& place) const {
  if (place.mid == place.begin) return {Vocab::kNone, Vocab::kNone};
  return {id_of(place.begin, place.mid), id_of(place.mid, place.end)};
}

// A span is made by at most one step (spans are offsets in the text); one no step made is a first
// symbol, found by its text (normalized, for a model with a normalizer: " " is "▁" to SentencePiece).
uint32_t EncodePlayer::id_of(uint32_t begin, uint32_t end) const {
  if (const auto it = made_.find(uint64_t{begin} << 32 | end); it != made_.end()) return it->second;
  return encoding_->find_input_token(text_.substr(begin, end - begin));
}

}  // namespace bpeviz
