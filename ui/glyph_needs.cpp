#include "ui/glyph_needs.h"

#include <utility>

#include "core/utf8.h"
#include "ui/right_to_left.h"

namespace bpeviz {

namespace {
constexpr uint32_t kCodePoints = 0x110000;

void note_code_point(GlyphNeeds& needs, uint32_t c) {
  needs.seen_bits[c / 64] |= uint64_t{1} << (c % 64);
  needs.seen.push_back(c);
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

bool noted(const GlyphNeeds& needs, uint32_t code_point) {
  return code_point < kCodePoints && !needs.seen_bits.empty() && (needs.seen_bits[code_point / 64] >> (code_point % 64) & 1);
}

void note_text(GlyphNeeds& needs, std::string_view utf8) {
  if (needs.seen_bits.empty()) needs.seen_bits.assign(kCodePoints / 64, 0);
  for (std::size_t i = utf8_skip_ascii(utf8, 0); i < utf8.size(); i = utf8_skip_ascii(utf8, i)) {
    const uint32_t c = utf8_code_point(utf8, i);  // U+FFFD for ill-formed bytes, drawn as such
    i += utf8_char_length(utf8, i);
    if (noted(needs, c)) continue;
    note_code_point(needs, c);
    // Labels draw Arabic letters in their joined forms (ui/right_to_left.h).
    for (const uint32_t form : joined_forms(c)) {
      if (!noted(needs, form)) note_code_point(needs, form);
    }
  }
}

std::vector<std::size_t> update_glyph_needs(GlyphNeeds& needs) {
  std::vector<std::size_t> requests;
  for (; needs.checked < needs.seen.size(); ++needs.checked) {
    const uint32_t c = needs.seen[needs.checked];
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
  for (const uint32_t c : needs.seen) {
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
