// The complex scripts (Indic, Southeast Asian, Tibetan, Mongolian, ...) shaped by HarfBuzz. Each cluster it
// makes (a syllable with its conjuncts, its reordered vowel signs and stacked marks) becomes one glyph of the
// atlas, drawn from the font's own glyph ids and positions, and stands in a label as a private-use code point:
// Dear ImGui 1.86's atlas is keyed by code point and could not hold a conjunct otherwise. A tile that holds
// part of a cluster is shaped as HarfBuzz shapes it alone, a lone mark on a dotted circle.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "ui/shaping/glyph_run.h"

struct hb_font_t;

namespace bpeviz {

struct GlyphNeeds;

// The clusters' code points: the last plane's private use area, which text almost never holds; one the
// text itself holds is spelled as U+XXXX (ui/tokens/visible_text.h), never drawn as a cluster.
constexpr uint32_t kFirstClusterCodePoint = 0x100000;
constexpr uint32_t kLastClusterCodePoint = 0x10FFFD;
inline bool cluster_code_point(uint32_t c) { return c >= kFirstClusterCodePoint && c <= kLastClusterCodePoint; }

struct ClusterGlyph {
  uint32_t glyph;  // the font's glyph id
  int32_t x, y;    // its origin from the cluster's pen position, in font units (y up)
};
struct ClusterImage {
  std::size_t font = 0;  // the fallback font (an index into the manifest's fallbacks)
  std::vector<ClusterGlyph> glyphs;
  int32_t advance = 0;   // font units
  std::string text;      // the characters it was first shaped from (UTF-8)
};

struct HarfBuzzFontDeleter {
  void operator()(hb_font_t* font) const;
};

struct ShapedClusters {
  std::vector<std::unique_ptr<hb_font_t, HarfBuzzFontDeleter>> fonts;  // per fallback, made when first shaped with
  std::unordered_map<std::string, uint32_t> index_of;  // a cluster's font, glyphs and positions → its index in list
  std::vector<ClusterImage> list;                       // list[i] is drawn as kFirstClusterCodePoint + i
  std::size_t in_atlas = 0;                             // list[0, in_atlas) have their glyph in the atlas
};

// Whether `code_point` is drawn shaped: its font is a loaded script font of the manifest (a preferred
// fallback) for a left-to-right script. Arabic and Hebrew keep their own ordering (ui/shaping/right_to_left.h).
bool shaped_code_point(const GlyphNeeds& needs, uint32_t code_point);

// Replaces each run of shaped characters in label[from...] (UTF-8) by its clusters' code points. A cluster
// not in the atlas yet keeps its characters for now and outdates the atlas, which then gets it.
void shape_clusters(GlyphNeeds& needs, std::string& label, std::size_t from);
// The same on glyphs in text order, for the text box: a cluster's glyph stands for all its characters.
void shape_clusters(GlyphNeeds& needs, GlyphRun& glyphs);

// `drawn` with each cluster's code point replaced by its characters: a label as words, for the JS API and
// the accessibility mirror.
std::string unshape_clusters(const GlyphNeeds& needs, std::string_view drawn);

// The glyph needs and clusters the current ImGui context's atlas draws with (ui/fonts/fonts.cpp puts them in
// ImGui's UserData, as the atlas itself is the context's), or null: no context, or no fonts loaded yet.
GlyphNeeds* current_glyph_needs();

// The atlas's side: before ImFontAtlas::Build, a custom glyph of `text` for each cluster, at `em` pixels per
// em of the fallback fonts and with the text font's ascent (so clusters sit on its baseline); after Build,
// their pixels. `rects` carries the custom rectangles' ids from one to the other.
void add_cluster_glyphs(GlyphNeeds& needs, ImFontAtlas& atlas, ImFont* text, float em, float ascent,
                        std::vector<int>& rects);
void draw_cluster_glyphs(GlyphNeeds& needs, ImFontAtlas& atlas, float em, const std::vector<int>& rects);

// The ascent Dear ImGui gives a font of `size` pixels (stb_truetype's scale for that height).
float font_ascent(std::span<const uint8_t> ttf, float size);

}  // namespace bpeviz
