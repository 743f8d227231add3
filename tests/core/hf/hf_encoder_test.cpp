// The Hugging Face encode path's errors: a user's pre-tokenizer regex that gives up (Oniguruma's retry
// limit, regex.h) is an error every encode entry point returns to its caller, and only for that call.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/explain/encode_player.h"
#include "core/hf/hf_tokenizer_json.h"

using namespace bpeviz;

namespace {

// Characters as symbols (no ByteLevel), split by a regex that backtracks without end on a run of "a"
// with no digit after it: (a+)+ can cut the run in 2^(n-1) ways, and each is tried before failing.
const std::string kPathological = R"({
  "added_tokens": [{"id": 2, "content": "<|end|>", "special": true, "lstrip": false, "rstrip": false,
                    "single_word": false, "normalized": false}],
  "normalizer": null,
  "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "(a+)+\\d"}, "behavior": "Isolated", "invert": false},
  "post_processor": null,
  "decoder": null,
  "model": {"type": "BPE", "vocab": {"a": 0, "aa": 1}, "merges": ["a a"]}
})";

constexpr std::string_view kGaveUp = "the tokenizer's pre-tokenizer regex gave up on this text";

}  // namespace

TEST_CASE("a pre-tokenizer regex that gives up is an error every encode returns to its caller") {
  auto loaded = load_hf_tokenizer_json(kPathological, "pathological");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const Encoding& e = loaded.value;
  REQUIRE(e.hf_model()->own_path());
  CHECK(e.encode_ordinary("aa1").ok());
  CHECK(e.encode_ordinary("aa1").value == std::vector<uint32_t>{1});
  const std::string text = std::string(64, 'a') + "<|end|>";
  const SpecialPolicy policy = SpecialPolicy::allow_all_specials();

  // The ids are still all there: the text the regex gave up on is one piece ("aa" 32 times, and the
  // characters of "<|end|>" as text, which are not in the vocabulary and so dropped).
  const std::vector<uint32_t> aa(32, 1);
  const auto ordinary = e.encode_ordinary(text);
  CHECK(ordinary.error.starts_with(kGaveUp));
  CHECK(ordinary.value == aa);
  std::vector<uint32_t> into;
  CHECK(e.encode_ordinary(text, into).error.starts_with(kGaveUp));
  CHECK(into == aa);
  const auto encoded = e.encode(text, policy);
  CHECK(encoded.error.starts_with(kGaveUp));
  std::vector<uint32_t> with_end = aa;
  with_end.push_back(2);
  CHECK(encoded.value == with_end);
  CHECK(e.encode_with_spans(text, policy).error.starts_with(kGaveUp));
  CHECK(e.pieces(text, policy).error.starts_with(kGaveUp));
  CHECK(e.trace(text, policy).error.starts_with(kGaveUp));
  CHECK(EncodePlayer::create(e, text, policy).error.starts_with(kGaveUp));  // as the views and the page play it

  // The next call starts clean: nothing is left over from the one that gave up.
  const auto after = e.encode_ordinary("aaaa1");
  CHECK(after.ok());
  CHECK(after.value == std::vector<uint32_t>{1, 1});
}
