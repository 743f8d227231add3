// Text in every script: which font draws which code point (the fallback fonts' manifest), which
// fallback fonts a text needs (and only those), when the atlas is rebuilt, and — with the real fonts
// the build cut from Debian's packages — that the atlas then has a glyph for every character.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <imgui.h>

#include "core/text/utf8.h"
#include "tests/test_data.h"
#include "tests/ui/frames.h"
#include "tests/ui/headless.h"
#include "ui/app.h"
#include "ui/fonts/fonts.h"
#include "ui/fonts/glyph_needs.h"

using namespace bpeviz;

namespace {

// A base font with Latin and some Arabic; a preferred Arabic font, CJK in two pieces, an emoji font.
constexpr const char* kManifest = R"({
  "base": {"file": "base.ttf", "script": "Latin", "heightPerEm": 1.16, "ranges": [[32, 591], [1536, 1610]]},
  "fallbacks": [
    {"file": "arabic.ttf", "script": "Arabic", "preferred": true, "heightPerEm": 2.1, "ranges": [[1536, 1791]]},
    {"file": "han-1.ttf", "script": "CJK", "heightPerEm": 1.3, "ranges": [[19968, 22527]]},
    {"file": "han-2.ttf", "script": "CJK", "heightPerEm": 1.3, "ranges": [[22528, 25087]]},
    {"file": "emoji.ttf", "script": "Emoji", "heightPerEm": 1.26, "ranges": [[9728, 9983], [127744, 128511]]}
  ]})";

FontManifest manifest() {
  auto m = parse_font_manifest(kManifest);
  REQUIRE(m.ok());
  return std::move(m.value);
}

std::vector<std::string> files(const GlyphNeeds& needs, const std::vector<std::size_t>& indices) {
  std::vector<std::string> out;
  for (const std::size_t i : indices) out.push_back(needs.manifest.fallbacks[i].file);
  return out;
}

// The app with the test's manifest, a frame drawn with `text`.
void start_app(AppState& app, const std::string& text) {
  app.fonts = test::default_fonts();
  set_font_manifest(app.glyphs, manifest());
  text_editor_set_text(app.editor, text);
  test::app_frame_headless(app);
}

}  // namespace

TEST_CASE("the manifest says which font draws a code point") {
  const FontManifest m = manifest();
  CHECK(m.base.file == "base.ttf");
  CHECK(m.fallbacks.size() == 4);
  CHECK(m.fallbacks[0].height_per_em == doctest::Approx(2.1));
  CHECK(font_for_code_point(m, 'A') == kBaseFont);
  CHECK(font_for_code_point(m, 0xE9) == kBaseFont);    // é
  CHECK(font_for_code_point(m, 0x0645) == 0);          // م: the preferred Arabic font, though the base has it too
  CHECK(font_for_code_point(m, 0x4F60) == 1);          // 你
  CHECK(font_for_code_point(m, 0x597D) == 2);          // 好, in the second piece
  CHECK(font_for_code_point(m, 0x1F30D) == 3);         // 🌍
  CHECK(font_for_code_point(m, 0x2600) == 3);          // ☀: the base lacks it here
  CHECK(font_for_code_point(m, 0x0E2A) == kNoFont);    // Thai: no font in this manifest
  CHECK(font_for_code_point(m, 0x10FFFF) == kNoFont);
}

TEST_CASE("a damaged manifest is an error, not a crash") {
  CHECK_FALSE(parse_font_manifest("").ok());
  CHECK_FALSE(parse_font_manifest("[]").ok());
  CHECK_FALSE(parse_font_manifest(R"({"base": {"file": "a.ttf", "ranges": []}})").ok());
  CHECK_FALSE(parse_font_manifest(R"({"base": {"ranges": []}, "fallbacks": []})").ok());
  CHECK_FALSE(parse_font_manifest(R"({"base": {"file": "a.ttf", "ranges": [[5, 3]]}, "fallbacks": []})").ok());
  CHECK_FALSE(parse_font_manifest(R"({"base": {"file": "a.ttf", "ranges": [[1, 9], [5, 12]]}, "fallbacks": []})").ok());
  CHECK_FALSE(parse_font_manifest(R"({"base": {"file": "a.ttf", "ranges": [[1, 1114112]]}, "fallbacks": []})").ok());
  CHECK(parse_font_manifest(R"({"base": {"file": "a.ttf", "ranges": [[1, 9], [10, 12]]}, "fallbacks": []})").ok());
}

TEST_CASE("an English text needs no fallback font") {
  GlyphNeeds needs;
  set_font_manifest(needs, manifest());
  note_text(needs, "Hello, world! Byte pair encoding.");
  CHECK(needs.seen.list.empty());  // ASCII is always in the atlas
  CHECK(update_glyph_needs(needs).empty());
  CHECK_FALSE(needs.atlas_outdated);
  note_text(needs, "Héllo wörld");
  CHECK(update_glyph_needs(needs).empty());
  CHECK_FALSE(needs.atlas_outdated);  // é and ö are in every atlas (kAlwaysInAtlas): no rebuild for them
  CHECK(noted(needs, 0xE9));
}

TEST_CASE("each script's font is asked for once, when its first character appears") {
  GlyphNeeds needs;
  set_font_manifest(needs, manifest());
  note_text(needs, "Hello, 🌍! 你好");
  CHECK(files(needs, update_glyph_needs(needs)) == std::vector<std::string>{"emoji.ttf", "han-1.ttf", "han-2.ttf"});
  CHECK_FALSE(needs.atlas_outdated);  // nothing new can be drawn before the fonts arrive
  note_text(needs, "Hello, 🌍! 你好 again 你");
  CHECK(update_glyph_needs(needs).empty());  // already being fetched
  note_text(needs, "مرحبا");
  CHECK(files(needs, update_glyph_needs(needs)) == std::vector<std::string>{"arabic.ttf"});
  CHECK(needs.atlas_outdated);  // the base font draws this Arabic until the preferred font arrives
  CHECK(noted(needs, 0x4F60));
  CHECK_FALSE(noted(needs, 0x4F61));
}

TEST_CASE("a font that arrives outdates the atlas, and the plan gives each font its code points") {
  GlyphNeeds needs;
  set_font_manifest(needs, manifest());
  note_text(needs, "é你🌍好م");
  const auto requests = update_glyph_needs(needs);
  CHECK(requests.size() == 4);
  AtlasPlan plan = plan_atlas(needs, 100);
  CHECK(plan.base == std::vector<uint32_t>{0xE9, 0x0645});  // م from the base font meanwhile
  CHECK(plan.fallbacks.size() == 4);
  CHECK(plan.fallbacks[1].empty());

  needs.atlas_outdated = false;
  fallback_font_loaded(needs, 1, {1, 2, 3});
  fallback_font_failed(needs, 3);
  CHECK(needs.atlas_outdated);
  CHECK(needs.fonts[3].status == FallbackFont::Status::failed);
  plan = plan_atlas(needs, 100);
  CHECK(plan.fallbacks[1] == std::vector<uint32_t>{0x4F60});
  CHECK(plan.fallbacks[2].empty());  // han-2 has not arrived
  CHECK(plan.fallbacks[3].empty());  // the emoji font failed: 🌍 stays missing
  fallback_font_loaded(needs, 0, {1});
  plan = plan_atlas(needs, 100);
  CHECK(plan.base == std::vector<uint32_t>{0xE9});
  CHECK(plan.fallbacks[0] == std::vector<uint32_t>{0x0645});
  fallback_font_failed(needs, 99);  // an index the page's JavaScript made up changes nothing
  fallback_font_loaded(needs, 99, {});
}

TEST_CASE("the atlas takes at most so many fallback glyphs, the text's first ones first") {
  GlyphNeeds needs;
  set_font_manifest(needs, manifest());
  std::string text;
  for (uint32_t c = 0x4E00; c < 0x4E00 + 50; ++c) utf8_append(text, c);
  note_text(needs, text);
  update_glyph_needs(needs);
  fallback_font_loaded(needs, 1, {1});
  const AtlasPlan plan = plan_atlas(needs, 20);
  CHECK(plan.fallbacks[1].size() == 20);
  CHECK(plan.fallbacks[1].front() == 0x4E00);
  CHECK(plan.dropped == 30);
}

TEST_CASE("with the fonts cut from Debian's packages, every script of the sample draws as glyphs") {
  // The fonts outlive the ImGui context, which borrows their bytes.
  const std::vector<uint8_t> base = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/DejaVuSans.ttf");
  const std::vector<uint8_t> mono = test::read_bytes(std::string(BPEVIZ_TEST_FONT_DIR) + "/JetBrainsMono-Regular.ttf");
  auto m = parse_font_manifest(test::read_file(std::string(BPEVIZ_TEST_FONT_DIR) + "/fallback_fonts.json"));
  REQUIRE(m.ok());
  REQUIRE(!base.empty());
  test::HeadlessImGui imgui;
  GlyphNeeds needs;
  set_font_manifest(needs, std::move(m.value));

  const std::string english = "Hello, world! Ünïcödé—“quoted” · → ↵";
  note_text(needs, english);
  CHECK(update_glyph_needs(needs).empty());

  const std::string sample = "Hello, 🌍! 你好! 안녕 مرحبا שלום नमस्ते สวัสดี Ελληνικά Привет";
  Fonts fonts = load_fonts(ImGui::GetIO(), base, mono, 1.0f, needs);
  CHECK(missing_glyphs(fonts.text, english) == 0);
  const std::size_t missing_before = missing_glyphs(fonts.text, sample);
  CHECK(missing_before > 20);  // CJK, Hangul, Devanagari, Thai and the emoji: DejaVu Sans has none of them

  note_text(needs, sample);
  const auto requests = update_glyph_needs(needs);
  std::vector<std::string> scripts;
  for (const std::size_t i : requests) scripts.push_back(needs.manifest.fallbacks[i].script);
  std::sort(scripts.begin(), scripts.end());
  scripts.erase(std::unique(scripts.begin(), scripts.end()), scripts.end());
  CHECK(scripts == std::vector<std::string>{"Arabic", "CJK", "Devanagari", "Emoji", "Hangul", "Hebrew", "Thai"});
  for (const std::size_t i : requests) {
    std::vector<uint8_t> font = test::read_bytes(std::string(BPEVIZ_TEST_FALLBACK_FONT_DIR) + "/" + needs.manifest.fallbacks[i].file);
    REQUIRE(!font.empty());
    fallback_font_loaded(needs, i, std::move(font));
  }
  CHECK(needs.atlas_outdated);
  fonts = load_fonts(ImGui::GetIO(), base, mono, 2.0f, needs);
  CHECK_FALSE(needs.atlas_outdated);
  CHECK(fonts.generation == 2);
  CHECK(missing_glyphs(fonts.text, sample) == 0);
  CHECK(needs.dropped == 0);

  // Sized to the base font's em: a Han character about as tall as a capital Latin letter's em box,
  // not half of it (Noto Sans Arabic's line height is twice its em).
  const ImFontGlyph* h = fonts.text->FindGlyphNoFallback('H');
  for (const uint32_t c : {0x4F60u, 0xC548u, 0x0645u, 0x0928u, 0x0E2Au, 0x1F30Du}) {
    const ImFontGlyph* g = fonts.text->FindGlyphNoFallback(static_cast<ImWchar>(c));
    REQUIRE(g);
    CAPTURE(c);
    CHECK(g->Y1 - g->Y0 > 0.6f * (h->Y1 - h->Y0));
    CHECK(g->Y1 - g->Y0 < 1.8f * (h->Y1 - h->Y0));
  }
}

TEST_CASE("the app notes the characters of its text, the decoded ids and the merge tree") {
  test::HeadlessImGui imgui;
  AppState app;
  start_app(app, "plain");
  CHECK(app.glyphs.seen.list.empty());
  text_editor_set_text(app.editor, "你好");
  test::app_frame_headless(app);
  CHECK(noted(app.glyphs, 0x4F60));
  // An edit is scanned alone, from the start of its first character: 你 (E4 BD A0) to 佀 (E4 BD 80)
  // differ in their last byte only.
  text_editor_set_text(app.editor, "佀好");
  test::app_frame_headless(app);
  CHECK(noted(app.glyphs, 0x4F40));
  CHECK(app.changed_text.begin == 0);
  CHECK(app.changed_text.end == 3);
  set_decode_input(app.decode_box, "[240, 159, 140, 141]");  // 🌍 in the byte-level baseline
  app.panel_request = Panel::decode;
  for (int i = 0; i < 3; ++i) test::app_frame_headless(app);
  CHECK(noted(app.glyphs, 0x1F30D));
}

TEST_CASE("a set of code points keeps the order they came in; a text adds all but ASCII") {
  CodePointSet set;
  CHECK_FALSE(contains(set, 'a'));
  add_text(set, "ab \u4F60\u597D\u4F60 \xFF \U0001F30D");  // 你好你, an ill-formed byte, 🌍
  CHECK(set.list == std::vector<uint32_t>{0x4F60, 0x597D, 0xFFFD, 0x1F30D});
  CHECK(contains(set, 0x597D));
  CHECK_FALSE(contains(set, 'a'));
  CHECK(add(set, 'a'));
  CHECK_FALSE(add(set, 'a'));
  CHECK_FALSE(add(set, 0x110000));  // past Unicode: never held
  CHECK(set.list.size() == 5);
}

TEST_CASE("a large paste's characters are noted from what was gathered as it came, before it lands") {
  test::HeadlessImGui imgui;
  AppState app;
  start_app(app, "plain");
  // 2 MB, handed over in parts as the page hands a paste: Arabic (with the forms labels join it in),
  // CJK and an emoji, the last one in the last part only.
  const std::string line = "salaam \u0633\u0644\u0627\u0645 \u4F60\u597D and more words to fill the line\n";
  std::string part;
  while (part.size() < (std::size_t{1} << 20)) part += line;
  text_editor_paste_part(app.editor, part);
  text_editor_paste_part(app.editor, part + "\U0001F30D");
  REQUIRE(text_editor_paste_end(app.editor).empty());
  GlyphNeeds expected;
  set_font_manifest(expected, manifest());
  note_text(expected, "plain" + part + part + "\U0001F30D");
  for (int i = 0; i < 100 && app.editor.paste_request && !noted(app.glyphs, 0x1F30D); ++i) test::app_frame_headless(app);
  CHECK(app.editor.paste_request);  // noted before the paste lands
  std::vector<uint32_t> seen = app.glyphs.seen.list, all = expected.seen.list;
  std::sort(seen.begin(), seen.end());
  std::sort(all.begin(), all.end());
  CHECK(seen == all);
  CHECK(noted(app.glyphs, 0xFEDF));  // ﻟ, lam's initial form
}
