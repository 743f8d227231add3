// The generated Unicode 16.0 tables (core/text/unicode_data.h) against utf8proc's Unicode 15.0 ones: they agree
// on every code point 15.0 assigned, save the few Unicode reclassified, and differ on the characters 15.1 and
// 16.0 added; the pre-tokenizers then treat those characters as tiktoken does.
#include "core/text/unicode_data.h"

#include <doctest/doctest.h>
#include <utf8proc.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/text/pretokenize.h"

using namespace bpeviz;

TEST_CASE("unicode tables: version 16.0, and utf8proc's 15.0 categories on the code points 15.0 assigned") {
  CHECK(unicode_version() == "16.0.0");
  int same = 0, reclassified = 0, added = 0, removed = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const int theirs = utf8proc_category(static_cast<utf8proc_int32_t>(cp));  // UTF8PROC_CATEGORY_CN is 0
    const auto ours = general_category(cp);
    if (theirs == UTF8PROC_CATEGORY_CN && ours != GeneralCategory::Cn) ++added;
    else if (theirs != UTF8PROC_CATEGORY_CN && ours == GeneralCategory::Cn) ++removed;
    else if (theirs == UTF8PROC_CATEGORY_CN || std::string_view(utf8proc_category_string(static_cast<utf8proc_int32_t>(cp))) ==
                                                   category_name(ours)) ++same;
    else ++reclassified;
  }
  // Unicode 15.1 added 627 characters and 16.0 added 5,185 (their release notes); none was ever removed.
  CHECK(added == 627 + 5185);
  CHECK(removed == 0);
  CHECK(reclassified < 20);
  CHECK(same > 0x10FFFF - 6000);
  CHECK(general_category(0x110000) == GeneralCategory::Cn);
}

TEST_CASE("unicode tables: letters first assigned in Unicode 16.0") {
  CHECK(general_category(0x10D50) == GeneralCategory::Lu);  // GARAY CAPITAL LETTER A
  CHECK(general_category(0x10D70) == GeneralCategory::Ll);  // GARAY SMALL LETTER A
  CHECK(general_category(0x105C0) == GeneralCategory::Lo);  // TODHRI LETTER A
  CHECK(general_category(0x13460) == GeneralCategory::Lo);  // EGYPTIAN HIEROGLYPH-13460
  CHECK(general_category(0x16D43) == GeneralCategory::Lo);  // KIRAT RAI LETTER A
  CHECK(general_category(0x11BF0) == GeneralCategory::Nd);  // SUNUWAR DIGIT ZERO
  CHECK(general_category(0x1E5F1) == GeneralCategory::Nd);  // OL ONAL DIGIT ONE
}

TEST_CASE("unicode tables: White_Space") {
  int count = 0;
  for (uint32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    if (!is_white_space(cp)) continue;
    ++count;
    const auto c = general_category(cp);
    CHECK((c == GeneralCategory::Zs || c == GeneralCategory::Zl || c == GeneralCategory::Zp || c == GeneralCategory::Cc));
  }
  CHECK(count == 25);  // PropList.txt's White_Space: 25 code points since Unicode 6.3
  for (const uint32_t cp : {0x09u, 0x0Du, 0x20u, 0x85u, 0xA0u, 0x1680u, 0x2000u, 0x200Au, 0x2028u, 0x202Fu, 0x3000u}) {
    CHECK(is_white_space(cp));
  }
  CHECK(!is_white_space(0x200B));  // ZERO WIDTH SPACE is Cf, not White_Space
  CHECK(!is_white_space(0xFEFF));
}

// tiktoken 1.0.22 (cl100k_base) encodes "\U0001E5DD's" as [..., 596]: the letter, then "'s" (issue 32).
TEST_CASE("unicode tables: a Unicode 16.0 letter before 's is a word, as in tiktoken") {
  std::vector<Span> out;
  const std::string text = "\xF0\x9E\x97\x9D's";  // U+1E5DD OL ONAL LETTER ..., then 's
  pretokenize(Pretokenizer::cl100k, text, out);
  REQUIRE(out.size() == 2);
  CHECK(out[0] == Span{0, 4});
  CHECK(out[1] == Span{4, 6});
}
