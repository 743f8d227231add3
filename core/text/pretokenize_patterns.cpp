// The scanners' regexes (pretokenize_patterns.h), as the files that use them spell them.
#include "core/text/pretokenize_patterns.h"

namespace bpeviz {

namespace {

constexpr std::string_view kWhitespace[] = {R"(\s+|\S+)"};
constexpr std::string_view kGpt2[] = {
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)"};
constexpr std::string_view kCl100k[] = {
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"};
// cl100k's with \p{N} in place of \p{N}{1,3}: one piece per digit.
constexpr std::string_view kQwen2[] = {
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)"};
constexpr std::string_view kO200k[] = {
    R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)"};
// Hugging Face Splits in a Sequence, in order.
constexpr std::string_view kDeepSeekV3[] = {
    R"(\p{N}{1,3})",
    "[\u4e00-\u9fa5\u3040-\u309f\u30a0-\u30ff]+",
    R"([!"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~][A-Za-z]+|[^\r\n\p{L}\p{P}\p{S}]?[\p{L}\p{M}]+| ?[\p{P}\p{S}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)",
};

constexpr ScannerPattern kPatterns[] = {
    {Pretokenizer::whitespace, kWhitespace, false},
    {Pretokenizer::gpt2, kGpt2, true},
    {Pretokenizer::cl100k, kCl100k, true},
    {Pretokenizer::o200k, kO200k, true},
    {Pretokenizer::qwen2, kQwen2, true},
    {Pretokenizer::deepseek_v3, kDeepSeekV3, true},
};

}  // namespace

std::span<const ScannerPattern> scanner_patterns() { return kPatterns; }

std::span<const std::string_view> scanner_regexes(Pretokenizer kind) {
  for (const ScannerPattern& p : kPatterns) {
    if (p.kind == kind) return p.regexes;
  }
  return {};
}

std::string canonical_regex(std::string_view regex) {
  std::string out;
  for (const char c : regex) {
    if (c == '\r') out += "\\r";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

bool scanner_for_regex(std::string_view regex, Pretokenizer& kind) {
  const std::string canonical = canonical_regex(regex);
  for (const ScannerPattern& p : kPatterns) {
    if (p.in_tokenizer_json && p.regexes.size() == 1 && p.regexes[0] == canonical) {
      kind = p.kind;
      return true;
    }
  }
  return false;
}

}  // namespace bpeviz
