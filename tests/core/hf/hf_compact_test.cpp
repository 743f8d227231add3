// The compact form of a tokenizer.json (the bundled models' download): it loads to what the JSON loads
// to, leaves the merges out when tiktoken's rule was checked to match, and a cut file says where.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/formats/gpt2_files.h"
#include "core/hf/hf_compact.h"
#include "core/hf/hf_tokenizer_json.h"
#include "core/text/utf8.h"

using namespace bpeviz;

namespace {

// Merges by pair priority: "abc" is a token, but only (b, c) and (a, b) are merges.
const std::string kPairRule = R"({"added_tokens": [{"id": 6, "content": "<|end|>", "special": true, "lstrip": false,
    "rstrip": false, "single_word": false, "normalized": false}], "normalizer": null, "post_processor": null,
  "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true},
  "decoder": {"type": "ByteLevel"},
  "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "c": 2, "ab": 3, "bc": 4, "abc": 5, "Ġ": 7},
            "merges": ["b c", ["a", "b"]]}})";

// As a file converted from tiktoken: all 256 bytes, every split of every token a merge in the order of
// the merged token's id, ignore_merges. The loader checks that tiktoken's rule gives its tokens.
std::string tiktoken_rule_json() {
  nlohmann::json vocab = nlohmann::json::object();
  for (int b = 0; b < 256; ++b) {
    std::string token;
    utf8_append(token, gpt2_byte_to_char(static_cast<uint8_t>(b)));
    vocab[token] = b;
  }
  vocab["ab"] = 256;
  vocab["abc"] = 257;
  nlohmann::json root = {
      {"added_tokens", nlohmann::json::array()},
      {"normalizer", nullptr},
      {"pre_tokenizer", {{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", true}}},
      {"post_processor", nullptr},
      {"decoder", {{"type", "ByteLevel"}}},
      {"model", {{"type", "BPE"}, {"ignore_merges", true}, {"vocab", vocab}, {"merges", {"a b", "ab c"}}}},
  };
  return root.dump();
}

Encoding load(const Result<Encoding>& r) {
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}

}  // namespace

TEST_CASE("the compact form loads to what the tokenizer.json loads to") {
  for (const std::string& json : {kPairRule, tiktoken_rule_json()}) {
    const auto compact = write_compact_hf(json);
    REQUIRE_MESSAGE(compact.ok(), compact.error);
    CHECK(is_compact_hf(compact.value));
    CHECK_FALSE(is_compact_hf(json));
    const Encoding original = load(load_hf_tokenizer_json(json, "json"));
    const Encoding loaded = load(load_compact_hf(compact.value, "compact"));
    CHECK(loaded.name() == "compact");
    CHECK(loaded.n_vocab() == original.n_vocab());
    CHECK(loaded.hf_model()->description == original.hf_model()->description);
    CHECK(loaded.hf_model()->pair_rule == original.hf_model()->pair_rule);
    for (const std::string_view text : {"abc ab", "abcabc bca<|end|>", "cab\xff\n\xe4\xbd\xa0"}) {
      const auto want = original.encode_with_spans(text, SpecialPolicy::allow_all_specials());
      const auto got = loaded.encode_with_spans(text, SpecialPolicy::allow_all_specials());
      CHECK(got.error == want.error);
      CHECK(got.value == want.value);
    }
  }
}

TEST_CASE("the compact form leaves the merges out when tiktoken's rule gives the same tokens") {
  const auto pairs = write_compact_hf(kPairRule);
  const auto tiktoken = write_compact_hf(tiktoken_rule_json());
  REQUIRE((pairs.ok() && tiktoken.ok()));
  CHECK(load(load_compact_hf(pairs.value, "p")).hf_model()->pair_rule);
  CHECK_FALSE(load(load_compact_hf(tiktoken.value, "t")).hf_model()->pair_rule);
  CHECK(tiktoken.value.ends_with(std::string(4, '\0')));  // a merge count of zero, and nothing after it
  CHECK(pairs.value.find("\"bpeviz_merges\":\"pairs\"") != std::string::npos);
  CHECK(tiktoken.value.find("\"bpeviz_merges\":\"tiktoken\"") != std::string::npos);
}

TEST_CASE("a compact file cut anywhere says it is truncated, and where") {
  const auto compact = write_compact_hf(kPairRule);
  REQUIRE(compact.ok());
  const std::string& bytes = compact.value;
  CHECK(load_compact_hf(bytes.substr(0, 5), "x").error == "not a compact model (it does not start with \"bpeviz-hf 1\")");
  std::vector<std::string> places;
  for (std::size_t size = std::string_view("bpeviz-hf 1\n").size(); size < bytes.size(); ++size) {
    const auto r = load_compact_hf(bytes.substr(0, size), "x");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error.starts_with("compact model: truncated "));
    if (places.empty() || places.back() != r.error) places.push_back(r.error);
  }
  CHECK(places == std::vector<std::string>{"compact model: truncated in its settings",
                                           "compact model: truncated before its vocabulary",
                                           "compact model: truncated in its vocabulary",
                                           "compact model: truncated in its merges"});
  CHECK(write_compact_hf("{\"model\": ").error == "not valid JSON (at byte 11)");
}
