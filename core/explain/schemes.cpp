// Counting the same text under character, byte, word and BPE tokenization.
#include "core/explain/schemes.h"

#include <set>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

void finish(SchemeResult& r, std::string_view text) {
  std::set<std::string_view> seen;
  for (const Span& s : r.spans) seen.insert(text.substr(s.begin, s.end - s.begin));
  r.tokens = r.spans.size();
  r.distinct = seen.size();
  r.bytes_per_token = r.tokens == 0 ? 0 : static_cast<double>(text.size()) / static_cast<double>(r.tokens);
}

SchemeResult words(std::string name, std::string_view text, Pretokenizer kind, bool drop_whitespace, const Encoding& bpe) {
  SchemeResult r;
  r.name = std::move(name);
  std::vector<Span> pieces;
  pretokenize(kind, text, pieces);
  std::set<std::string_view> unseen;
  for (const Span& p : pieces) {
    const std::string_view word = text.substr(p.begin, p.end - p.begin);
    // The whitespace pre-tokenizer alternates runs of White_Space and runs of everything else, so a
    // piece is white space when its first character is (U+00A0 and U+3000 as much as a space).
    if (drop_whitespace && is_white_space(utf8_code_point(text, p.begin))) continue;
    r.spans.push_back(p);
    if (is_unseen_word(word, bpe)) unseen.insert(word);
  }
  finish(r, text);
  r.vocabulary = r.distinct;
  r.unseen = unseen.size();
  return r;
}

}  // namespace

bool is_unseen_word(std::string_view word, const Encoding& bpe) {
  return bpe.ranks().find(word) == Vocab::kNone && bpe.ranks().find(" " + std::string(word)) == Vocab::kNone;
}

std::vector<SchemeResult> compare_schemes(std::string_view text, const Encoding& bpe) {
  std::vector<SchemeResult> out;

  SchemeResult chars;
  chars.name = "characters";
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_char_length(text, i);
    chars.spans.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + n)});
    i += n;
  }
  finish(chars, text);
  chars.vocabulary = 0x110000;
  out.push_back(std::move(chars));

  SchemeResult bytes;
  bytes.name = "bytes";
  for (uint32_t i = 0; i < text.size(); ++i) bytes.spans.push_back({i, i + 1});
  finish(bytes, text);
  bytes.vocabulary = 256;
  out.push_back(std::move(bytes));

  // Words split at whitespace (the whitespace itself is not a token here), and the BPE's own
  // pre-tokens taken as words (its regex keeps the leading space and the punctuation apart).
  out.push_back(words("words (whitespace)", text, Pretokenizer::whitespace, true, bpe));
  // Only a regex is a second notion of word: without one (a byte-level or "none" model) the pre-tokens
  // are the whole text, and "whitespace" pre-tokens would repeat the row above under the same name.
  if (bpe.pretokenizer() != Pretokenizer::none && bpe.pretokenizer() != Pretokenizer::whitespace) {
    out.push_back(words("words (" + std::string(pretokenizer_name(bpe.pretokenizer())) + ")", text, bpe.pretokenizer(), false, bpe));
  }

  SchemeResult tokens;
  tokens.name = "BPE (" + bpe.name() + ")";
  auto encoded = bpe.encode_with_spans(text, SpecialPolicy::all_as_text());
  for (const Token& t : encoded.value) tokens.spans.push_back({t.begin, t.end});
  finish(tokens, text);
  tokens.vocabulary = bpe.n_vocab();
  out.push_back(std::move(tokens));
  return out;
}

}  // namespace bpeviz
