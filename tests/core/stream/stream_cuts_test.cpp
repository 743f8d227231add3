// Stream cuts: a text encoded part by part, each part ending at a cut, gives the whole text's ids under
// every scanner with cuts, both special-token policies and a Hugging Face model with a normalizer; the
// guards the rule has are needed (without them, parts encode differently).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/hf/hf_tokenizer_json.h"
#include "core/stream/stream_cuts.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

// Text made to stress the cuts: runs of white space with and without newlines, capitals before lower
// case, digits, contractions, punctuation before newlines, lines starting with a slash, special tokens
// (whole, overlapping and cut short), non-ASCII white space and letters, ill-formed bytes.
std::string adversarial_text(std::mt19937& rng, std::size_t pieces) {
  static const char* const kPieces[] = {
      "The quick brown fox.\n", "word ", "x\n", "\n", "\n\n", "  \n", " \n\tA", "a\nb", "A\nB", ".\nC", "7\nd",
      "don't I'm we'll THEY'RE ", "1234567 ", "mixedCaseHTTPServer ", ";\n// c\n", "!\r\n/z\n", "\t\v\f\r\n",
      "<|endoftext|>", "<|endoftext|>a ", "x<|endoftext|>\nz", "<|endof", "\xe3\x80\x80y\n\xc2\xa0z ",
      "Ünïcödé façade, naïve café — 你好，世界！ 👋🏽\n", "Привет, мир! مرحبا ", "e\xcc\x81 ", "\xff\xfe ", "   ",
  };
  std::string text;
  for (std::size_t i = 0; i < pieces; ++i) text += kPieces[rng() % std::size(kPieces)];
  return text;
}

// The ids of `text` encoded part by part, cut at every cut at or after `step` bytes past the last one.
std::vector<uint32_t> encode_in_parts(const Encoding& encoding, const SpecialPolicy& policy, std::string_view text,
                                      std::size_t step, std::size_t& parts) {
  const StreamCuts cuts = StreamCuts::for_encoding(encoding, policy);
  std::vector<uint32_t> ids;
  parts = 0;
  for (std::size_t at = 0; at < text.size(); ++parts) {
    const std::size_t end = cuts.first_cut(text, at + step);
    auto part = encoding.encode(text.substr(at, end - at), policy);
    REQUIRE_MESSAGE(part.ok(), part.error);
    ids.insert(ids.end(), part.value.begin(), part.value.end());
    at = end;
  }
  return ids;
}

void check_parts_equal_whole(const Encoding& encoding) {
  for (const SpecialPolicy& policy : {SpecialPolicy::allow_all_specials(), SpecialPolicy::all_as_text()}) {
    std::mt19937 rng(11);
    for (int round = 0; round < 30; ++round) {
      const std::string text = adversarial_text(rng, 200);
      const std::size_t step = 1 + rng() % 64;
      CAPTURE(round);
      CAPTURE(step);
      std::size_t parts = 0;
      const auto got = encode_in_parts(encoding, policy, text, step, parts);
      CHECK(parts > text.size() / 200);  // many parts, not one
      REQUIRE(got == encoding.encode(text, policy).value);
    }
  }
}

// A byte-level model with an NFC normalizer, Qwen's scanner and an added token, over all 256 bytes and a
// few merges: enough to tell pieces apart.
std::string nfc_model_json() {
  using nlohmann::json;
  // GPT-2's byte alphabet: printable bytes stand for themselves, the others for U+0100 upwards.
  json vocab = json::object();
  uint32_t shifted = 0;
  for (uint32_t b = 0; b < 256; ++b) {
    const bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE);
    const uint32_t cp = printable ? b : 0x100 + shifted++;
    std::string s;
    if (cp < 0x80) s += static_cast<char>(cp);
    else if (cp < 0x800) s += {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
    vocab[s] = b;
  }
  vocab["\xc4\xa0t"] = 256;   // " t"
  vocab["he"] = 257;
  vocab["\xc4\xa0the"] = 258;  // " the"
  vocab["\xc4\x8a\xc4\x8a"] = 259;  // "\n\n"
  json root = {
      {"version", "1.0"},
      {"added_tokens", {{{"id", 260}, {"content", "<|endoftext|>"}, {"single_word", false}, {"lstrip", false},
                         {"rstrip", false}, {"normalized", false}, {"special", true}}}},
      {"normalizer", {{"type", "NFC"}}},
      {"pre_tokenizer",
       {{"type", "Sequence"},
        {"pretokenizers",
         {{{"type", "Split"},
           {"pattern", {{"Regex", "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"}}},
           {"behavior", "Isolated"},
           {"invert", false}},
          {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"trim_offsets", false}, {"use_regex", false}}}}}},
      {"post_processor", nullptr},
      {"decoder", {{"type", "ByteLevel"}}},
      {"model", {{"type", "BPE"}, {"vocab", vocab}, {"merges", {"\xc4\xa0 t", "h e", "\xc4\xa0t he", "\xc4\x8a \xc4\x8a"}}}},
  };
  return root.dump();
}

}  // namespace

TEST_CASE("stream cuts: parts ending at cuts encode as the whole text, under every scanner with cuts") {
  for (const char* name : {"gpt2", "cl100k_base", "o200k_base", "o200k_harmony"}) {
    CAPTURE(name);
    check_parts_equal_whole(test::encoding(name));
  }
}

TEST_CASE("stream cuts: a Hugging Face model with NFC and a scanner cuts; the parts encode as the whole") {
  auto loaded = load_hf_tokenizer_json(nfc_model_json(), "nfc-qwen");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  REQUIRE(loaded.value.hf_model());
  CHECK(StreamCuts::for_encoding(loaded.value, SpecialPolicy::allow_all_specials()).is_cut("a b................", 1));
  check_parts_equal_whole(loaded.value);
}

TEST_CASE("stream cuts: where they are, and the guards they need") {
  const Encoding& gpt2 = test::encoding("gpt2");
  const StreamCuts cuts = StreamCuts::for_encoding(gpt2, SpecialPolicy::allow_all_specials());
  CHECK(cuts.look_ahead() == std::string("<|endoftext|>").size());
  const auto cut_in = [&](std::string text, std::size_t p) { return cuts.is_cut(text + std::string(20, '.'), p); };
  CHECK(cut_in("a.\nBc", 3));   // a line start after a graphic character
  CHECK(cut_in("ab cd", 2));    // a word end
  CHECK(cut_in("7 cd", 1));
  CHECK(cut_in("a<|endoftext|>", 1));  // the start of an allowed special token
  CHECK_FALSE(cut_in("a\n\nBc", 3));   // white space before the newline
  CHECK_FALSE(cut_in("a.\n Bc", 3));   // white space after it
  CHECK_FALSE(cut_in("a  cd", 2));     // white space before the space
  CHECK_FALSE(cut_in("a, cd", 2));
  CHECK_FALSE(cut_in("a<|endoftext|>", 5));  // inside a special token
  const StreamCuts spaced = StreamCuts::for_training(Pretokenizer::gpt2, {"x y"});
  CHECK(spaced.is_cut("ab yz...", 2));
  CHECK_FALSE(spaced.is_cut("ax yz...", 2));  // a word end inside a special token's text
  // Why: under gpt2 "\n\nA" is "\n", "\n", "A", but "\n\n" alone is one piece; a special token's text
  // is another token when cut.
  const auto ids = [&](std::string_view t) { return gpt2.encode(t, SpecialPolicy::allow_all_specials()).value; };
  CHECK(ids("a\n\nBc").size() != ids("a\n\n").size() + ids("Bc").size());
  CHECK(ids("a<|endoftext|>").size() != ids("a<|endo").size() + ids("ftext|>").size());
  // Special tokens do not cut when the policy makes them text, nor under pre-tokenizer "none" without them.
  CHECK_FALSE(StreamCuts::for_encoding(gpt2, SpecialPolicy::all_as_text()).is_cut(std::string("a<|endoftext|>") + "...........", 1));
  CHECK_FALSE(StreamCuts::for_training(Pretokenizer::none, {}).any());
  CHECK(StreamCuts::for_training(Pretokenizer::none, {"<s>"}).is_cut("ab<s>c", 2));
  CHECK_FALSE(StreamCuts::for_training(Pretokenizer::none, {"<s>"}).is_cut("ab c<s>", 2));
}
