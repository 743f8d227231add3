#include "core/explain/boundary_diff.h"

#include <algorithm>

namespace bpeviz {

std::vector<uint32_t> token_boundaries(std::span<const Token> tokens) {
  std::vector<uint32_t> out;
  out.reserve(tokens.size() + 1);
  for (const Token& t : tokens) {
    for (const uint32_t offset : {t.begin, t.end}) {
      if (out.empty() || out.back() != offset) out.push_back(offset);
    }
  }
  // Tokens in text order give sorted offsets already; only an unusual span order needs the sort.
  if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

BoundaryDiff compare_boundaries(std::span<const std::span<const Token>> tokenizations) {
  BoundaryDiff out;
  if (tokenizations.size() < 2) return out;
  std::vector<std::vector<uint32_t>> lists;
  for (const auto& tokens : tokenizations) lists.push_back(token_boundaries(tokens));
  // Walk all lists at once: the smallest head is an offset; it differs unless every list has it.
  std::vector<std::size_t> at(lists.size(), 0);
  for (;;) {
    uint32_t next = UINT32_MAX;
    bool any = false;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (at[i] < lists[i].size()) {
        next = any ? std::min(next, lists[i][at[i]]) : lists[i][at[i]];
        any = true;
      }
    }
    if (!any) break;
    std::size_t having = 0;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      if (at[i] < lists[i].size() && lists[i][at[i]] == next) {
        ++having;
        ++at[i];
      }
    }
    if (having < lists.size()) out.differing.push_back(next);
    else ++out.shared;
  }
  return out;
}

std::vector<Span> tokens_split_elsewhere(std::span<const Token> tokens, std::span<const uint32_t> offsets) {
  std::vector<Span> out;
  for (const Token& t : tokens) {
    const auto it = std::upper_bound(offsets.begin(), offsets.end(), t.begin);
    if (it != offsets.end() && *it < t.end) out.push_back({t.begin, t.end});
  }
  return out;
}

}  // namespace bpeviz
