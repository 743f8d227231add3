// Unicode character properties of the version the reference regex engines use (Unicode 16.0: tiktoken's Rust
// regex crate and Hugging Face's Oniguruma), from tables generated at build time by scripts/make_unicode_tables.mjs.
#pragma once
#include <cstdint>
#include <string_view>

namespace bpeviz {

// Unicode's general categories; Cn (unassigned) is also what any value past U+10FFFF gets.
enum class GeneralCategory : uint8_t {
  Cn, Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No, Pc, Pd, Ps, Pe, Pi, Pf, Po, Sm, Sc, Sk, So, Zs, Zl, Zp, Cc, Cf, Cs, Co,
};

GeneralCategory general_category(uint32_t code_point);

// The category's two-letter name, "Lu".
std::string_view category_name(GeneralCategory category);

// Unicode's White_Space property (\s in the patterns, and where the whitespace pre-tokenizer splits).
bool is_white_space(uint32_t code_point);

// The version of the tables, "16.0.0".
std::string_view unicode_version();

}  // namespace bpeviz
