// bpeviz-cli: the core encoder and trainer on the command line.
//   bpeviz-cli encodings
//   bpeviz-cli encode (--encoding NAME | --tokenizer PATH [--pretokenizer P]) [--special TOKEN]...
//                     [--allow-special all|none|LIST] [--add-special-tokens] [FILE|-]
//   bpeviz-cli decode (--encoding NAME | --tokenizer PATH) [--special TOKEN]... [FILE|-]
//   bpeviz-cli train (--vocab-size N | --merges N) [options] (FILE|-) -o DIR   (cli/train_command.h)
// PATH for --tokenizer: a directory `train` wrote, a bpeviz model file, a Hugging Face tokenizer.json,
// a .tiktoken file, or GPT-2's encoder.json / Hugging Face's vocab.json with vocab.bpe / merges.txt beside it.
// Ids are printed as one JSON array on one line, written as the input is read part by part (cli/
// stream_encode.h); decode writes the raw bytes. Errors: one line, exit 1.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/cli_io.h"
#include "cli/stream_encode.h"
#include "cli/train_command.h"
#include "core/catalog/openai_encodings.h"
#include "core/formats/tokenizer_files.h"

using namespace bpeviz;
using namespace bpeviz::cli;

namespace {

std::string usage() {
  return std::string(
             "usage: bpeviz-cli encodings\n"
             "       bpeviz-cli encode (--encoding NAME | --tokenizer PATH [--pretokenizer cl100k|o200k|gpt2|whitespace|none])\n"
             "                         [--special TOKEN]... [--allow-special all|none|NAME,NAME...] [--add-special-tokens]\n"
             "                         [--data DIR] [FILE|-]\n"
             "       bpeviz-cli decode (--encoding NAME | --tokenizer PATH) [--special TOKEN]... [--data DIR] [FILE|-]\n") +
         kTrainUsage +
         "--tokenizer: a directory written by train (its bpeviz.model), a bpeviz.model file, a Hugging Face\n"
         "tokenizer.json, a .tiktoken file (give --pretokenizer; default cl100k), or GPT-2's encoder.json /\n"
         "Hugging Face's vocab.json with vocab.bpe / merges.txt beside it. A model file or tokenizer.json brings\n"
         "its own pre-tokenizer and special tokens.\n"
         "--special TOKEN (repeatable): TOKEN is a special token, allowed, as CS336's Tokenizer(vocab, merges,\n"
         "special_tokens) takes it: the longest match first, never merged with the text around it; its id is the\n"
         "vocabulary's when it has TOKEN, else the next free one. decode needs the same --special options.\n"
         "--allow-special: allowed special tokens become their ids; any other special token in the text is an\n"
         "error, as in tiktoken (default: none; all for a tokenizer.json, as Hugging Face matches added tokens).\n"
         "A tokenizer.json's added tokens that are not special (Gemma 3's \"\\n\") are matched under every setting.\n"
         "--add-special-tokens: a tokenizer.json's BOS/EOS around the text (Hugging Face's add_special_tokens).\n"
         "--data: where the .tiktoken files are (default: the build's).\n"
         "train writes DIR/bpeviz.model (the model file), DIR/bpeviz.vocab (every token, readable),\n"
         "DIR/vocab.json + DIR/merges.txt (GPT-2/Hugging Face form) and DIR/ranks.tiktoken. --vocab-size counts\n"
         "the 256 bytes, the merges and the specials. Defaults: --pretokenizer gpt2, --tie greater, --threads 2.\n";
}

struct Options {
  std::string command, encoding, tokenizer, pretokenizer = "cl100k", allow_special, input = "-";
  std::vector<std::string> specials;  // --special, in the order given
  bool pretokenizer_given = false;
  bool add_special_tokens = false;
  std::string data_dir = BPEVIZ_ENCODINGS_DIR;
};

Result<Encoding> load_tokenizer(const Options& o) {
  using R = Result<Encoding>;
  std::string path = o.tokenizer;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) path += (path.ends_with('/') ? "" : "/") + std::string(kModelFileName);
  auto data = read_input(path);
  if (!data.ok()) return R::failure(data.error);
  std::vector<TokenizerFile> files{{path, std::move(data.value)}};
  for (const auto& [vocab_name, merges_name] : {std::pair{"encoder.json", "vocab.bpe"}, std::pair{"vocab.json", "merges.txt"}}) {
    if (!path.ends_with(vocab_name)) continue;
    // GPT-2's pair of files: the merges sit beside the vocabulary.
    const std::string merges_path = path.substr(0, path.size() - std::string_view(vocab_name).size()) + merges_name;
    auto merges = read_input(merges_path);
    if (!merges.ok()) return R::failure(merges.error);
    files.push_back({merges_path, std::move(merges.value)});
  }
  Pretokenizer kind;
  if (!pretokenizer_from_name(o.pretokenizer, kind)) return R::failure("unknown pre-tokenizer \"" + o.pretokenizer + "\"");
  auto encoding = load_tokenizer_files(files, kind, path, o.specials);
  // A model file brings its own pre-tokenizer: a different one asked for is a mistake, not an override.
  if (encoding.ok() && o.pretokenizer_given && encoding.value.pretokenizer() != kind) {
    return R::failure("--pretokenizer " + o.pretokenizer + ": " + path + " was trained with " +
                      std::string(pretokenizer_name(encoding.value.pretokenizer())));
  }
  return encoding;
}

Result<Encoding> load(const Options& o) {
  if (!o.tokenizer.empty()) return load_tokenizer(o);
  const EncodingSpec* spec = find_openai_encoding(o.encoding);
  if (!spec) return Result<Encoding>::failure("unknown encoding \"" + o.encoding + "\" (see: bpeviz-cli encodings)");
  const std::string path = o.data_dir + "/" + spec->ranks_file;
  const auto data = read_input(path);
  if (!data.ok()) return Result<Encoding>::failure(data.error + " (build first, or pass --data DIR)");
  auto encoding = load_openai_encoding(*spec, data.value);
  if (!encoding.ok() && encoding.error.starts_with(spec->ranks_file)) encoding.error = o.data_dir + "/" + encoding.error;
  if (!encoding.ok() || o.specials.empty()) return encoding;
  return encoding.value.with_special_tokens(o.specials);
}

// The default is each format's own: tiktoken raises on special-token text, Hugging Face always matches
// a tokenizer.json's added tokens. The --special tokens are allowed whatever --allow-special says, as
// CS336's Tokenizer encodes the special tokens it was given.
SpecialPolicy policy_from(std::string allow, const Encoding& encoding, const std::vector<std::string>& specials) {
  if (allow.empty()) allow = encoding.hf_model() ? "all" : "none";
  if (allow == "all") return SpecialPolicy::allow_all_specials();
  SpecialPolicy p = SpecialPolicy::error_on_specials();
  p.allowed = specials;
  if (allow == "none") return p;
  std::stringstream list(allow);
  for (std::string name; std::getline(list, name, ',');) p.allowed.push_back(name);
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::cout << usage();
    return args.empty() ? 1 : 0;
  }
  o.command = args[0];
  if (o.command == "train") return train_command({args.begin() + 1, args.end()});
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    const auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) return false;
      into = args[++i];
      return true;
    };
    bool ok = true;
    if (a == "--encoding") ok = value(o.encoding);
    else if (a == "--tokenizer") ok = value(o.tokenizer);
    else if (a == "--pretokenizer") ok = o.pretokenizer_given = value(o.pretokenizer);
    else if (a == "--allow-special") ok = value(o.allow_special);
    else if (a == "--special") ok = value(o.specials.emplace_back());
    else if (a == "--add-special-tokens") o.add_special_tokens = true;
    else if (a == "--data") ok = value(o.data_dir);
    else if (a.size() > 1 && a[0] == '-') return fail("unknown option " + a + "\n" + usage());
    else o.input = a;
    if (!ok) return fail(a + " needs a value");
  }
  if (o.command == "encodings") {
    for (const auto& spec : openai_encodings()) std::cout << spec.name << "\n";
    return 0;
  }
  if (o.command != "encode" && o.command != "decode") return fail("unknown command \"" + o.command + "\"\n" + usage());
  if (o.encoding.empty() == o.tokenizer.empty()) return fail("give exactly one of --encoding and --tokenizer");
  auto encoding = load(o);
  if (!encoding.ok()) return fail(encoding.error);
  if (o.command == "encode") {
    SpecialPolicy policy = policy_from(o.allow_special, encoding.value, o.specials);
    policy.add_special_tokens = o.add_special_tokens;
    return encode_stream(encoding.value, policy, o.input);
  }
  const auto input = read_input(o.input);
  if (!input.ok()) return fail(input.error);
  const auto json = nlohmann::json::parse(input.value, nullptr, false);
  if (json.is_discarded() || !json.is_array()) return fail("the input is not a JSON array of ids");
  std::vector<uint32_t> ids;
  for (std::size_t i = 0; i < json.size(); ++i) {
    if (!json[i].is_number_unsigned() || json[i].get<uint64_t>() > UINT32_MAX) {
      return fail("element " + std::to_string(i) + " of the input is not a token id");
    }
    ids.push_back(json[i].get<uint32_t>());
  }
  const auto bytes = encoding.value.decode_bytes(ids);
  if (!bytes.ok()) return fail(bytes.error);
  std::fwrite(bytes.value.data(), 1, bytes.value.size(), stdout);
  return 0;
}
