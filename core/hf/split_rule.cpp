#include "core/hf/split_rule.h"

namespace bpeviz {

namespace {

// Hugging Face's NormalizedString::split, from the matches onwards: each entry is a span and whether
// it is dropped; the behaviours fold matches into their neighbours as there.
void split_by_matches(std::vector<Regex::Match>& matches, SplitBehavior behavior, bool invert, std::vector<Span>& out) {
  if (invert) {
    for (Regex::Match& m : matches) m.matched = !m.matched;
  }
  const auto push = [&](Span s) {
    if (s.end > s.begin) out.push_back(s);
  };
  bool previous_match = false;
  switch (behavior) {
    case SplitBehavior::isolated:
      for (const Regex::Match& m : matches) push(m.span);
      return;
    case SplitBehavior::removed:
      for (const Regex::Match& m : matches) {
        if (!m.matched) push(m.span);
      }
      return;
    case SplitBehavior::contiguous:
    case SplitBehavior::merged_with_previous:
      // Contiguous: consecutive entries of the same kind become one. MergedWithPrevious: a match
      // joins the piece before it. (Empty entries are kept until the end, as in Hugging Face.)
      {
        std::vector<Span> acc;
        for (const Regex::Match& m : matches) {
          const bool join = behavior == SplitBehavior::contiguous ? m.matched == previous_match
                                                                  : m.matched && !previous_match;
          if (join && !acc.empty()) acc.back().end = m.span.end;
          else acc.push_back(m.span);
          previous_match = m.matched;
        }
        for (const Span& s : acc) push(s);
      }
      return;
    case SplitBehavior::merged_with_next: {
      // A match joins the piece after it: the same fold from the end.
      std::vector<Span> acc;
      for (auto m = matches.rbegin(); m != matches.rend(); ++m) {
        if (m->matched && !previous_match && !acc.empty()) acc.back().begin = m->span.begin;
        else acc.push_back(m->span);
        previous_match = m->matched;
      }
      for (auto s = acc.rbegin(); s != acc.rend(); ++s) push(*s);
      return;
    }
  }
}

void find_literal(std::string_view text, std::string_view literal, std::vector<Regex::Match>& out) {
  std::size_t gap = 0;
  for (std::size_t hit = text.find(literal); hit != std::string_view::npos; hit = text.find(literal, gap)) {
    if (hit > gap) out.push_back({{static_cast<uint32_t>(gap), static_cast<uint32_t>(hit)}, false});
    gap = hit + literal.size();
    out.push_back({{static_cast<uint32_t>(hit), static_cast<uint32_t>(gap)}, true});
  }
  if (gap < text.size()) out.push_back({{static_cast<uint32_t>(gap), static_cast<uint32_t>(text.size())}, false});
}

}  // namespace

bool apply_split(const SplitRule& rule, std::string_view text, std::vector<Span>& out) {
  if (rule.kind == SplitRule::Kind::scanner) {
    pretokenize(rule.scanner, text, out);
    return true;
  }
  thread_local std::vector<Regex::Match> matches;
  matches.clear();
  bool ok = true;
  if (rule.kind == SplitRule::Kind::literal) {
    if (!rule.literal.empty()) find_literal(text, rule.literal, matches);
    else if (!text.empty()) matches.push_back({{0, static_cast<uint32_t>(text.size())}, false});
  } else {
    ok = rule.regex.find_matches(text, matches);
  }
  split_by_matches(matches, rule.behavior, rule.invert, out);
  return ok;
}

bool apply_splits(std::span<const SplitRule> rules, std::string_view text, std::vector<Span>& out) {
  if (rules.empty()) {
    if (!text.empty()) out.push_back({0, static_cast<uint32_t>(text.size())});
    return true;
  }
  if (rules.size() == 1) return apply_split(rules[0], text, out);
  bool ok = true;
  std::vector<Span> pieces, next;
  ok &= apply_split(rules[0], text, pieces);
  for (std::size_t i = 1; i < rules.size(); ++i) {
    std::vector<Span>& into = i + 1 == rules.size() ? out : next;
    const std::size_t from = into.size();
    for (const Span& p : pieces) {
      const std::size_t start = into.size();
      ok &= apply_split(rules[i], text.substr(p.begin, p.end - p.begin), into);
      for (std::size_t k = start; k < into.size(); ++k) {
        into[k].begin += p.begin;
        into[k].end += p.begin;
      }
    }
    if (&into == &next) {
      pieces.assign(next.begin() + static_cast<std::ptrdiff_t>(from), next.end());
      next.clear();
    }
  }
  return ok;
}

bool split_behavior_from_name(std::string_view name, SplitBehavior& behavior) {
  static constexpr std::pair<std::string_view, SplitBehavior> kNames[] = {
      {"Isolated", SplitBehavior::isolated},
      {"Removed", SplitBehavior::removed},
      {"MergedWithPrevious", SplitBehavior::merged_with_previous},
      {"MergedWithNext", SplitBehavior::merged_with_next},
      {"Contiguous", SplitBehavior::contiguous},
  };
  for (const auto& [n, b] : kNames) {
    if (n == name) {
      behavior = b;
      return true;
    }
  }
  return false;
}

}  // namespace bpeviz
