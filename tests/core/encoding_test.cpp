// Known answers from tiktoken's own tests (tests/test_encoding.py, tests/test_simple_public.py)
// and from npm tiktoken 1.0.22 run on the same strings.
#include "core/encoding.h"
#include "core/catalog/encoding_set.h"

#include <doctest/doctest.h>

#include "tests/test_data.h"

using namespace bpeviz;
using Ids = std::vector<uint32_t>;

static Ids ids(const std::string& encoding, std::string_view text) {
  return test::encoding(encoding).encode_ordinary(text).value;
}

TEST_CASE("tiktoken known answers: hello world, emoji, repeated digits") {
  CHECK(ids("gpt2", "hello world") == Ids{31373, 995});
  CHECK(ids("r50k_base", "hello world") == Ids{31373, 995});
  CHECK(ids("p50k_base", "hello world") == Ids{31373, 995});
  CHECK(ids("cl100k_base", "hello world") == Ids{15339, 1917});
  CHECK(ids("o200k_base", "hello world") == Ids{24912, 2375});
  CHECK(ids("cl100k_base", "\xF0\x9F\x91\x8D") == Ids{9468, 239, 235});
  CHECK(ids("o200k_base", "\xF0\x9F\x91\x8D") == Ids{82514});
  CHECK(ids("gpt2", "0") == Ids{15});
  CHECK(ids("gpt2", "00") == Ids{405});
  CHECK(ids("gpt2", "000") == Ids{830});
  CHECK(ids("gpt2", "0000") == Ids{2388});
  CHECK(ids("gpt2", "00000") == Ids{20483});
  CHECK(ids("gpt2", "000000") == Ids{10535});
  CHECK(ids("gpt2", "0000000") == Ids{24598});
  CHECK(ids("gpt2", "00000000") == Ids{8269});
  CHECK(ids("gpt2", "000000000") == Ids{10535, 830});
}

TEST_CASE("tiktoken known answers: whitespace and contractions") {
  CHECK(ids("cl100k_base", "rer") == Ids{38149});
  CHECK(ids("cl100k_base", "'rer") == Ids{2351, 81});
  CHECK(ids("cl100k_base", "today\n ") == Ids{31213, 198, 220});
  CHECK(ids("cl100k_base", "today\n \n") == Ids{31213, 27907});
  CHECK(ids("cl100k_base", "today\n  \n") == Ids{31213, 14211});
  CHECK(ids("cl100k_base", "HELLO'LL") == Ids{51812, 1623, 6, 4178});
  CHECK(ids("cl100k_base", "1234567") == Ids{4513, 10961, 22});
  CHECK(ids("cl100k_base", "\r\n\r\n") == Ids{881});
  CHECK(ids("gpt2", " \n\n  x") == Ids{220, 628, 220, 2124});
  CHECK(ids("o200k_base", "HelloWorld") == Ids{13225, 13046});
  CHECK(ids("o200k_base", "HELLO'S") == Ids{111642, 2699, 31233});
  CHECK(ids("o200k_base", "a/b\n/") == Ids{64, 7611, 198, 14});
  CHECK(ids("o200k_base", "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C") == Ids{177519, 28428});  // 你好世界
  CHECK(ids("p50k_base", "    def f():") == Ids{50258, 825, 277, 33529});
}

TEST_CASE("special tokens: allowed, disallowed (an error), or plain text") {
  const Encoding& cl = test::encoding("cl100k_base");
  const std::string text = "hello <|endoftext|>";
  CHECK(cl.encode(text, SpecialPolicy::allow_all_specials()).value == Ids{15339, 220, 100257});
  CHECK(cl.encode_ordinary(text).value == Ids{15339, 83739, 8862, 728, 428, 91, 29});
  CHECK(cl.encode(text, SpecialPolicy::all_as_text()).value == cl.encode_ordinary(text).value);
  const auto refused = cl.encode(text, SpecialPolicy::error_on_specials());
  CHECK_FALSE(refused.ok());
  CHECK(refused.error.find("<|endoftext|> at byte 6") != std::string::npos);
  SpecialPolicy only_eot{false, {"<|endoftext|>"}, true};
  CHECK(cl.encode(text, only_eot).value == Ids{15339, 220, 100257});
  CHECK_FALSE(cl.encode("<|endofprompt|>", only_eot).ok());
  CHECK(cl.encode("<|endofprompt|>", SpecialPolicy::allow_all_specials()).value == Ids{100276});
  const Encoding& edit = test::encoding("p50k_edit");
  CHECK(edit.encode("<|fim_prefix|>x<|fim_suffix|>", SpecialPolicy::allow_all_specials()).value == Ids{50281, 87, 50283});
}

TEST_CASE("n_vocab and special ids of every encoding") {
  CHECK(test::encoding("gpt2").n_vocab() == 50257);
  CHECK(test::encoding("p50k_edit").n_vocab() == 50284);
  CHECK(test::encoding("cl100k_base").n_vocab() == 100277);
  CHECK(test::encoding("o200k_base").n_vocab() == 200019);
  const Encoding& harmony = test::encoding("o200k_harmony");
  CHECK(harmony.n_vocab() == 201088);
  const auto all = SpecialPolicy::allow_all_specials();
  CHECK(harmony.encode("<|start|>user<|message|>hi<|end|>", all).value.front() == 200006);
  CHECK(harmony.encode("<|call|>", all).value == Ids{200012});
  CHECK(harmony.encode("<|reserved_201087|>", all).value == Ids{201087});
  // Id 200018 has two names; both encode to it, and it decodes to the later one, as in tiktoken.
  CHECK(harmony.encode("<|endofprompt|>", all).value == Ids{200018});
  CHECK(harmony.token_bytes(200018) == "<|reserved_200018|>");
}

TEST_CASE("decode: bytes, text with U+FFFD, and unknown ids") {
  const Encoding& cl = test::encoding("cl100k_base");
  CHECK(cl.decode_bytes(Ids{15339, 1917}).value == "hello world");
  CHECK(cl.decode_bytes(Ids{9468, 239}).value == "\xF0\x9F\x91");   // half an emoji: raw bytes
  CHECK(cl.decode_text(Ids{9468, 239}).value == "\xEF\xBF\xBD");     // one U+FFFD
  CHECK(cl.decode_text(Ids{100257}).value == "<|endoftext|>");
  CHECK(cl.decode_bytes(Ids{15339, 100256}).error == "id 100256 at position 1 is not a token of cl100k_base");
  CHECK(cl.token_bytes(1917) == " world");
}

TEST_CASE("spans: every token's bytes in the input, including tokens that split a character") {
  const Encoding& cl = test::encoding("cl100k_base");
  const std::string text = "hi \xF0\x9F\x91\x8D<|endoftext|>";
  const auto tokens = cl.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(tokens.ok());
  uint32_t at = 0;
  for (const Token& t : tokens.value) {
    CHECK(t.begin == at);
    if (!cl.is_special(t.id)) CHECK(cl.token_bytes(t.id) == std::string_view(text).substr(t.begin, t.end - t.begin));
    at = t.end;
  }
  CHECK(at == text.size());
  CHECK(tokens.value.back().id == 100257);
}

TEST_CASE("the encode trace ends where encode ends, for every piece") {
  const Encoding& cl = test::encoding("cl100k_base");
  const std::string text = "The lecturer's antidisestablishmentarianism merges 12345 bytes!!  \n\nhello<|endoftext|> world";
  const auto trace = cl.trace(text, SpecialPolicy::allow_all_specials());
  const auto tokens = cl.encode_with_spans(text, SpecialPolicy::allow_all_specials());
  REQUIRE(trace.ok());
  std::vector<Token> from_trace;
  for (const PieceTrace& p : trace.value) from_trace.insert(from_trace.end(), p.tokens.begin(), p.tokens.end());
  CHECK(from_trace == tokens.value);
  // " antidisestablishmentarianism" is not a single token: its steps merge bytes into several.
  bool saw_merges = false;
  for (const PieceTrace& p : trace.value) saw_merges |= !p.steps.empty() && !p.whole_piece_token;
  CHECK(saw_merges);
}

TEST_CASE("hard inputs: invalid UTF-8, NUL, long runs — round trip, no crash") {
  const Encoding& cl = test::encoding("cl100k_base");
  for (const std::string& text : {std::string("\xFF\xFE\x00\x80 abc\xED\xA0\x80", 11), std::string(1 << 20, 'a'),
                                  std::string(1 << 20, '7'), std::string(1 << 18, ' '), std::string(1 << 18, '!')}) {
    const auto encoded = cl.encode_ordinary(text).value;
    CHECK(cl.decode_bytes(encoded).value == text);
  }
}

TEST_CASE("the page's file for a built-in encoding: a binary vocabulary or an open model's compact file") {
  CHECK(EncodingSet::builtin_file("o200k_base") == "o200k_base.bpevocab");
  CHECK(EncodingSet::builtin_file("gpt2") == "r50k_base.bpevocab");  // gpt2 and r50k_base share their ranks
  CHECK(EncodingSet::builtin_file("qwen3") == "qwen3.bpevizhf");
  CHECK(EncodingSet::builtin_file("my tokenizer").empty());
}
