// Hugging Face tokenizer.json: the merge-priority rule where it differs from tiktoken's, the
// SentencePiece path (▁, byte fallback, unknown tokens, decoding), BOS/EOS, spans in the input after
// normalization, and the messages for what bpeviz does not read.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/explain/encode_player.h"
#include "core/hf/hf_tokenizer_json.h"
#include "core/explain/merge_tree.h"
#include "core/formats/tokenizer_files.h"
#include "core/text/pretokenize_patterns.h"

using namespace bpeviz;

namespace {

std::vector<uint32_t> ids(const Encoding& e, std::string_view text, bool add_special_tokens = false) {
  SpecialPolicy policy = SpecialPolicy::allow_all_specials();
  policy.add_special_tokens = add_special_tokens;
  auto r = e.encode(text, policy);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}

Encoding load(const std::string& json) {
  auto r = load_hf_tokenizer_json(json, "test");
  REQUIRE_MESSAGE(r.ok(), r.error);
  return std::move(r.value);
}

std::vector<Token> spans(const Encoding& e, std::string_view text) {
  auto r = e.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}

std::string load_error(const std::string& json) {
  auto r = load_hf_tokenizer_json(json, "test");
  CHECK_FALSE(r.ok());
  return r.error;
}

// Byte-level, no regex: "abc" is a token, but only (b, c) and (a, b) are merges.
const std::string kByteLevel = R"({
  "added_tokens": [{"id": 6, "content": "<|end|>", "special": true, "lstrip": false, "rstrip": false,
                    "single_word": false, "normalized": false}],
  "normalizer": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false},
  "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<|end|>", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {}},
  "decoder": {"type": "ByteLevel"},
  "model": {"type": "BPE", "dropout": null, "unk_token": null, "ignore_merges": false,
            "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "abc": 5, "Ġ": 7},
            "merges": ["b c", ["a", "b"]]}
})";

// SentencePiece style, as Mistral's: ▁ for spaces, byte fallback, BOS, and a Strip decoder.
const std::string kSentencePiece = R"({
  "added_tokens": [{"id": 0, "content": "<unk>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false},
                   {"id": 1, "content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false}],
  "normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"},
                 {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]},
  "pre_tokenizer": null,
  "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
  "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
              {"type": "ByteFallback"}, {"type": "Fuse"}, {"type": "Strip", "content": " ", "start": 1, "stop": 0}]},
  "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "fuse_unk": true, "byte_fallback": true,
            "vocab": {"<unk>": 0, "<s>": 1, "<0xC3>": 2, "<0xA9>": 3, "▁": 4, "h": 5, "i": 6, "▁h": 7, "▁hi": 8, "t": 9, "▁t": 10},
            "merges": ["▁ h", "▁h i", "▁ t"]}
})";

}  // namespace

TEST_CASE("Hugging Face merges by pair priority: a pair not in the merges is never merged") {
  const Encoding e = load(kByteLevel);
  REQUIRE(e.hf_model());
  CHECK(e.hf_model()->pair_rule);
  // (b, c) comes first: a + bc, and (a, bc) is no merge, though "abc" is a token (tiktoken's rule
  // would give ab + c, then abc).
  CHECK(ids(e, "abc") == std::vector<uint32_t>{0, 4});
  CHECK(ids(e, "ab") == std::vector<uint32_t>{3});
  CHECK(ids(e, "abab") == std::vector<uint32_t>{3, 3});
  // Added tokens are matched first; the template puts <|end|> in front only when asked.
  CHECK(ids(e, "ab<|end|>c") == std::vector<uint32_t>{3, 6, 2});
  CHECK(ids(e, "ab", true) == std::vector<uint32_t>{6, 3});
  CHECK(e.decode_text(std::vector<uint32_t>{6, 0, 4}).value == "<|end|>abc");
  CHECK(e.n_vocab() == 8);
}

TEST_CASE("ignore_merges takes a pre-token that is a token whole") {
  std::string json = kByteLevel;
  json.replace(json.find("\"ignore_merges\": false"), 22, "\"ignore_merges\": true");
  const Encoding e = load(json);
  CHECK(ids(e, "abc") == std::vector<uint32_t>{5});
  CHECK(ids(e, "abca") == std::vector<uint32_t>{0, 4, 0});
}

TEST_CASE("SentencePiece style: ▁ for spaces, byte fallback, unknown characters, BOS, spans in the input") {
  const Encoding e = load(kSentencePiece);
  // "hi" → "▁hi"; " t" → "▁t"; "é" is not in the vocabulary: its bytes' tokens.
  CHECK(ids(e, "hi") == std::vector<uint32_t>{8});
  CHECK(ids(e, "hi t") == std::vector<uint32_t>{8, 10});
  CHECK(ids(e, "hié") == std::vector<uint32_t>{8, 2, 3});
  // "x" and "y" have no token and no byte token: one fused <unk>.
  CHECK(ids(e, "hixy") == std::vector<uint32_t>{8, 0});
  CHECK(ids(e, "hi", true) == std::vector<uint32_t>{1, 8});
  // Each segment after an added token gets its own ▁, as Hugging Face normalizes segment by segment.
  CHECK(ids(e, "<s>hi") == std::vector<uint32_t>{1, 8});

  auto tokens = e.encode_with_spans("hi t", SpecialPolicy::allow_all_specials());
  REQUIRE(tokens.ok());
  REQUIRE(tokens.value.size() == 2);
  CHECK(tokens.value[0] == Token{8, 0, 2});  // the prepended ▁ covers nothing of the input
  CHECK(tokens.value[1] == Token{10, 2, 4});  // "▁t" is the space and the t

  CHECK(e.decode_text(std::vector<uint32_t>{1, 8, 10, 2, 3}).value == "<s> hi té");
  CHECK(e.decode_text(std::vector<uint32_t>{8, 10}).value == "hi t");
  CHECK(e.token_bytes(10) == " t");
}

TEST_CASE("merge steps of the trace end where encode ends") {
  const Encoding e = load(kSentencePiece);
  auto trace = e.trace("hi t", SpecialPolicy::allow_all_specials());
  REQUIRE(trace.ok());
  REQUIRE(trace.value.size() == 1);  // no pre-tokenizer: the whole text is one word
  const PieceTrace& p = trace.value[0];
  REQUIRE(p.steps.size() == 3);
  CHECK(p.steps[0].rank == 0);  // ▁ h first
  CHECK(p.steps[1].rank == 1);  // then ▁h i
  CHECK(p.steps[2].rank == 2);  // then ▁ t
  CHECK(p.tokens == std::vector<Token>{{8, 0, 2}, {10, 2, 4}});
}

TEST_CASE("a tokenizer.json is recognised among tokenizer files") {
  const std::vector<TokenizerFile> files{{"tokenizer.json", kByteLevel}};
  CHECK(tokenizer_files_kind(files) == "tokenizer.json");
  auto e = load_tokenizer_files(files, Pretokenizer::none, "mine");
  REQUIRE(e.ok());
  CHECK(e.value.name() == "mine");
}

TEST_CASE("what bpeviz does not read is refused with the component and its place") {
  CHECK(load_error("{\"model\": ").starts_with("not valid JSON (at byte"));
  CHECK(load_error("[1, 2]").starts_with("not a tokenizer.json"));
  std::string wordpiece = kByteLevel;
  wordpiece.replace(wordpiece.find("\"type\": \"BPE\""), 13, "\"type\": \"WordPiece\"");
  CHECK(load_error(wordpiece) == "model.type: WordPiece models are not supported (bpeviz reads BPE models)");

  std::string regex = kByteLevel;
  const std::string byte_level = R"({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false})";
  regex.replace(regex.find(byte_level), byte_level.size(),
                R"({"type": "Split", "pattern": {"Regex": "(\\w+"}, "behavior": "Isolated", "invert": false})");
  CHECK(load_error(regex) == "pre_tokenizer.pattern: the regex \"(\\w+\" does not compile: end pattern with unmatched parenthesis");

  std::string normalizer = kByteLevel;
  normalizer.replace(normalizer.find("\"normalizer\": null"), 18, R"("normalizer": {"type": "Sequence", "normalizers": [{"type": "NFC"}, {"type": "BertNormalizer"}]})");
  CHECK(load_error(normalizer).starts_with("normalizer.normalizers[1]: the BertNormalizer normalizer is not supported"));

  std::string merges = kByteLevel;
  merges.replace(merges.find("\"b c\""), 5, "\"b x\"");
  CHECK(load_error(merges) == "model.merges[0]: \"x\" is not in the vocabulary");
}

TEST_CASE("a normalized added token under a normalizer is matched in the normalized text, in normalized form") {
  // <s> (1) normalized: its form is "▁<s>" (Prepend), found in "▁hi▁<s>", taking the space with it.
  std::string json = kSentencePiece;
  const std::string s_token = R"("content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false)";
  json.replace(json.find(s_token), s_token.size(),
               R"("content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": true)");
  const Encoding normalized = load(json);
  CHECK(ids(normalized, "hi <s>") == std::vector<uint32_t>{8, 1});
  CHECK(spans(normalized, "hi <s>")[1] == Token{1, 2, 6});
  // At the very start "<s>" is "▁<s>" too; as plain text it is not matched.
  CHECK(ids(normalized, "<s>hi")[0] == 1);
  auto plain = normalized.encode("hi <s>", SpecialPolicy::all_as_text());
  REQUIRE(plain.ok());
  CHECK(std::find(plain.value.begin(), plain.value.end(), 1u) == plain.value.end());
  // Not normalized: matched in the input first, so the space before it is a ▁ of its own.
  CHECK(ids(load(kSentencePiece), "hi <s>") == std::vector<uint32_t>{8, 4, 1});
}

TEST_CASE("the pre-tokenizer's changes are made to each piece: after normalized added tokens, after a split") {
  // NFKC, then Metaspace: <s> (normalized) cuts "hi<s>hi" into "hi", "<s>", "hi" before the ▁ goes in.
  std::string json = kSentencePiece;
  const std::string s_token = R"("content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": false)";
  json.replace(json.find(s_token), s_token.size(),
               R"("content": "<s>", "special": true, "lstrip": false, "rstrip": false, "single_word": false, "normalized": true)");
  const std::string normalizer = R"("normalizer": {"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"},
                 {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]})";
  json.replace(json.find(normalizer), normalizer.size(), R"("normalizer": {"type": "NFKC"})");
  const std::string no_pre = R"("pre_tokenizer": null)";
  std::string always = json, first = json;
  always.replace(always.find(no_pre), no_pre.size(),
                 R"("pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": false})");
  first.replace(first.find(no_pre), no_pre.size(),
                R"("pre_tokenizer": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": false})");
  const Encoding each_piece = load(always);
  CHECK(ids(each_piece, "hi<s>hi") == std::vector<uint32_t>{8, 1, 8});
  CHECK(spans(each_piece, "hi<s>hi")[2] == Token{8, 5, 7});
  CHECK(ids(each_piece, "hi<s>hi t") == std::vector<uint32_t>{8, 1, 8, 10});
  // "first": only the piece that starts the input gets a ▁ ("h" and "i" have no merge of their own).
  CHECK(ids(load(first), "hi<s>hi") == std::vector<uint32_t>{8, 1, 5, 6});
  // The token typed in the Merge steps' box is looked up as the model would see it.
  CHECK(each_piece.find_input_token(" hi") == 8);

  // ByteLevel's prefix space after a Split on " ": "ab", " ", "c" each become " ab", " ", " c".
  std::string byte_level = kByteLevel;
  const std::string pre = R"({"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false})";
  byte_level.replace(byte_level.find(pre), pre.size(),
                     R"({"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"String": " "}, "behavior": "Isolated", "invert": false},
                        {"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": false}]})");
  const Encoding prefixed = load(byte_level);
  CHECK(ids(prefixed, "ab c") == std::vector<uint32_t>{7, 3, 7, 7, 2});
  // The added space is drawn as an empty span where its piece starts.
  CHECK(spans(prefixed, "ab c")[3] == Token{7, 3, 3});
}

namespace {

// Added tokens with Hugging Face's options, over a byte-level model without a regex: "xx" (6) is
// single_word, "yy" (7) lstrip, "zz" (8) rstrip; "axx" (9) is "normalized", so it is looked for only
// in the text between the others.
std::string added_tokens_model(bool single_word = true) {
  std::string json = R"({
  "added_tokens": [
    {"id": 6, "content": "xx", "special": false, "lstrip": false, "rstrip": false, "single_word": SW, "normalized": false},
    {"id": 7, "content": "yy", "special": false, "lstrip": true, "rstrip": false, "single_word": false, "normalized": false},
    {"id": 8, "content": "zz", "special": true, "lstrip": false, "rstrip": true, "single_word": false, "normalized": false},
    {"id": 9, "content": "axx", "special": false, "lstrip": false, "rstrip": false, "single_word": false, "normalized": true}],
  "normalizer": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": false},
  "post_processor": null,
  "decoder": {"type": "ByteLevel"},
  "model": {"type": "BPE", "dropout": null, "unk_token": null,
            "vocab": {"a": 0, "b": 1, "x": 2, "Ġ": 3, "y": 4, "z": 5},
            "merges": []}
})";
  json.replace(json.find("SW"), 2, single_word ? "true" : "false");
  return json;
}

}  // namespace

TEST_CASE("added tokens: single_word, lstrip, rstrip, and normalized ones in a second pass, as in Hugging Face") {
  const Encoding e = load(added_tokens_model());
  // single_word: only where no letter, digit or _ touches it.
  CHECK(ids(e, "xx a") == std::vector<uint32_t>{6, 3, 0});
  CHECK(ids(e, "a xx b") == std::vector<uint32_t>{0, 3, 6, 3, 1});
  CHECK(ids(e, "bxx") == std::vector<uint32_t>{1, 2, 2});
  CHECK(ids(e, "xxb") == std::vector<uint32_t>{2, 2, 1});
  CHECK(ids(load(added_tokens_model(false)), "xxb") == std::vector<uint32_t>{6, 1});
  // lstrip: the white space before it (any kind) is the token's; rstrip: the white space after.
  CHECK(ids(e, "a \u3000yyb") == std::vector<uint32_t>{0, 7, 1});
  CHECK(spans(e, "a \u3000yyb")[1] == Token{7, 1, 7});
  CHECK(ids(e, "azz \n b") == std::vector<uint32_t>{0, 8, 1});
  CHECK(spans(e, "azz \n b")[1] == Token{8, 1, 6});
  // lstrip does not reach back over the token before it.
  CHECK(spans(e, "zz  yy") == std::vector<Token>{{8, 0, 4}, {7, 4, 6}});
  // "axx" is normalized: the first pass takes "xx" out of "a xx"… and of "axx" no, single_word refuses
  // it there, so the second pass finds "axx".
  CHECK(ids(e, "axx") == std::vector<uint32_t>{9});
  CHECK(ids(load(added_tokens_model(false)), "axx") == std::vector<uint32_t>{0, 6});
}

TEST_CASE("the merge tree of a SentencePiece token starts from characters and follows the merges list") {
  const Encoding e = load(kSentencePiece);
  auto tree = merge_tree(e, 8);  // "▁hi"
  REQUIRE(tree.ok());
  const auto& n = tree.value.nodes;
  REQUIRE(n.size() == 5);  // ▁, h, i, then ▁h, then ▁hi
  CHECK(n[0].id == 4);
  CHECK(n[0].end == 3);  // ▁ is three bytes: one leaf
  CHECK(n[3].id == 7);
  CHECK(n[3].step == 1);
  CHECK(tree.value.root().id == 8);
  CHECK(tree.value.whole_parts.empty());
  // Byte-level with the pair rule: "abc" is only reachable whole (no merge makes it).
  auto whole = merge_tree(load(kByteLevel), 5);
  REQUIRE(whole.ok());
  CHECK(whole.value.whole_parts.size() == 2);  // a + bc, then the token taken whole
}

TEST_CASE("NFC as Hugging Face does it, with Unicode 9.0's tables") {
  // U+0D3B (Unicode 10, combining class 9) is reordered before U+0301 by Unicode 15's NFC; Hugging Face's
  // tables do not know it, so it stays where it is and blocks nothing.
  NormalizerStep nfc;
  nfc.kind = NormalizerStep::Kind::nfc;
  const std::string text = "a\u0308\u0301\u0d3b";
  CHECK(Normalizer({nfc}).apply(text).text == "\u00e4\u0d3b\u0301");
  nfc.unicode_9 = true;
  const NormalizedText hf = Normalizer({nfc}).apply(text);
  CHECK(hf.text == "\u00e4\u0301\u0d3b");
  CHECK(hf.origin.back() == text.size());
  // Characters Unicode 9.0 knows normalize as ever: e + U+0301 → é, mapped back to both input characters.
  const NormalizedText e = Normalizer({nfc}).apply("xe\u0301");
  CHECK(e.text == "x\u00e9");
  CHECK(e.origin == std::vector<uint32_t>{0, 1, 1, 4});
}

TEST_CASE("the encode player names every token of a SentencePiece model, and ends in encode's tokens") {
  const Encoding e = load(kSentencePiece);
  const std::string text = "hi thi hi";
  auto player = EncodePlayer::create(e, text, SpecialPolicy::allow_all_specials());
  REQUIRE_MESSAGE(player.ok(), player.error);
  const auto& steps = player.value.steps();
  REQUIRE_FALSE(steps.empty());
  for (std::size_t k = 0; k <= steps.size(); ++k) {
    for (const Token& t : player.value.tokens_at(k)) CHECK_MESSAGE(t.id != Vocab::kNone, "step ", k, " at byte ", t.begin);
  }
  auto encoded = e.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(encoded.ok());
  CHECK(player.value.tokens_at(steps.size()) == encoded.value);
  CHECK(steps.back().tokens_after == encoded.value.size());  // the prepended ▁ merging into "h" is no tile less
  // Steps name the token made (▁h is 7, ▁hi 8, ▁t 10), and their rank is the merge's place in the list.
  for (const PlayerStep& s : steps) {
    CHECK(((s.id == 7 && s.rank == 0) || (s.id == 8 && s.rank == 1) || (s.id == 10 && s.rank == 2)));
  }
}

TEST_CASE("single_word's word characters are \\w as Hugging Face's regex crate has it") {
  for (const uint32_t c : {uint32_t{'a'}, uint32_t{'_'}, uint32_t{'7'}, 0x0301u, 0x0903u, 0x2160u, 0x24B6u, 0x200Du, 0x203Fu}) {
    CHECK_MESSAGE(is_word_character(c), "U+", c);
  }
  for (const uint32_t c : {uint32_t{' '}, uint32_t{'-'}, 0x00B2u, 0x00BDu, 0x1F600u, 0x3000u}) {
    CHECK_MESSAGE(!is_word_character(c), "U+", c);
  }
}

TEST_CASE("a Split with a scanner's regex runs on the scanner; any other regex, or another behaviour, on Oniguruma") {
  // Byte-level, with the given Splits before a ByteLevel that adds no regex of its own.
  const auto load_splits = [](const std::vector<std::string>& regexes, const char* behavior = "Isolated") {
    nlohmann::json pre = nlohmann::json::array();
    for (const std::string& r : regexes) {
      pre.push_back({{"type", "Split"}, {"pattern", {{"Regex", r}}}, {"behavior", behavior}, {"invert", false}});
    }
    pre.push_back({{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}});
    const nlohmann::json root = {{"added_tokens", nlohmann::json::array()}, {"normalizer", nullptr},
                                 {"pre_tokenizer", {{"type", "Sequence"}, {"pretokenizers", pre}}},
                                 {"post_processor", nullptr}, {"decoder", {{"type", "ByteLevel"}}},
                                 {"model", {{"type", "BPE"}, {"vocab", {{"a", 0}}},
                                            {"merges", nlohmann::json::array()}}}};
    return load(root.dump());
  };
  for (const ScannerPattern& p : scanner_patterns()) {
    std::vector<std::string> regexes(p.regexes.begin(), p.regexes.end());
    const Encoding e = load_splits(regexes);
    INFO(pretokenizer_name(p.kind));
    CHECK(e.pretokenizer() == (p.in_tokenizer_json ? p.kind : Pretokenizer::none));
    const std::string scanner = "Split(" + std::string(pretokenizer_name(p.kind)) + ")";
    CHECK((e.hf_model()->description.find(scanner) != std::string::npos) == p.in_tokenizer_json);
    // Line breaks written as themselves are the same pattern.
    for (std::string& r : regexes) {
      for (std::size_t at; (at = r.find("\\n")) != std::string::npos;) r.replace(at, 2, "\n");
    }
    CHECK(load_splits(regexes).pretokenizer() == e.pretokenizer());
    if (p.in_tokenizer_json && p.regexes.size() == 1) {
      CHECK(load_splits(regexes, "Removed").pretokenizer() == Pretokenizer::none);
    }
  }
}
