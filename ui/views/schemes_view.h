// The Schemes tab: the current text cut by characters, bytes, words and the shown BPE
// (core/explain/schemes.h), as a table (tokens, distinct tokens, vocabulary needed, unseen words, bytes per
// token), a bar chart of token counts, and the text drawn under each scheme with the token view.
// The comparison is cached by the app's tokens serial, so it runs once per text or encoding change.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/explain/schemes.h"
#include "core/token.h"
#include "core/explain/token_groups.h"
#include "ui/fonts/fonts.h"
#include "ui/tokens/token_view.h"

namespace bpeviz {

struct SchemesViewState {
  // Longer texts are counted whole but drawn only this far (the token view lays out every tile).
  static constexpr uint32_t kDrawBytes = 8 * 1024;

  // The comparison, as of `serial` (the app's tokens_serial); `computed` is false before the first.
  bool computed = false;
  uint64_t serial = 0;
  std::string encoding;             // the encoding it compared ("bytes" for the byte-level baseline)
  std::vector<SchemeResult> results;
  std::string error;                // why there are no results
  Encoding bytes_model;             // the baseline as a BPE with no merges, made on first use

  // One per result: its tiles over the first kDrawBytes of the text, and the token view drawing them.
  struct Drawn {
    std::vector<Token> tokens;      // ids as the scheme would number them; kUntokenized between words
    std::vector<TokenGroup> groups;
    std::vector<Span> unseen;       // words the reference vocabulary lacks, outlined
    TokenViewState view;
  };
  std::vector<Drawn> drawn;
  uint32_t drawn_bytes = 0;
  uint64_t drawn_revision = 0;      // bumped with every comparison, so the views lay out again
};

struct SchemesInput {
  uint64_t serial = 0;              // changes whenever the text or the encoding does
  std::string_view text;
  std::string_view encoding_name;   // "bytes" for the byte-level baseline
  const Encoding* encoding = nullptr;  // null for the byte-level baseline
};

// Compares again when the input's serial differs from the one compared.
void update_schemes_view(SchemesViewState& state, const SchemesInput& input);
// True when state.results are those of the input (update_schemes_view has run for its serial).
bool schemes_current(const SchemesViewState& state, const SchemesInput& input);
void draw_schemes_view(SchemesViewState& state, const Fonts& fonts, const SchemesInput& input);

// A scheme's tokens over text[0, end) as tiles with the ids that scheme would give: a character's
// code point, a byte's value, a word's number in order of first appearance (equal words, equal
// ids and colours), or the BPE's token id. White space that a word scheme leaves out becomes
// kUntokenized tokens, so the tiles cover the text. `bpe` is the encoding the result came from.
std::vector<Token> scheme_tiles(const SchemeResult& result, std::string_view text, uint32_t end, const Encoding& bpe);

// The length of a bar for `tokens` when `most` fills `width`: proportional, but never under
// kMinBar pixels for a non-empty count, so 1 token beside 10,000 still shows.
inline constexpr float kMinBar = 3.0f;
float scheme_bar_length(std::size_t tokens, std::size_t most, float width);

}  // namespace bpeviz
