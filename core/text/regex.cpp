#include "core/text/regex.h"

#include <oniguruma.h>

#include "core/text/utf8.h"

namespace bpeviz {

namespace {

// Enough for any sane pattern on a megabyte; a pattern that backtracks without end stops here
// instead of hanging the page (about a second of work).
constexpr unsigned long kRetryLimitInSearch = 200'000'000;

void initialize_once() {
  static const bool done = [] {
    OnigEncoding encodings[] = {ONIG_ENCODING_UTF8};
    onig_initialize(encodings, 1);
    return true;
  }();
  (void)done;
}

bool ill_formed_at(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]) >= 0x80 && utf8_char_length(text, pos) == 1;
}

}  // namespace

struct Regex::Compiled {
  regex_t* regex = nullptr;
  ~Compiled() { onig_free(regex); }
};

Result<Regex> Regex::compile(std::string_view pattern) {
  initialize_once();
  if (!utf8_is_valid(pattern)) return Result<Regex>::failure("the pattern is not valid UTF-8");
  auto compiled = std::make_shared<Compiled>();
  OnigErrorInfo info{};
  const auto* begin = reinterpret_cast<const OnigUChar*>(pattern.data());
  // The options and syntax of Hugging Face's onig::Regex::new: none, and Oniguruma's default.
  const int r = onig_new(&compiled->regex, begin, begin + pattern.size(), ONIG_OPTION_NONE, ONIG_ENCODING_UTF8,
                         ONIG_SYNTAX_DEFAULT, &info);
  if (r != ONIG_NORMAL) {
    compiled->regex = nullptr;
    OnigUChar message[ONIG_MAX_ERROR_MESSAGE_LEN];
    onig_error_code_to_str(message, r, &info);
    return Result<Regex>::failure(reinterpret_cast<const char*>(message));
  }
  Regex out;
  out.compiled_ = std::move(compiled);
  out.pattern_ = std::string(pattern);
  return {std::move(out), {}};
}

bool Regex::find_matches(std::string_view text, std::vector<Match>& out) const {
  const auto push = [&](std::size_t b, std::size_t e, bool matched) {
    out.push_back({{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}, matched});
  };
  if (text.empty()) return true;
  OnigRegion* region = onig_region_new();
  OnigMatchParam* param = onig_new_match_param();
  onig_initialize_match_param(param);
  onig_set_retry_limit_in_search_of_match_param(param, kRetryLimitInSearch);
  bool ok = true;
  // Search each stretch of well-formed UTF-8 on its own (Oniguruma assumes valid input); ill-formed
  // bytes are gaps. Hugging Face never sees them: its strings are always valid.
  std::size_t gap = 0;  // start of the text not yet pushed
  for (std::size_t from = 0; from < text.size() && ok;) {
    std::size_t to = from;
    while (to < text.size() && !ill_formed_at(text, to)) to += utf8_char_length(text, to);
    const auto* str = reinterpret_cast<const OnigUChar*>(text.data()) + from;
    const auto* end = str + (to - from);
    // The onig crate's find_iter: search from the end of the last match; an empty match right
    // where the last match ended is skipped by moving one character on.
    std::size_t search = 0, length = to - from;
    std::size_t last_match_end = std::string_view::npos;
    while (search <= length) {
      onig_region_clear(region);
      const int r = onig_search_with_param(compiled_->regex, str, end, str + search, end, region, ONIG_OPTION_NONE, param);
      if (r == ONIG_MISMATCH) break;
      if (r < 0) {
        ok = false;
        break;
      }
      const auto s = static_cast<std::size_t>(region->beg[0]), e = static_cast<std::size_t>(region->end[0]);
      if (s == e && last_match_end == e) {
        search += search < length ? utf8_char_length(text, from + search) : 1;
        continue;
      }
      if (from + s > gap) push(gap, from + s, false);
      push(from + s, from + e, true);
      gap = from + e;
      search = e;
      last_match_end = e;
    }
    from = to;
    while (from < text.size() && ill_formed_at(text, from)) ++from;
  }
  if (gap < text.size()) push(gap, text.size(), false);
  onig_free_match_param(param);
  onig_region_free(region, 1);
  return ok;
}

}  // namespace bpeviz
