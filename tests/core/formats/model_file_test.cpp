// The model file, the vocabulary companion and the exports: known answers, errors naming the line,
// and round trips — every form loads back into an encoding that encodes like the model's own.
#include "core/formats/model_file.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "core/train/bpe_trainer.h"
#include "core/formats/gpt2_files.h"
#include "core/formats/tiktoken_file.h"

using namespace bpeviz;

namespace {

// A model from merges written as bytes: both parts must be tokens already; the merged bytes get the
// next id, or the earlier token's id when they are one already (bpe_model.h).
BpeModel model_from(Pretokenizer pretokenizer, const std::vector<std::pair<std::string, std::string>>& pairs,
                    const std::vector<std::string>& specials = {}, TieRule tie = TieRule::greater) {
  BpeModel m = BpeModel::bytes_only(pretokenizer);
  m.tie = tie;
  const auto id_of = [&](const std::string& bytes) {
    for (uint32_t id = 0; id < m.tokens.size(); ++id) {
      if (m.tokens[id] == bytes) return id;
    }
    return Vocab::kNone;
  };
  for (const auto& [left, right] : pairs) {
    BpeMerge merge{id_of(left), id_of(right), id_of(left + right)};
    REQUIRE(merge.left != Vocab::kNone);
    REQUIRE(merge.right != Vocab::kNone);
    if (merge.id == Vocab::kNone) {
      merge.id = static_cast<uint32_t>(m.tokens.size());
      m.tokens.push_back(left + right);
    }
    m.merges.push_back(merge);
  }
  for (const auto& s : specials) m.specials.push_back({s, static_cast<uint32_t>(m.tokens.size() + m.specials.size())});
  REQUIRE(m.check() == "");
  return m;
}

// GPT-2-style words, a special token with a space in it, and é (two bytes merged).
BpeModel words_model() {
  return model_from(Pretokenizer::gpt2,
                    {{" ", "t"}, {" t", "h"}, {" th", "e"}, {"h", "e"}, {"i", "n"}, {" ", "c"}, {" c", "a"},
                     {" ca", "t"}, {"\xC3", "\xA9"}, {" ", "\xC3\xA9"}, {"\n", "\n"}},
                    {"<|endoftext|>", "<|a b|>"});
}

// (a, bc) after (ab, c): the fourth merge remakes "abc", token 258, and takes no new id.
BpeModel duplicate_bytes_model() {
  return model_from(Pretokenizer::none, {{"a", "b"}, {"b", "c"}, {"ab", "c"}, {"a", "bc"}, {"abc", "abc"}, {"c", "a"}},
                    {"<|x|>"}, TieRule::first);
}

const std::vector<std::string>& sample_texts() {
  static const std::vector<std::string> texts = {
      "",
      "the cat in the hat",
      "The cat sat on the mat.\n\nThen the cat ate<|endoftext|> the hat<|a b|>é café",
      "abc abcabc aabcbc bcab cabca",
      "abcabcabcabcabcabcabcabc",
      "bcbcabcabc<|x|>abcbc",
      "\xFF\xFE broken \xC3 UTF-8 \xE2\x82",
      std::string("nul \0 byte", 10),
      "\xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x91\x8D",
  };
  return texts;
}

// Both encodings give the same ids for every sample text (special tokens allowed and as text) and
// the same bytes for every id.
void check_same_encoding(const Encoding& a, const Encoding& b, const std::vector<std::string>& more_texts = {}) {
  CHECK(a.n_vocab() == b.n_vocab());
  CHECK(a.pretokenizer() == b.pretokenizer());
  std::vector<std::string> texts = sample_texts();
  texts.insert(texts.end(), more_texts.begin(), more_texts.end());
  for (const auto& text : texts) {
    CAPTURE(text);
    const auto ea = a.encode(text, SpecialPolicy::allow_all_specials());
    const auto eb = b.encode(text, SpecialPolicy::allow_all_specials());
    REQUIRE(ea.ok());
    REQUIRE(eb.ok());
    CHECK(ea.value == eb.value);
    CHECK(a.encode_ordinary(text).value == b.encode_ordinary(text).value);
  }
  for (uint32_t id = 0; id < a.n_vocab(); ++id) CHECK(a.token_bytes(id) == b.token_bytes(id));
}

Encoding encoding_of(const BpeModel& model) {
  auto e = make_model_encoding(model, "model");
  REQUIRE_MESSAGE(e.ok(), e.error);
  return std::move(e.value);
}

void check_same_model(const BpeModel& a, const BpeModel& b) {
  CHECK(a.pretokenizer == b.pretokenizer);
  CHECK(a.tie == b.tie);
  CHECK(a.tokens == b.tokens);
  CHECK(a.merges == b.merges);
  REQUIRE(a.specials.size() == b.specials.size());
  for (std::size_t i = 0; i < a.specials.size(); ++i) {
    CHECK(a.specials[i].text == b.specials[i].text);
    CHECK(a.specials[i].id == b.specials[i].id);
  }
}

// Writes the model in all three forms, loads each back with its own loader, and compares encodings.
void check_round_trips(const BpeModel& model, const std::vector<std::string>& texts = {}) {
  const Encoding original = encoding_of(model);

  const auto loaded = load_model_file(write_model_file(model));
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  check_same_model(model, loaded.value);
  check_same_encoding(original, encoding_of(loaded.value), texts);

  // .tiktoken carries no special tokens: they come with the encoding, as tiktoken's own loader has it.
  auto ranks = load_tiktoken_file(write_tiktoken_ranks(model));
  REQUIRE_MESSAGE(ranks.ok(), ranks.error);
  CHECK(ranks.value.size() == model.tokens.size());
  check_same_encoding(original, Encoding("tiktoken", model.pretokenizer, std::move(ranks.value), model.specials, model.n_vocab()),
                      texts);

  auto gpt2 = load_gpt2_files(write_gpt2_vocab_json(model), write_gpt2_merges(model));
  REQUIRE_MESSAGE(gpt2.ok(), gpt2.error);
  REQUIRE(gpt2.value.specials.size() == model.specials.size());
  for (std::size_t i = 0; i < model.specials.size(); ++i) {
    CHECK(gpt2.value.specials[i].text == model.specials[i].text);
    CHECK(gpt2.value.specials[i].id == model.specials[i].id);
  }
  check_same_encoding(original, Encoding("gpt2 files", model.pretokenizer, std::move(gpt2.value.ranks), gpt2.value.specials,
                                         model.n_vocab()),
                      texts);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t eol = text.find('\n', pos);
    out.push_back(text.substr(pos, eol - pos));
    pos = eol == std::string::npos ? text.size() : eol + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("the model file: a known answer") {
  const BpeModel m = model_from(Pretokenizer::gpt2, {{" ", "t"}, {" t", "h"}, {" th", "e"}}, {"<|endoftext|>"});
  CHECK(write_model_file(m) ==
        "bpeviz-bpe 1\n"
        "pretokenizer gpt2\n"
        "tie greater\n"
        "specials 1\n"
        "<|endoftext|> 259\n"
        "merges 3\n"
        "32 116 256\n"
        "256 104 257\n"
        "257 101 258\n");
}

TEST_CASE("the model file stores a remade token's id as it is") {
  const std::string file = write_model_file(duplicate_bytes_model());
  CHECK(file.find("tie first\n") != std::string::npos);
  CHECK(file.find("merges 6\n97 98 256\n98 99 257\n256 99 258\n97 257 258\n258 258 259\n99 97 260\n") != std::string::npos);
}

TEST_CASE("special tokens are escaped so spaces, line ends and odd bytes survive") {
  const std::vector<std::string> specials = {"<|a b|>", "back\\slash", "tab\tnew\nline\rcr", "\xFF\xC3",
                                             "caf\xC3\xA9 \xE4\xB8\x96", std::string("nul\0", 4), "zero\xE2\x80\x8Bwidth",
                                             "\\x41"};
  const BpeModel m = model_from(Pretokenizer::o200k, {{"a", "b"}}, specials);
  const std::string file = write_model_file(m);
  CHECK(file.find("\n<|a\\x20b|> 257\n"
                  "back\\\\slash 258\n"
                  "tab\\tnew\\nline\\rcr 259\n"
                  "\\xFF\\xC3 260\n"
                  "caf\xC3\xA9\\x20\xE4\xB8\x96 261\n"
                  "nul\\x00 262\n"
                  "zero\\xE2\\x80\\x8Bwidth 263\n"
                  "\\\\x41 264\n") != std::string::npos);
  const auto loaded = load_model_file(file);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  check_same_model(m, loaded.value);
}

TEST_CASE("every form loads back and encodes identically: words, specials, é") {
  check_round_trips(words_model());
}

TEST_CASE("every form loads back and encodes identically: a merge that remakes an earlier token's bytes") {
  const BpeModel m = duplicate_bytes_model();
  CHECK(m.merges[3] == BpeMerge{97, 257, 258});
  CHECK(m.tokens.size() == 261);
  // merges.txt keeps the line; .tiktoken has one line per token; vocab.json one key per id.
  CHECK(lines_of(write_gpt2_merges(m)) == std::vector<std::string>{"#version: 0.2", "a b", "b c", "ab c", "a bc", "abc abc", "c a"});
  CHECK(lines_of(write_tiktoken_ranks(m)).size() == 261);
  check_round_trips(m);
  // The encoder applies tiktoken's rule (rank of the merged bytes): "abc" is one token whichever pair formed.
  const Encoding e = encoding_of(m);
  CHECK(e.encode_ordinary("abc").value == std::vector<uint32_t>{258});
  CHECK(e.encode_ordinary("abcabc").value == std::vector<uint32_t>{259});
}

TEST_CASE("every form loads back: the bytes-only model, and every pre-tokenizer and tie rule") {
  check_round_trips(BpeModel::bytes_only(Pretokenizer::none));
  for (const auto p : {Pretokenizer::none, Pretokenizer::whitespace, Pretokenizer::gpt2, Pretokenizer::cl100k, Pretokenizer::o200k}) {
    BpeModel m = words_model();
    m.pretokenizer = p;
    m.tie = p == Pretokenizer::cl100k ? TieRule::first : TieRule::greater;
    const auto loaded = load_model_file(write_model_file(m));
    REQUIRE_MESSAGE(loaded.ok(), loaded.error);
    check_same_model(m, loaded.value);
  }
}

TEST_CASE("random models, remade tokens included, round-trip through every form on random text") {
  // Merges of random earlier tokens over a small alphabet (a space, a line end, é's two bytes, a
  // stray 0xFF); a third of the steps instead split an earlier token elsewhere into two tokens and
  // merge those, remaking its bytes.
  const std::string alphabet = "abc \n\xC3\xA9\xFF";
  std::size_t remade_total = 0;
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const auto pretokenizer = static_cast<Pretokenizer>(pick(5));
    std::vector<std::string> made(alphabet.size());
    for (std::size_t i = 0; i < alphabet.size(); ++i) made[i] = alphabet.substr(i, 1);
    const auto is_made = [&](const std::string& t) { return std::find(made.begin(), made.end(), t) != made.end(); };
    std::vector<std::pair<std::string, std::string>> pairs;
    for (int i = 0; i < 60; ++i) {
      std::string left = made[pick(made.size())], right = made[pick(made.size())];
      if (pick(3) == 0) {
        const std::string& whole = made[pick(made.size())];
        for (std::size_t k = 1; k < whole.size(); ++k) {
          const std::pair<std::string, std::string> split{whole.substr(0, k), whole.substr(k)};
          if (is_made(split.first) && is_made(split.second) && std::find(pairs.begin(), pairs.end(), split) == pairs.end()) {
            std::tie(left, right) = split;
            break;
          }
        }
      }
      if (left.size() + right.size() > 12) continue;
      pairs.emplace_back(left, right);
      if (!is_made(left + right)) made.push_back(left + right);
    }
    const BpeModel model = model_from(pretokenizer, pairs, seed % 2 ? std::vector<std::string>{"<|s|>"} : std::vector<std::string>{},
                                      seed % 3 ? TieRule::greater : TieRule::first);
    CHECK(model.merges.size() == pairs.size());
    remade_total += model.merges.size() - (model.tokens.size() - 256);  // merges that took no new id
    std::vector<std::string> texts;
    for (int t = 0; t < 10; ++t) {
      std::string text;
      for (std::size_t n = pick(60); n > 0; --n) text += pick(8) == 0 ? made[pick(made.size())] : alphabet.substr(pick(alphabet.size()), 1);
      texts.push_back(text);
    }
    check_round_trips(model, texts);
  }
  CHECK(remade_total > 20);
}

TEST_CASE("a model trained by BpeTrainer round-trips through every form") {
  const std::string text =
      "The quick brown fox jumps over the lazy dog. The dog sleeps; the fox runs away, quickly and quietly.\n"
      "Caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9 \xE2\x80\x94 \xE4\xBD\xA0\xE5\xA5\xBD\xE4\xB8\x96\xE7\x95\x8C<|endoftext|>"
      "aaaa aaaaaaaa abcabcabc abababab 1234567890 1234 12\n\n\tindented   spaces   here<|endoftext|>the end";
  for (const auto tie : {TieRule::greater, TieRule::first}) {
    TrainerOptions options;
    options.vocab_size = 400;
    options.pretokenizer = Pretokenizer::cl100k;
    options.specials = {"<|endoftext|>"};
    options.tie = tie;
    auto trainer = BpeTrainer::create(text, options);
    REQUIRE_MESSAGE(trainer.ok(), trainer.error);
    trainer.value->run();
    const BpeModel model = trainer.value->model();
    REQUIRE(model.check() == "");
    CHECK(model.merges.size() > 20);
    check_round_trips(model);
    // The training text encodes the same way through the loaded file.
    const auto loaded = load_model_file(write_model_file(model));
    REQUIRE(loaded.ok());
    CHECK(encoding_of(loaded.value).encode(text, SpecialPolicy::allow_all_specials()).value ==
          encoding_of(model).encode(text, SpecialPolicy::allow_all_specials()).value);
  }
}

TEST_CASE("the vocabulary companion: one readable line per token, with the pair that made it") {
  const BpeModel m = model_from(Pretokenizer::gpt2, {{" ", "t"}, {"a", "b"}, {"b", "c"}, {"ab", "c"}, {"a", "bc"}, {"\xC3", "\xA9"}},
                                {"<|a b|>"});
  const auto lines = lines_of(write_vocab_companion(m));
  REQUIRE(lines.size() == 2 + 261 + 1);
  CHECK(lines[0] == "# bpeviz-bpe vocabulary: 261 tokens (256 bytes, 5 merged), 1 special; pre-tokenizer gpt2, ties: greater");
  CHECK(lines[2 + 0] == "0 [\\x00]");
  CHECK(lines[2 + 9] == "9 [\\t]");
  CHECK(lines[2 + 10] == "10 [\\n]");
  CHECK(lines[2 + 32] == "32 [ ]");
  CHECK(lines[2 + 65] == "65 [A]");
  CHECK(lines[2 + 92] == "92 [\\\\]");
  CHECK(lines[2 + 127] == "127 [\\x7F]");
  CHECK(lines[2 + 0xC3] == "195 [\\xC3]");
  CHECK(lines[2 + 256] == "256 [ t] <- 32 [ ] + 116 [t]");
  CHECK(lines[2 + 259] == "259 [abc] <- 257 [ab] + 99 [c]; again by 97 [a] + 258 [bc]");
  CHECK(lines[2 + 260] == "260 [\xC3\xA9] <- 195 [\\xC3] + 169 [\\xA9]");
  CHECK(lines[2 + 261] == "261 [<|a b|>] special");
}

TEST_CASE(".tiktoken ranks: base64 bytes and the id, one token per line") {
  const auto lines = lines_of(write_tiktoken_ranks(model_from(Pretokenizer::gpt2, {{" ", "t"}, {" t", "h"}}, {"<|endoftext|>"})));
  REQUIRE(lines.size() == 258);
  CHECK(lines[0] == "AA== 0");
  CHECK(lines[97] == "YQ== 97");
  CHECK(lines[256] == "IHQ= 256");
  CHECK(lines[257] == "IHRo 257");
}

TEST_CASE("vocab.json and merges.txt: GPT-2's byte spelling, keys in id order, specials last") {
  const BpeModel m = model_from(Pretokenizer::gpt2, {{" ", "t"}, {" t", "h"}, {"\n", "\n"}}, {"<|endoftext|>"});
  const std::string json = write_gpt2_vocab_json(m);
  CHECK(json.starts_with("{\"\xC4\x80\":0,\"\xC4\x81\":1,"));  // byte 0 is Ā, byte 1 is ā
  CHECK(json.find(",\"!\":33,\"\\\"\":34,") != std::string::npos);
  CHECK(json.ends_with(",\"\xC4\xA0t\":256,\"\xC4\xA0th\":257,\"\xC4\x8A\xC4\x8A\":258,\"<|endoftext|>\":259}\n"));
  CHECK(write_gpt2_merges(m) == "#version: 0.2\n\xC4\xA0 t\n\xC4\xA0t h\n\xC4\x8A \xC4\x8A\n");
}

TEST_CASE("vocab.json leaves out a special token that spells an ordinary token, and repairs bad UTF-8") {
  const BpeModel m = model_from(Pretokenizer::gpt2, {}, {"a", "\xC4\x80", "\xFFok"});
  const std::string json = write_gpt2_vocab_json(m);
  CHECK(json.find("\"a\":97,") != std::string::npos);
  CHECK(json.find("\"a\":256") == std::string::npos);
  CHECK(json.find("\"\xC4\x80\":0,") != std::string::npos);
  CHECK(json.ends_with(",\"\xEF\xBF\xBDok\":258}\n"));
}

TEST_CASE("load_model_file names the line and the problem") {
  const std::string good =
      "bpeviz-bpe 1\npretokenizer none\ntie first\nspecials 1\n<|x|> 258\nmerges 2\n97 98 256\n256 99 257\n";
  REQUIRE(load_model_file(good).ok());
  CHECK(load_model_file(good).value.tie == TieRule::first);
  CHECK(load_model_file(good).value.tokens[257] == "abc");
  CHECK(load_model_file("bpeviz-bpe 1\r\npretokenizer none\r\ntie first\r\nspecials 0\r\nmerges 0\r\n").ok());  // CRLF
  CHECK(load_model_file(good + "\n\n").ok());  // blank lines at the end

  const auto error = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const std::size_t at = text.find(from);
    REQUIRE(at != std::string::npos);
    return load_model_file(text.replace(at, from.size(), to)).error;
  };
  CHECK(load_model_file("").error == "the file is empty");
  CHECK(load_model_file("{\"a\": 1}\n").error == "line 1: not a bpeviz model file (expected \"bpeviz-bpe 1\")");
  CHECK(error("bpeviz-bpe 1", "bpeviz-bpe 2") == "line 1: version 2 is not supported (this build reads version 1)");
  CHECK(error("bpeviz-bpe 1", "bpeviz-bpe one") == "line 1: the version \"one\" is not a number");
  CHECK(load_model_file("bpeviz-bpe 1\n").error == "line 2: the file ends before \"pretokenizer\" (truncated?)");
  CHECK(error("pretokenizer none", "pretokenizer bert") ==
        "line 2: unknown pre-tokenizer \"bert\" (none, whitespace, gpt2, cl100k, o200k)");
  CHECK(error("pretokenizer none", "pretokenize none") == "line 2: expected \"pretokenizer ...\"");
  CHECK(error("tie first", "tie last") == "line 3: unknown tie rule \"last\" (greater, first)");
  CHECK(error("specials 1", "specials -1") == "line 4: the count \"-1\" is not a number");
  CHECK(error("<|x|> 258", "<|x|>") == "line 5: expected \"<special token> <id>\"");
  CHECK(error("<|x|> 258", "<|x\\q|> 258") == "line 5: the special token \"<|x\\q|>\" is empty or has a bad \\ escape");
  CHECK(error("<|x|> 258", "<|x\\x4|> 258") == "line 5: the special token \"<|x\\x4|>\" is empty or has a bad \\ escape");
  CHECK(error("<|x|> 258", "<|x|> 300") ==
        "line 5: the special token has id 300, but its id is 258 (special tokens follow the merged tokens)");
  CHECK(error("specials 1\n<|x|> 258\n", "specials 2\n<|x|> 258\n<|x|> 259\n") == "special token <|x|> appears twice");
  CHECK(error("merges 2", "merges 3") == "line 9: the file ends before merge 3 of 3 (truncated?)");
  CHECK(error("specials 1", "specials 4") == "line 7: expected \"<special token> <id>\"");  // line 6 reads as a special
  CHECK(load_model_file("bpeviz-bpe 1\npretokenizer none\ntie first\nspecials 2\n<|x|> 256\n").error ==
        "line 6: the file ends before special token 2 of 2 (truncated?)");
  CHECK(error("97 98 256", "97 98") == "line 7: expected \"<left id> <right id> <id>\"");
  CHECK(error("97 98 256", "97 98 256 1") == "line 7: expected \"<left id> <right id> <id>\"");
  CHECK(error("97 98 256", "97 b 256") == "line 7: expected \"<left id> <right id> <id>\"");
  CHECK(error("97 98 256", "97 98 4294967296") == "line 7: expected \"<left id> <right id> <id>\"");
  CHECK(error("97 98 256", "97 256 256") == "line 7: the merge uses token 256, which no earlier line made");
  CHECK(error("97 98 256", "97 98 300") == "line 7: the merge gives id 300, but the next new id is 256");
  CHECK(error("256 99 257", "256 99 98") == "line 8: the merge gives id 98, an earlier token whose bytes are not the pair's");
  CHECK(error("256 99 257", "97 98 257") == "two tokens have the same bytes");
  CHECK(error("256 99 257\n", "256 99 257\n97 98 256\n") == "line 9: unexpected text after the last merge");
}

TEST_CASE("load_model_file refuses a file whose tokens double in length line after line") {
  std::string file = "bpeviz-bpe 1\npretokenizer none\ntie greater\nspecials 0\nmerges 20\n97 97 256\n";
  for (uint32_t id = 256; id < 256 + 19; ++id) file += std::to_string(id) + " " + std::to_string(id) + " " + std::to_string(id + 1) + "\n";
  CHECK(load_model_file(file).ok());  // 2 MiB of tokens
  // The 10th merge makes 1024 bytes: 256 + 2 + 4 + ... + 1024 = 2302 > 2000.
  CHECK(load_model_file(file, 2000).error == "line 15: the tokens add up to more than 2000 bytes (a broken or hostile file?)");
}
