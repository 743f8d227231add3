// Complex scripts shaped by HarfBuzz into clusters, each one glyph of the atlas, with the fonts the build
// cut from Debian's Noto packages: conjuncts are one cluster, vowel signs drawn before their consonant
// come first, a cluster gets its glyph at the next atlas build, and other text is left alone.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <hb.h>
#include <imgui.h>

#include "core/text/utf8.h"
#include "tests/test_data.h"
#include "tests/ui/headless.h"
#include "ui/fonts/fonts.h"
#include "ui/fonts/glyph_needs.h"
#include "ui/shaping/clusters.h"

using namespace bpeviz;

namespace {

struct RealFonts {
  std::vector<uint8_t> base = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/DejaVuSans.ttf");
  std::vector<uint8_t> mono = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/JetBrainsMono-Regular.ttf");
  GlyphNeeds needs;
  explicit RealFonts(const std::string& text) {
    auto m = parse_font_manifest(test::read_file(std::string(BPEVIZ_TEST_FONT_DIR) + "/fallback_fonts.json"));
    REQUIRE(m.ok());
    set_font_manifest(needs, std::move(m.value));
    note_text(needs, text);
    for (const std::size_t i : update_glyph_needs(needs)) {
      fallback_font_loaded(needs, i, test::read_bytes(std::string(BPEVIZ_TEST_FALLBACK_FONT_DIR) + "/" + needs.manifest.fallbacks[i].file));
    }
  }
};

std::vector<uint32_t> code_points(const std::string& s) {
  std::vector<uint32_t> out;
  for (std::size_t i = 0; i < s.size(); i += utf8_char_length(s, i)) out.push_back(utf8_code_point(s, i));
  return out;
}

// The label as shaped once the atlas has its clusters: shaped, atlas built, shaped again.
std::string shaped(RealFonts& fonts, const std::string& text) {
  std::string label = text;
  shape_clusters(fonts.needs, label, 0);
  load_fonts(ImGui::GetIO(), fonts.base, fonts.mono, 1.0f, fonts.needs);
  label = text;
  shape_clusters(fonts.needs, label, 0);
  return label;
}

// The font's glyph for a character (as the cmap has it).
uint32_t glyph_of(RealFonts& fonts, std::size_t font, uint32_t c) {
  hb_codepoint_t glyph = 0;
  REQUIRE(hb_font_get_nominal_glyph(fonts.needs.clusters.fonts[font].get(), c, &glyph));
  return glyph;
}

}  // namespace

TEST_CASE("a Devanagari conjunct is one cluster, and vowel sign I comes before its consonant") {
  const std::string word = "\u0936\u092C\u094D\u0926 \u0939\u093F";  // शब्द हि
  RealFonts fonts(word);
  test::HeadlessImGui imgui;
  std::string label = word;
  shape_clusters(fonts.needs, label, 0);
  CHECK(label == word);  // not in the atlas yet: the characters stay for this frame
  CHECK(fonts.needs.atlas_outdated);
  const std::vector<uint32_t> drawn = code_points(shaped(fonts, word));
  // शब्द as clusters (श, then ब्द as the font forms it: a half ब before द), the space (DejaVu Sans's), हि.
  REQUIRE(drawn.size() >= 4);
  REQUIRE(drawn[drawn.size() - 2] == ' ');
  for (const uint32_t c : drawn) CHECK((c == ' ' || cluster_code_point(c)));
  const std::size_t font = fonts.needs.clusters.list[drawn[0] - kFirstClusterCodePoint].font;
  CHECK(fonts.needs.manifest.fallbacks[font].script == "Devanagari");
  // No virama is drawn: the font's half form or conjunct replaces ब ्.
  int glyphs = 0;
  for (std::size_t i = 0; i + 2 < drawn.size(); ++i) {
    for (const ClusterGlyph& g : fonts.needs.clusters.list[drawn[i] - kFirstClusterCodePoint].glyphs) {
      CHECK(g.glyph != glyph_of(fonts, font, 0x094D));
      ++glyphs;
    }
  }
  CHECK(glyphs == 3);  // श, the half ब, द: four characters drawn as three glyphs
  const ClusterImage& hi = fonts.needs.clusters.list[drawn.back() - kFirstClusterCodePoint];
  REQUIRE(hi.glyphs.size() == 2);
  CHECK(hi.glyphs[0].glyph != glyph_of(fonts, font, 0x0939));  // the sign (in its form for ह) first
  CHECK(hi.glyphs[1].glyph == glyph_of(fonts, font, 0x0939));
  CHECK(hi.glyphs[1].x < hi.advance);
  CHECK(unshape_clusters(fonts.needs, shaped(fonts, word)) == word);  // for the JS API: the words again
}

TEST_CASE("Tamil's two-part vowel sign is drawn around its consonant; Bengali's and Myanmar's sign before it") {
  const std::string text = "\u0B95\u0BCA \u0995\u09BF \u1019\u1031";  // கொ কি မေ
  RealFonts fonts(text);
  test::HeadlessImGui imgui;
  const std::vector<uint32_t> drawn = code_points(shaped(fonts, text));
  REQUIRE(drawn.size() == 5);
  const ClusterImage& ko = fonts.needs.clusters.list[drawn[0] - kFirstClusterCodePoint];
  REQUIRE(ko.glyphs.size() == 3);
  CHECK(ko.glyphs[0].glyph == glyph_of(fonts, ko.font, 0x0BC6));  // ெ, the sign's left part
  CHECK(ko.glyphs[1].glyph == glyph_of(fonts, ko.font, 0x0B95));  // க
  CHECK(ko.glyphs[2].glyph == glyph_of(fonts, ko.font, 0x0BBE));  // ா, its right part
  const ClusterImage& ki = fonts.needs.clusters.list[drawn[2] - kFirstClusterCodePoint];
  REQUIRE(ki.glyphs.size() == 2);
  CHECK(ki.glyphs[1].glyph == glyph_of(fonts, ki.font, 0x0995));
  const ClusterImage& me = fonts.needs.clusters.list[drawn[4] - kFirstClusterCodePoint];
  REQUIRE(me.glyphs.size() == 2);
  CHECK(me.glyphs[0].glyph == glyph_of(fonts, me.font, 0x1031));
}

TEST_CASE("a cluster's glyph is in the atlas, with ink, on the text font's baseline") {
  const std::string word = "\u0BA4\u0BAE\u0BBF\u0BB4\u0BCD";  // தமிழ்
  RealFonts fonts(word);
  test::HeadlessImGui imgui;
  const std::vector<uint32_t> drawn = code_points(shaped(fonts, word));
  REQUIRE(!drawn.empty());
  const Fonts atlas = load_fonts(ImGui::GetIO(), fonts.base, fonts.mono, 1.0f, fonts.needs);
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
  const ImFontGlyph* h = atlas.text->FindGlyphNoFallback('H');
  for (const uint32_t c : drawn) {
    CAPTURE(c);
    const ImFontGlyph* g = atlas.text->FindGlyphNoFallback(static_cast<ImWchar>(c));
    REQUIRE(g);
    CHECK(g->AdvanceX > 0);
    // Tamil letters sit on the baseline as H does: their bottoms within a few pixels of H's.
    CHECK(g->Y1 > h->Y1 - 4);
    CHECK(g->Y1 < h->Y1 + 6);
    int ink = 0;
    for (int y = static_cast<int>(g->V0 * height); y < static_cast<int>(g->V1 * height); ++y) {
      for (int x = static_cast<int>(g->U0 * width); x < static_cast<int>(g->U1 * width); ++x) ink += pixels[y * width + x] > 128;
    }
    CHECK(ink > 10);
  }
}

TEST_CASE("Latin, CJK and Arabic are not shaped into clusters") {
  const std::string text = "Hello \u4F60\u597D \u0645\u0631\u062D\u0628\u0627";
  RealFonts fonts(text);
  test::HeadlessImGui imgui;
  CHECK(shaped(fonts, text) == text);
  CHECK(fonts.needs.clusters.list.empty());
}
