#include "ui/fonts/glyph_needs.h"

#include <utility>

#include "ui/shaping/right_to_left.h"

namespace bpeviz {

namespace {

// Notes the forms Arabic letters among seen.list[from...] are drawn in by labels, joined (ui/shaping/right_to_left.h).
void note_joined_forms(GlyphNeeds& needs, std::size_t from) {
  for (std::size_t i = from, end = needs.seen.list.size(); i < end; ++i) {
    for (const uint32_t form : joined_forms(needs.seen.list[i])) add(needs.seen, form);
  }
}

}  // namespace

void set_font_manifest(GlyphNeeds& needs, FontManifest manifest) {
  needs = GlyphNeeds{};
  needs.fonts.resize(manifest.fallbacks.size());
  needs.manifest = std::move(manifest);
}

bool always_in_atlas(uint32_t code_point) {
  for (const CodePointRange& r : kAlwaysInAtlas) {
    if (code_point >= r.first && code_point <= r.last) return true;
  }
  return false;
}

bool noted(const GlyphNeeds& needs, uint32_t code_point) { return contains(needs.seen, code_point); }

void note_text(GlyphNeeds& needs, std::string_view utf8) {
  const std::size_t before = needs.seen.list.size();
  add_text(needs.seen, utf8);
  note_joined_forms(needs, before);
}

void note_code_points(GlyphNeeds& needs, const std::vector<uint32_t>& code_points) {
  const std::size_t before = needs.seen.list.size();
  for (const uint32_t c : code_points) add(needs.seen, c);
  note_joined_forms(needs, before);
}

std::vector<std::size_t> update_glyph_needs(GlyphNeeds& needs) {
  std::vector<std::size_t> requests;
  for (; needs.checked < needs.seen.list.size(); ++needs.checked) {
    const uint32_t c = needs.seen.list[needs.checked];
    const int font = font_for_code_point(needs.manifest, c);
    if (font == kNoFont) continue;
    // Until its own font arrives, the base font draws what it can (DejaVu Sans has some Arabic).
    if ((font == kBaseFont || needs.manifest.base.covers(c)) && !always_in_atlas(c)) needs.atlas_outdated = true;
    if (font < 0) continue;
    FallbackFont& f = needs.fonts[static_cast<std::size_t>(font)];
    if (f.status == FallbackFont::Status::loaded) needs.atlas_outdated = true;
    if (f.status == FallbackFont::Status::unused) {
      f.status = FallbackFont::Status::fetching;
      requests.push_back(static_cast<std::size_t>(font));
    }
  }
  return requests;
}

void fallback_font_loaded(GlyphNeeds& needs, std::size_t index, std::vector<uint8_t> bytes) {
  if (index >= needs.fonts.size()) return;
  needs.fonts[index].status = FallbackFont::Status::loaded;
  needs.fonts[index].bytes = std::move(bytes);
  needs.atlas_outdated = true;
}

void fallback_font_failed(GlyphNeeds& needs, std::size_t index) {
  if (index < needs.fonts.size()) needs.fonts[index].status = FallbackFont::Status::failed;
}

AtlasPlan plan_atlas(const GlyphNeeds& needs, std::size_t max_fallback_glyphs) {
  AtlasPlan plan;
  plan.fallbacks.resize(needs.fonts.size());
  std::size_t fallback_glyphs = 0;
  for (const uint32_t c : needs.seen.list) {
    const int font = font_for_code_point(needs.manifest, c);
    if (font >= 0 && needs.fonts[static_cast<std::size_t>(font)].status == FallbackFont::Status::loaded) {
      if (fallback_glyphs == max_fallback_glyphs) {
        ++plan.dropped;
        continue;
      }
      ++fallback_glyphs;
      plan.fallbacks[static_cast<std::size_t>(font)].push_back(c);
    } else if (needs.manifest.base.covers(c)) {
      plan.base.push_back(c);
    }
  }
  return plan;
}

}  // namespace bpeviz
