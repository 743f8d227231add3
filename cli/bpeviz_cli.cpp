// bpeviz-cli: the core encoder on the command line.
//   bpeviz-cli encodings
//   bpeviz-cli encode (--encoding NAME | --tokenizer FILE [--pretokenizer P]) [--allow-special all|none|LIST] [FILE|-]
//   bpeviz-cli decode (--encoding NAME | --tokenizer FILE) [FILE|-]
// FILE for --tokenizer: a .tiktoken file, or GPT-2's encoder.json with vocab.bpe beside it.
// Ids are printed as one JSON array on one line; decode writes the raw bytes. Errors: one line, exit 1.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gpt2_files.h"
#include "core/openai_encodings.h"
#include "core/tiktoken_file.h"

using namespace bpeviz;

namespace {

constexpr const char* kUsage =
    "usage: bpeviz-cli encodings\n"
    "       bpeviz-cli encode (--encoding NAME | --tokenizer FILE [--pretokenizer cl100k|o200k|gpt2|whitespace|none])\n"
    "                         [--allow-special all|none|NAME,NAME...] [--data DIR] [FILE|-]\n"
    "       bpeviz-cli decode (--encoding NAME | --tokenizer FILE) [--data DIR] [FILE|-]\n"
    "--tokenizer: a .tiktoken file, or GPT-2's encoder.json (with vocab.bpe beside it).\n"
    "--allow-special: allowed special tokens become their ids; any other special token in the text is an\n"
    "error, as in tiktoken (default: none). --data: where the .tiktoken files are (default: the build's).\n";

int fail(const std::string& message) {
  std::cerr << "bpeviz-cli: " << message << "\n";
  return 1;
}

bool read_input(const std::string& path, std::string& out) {
  if (path.empty() || path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return true;
}

struct Options {
  std::string command, encoding, tokenizer, pretokenizer = "cl100k", allow_special = "none", input = "-";
  std::string data_dir = BPEVIZ_ENCODINGS_DIR;
};

Result<Encoding> load(const Options& o) {
  if (!o.tokenizer.empty()) {
    Pretokenizer kind;
    if (!pretokenizer_from_name(o.pretokenizer, kind)) {
      return Result<Encoding>::failure("unknown pre-tokenizer \"" + o.pretokenizer + "\"");
    }
    std::string data;
    if (!read_input(o.tokenizer, data)) return Result<Encoding>::failure("cannot read " + o.tokenizer);
    if (o.tokenizer.ends_with("encoder.json")) {
      // GPT-2's pair of files: vocab.bpe sits beside encoder.json.
      const std::string merges_path = o.tokenizer.substr(0, o.tokenizer.size() - 12) + "vocab.bpe";
      std::string merges;
      if (!read_input(merges_path, merges)) return Result<Encoding>::failure("cannot read " + merges_path);
      auto gpt2 = load_gpt2_files(data, merges);
      if (!gpt2.ok()) return Result<Encoding>::failure(gpt2.error);
      uint32_t n_vocab = gpt2.value.ranks.id_end();
      for (const auto& s : gpt2.value.specials) n_vocab = std::max(n_vocab, s.id + 1);
      return {Encoding(o.tokenizer, kind, std::move(gpt2.value.ranks), gpt2.value.specials, n_vocab), {}};
    }
    auto vocab = load_tiktoken_file(data);
    if (!vocab.ok()) return Result<Encoding>::failure(o.tokenizer + ": " + vocab.error);
    const uint32_t n_vocab = vocab.value.id_end();
    return {Encoding(o.tokenizer, kind, std::move(vocab.value), {}, n_vocab), {}};
  }
  const EncodingSpec* spec = find_openai_encoding(o.encoding);
  if (!spec) return Result<Encoding>::failure("unknown encoding \"" + o.encoding + "\" (see: bpeviz-cli encodings)");
  const std::string path = o.data_dir + "/" + spec->ranks_file;
  std::string data;
  if (!read_input(path, data)) return Result<Encoding>::failure("cannot read " + path + " (build first, or pass --data DIR)");
  auto encoding = load_openai_encoding(*spec, data);
  if (!encoding.ok() && encoding.error.starts_with(spec->ranks_file)) encoding.error = o.data_dir + "/" + encoding.error;
  return encoding;
}

SpecialPolicy policy_from(const std::string& allow) {
  if (allow == "all") return SpecialPolicy::allow_all_specials();
  SpecialPolicy p = SpecialPolicy::error_on_specials();
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
    std::cout << kUsage;
    return args.empty() ? 1 : 0;
  }
  o.command = args[0];
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
    else if (a == "--pretokenizer") ok = value(o.pretokenizer);
    else if (a == "--allow-special") ok = value(o.allow_special);
    else if (a == "--data") ok = value(o.data_dir);
    else if (a.size() > 1 && a[0] == '-') return fail("unknown option " + a + "\n" + kUsage);
    else o.input = a;
    if (!ok) return fail(a + " needs a value");
  }
  if (o.command == "encodings") {
    for (const auto& spec : openai_encodings()) std::cout << spec.name << "\n";
    return 0;
  }
  if (o.command != "encode" && o.command != "decode") return fail("unknown command \"" + o.command + "\"\n" + kUsage);
  if (o.encoding.empty() == o.tokenizer.empty()) return fail("give exactly one of --encoding and --tokenizer");
  auto encoding = load(o);
  if (!encoding.ok()) return fail(encoding.error);
  std::string input;
  if (!read_input(o.input, input)) return fail("cannot read " + o.input);
  if (o.command == "encode") {
    const auto ids = encoding.value.encode(input, policy_from(o.allow_special));
    if (!ids.ok()) return fail(ids.error);
    std::string out = "[";
    for (std::size_t i = 0; i < ids.value.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(ids.value[i]);
    }
    out += "]\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  const auto json = nlohmann::json::parse(input, nullptr, false);
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
