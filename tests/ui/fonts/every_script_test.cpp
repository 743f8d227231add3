// Every script Noto covers draws as glyphs, with the fonts the build cut from Debian's packages: each
// language's name for itself (glibc's locale files, `lang_name`, from Debian's `locales`: real words in
// Tamil, Amharic, Burmese, Cherokee, ...) and characters of every fallback file the manifest lists.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/text/utf8.h"
#include "tests/test_data.h"
#include "tests/ui/headless.h"
#include "ui/fonts/fonts.h"
#include "ui/fonts/glyph_needs.h"

using namespace bpeviz;

namespace {

constexpr const char* kLocales = "/usr/share/i18n/locales";

// `lang_name "<U0BA4><U0BAE>..."` of every locale file, as UTF-8 (the files spell most characters as <UXXXX>,
// some plain: "fran<U00E7>ais"). Read by hand: GCC 12 warns inside <regex> under the sanitizers' -O1.
std::vector<std::string> language_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kLocales)) {
    std::ifstream file(entry.path());
    for (std::string line; std::getline(file, line);) {
      if (line.rfind("lang_name", 0) != 0) continue;
      const std::size_t open = line.find('"'), close = line.rfind('"');
      std::string name;
      for (std::size_t i = open + 1; open != std::string::npos && i < close;) {
        const std::size_t end = line.find('>', i);
        if (line.compare(i, 2, "<U") == 0 && end != std::string::npos && end < close) {
          utf8_append(name, static_cast<uint32_t>(std::stoul(line.substr(i + 2, end - i - 2), nullptr, 16)));
          i = end + 1;
        } else {
          name.push_back(line[i++]);
        }
      }
      if (!name.empty()) names.push_back(name);
      break;
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Fetches (reads) every fallback font `needs` asks for, as the page would.
void load_requested(GlyphNeeds& needs) {
  for (const std::size_t i : update_glyph_needs(needs)) {
    std::vector<uint8_t> font = test::read_bytes(std::string(BPEVIZ_TEST_FALLBACK_FONT_DIR) + "/" + needs.manifest.fallbacks[i].file);
    REQUIRE(!font.empty());
    fallback_font_loaded(needs, i, std::move(font));
  }
}

struct RealFonts {
  std::vector<uint8_t> base = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/DejaVuSans.ttf");
  std::vector<uint8_t> mono = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/JetBrainsMono-Regular.ttf");
  GlyphNeeds needs;
  RealFonts() {
    auto m = parse_font_manifest(test::read_file(std::string(BPEVIZ_TEST_FONT_DIR) + "/fallback_fonts.json"));
    REQUIRE(m.ok());
    set_font_manifest(needs, std::move(m.value));
  }
};

}  // namespace

TEST_CASE("every language's own name, in every script glibc has a locale for, draws as glyphs") {
  REQUIRE(std::filesystem::is_directory(kLocales));
  const std::vector<std::string> names = language_names();
  REQUIRE(names.size() > 200);
  std::string all;
  for (const std::string& name : names) all += name + " ";
  RealFonts real;  // outlives the ImGui context, which borrows the fonts' bytes
  test::HeadlessImGui imgui;
  note_text(real.needs, all);
  Fonts fonts = load_fonts(ImGui::GetIO(), real.base, real.mono, 1.0f, real.needs);
  CHECK(missing_glyphs(fonts.text, all) > 100);  // DejaVu Sans alone: Indic, Ethiopic, CJK, ... have no glyph
  load_requested(real.needs);
  fonts = load_fonts(ImGui::GetIO(), real.base, real.mono, 1.0f, real.needs);
  CHECK(real.needs.dropped == 0);
  for (const std::string& name : names) {
    CAPTURE(name);
    CHECK(missing_glyphs(fonts.text, name) == 0);
  }
}

TEST_CASE("every fallback file draws the characters the manifest says it has") {
  RealFonts real;
  test::HeadlessImGui imgui;
  const FontManifest& manifest = real.needs.manifest;
  REQUIRE(manifest.fallbacks.size() > 100);  // a file for every script Noto covers, not only the hand-cut few
  // Each file's first, middle and last code point: a font the atlas could not merge would lack all three.
  std::string sample;
  std::set<std::string> scripts;
  for (const FontFile& f : manifest.fallbacks) {
    REQUIRE(!f.ranges.empty());
    scripts.insert(f.script);
    const uint32_t first = f.ranges.front().first, last = f.ranges.back().second;
    const auto& middle = f.ranges[f.ranges.size() / 2];
    for (const uint32_t c : {first, middle.first, last}) utf8_append(sample, c);
  }
  for (const char* script : {"Bengali", "Gurmukhi", "Gujarati", "Oriya", "Tamil", "Telugu", "Kannada", "Malayalam",
                             "Sinhala", "Tibetan", "Myanmar", "Khmer", "Ethiopic", "Mongolian", "Cherokee", "Syriac",
                             "Thaana"}) {
    CAPTURE(script);
    CHECK(scripts.count(script) == 1);
  }
  note_text(real.needs, sample);
  load_requested(real.needs);
  const Fonts fonts = load_fonts(ImGui::GetIO(), real.base, real.mono, 1.0f, real.needs);
  CHECK(real.needs.dropped == 0);
  CHECK(missing_glyphs(fonts.text, sample) == 0);
}

TEST_CASE("the manifest's answers by interval are those of asking each font in turn") {
  RealFonts real;
  const FontManifest& indexed = real.needs.manifest;
  REQUIRE(!indexed.answer_starts.empty());
  FontManifest plain = indexed;
  plain.answer_starts.clear();
  plain.answers.clear();
  std::size_t fallback_answers = 0;
  for (uint32_t c = 0; c <= 0x10FFFF; c += c < 0x20000 ? 1 : 7) {
    const int answer = font_for_code_point(indexed, c);
    if (answer != font_for_code_point(plain, c)) {
      CAPTURE(c);
      CHECK(answer == font_for_code_point(plain, c));
    }
    fallback_answers += answer >= 0;
  }
  CHECK(fallback_answers > 30000);
}
