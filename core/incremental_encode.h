// Re-encoding after an edit: only the text around it, not the whole text. A keystroke in a long text
// then costs what its neighbourhood costs (issue 5: a keystroke in 100 KB within one frame); a long
// text is tokenized by parts that end at the same places.
//
// Why it is exact: under the tiktoken-style scanners (gpt2, cl100k, o200k, qwen2, whitespace) a piece
// always ends at a "cut" — after a newline that is followed by a character other than white space or
// "/" (o200k's punctuation piece takes the newlines and slashes after it: ";\n//"), and
// between an ASCII letter or digit and the ASCII white space after it — and no alternative of their
// patterns looks past the character after a cut (or past a special token that starts there). BPE
// never merges across pieces. So a cut that the edit left untouched on both sides (and in its
// look-ahead) is a token boundary before and after the edit, and the tokens
// before the last cut ahead of the edit and after the first cut behind it stay as they were (shifted).
// The part between is encoded with the character after its end, so that a piece's look-ahead
// ("\s+(?!\S)") sees what it sees in the whole text, or with the special token that starts there.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/text/pretokenize.h"
#include "core/status.h"
#include "core/token.h"

namespace bpeviz {

// Where `after` differs from `before`: before[begin, old_end) became after[begin, new_end).
struct TextEdit {
  uint32_t begin = 0, old_end = 0, new_end = 0;
};
TextEdit find_text_edit(std::string_view before, std::string_view after);

// Whether the encoding's pieces always end at a cut (see above): a tiktoken-style scanner, no Hugging
// Face pipeline, and no special token with white space in it (one could hold a cut).
bool pieces_end_at_cuts(const Encoding& encoding);

// The last cut at or before `at` (0 when there is none), and the first at or after it (the text's size
// when there is none). A cut is a position i with text[i-1] a newline and text[i] the start of a
// character that is neither White_Space nor "/", or text[i-1] an ASCII letter or digit and text[i] ASCII
// white space.
uint32_t cut_at_or_before(std::string_view text, uint32_t at);
uint32_t cut_at_or_after(std::string_view text, uint32_t at);

// What a part is encoded with after its end: a character, or as long as the encoding's longest special
// token. A special token that starts at a cut ends the text before it (with white space at the end of
// the text before a special token, "\s+(?!\S)" takes the whole run): it is the cut's look-ahead too.
uint32_t cut_look_ahead(const Encoding& encoding);

// The last cut before `edit` whose character before it and `look_ahead` bytes after it the edit left
// untouched (0 when there is none): the tokens before it stay as they were.
uint32_t cut_before_edit(std::string_view after, const TextEdit& edit, uint32_t look_ahead);

// The part of `after` that reencode_edit encodes again for `edit`: from cut_before_edit to the first
// cut after the edit.
Span reencoded_span(const Encoding& encoding, std::string_view after, const TextEdit& edit);

// The tokens and pieces of text[begin, end), both cuts (or the text's ends), as they are in the
// whole text (offsets into it): encoded with the cut's look-ahead after `end`, so that a piece's
// look-ahead sees what it sees in the whole text. An error when the part, or a special token starting
// at its end, is one under the policy.
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
// date with `after`, re-encoding from the cut before the edit to the cut after it. The
// encoding's pieces must end at cuts. An error when the re-encoded part is one under the policy (the
// lists are then unchanged).
Result<Reencoded> reencode_edit(const Encoding& encoding, const SpecialPolicy& policy, std::string_view after,
                                const TextEdit& edit, std::vector<Token>& tokens, std::vector<Span>& pieces);

}  // namespace bpeviz
