#include "cli/train_command.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "cli/cli_io.h"
#include "cli/progress.h"
#include "core/train/bpe_trainer.h"
#include "core/formats/model_file.h"

namespace bpeviz::cli {

const char* const kTrainUsage =
    "       bpeviz-cli train (--vocab-size N | --merges N) [--pretokenizer gpt2|cl100k|o200k|whitespace|none]\n"
    "                        [--special TEXT]... [--tie greater|first] [--threads N] (FILE|-) -o DIR\n";

namespace {

struct TrainArgs {
  TrainerOptions options;
  std::string input, out_dir;
};

// Parses the arguments; "" or the error.
std::string parse(const std::vector<std::string>& args, TrainArgs& t) {
  TrainerOptions& o = t.options;
  o.pretokenizer = Pretokenizer::gpt2;
  o.threads = 2;
  o.top_k = 0;  // the command line shows no runners-up: skip collecting them
  bool have_input = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    std::string v;
    const bool takes_value = a == "--vocab-size" || a == "--merges" || a == "--pretokenizer" || a == "--special" ||
                             a == "--tie" || a == "--threads" || a == "-o";
    if (takes_value) {
      if (i + 1 >= args.size()) return a + " needs a value";
      v = args[++i];
    }
    if (a == "--vocab-size" || a == "--merges") {
      uint32_t n = 0;
      if (!parse_positive(v, n)) return a + ": \"" + v + "\" is not a positive whole number";
      (a == "--vocab-size" ? o.vocab_size : o.num_merges) = n;
    } else if (a == "--threads") {
      if (!parse_positive(v, o.threads) || o.threads > 256) return "--threads: \"" + v + "\" is not a number from 1 to 256";
    } else if (a == "--pretokenizer") {
      if (!pretokenizer_from_name(v, o.pretokenizer)) {
        return "--pretokenizer: unknown pre-tokenizer \"" + v + "\" (gpt2, cl100k, o200k, whitespace, none)";
      }
    } else if (a == "--tie") {
      if (!tie_rule_from_name(v, o.tie)) return "--tie: unknown rule \"" + v + "\" (greater, first)";
    } else if (a == "--special") {
      o.specials.push_back(v);
    } else if (a == "-o") {
      t.out_dir = v;
    } else if (a.size() > 1 && a[0] == '-') {
      return "unknown option " + a + " for train";
    } else if (have_input) {
      return "train takes one corpus file (or - for standard input), not \"" + t.input + "\" and \"" + a + "\"";
    } else {
      t.input = a;
      have_input = true;
    }
  }
  if ((o.vocab_size == 0) == (o.num_merges == 0)) return "train needs exactly one of --vocab-size N and --merges N";
  if (!have_input) return "train needs a corpus file (or - for standard input)";
  if (t.out_dir.empty()) return "train needs -o DIR, the directory to write the model into";
  return "";
}

// Creates DIR if needed and makes sure files can be written there, before a long training run.
std::string prepare_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return "cannot create " + dir + ": " + ec.message();
  if (!fs::is_directory(dir, ec)) return "cannot write into " + dir + ": not a directory";
  if (::access(dir.c_str(), W_OK | X_OK) != 0) return "cannot write into " + dir + ": " + std::strerror(errno);
  return "";
}

// "812 bytes", "35.1 KB", "104.9 MB".
std::string size_text(uint64_t bytes) {
  char buf[32];
  if (bytes < 1000) std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(bytes));
  else if (bytes < 1000 * 1000) std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1e3);
  else std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  return buf;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int train_command(const std::vector<std::string>& args) {
  TrainArgs t;
  if (std::string error = parse(args, t); !error.empty()) return fail(error);
  // The trainer's own checks of the options (a vocabulary too small for the bytes and specials...)
  // on an empty text, so that they fail before a large corpus is read.
  if (auto checked = BpeTrainer::create("", t.options); !checked.ok()) return fail(checked.error);
  if (std::string error = InputStream().open(t.input); !error.empty()) return fail(error);
  if (std::string error = prepare_directory(t.out_dir); !error.empty()) return fail(error);

  const bool terminal = ::isatty(::fileno(stderr)) != 0;
  const auto started = std::chrono::steady_clock::now();
  std::fprintf(stderr, "bpeviz-cli train: counting the pre-tokens of %s (%s, %u thread%s)\n",
               t.input == "-" ? "standard input" : t.input.c_str(), std::string(pretokenizer_name(t.options.pretokenizer)).c_str(),
               t.options.threads, t.options.threads == 1 ? "" : "s");
  // Part by part, each ending where no pre-token or special token crosses: memory follows the distinct
  // pre-tokens, not the corpus (a 12 GB corpus counts in a few hundred MB).
  PretokenCounts counts(t.options.pretokenizer, t.options.specials, t.options.threads);
  const std::string read_error = read_parts(t.input, counts.cuts(), [&](std::string_view part, uint64_t) {
    counts.add(part);
    return true;
  });
  if (!read_error.empty()) return fail(read_error);
  const uint64_t corpus_bytes = counts.bytes_seen();
  auto created = BpeTrainer::create(std::move(counts), t.options);
  if (!created.ok()) return fail(created.error);
  BpeTrainer& trainer = *created.value;
  std::fprintf(stderr, "bpeviz-cli train: %s read, %zu distinct pre-tokens, %llu in all (%.1f s)\n",
               size_text(corpus_bytes).c_str(), trainer.distinct_pretokens(),
               static_cast<unsigned long long>(trainer.total_pretokens()), seconds_since(started));

  // Small batches keep the bar moving; a batch of 64 merges costs far less than a redraw interval.
  TrainingProgress progress(stderr, terminal);
  progress.start(trainer.merges_target());
  const auto merging = std::chrono::steady_clock::now();
  while (!trainer.done()) {
    trainer.step(64);
    progress.update(trainer.merges_done());
  }
  progress.finish(trainer.merges_done());
  const BpeModel model = trainer.model();
  if (trainer.merges_done() < trainer.merges_target()) {
    std::fprintf(stderr, "bpeviz-cli train: stopped after %u of %u merges: no adjacent pair is left\n", trainer.merges_done(),
                 trainer.merges_target());
  }

  const std::string dir = t.out_dir + (t.out_dir.ends_with('/') ? "" : "/");
  const std::pair<const char*, std::string> files[] = {
      {kModelFileName, write_model_file(model)},          {"bpeviz.vocab", write_vocab_companion(model)},
      {"vocab.json", write_gpt2_vocab_json(model)},       {"merges.txt", write_gpt2_merges(model)},
      {"ranks.tiktoken", write_tiktoken_ranks(model)},
  };
  std::string names;
  for (const auto& [name, bytes] : files) {
    if (std::string error = write_file(dir + name, bytes); !error.empty()) return fail(error);
    names += (names.empty() ? "" : ", ") + std::string(name);
  }
  std::printf("%s: %u tokens (256 bytes, %zu merged, %zu special; %zu merges) in %.2f s (merging %.2f s); wrote %s\n",
              t.out_dir.c_str(), model.n_vocab(), model.tokens.size() - 256, model.specials.size(), model.merges.size(),
              seconds_since(started), seconds_since(merging), names.c_str());
  return 0;
}

}  // namespace bpeviz::cli
