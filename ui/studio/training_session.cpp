// A training run made all at once and read back at any step.
#include "ui/studio/training_session.h"

#include <algorithm>

#include "core/formats/model_file.h"
#include "core/train/training_text.h"

namespace bpeviz {

double TrainingSession::bytes_per_token(uint32_t k) const {
  k = std::min<uint32_t>(k, merges());
  if (tokens.empty() || tokens[k] == 0) return 0;
  return static_cast<double>(text.size()) / static_cast<double>(tokens[k]);
}

std::vector<std::string> parse_special_tokens(std::string_view field) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= field.size()) {
    std::size_t end = field.find_first_of(",\n\r", from);
    if (end == std::string_view::npos) end = field.size();
    std::string_view entry = field.substr(from, end - from);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t')) entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    if (!entry.empty()) out.emplace_back(entry);
    from = end + 1;
  }
  return out;
}

Result<TrainingSession> train_session(std::string_view text, const TrainerOptions& options) {
  using R = Result<TrainingSession>;
  if (text.empty()) return R::failure("The text is empty: type some text or pick a sample to train on.");
  if (options.num_merges == 0) return R::failure("Ask for at least one merge.");
  R out;
  TrainingSession& s = out.value;
  s.text = std::string(text);
  s.options = options;
  s.options.vocab_size = 0;
  // The trainer views s.text, which stays put while it runs (the session is moved only afterwards).
  auto trainer = BpeTrainer::create(s.text, s.options);
  if (!trainer.ok()) return R::failure("Cannot train: " + trainer.error + ".");
  while (!trainer.value->done()) {
    std::vector<TrainingStep> more = trainer.value->step(256);
    if (more.empty()) break;
    for (TrainingStep& step : more) s.steps.push_back(std::move(step));
  }
  s.model = trainer.value->model();

  // The pre-tokens, and the token count before any merge (a token per byte, one per special token),
  // found as the trainer splits its text.
  uint64_t start = 0;
  const TrainingText splitter(s.options.pretokenizer, s.options.specials);
  splitter.walk(
      s.text, 0, s.text.size(),
      [&](std::size_t begin, std::size_t end) {
        s.pieces.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(end)});
        start += end - begin;
      },
      [&](std::size_t index, std::size_t pos) {
        s.pieces.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + s.options.specials[index].size())});
        ++start;
      });
  s.tokens.reserve(s.steps.size() + 1);
  s.tokens.push_back(start);
  for (const TrainingStep& step : s.steps) s.tokens.push_back(s.tokens.back() - std::min(step.replaced, s.tokens.back()));
  return out;
}

BpeModel model_at(const TrainingSession& session, uint32_t k) {
  k = std::min<uint32_t>(k, session.merges());
  BpeModel m;
  m.pretokenizer = session.model.pretokenizer;
  m.tie = session.model.tie;
  // Ids are handed out in merge order (a merge that remakes earlier bytes reuses an earlier id), so the
  // first k merges made exactly the tokens below the largest id among them.
  std::size_t size = 256;
  for (uint32_t i = 0; i < k; ++i) size = std::max<std::size_t>(size, session.model.merges[i].id + std::size_t{1});
  m.tokens.assign(session.model.tokens.begin(), session.model.tokens.begin() + static_cast<std::ptrdiff_t>(size));
  m.merges.assign(session.model.merges.begin(), session.model.merges.begin() + k);
  for (const SpecialToken& special : session.model.specials) {
    m.specials.push_back({special.text, static_cast<uint32_t>(m.tokens.size() + m.specials.size())});
  }
  return m;
}

Result<std::vector<Token>> segmentation_at(const TrainingSession& session, uint32_t k) {
  auto encoding = make_model_encoding(model_at(session, k), "trained");
  if (!encoding.ok()) return Result<std::vector<Token>>::failure(encoding.error);
  return encoding.value.encode_with_spans(session.text, SpecialPolicy::allow_all_specials());
}

std::vector<Token> advance_segmentation(const TrainingSession& session, std::vector<Token> tokens, uint32_t j, uint32_t k) {
  k = std::min<uint32_t>(k, session.merges());
  if (j >= k) return tokens;
  // Special tokens' ids follow the merged tokens, so they move as merges add tokens: hold them as
  // markers no merge can match while merging, and number them again at the end.
  const auto vocab_size = [&](uint32_t merges) {
    uint32_t size = 256;
    for (uint32_t i = 0; i < merges; ++i) size = std::max(size, session.model.merges[i].id + 1);
    return size;
  };
  constexpr uint32_t kMarker = 0x80000000u;
  const uint32_t size_before = vocab_size(j);
  for (Token& t : tokens) {
    if (t.id >= size_before) t.id = kMarker | (t.id - size_before);
  }
  for (uint32_t m = j; m < k; ++m) {
    const BpeMerge& merge = session.model.merges[m];
    std::size_t piece = 0, out = 0;
    for (std::size_t i = 0; i < tokens.size();) {
      Token t = tokens[i];
      while (piece + 1 < session.pieces.size() && session.pieces[piece].end <= t.begin) ++piece;
      if (t.id == merge.left && i + 1 < tokens.size() && tokens[i + 1].id == merge.right &&
          tokens[i + 1].end <= session.pieces[piece].end) {
        t.id = merge.id;
        t.end = tokens[i + 1].end;
        i += 2;
      } else {
        ++i;
      }
      tokens[out++] = t;
    }
    tokens.resize(out);
  }
  const uint32_t size_after = vocab_size(k);
  for (Token& t : tokens) {
    if (t.id & kMarker) t.id = size_after + (t.id & ~kMarker);
  }
  return tokens;
}

std::vector<float> token_series(const TrainingSession& session) {
  std::vector<float> out;
  out.reserve(session.tokens.size());
  for (uint64_t n : session.tokens) out.push_back(static_cast<float>(n));
  return out;
}

std::vector<float> bytes_per_token_series(const TrainingSession& session) {
  std::vector<float> out;
  out.reserve(session.tokens.size());
  for (uint32_t k = 0; k < session.tokens.size(); ++k) out.push_back(static_cast<float>(session.bytes_per_token(k)));
  return out;
}

Result<ExportFile> export_session(const TrainingSession& session, uint32_t k, std::string_view kind) {
  const BpeModel model = model_at(session, k);
  const std::string base = "bpeviz-" + std::to_string(model.merges.size()) + "-merges";
  if (kind == "model") return {{base + ".model", write_model_file(model)}, {}};
  if (kind == "vocab") return {{base + ".vocab", write_vocab_companion(model)}, {}};
  if (kind == "tiktoken") return {{base + ".tiktoken", write_tiktoken_ranks(model)}, {}};
  if (kind == "vocab.json") return {{"vocab.json", write_gpt2_vocab_json(model)}, {}};
  if (kind == "merges.txt") return {{"merges.txt", write_gpt2_merges(model)}, {}};
  return Result<ExportFile>::failure("unknown export \"" + std::string(kind) +
                                     "\": model, vocab, tiktoken, vocab.json or merges.txt");
}

}  // namespace bpeviz
