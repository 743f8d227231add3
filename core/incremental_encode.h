// Re-encoding after an edit: only the lines around it, not the whole text. A keystroke in a long
// text then costs what its neighbourhood costs (issue 5: a keystroke in 100 KB within one frame).
//
// Why it is exact: under the tiktoken-style scanners (gpt2, cl100k, o200k, qwen2, whitespace) a piece
// always ends between a newline and an ASCII letter or digit after it — no alternative of their
// patterns reaches across "\nX" — and BPE never merges across pieces. Such a place ("a line cut") that
// the edit left untouched on both sides is a token boundary before and after the edit, so the tokens
// before the last cut ahead of the edit and after the first cut behind it stay as they were (shifted).
// The part between is encoded with the letter after its end, so that a piece's look-ahead sees what
// it sees in the whole text.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/pretokenize.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

// Where `after` differs from `before`: before[begin, old_end) became after[begin, new_end).
struct TextEdit {
  uint32_t begin = 0, old_end = 0, new_end = 0;
};
TextEdit find_text_edit(std::string_view before, std::string_view after);

// Whether the encoding's pieces always end at a line cut (see above): a tiktoken-style scanner, no
// Hugging Face pipeline, and no special token with a newline in it.
bool cuts_at_line_starts(const Encoding& encoding);

// The last line cut at or before `at` (0 when there is none), and the first at or after it (the
// text's size when there is none). A line cut is a position i with text[i-1] == '\n' and text[i] an
// ASCII letter or digit.
uint32_t line_cut_at_or_before(std::string_view text, uint32_t at);
uint32_t line_cut_at_or_after(std::string_view text, uint32_t at);

// The part of `after` that reencode_edit encodes again for `edit`: from the line cut before the edit
// to the one after it (both sides of each untouched).
Span reencoded_span(std::string_view after, const TextEdit& edit);

// The tokens and pieces of text[begin, end), both line cuts (or the text's ends), as they are in the
// whole text (offsets into it): encoded with the character after `end`, so that a piece's look-ahead
// ("\s+(?!\S)") sees what it sees in the whole text. An error when the part is one under the policy.
struct EncodedPart {
  std::vector<Token> tokens;
  std::vector<Span> pieces;
};
Result<EncodedPart> encode_part(const Encoding& encoding, const SpecialPolicy& policy, std::string_view text,
                                uint32_t begin, uint32_t end);

// What reencode_edit replaced: tokens [first_token, old_token_end) by [first_token, new_token_end),
// and likewise the pieces; the bytes [begin, old_end) of the old text by [begin, new_end) of the new.
struct Reencoded {
  uint32_t first_token = 0, old_token_end = 0, new_token_end = 0;
  uint32_t first_piece = 0, old_piece_end = 0, new_piece_end = 0;
  uint32_t begin = 0, old_end = 0, new_end = 0;
};

// Brings `tokens` and `pieces` — those of the text before `edit` under `encoding` and `policy` — up to
// date with `after`, re-encoding from the line cut before the edit to the line cut after it. The
// encoding must cut at line starts. An error when the re-encoded part is one under the policy (the
// lists are then unchanged).
Result<Reencoded> reencode_edit(const Encoding& encoding, const SpecialPolicy& policy, std::string_view after,
                                const TextEdit& edit, std::vector<Token>& tokens, std::vector<Span>& pieces);

}  // namespace bpeviz
