// Reads the generated Unicode tables: two stages, blocks of code points and the categories in each block.
#include "core/text/unicode_data.h"

// After the enum, which the generated file checks its values against.
#include "generated/unicode_tables.h"

#include <cstddef>
#include <iterator>

namespace bpeviz {

namespace {

uint8_t value(uint32_t cp) {
  using namespace unicode_tables;
  if (cp > 0x10FFFF) return 0;
  const uint32_t block = kBlocks[cp >> kBlockBits];
  return kValues[(block << kBlockBits) | (cp & ((1u << kBlockBits) - 1))];
}

}  // namespace

GeneralCategory general_category(uint32_t cp) {
  return static_cast<GeneralCategory>(value(cp) & ~unicode_tables::kWhiteSpaceBit);
}

std::string_view category_name(GeneralCategory category) {
  static constexpr std::string_view kNames[] = {"Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd",
                                                "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm",
                                                "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co"};
  const auto i = static_cast<std::size_t>(category);
  return i < std::size(kNames) ? kNames[i] : std::string_view("Cn");
}

bool is_white_space(uint32_t cp) { return value(cp) & unicode_tables::kWhiteSpaceBit; }

std::string_view unicode_version() { return unicode_tables::kUnicodeVersion; }

}  // namespace bpeviz
