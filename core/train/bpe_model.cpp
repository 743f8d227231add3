// A trained BPE model's invariants, and the model as an encoding.
#include "core/train/bpe_model.h"

#include <unordered_set>

namespace bpeviz {

std::string_view tie_rule_name(TieRule rule) { return rule == TieRule::first ? "first" : "greater"; }

bool tie_rule_from_name(std::string_view name, TieRule& rule) {
  if (name == "greater") rule = TieRule::greater;
  else if (name == "first") rule = TieRule::first;
  else return false;
  return true;
}

BpeModel BpeModel::bytes_only(Pretokenizer pretokenizer) {
  BpeModel model;
  model.pretokenizer = pretokenizer;
  model.tokens.reserve(256);
  for (int b = 0; b < 256; ++b) model.tokens.emplace_back(1, static_cast<char>(b));
  return model;
}

std::string BpeModel::check() const {
  if (tokens.size() < 256) return "fewer than 256 tokens";
  for (uint32_t b = 0; b < 256; ++b) {
    if (tokens[b] != std::string(1, static_cast<char>(b))) return "token " + std::to_string(b) + " is not the byte " + std::to_string(b);
  }
  std::unordered_set<std::string_view> seen(tokens.begin(), tokens.end());
  if (seen.size() != tokens.size()) return "two tokens have the same bytes";
  // Every merged token is made by a merge, in id order; a merge names earlier tokens only.
  uint32_t next_new = 256;
  for (std::size_t i = 0; i < merges.size(); ++i) {
    const BpeMerge& m = merges[i];
    const std::string where = "merge " + std::to_string(i + 1) + ": ";
    if (m.left >= next_new || m.right >= next_new) return where + "uses a token not made yet";
    if (m.id > next_new || m.id >= tokens.size()) return where + "gives id " + std::to_string(m.id) + " out of order";
    if (tokens[m.id] != tokens[m.left] + tokens[m.right]) return where + "the token's bytes are not the pair's";
    if (m.id == next_new) ++next_new;
  }
  if (next_new != tokens.size()) return "token " + std::to_string(next_new) + " is made by no merge";
  std::unordered_set<std::string_view> special_texts;
  for (std::size_t i = 0; i < specials.size(); ++i) {
    if (specials[i].text.empty()) return "an empty special token";
    if (!special_texts.insert(specials[i].text).second) return "special token " + specials[i].text + " appears twice";
    if (specials[i].id != tokens.size() + i) return "special token " + specials[i].text + " does not follow the tokens";
  }
  return "";
}

Result<Encoding> make_model_encoding(const BpeModel& model, std::string name) {
  if (std::string why = model.check(); !why.empty()) return Result<Encoding>::failure(name + ": " + why);
  Vocab ranks;
  std::size_t total = 0;
  for (const auto& t : model.tokens) total += t.size();
  ranks.reserve(model.tokens.size(), total);
  for (uint32_t id = 0; id < model.tokens.size(); ++id) ranks.add(id, model.tokens[id]);
  return {Encoding(std::move(name), model.pretokenizer, std::move(ranks), model.specials, model.n_vocab()), {}};
}

}  // namespace bpeviz
