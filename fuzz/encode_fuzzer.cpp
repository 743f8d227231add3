// encode for every built-in encoding (and cl100k's ranks under the `none` and `whitespace`
// pre-tokenizers, which put whole inputs through the long-piece merge), with a special-token policy
// taken from the input. Checks, on any bytes (valid UTF-8 or not):
//  - decode(encode(x)) == x, for encode_ordinary and for encode under the policy (but for special
//    ids with two names, which decode to the later one, as in tiktoken);
//  - token spans lie inside the input, are contiguous and cover it, and each span's bytes are its
//    token's bytes; encode, encode_with_spans and trace agree; pieces cover the input;
//  - the policy: an error exactly when a special token it does not allow is in the text (and it
//    makes those errors), else the ids of encode_ordinary over the text between allowed specials;
//  - decode_text is decode_bytes with ill-formed UTF-8 repaired; the merge of every short piece
//    equals the slow reference merge.
// Input: byte 0 picks the encoding, byte 1 the policy, byte 2 which specials it allows; the rest is text.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/bpe_merge.h"
#include "core/encoding.h"
#include "core/text/utf8.h"
#include "fuzz/fuzz_util.h"

using namespace bpeviz;

namespace {

const std::vector<const Encoding*>& encodings() {
  static std::vector<std::unique_ptr<Encoding>> variants;
  static const auto all = [] {
    std::vector<const Encoding*> out;
    for (const auto& e : fuzz::builtin_encodings()) {
      out.push_back(e.get());
      if (e->name() != "cl100k_base") continue;
      for (Pretokenizer p : {Pretokenizer::none, Pretokenizer::whitespace}) {
        variants.push_back(std::make_unique<Encoding>(e->name() + "+" + std::string(pretokenizer_name(p)), p, e->ranks(),
                                                      e->specials(), e->n_vocab()));
      }
    }
    for (const auto& v : variants) out.push_back(v.get());
    return out;
  }();
  return all;
}

SpecialPolicy policy_from(const Encoding& enc, uint8_t kind, uint8_t bits) {
  switch (kind % 4) {
    case 0: return SpecialPolicy::error_on_specials();
    case 1: return SpecialPolicy::allow_all_specials();
    case 2: return SpecialPolicy::all_as_text();
    default: {
      SpecialPolicy p;
      p.others_are_errors = kind & 4;
      for (std::size_t i = 0; i < enc.specials().size(); ++i) {
        if (bits >> (i % 8) & 1) p.allowed.push_back(enc.specials()[i].text);
      }
      return p;
    }
  }
}

// The ids by the definition: split at the allowed special tokens (leftmost, then longest), and
// encode_ordinary between them.
std::vector<uint32_t> reference_ids(const Encoding& enc, std::string_view text, const SpecialPolicy& policy) {
  std::vector<uint32_t> ids;
  std::size_t start = 0;
  for (std::size_t pos = 0; pos <= text.size(); ++pos) {
    const SpecialToken* match = nullptr;
    if (pos < text.size()) {
      for (const auto& s : enc.specials()) {
        if (text.compare(pos, s.text.size(), s.text) == 0 && (!match || s.text.size() > match->text.size()) &&
            policy.allows(s.text)) {
          match = &s;
        }
      }
      if (!match) continue;
    }
    for (uint32_t id : enc.encode_ordinary(text.substr(start, pos - start)).value) ids.push_back(id);
    if (!match) break;
    ids.push_back(match->id);
    start = pos + match->text.size();
    pos = start - 1;
  }
  return ids;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const Encoding& enc = *encodings()[in.byte() % encodings().size()];
  const uint8_t kind = in.byte(), bits = in.byte();
  const SpecialPolicy policy = policy_from(enc, kind, bits);
  const std::string_view text = in.rest();
  const char* name = enc.name().c_str();

  // encode_ordinary: every byte string round-trips (the vocabularies hold all 256 bytes).
  const std::vector<uint32_t> ordinary = enc.encode_ordinary(text).value;
  auto back = enc.decode_bytes(ordinary);
  FUZZ_CHECK(back.ok() && back.value == text, "%s: encode_ordinary does not round-trip (%s)", name, back.error.c_str());
  auto as_text = enc.encode(text, SpecialPolicy::all_as_text());
  FUZZ_CHECK(as_text.ok() && as_text.value == ordinary, "%s: encode(all_as_text) != encode_ordinary", name);

  // The policy's verdict.
  bool forbidden = false;
  if (policy.others_are_errors && !policy.allow_all) {
    for (const auto& s : enc.specials()) forbidden = forbidden || (!policy.allows(s.text) && text.find(s.text) != text.npos);
  }
  auto ids = enc.encode(text, policy);
  auto spans = enc.encode_with_spans(text, policy);
  FUZZ_CHECK(ids.ok() == !forbidden && spans.ok() == !forbidden, "%s: error \"%s\" but forbidden=%d", name,
             ids.error.c_str(), forbidden);
  if (forbidden) return 0;
  FUZZ_CHECK(ids.value == reference_ids(enc, text, policy), "%s: ids differ from the reference split", name);

  // Spans: in order, contiguous, covering the input, each holding its token's bytes (a special
  // token's span: one of its names that the policy allows). Decoding gives the text back, except
  // that a special id with two names decodes to the later one, as tiktoken does (o200k_harmony's
  // 200018 is "<|endofprompt|>" and "<|reserved_200018|>").
  FUZZ_CHECK(spans.value.size() == ids.value.size(), "%s", name);
  std::string expected;
  uint32_t at = 0;
  for (std::size_t i = 0; i < spans.value.size(); ++i) {
    const Token& t = spans.value[i];
    FUZZ_CHECK(t.id == ids.value[i] && t.begin == at && t.begin < t.end && t.end <= text.size(),
               "%s: token %zu [%u, %u) id %u", name, i, t.begin, t.end, t.id);
    const std::string_view span = text.substr(t.begin, t.end - t.begin);
    if (enc.is_special(t.id)) {
      bool named = false;
      for (const auto& s : enc.specials()) named = named || (s.id == t.id && s.text == span);
      FUZZ_CHECK(named && policy.allows(span), "%s: special token %zu", name, i);
    } else {
      FUZZ_CHECK(enc.token_bytes(t.id) == span, "%s: token %zu's bytes", name, i);
    }
    expected += enc.token_bytes(t.id);
    at = t.end;
  }
  FUZZ_CHECK(at == text.size(), "%s: tokens end at %u of %zu", name, at, text.size());
  back = enc.decode_bytes(ids.value);
  FUZZ_CHECK(back.ok() && back.value == expected, "%s: decode(encode(x)) != x", name);
  auto repaired = enc.decode_text(ids.value);
  FUZZ_CHECK(repaired.ok() && repaired.value == utf8_repair(expected), "%s: decode_text", name);
  FUZZ_CHECK(!utf8_is_valid(expected) || repaired.value == expected, "%s: decode_text changed valid UTF-8", name);

  // Pieces cover the input; the trace's tokens are encode's; short pieces merge as the reference does.
  auto pieces = enc.pieces(text, policy);
  FUZZ_CHECK(pieces.ok(), "%s", name);
  at = 0;
  for (const Span& s : pieces.value) {
    FUZZ_CHECK(s.begin == at && s.begin < s.end, "%s: piece [%u, %u) after %u", name, s.begin, s.end, at);
    at = s.end;
  }
  FUZZ_CHECK(at == text.size(), "%s: pieces end at %u", name, at);
  if (text.size() > 8192) return 0;
  auto trace = enc.trace(text, policy);
  FUZZ_CHECK(trace.ok() && trace.value.size() == pieces.value.size(), "%s: trace", name);
  std::vector<Token> traced;
  for (std::size_t i = 0; i < trace.value.size(); ++i) {
    const PieceTrace& p = trace.value[i];
    FUZZ_CHECK(p.begin == pieces.value[i].begin && p.end == pieces.value[i].end, "%s: trace piece %zu", name, i);
    traced.insert(traced.end(), p.tokens.begin(), p.tokens.end());
    if (p.special_id != Vocab::kNone || p.whole_piece_token || p.end - p.begin > 128) continue;
    const auto reference = bpe_merge_reference(enc.ranks(), text.substr(p.begin, p.end - p.begin));
    FUZZ_CHECK(reference.size() == p.tokens.size(), "%s: piece %zu: %zu tokens, the reference %zu", name, i,
               p.tokens.size(), reference.size());
    for (std::size_t k = 0; k < reference.size(); ++k) {
      FUZZ_CHECK(enc.token_bytes(p.tokens[k].id) == reference[k], "%s: piece %zu token %zu", name, i, k);
    }
  }
  FUZZ_CHECK(traced == spans.value, "%s: trace tokens != encode_with_spans", name);
  return 0;
}
