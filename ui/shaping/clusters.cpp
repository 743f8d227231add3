#include "ui/shaping/clusters.h"

#include <algorithm>
#include <cmath>

#include <hb.h>
#include <utf8proc.h>

#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include <stb_truetype.h>

#include "core/text/utf8.h"
#include "ui/fonts/glyph_needs.h"

namespace bpeviz {

void HarfBuzzFontDeleter::operator()(hb_font_t* font) const { hb_font_destroy(font); }

namespace {

// Joiners and the dotted circle belong to the run of the letters around them.
bool joins_run(uint32_t c) { return c == 0x200C || c == 0x200D || c == 0x25CC; }

// The font of a shaped run, made the first time (its bytes stay in `needs` while it is loaded).
hb_font_t* harfbuzz_font(GlyphNeeds& needs, std::size_t font) {
  ShapedClusters& c = needs.clusters;
  if (c.fonts.size() < needs.fonts.size()) c.fonts.resize(needs.fonts.size());
  if (!c.fonts[font]) {
    const std::vector<uint8_t>& bytes = needs.fonts[font].bytes;
    hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(bytes.data()), static_cast<unsigned>(bytes.size()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    c.fonts[font].reset(hb_font_create(face));
    hb_face_destroy(face);
    hb_blob_destroy(blob);
  }
  return c.fonts[font].get();
}

// The cluster's index in the list, added when new.
uint32_t cluster_index(ShapedClusters& clusters, ClusterImage image) {
  std::string key(reinterpret_cast<const char*>(&image.font), sizeof image.font);
  key.append(reinterpret_cast<const char*>(image.glyphs.data()), image.glyphs.size() * sizeof(ClusterGlyph));
  key.append(reinterpret_cast<const char*>(&image.advance), sizeof image.advance);
  const auto [it, added] = clusters.index_of.try_emplace(std::move(key), static_cast<uint32_t>(clusters.list.size()));
  if (added) clusters.list.push_back(std::move(image));
  return it->second;
}

// A cluster of a shaped run: its bytes in the run, and its code point (0 while the atlas lacks it).
struct RunCluster {
  uint32_t begin, end;
  uint32_t code_point;
};

// Shapes one run of `font`'s characters (UTF-8) into its clusters, in order.
std::vector<RunCluster> shape_run(GlyphNeeds& needs, std::size_t font, std::string_view run) {
  hb_buffer_t* buffer = hb_buffer_create();
  hb_buffer_add_utf8(buffer, run.data(), static_cast<int>(run.size()), 0, static_cast<int>(run.size()));
  hb_buffer_guess_segment_properties(buffer);
  hb_buffer_set_direction(buffer, HB_DIRECTION_LTR);  // only left-to-right scripts are shaped here
  hb_shape(harfbuzz_font(needs, font), buffer, nullptr, 0);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
  ShapedClusters& clusters = needs.clusters;
  std::vector<RunCluster> out;
  for (unsigned i = 0; i < count;) {
    // Glyphs of one cluster share its first character's byte offset; a left-to-right run keeps them in order.
    const uint32_t begin = info[i].cluster;
    ClusterImage image;
    image.font = font;
    int32_t pen = 0;
    unsigned j = i;
    for (; j < count && info[j].cluster == begin; ++j) {
      image.glyphs.push_back({info[j].codepoint, pen + pos[j].x_offset, pos[j].y_offset});
      pen += pos[j].x_advance;
    }
    image.advance = pen;
    const uint32_t end = j < count ? info[j].cluster : static_cast<uint32_t>(run.size());
    image.text = run.substr(begin, end > begin ? end - begin : 0);
    const uint32_t index = cluster_index(clusters, std::move(image));
    const bool drawn = index < clusters.in_atlas && kFirstClusterCodePoint + index <= kLastClusterCodePoint;
    if (!drawn) needs.atlas_outdated = true;
    out.push_back({begin, std::max(begin, end), drawn ? kFirstClusterCodePoint + index : 0});
    i = j;
  }
  hb_buffer_destroy(buffer);
  return out;
}

// The end of the run of `font`'s characters that starts at glyphs[begin] (joiners and dotted circles join it).
std::size_t run_end(const GlyphNeeds& needs, int font, const GlyphRun& glyphs, std::size_t begin) {
  std::size_t end = begin;
  while (end < glyphs.size()) {
    const uint32_t d = glyphs[end].code_point;
    if (!joins_run(d) && !(shaped_code_point(needs, d) && font_for_code_point(needs.manifest, d) == font)) break;
    ++end;
  }
  return end;
}

}  // namespace

bool shaped_code_point(const GlyphNeeds& needs, uint32_t code_point) {
  const int font = font_for_code_point(needs.manifest, code_point);
  if (font < 0 || !needs.manifest.fallbacks[static_cast<std::size_t>(font)].preferred) return false;
  if (needs.fonts[static_cast<std::size_t>(font)].status != FallbackFont::Status::loaded) return false;
  const auto bidi = utf8proc_get_property(static_cast<utf8proc_int32_t>(code_point))->bidi_class;
  return bidi != UTF8PROC_BIDI_CLASS_R && bidi != UTF8PROC_BIDI_CLASS_AL;
}

void shape_clusters(GlyphNeeds& needs, std::string& label, std::size_t from) {
  // Most labels hold no shaped script: look before copying anything.
  std::size_t first = label.size();
  for (std::size_t i = from; i < label.size(); i += utf8_char_length(label, i)) {
    if (static_cast<unsigned char>(label[i]) >= 0x80 && shaped_code_point(needs, utf8_code_point(label, i))) {
      first = i;
      break;
    }
  }
  if (first == label.size()) return;
  // The dotted circle under a lone mark, or a joiner, before it is part of the run (each three bytes in UTF-8).
  while (first >= from + 3 && joins_run(utf8_code_point(label, first - 3))) first -= 3;
  GlyphRun glyphs;
  glyphs_of_text(std::string_view(label).substr(first), glyphs);
  shape_clusters(needs, glyphs);
  label.resize(first);
  append_glyphs(label, glyphs);
}

void shape_clusters(GlyphNeeds& needs, GlyphRun& glyphs) {
  GlyphRun out;
  std::string run;
  std::vector<uint32_t> char_at_byte;  // the run's characters by byte offset (their index in glyphs)
  for (std::size_t i = 0; i < glyphs.size();) {
    // A run may start with joiners or the dotted circle a lone mark is drawn on (ui/tokens/visible_text.h).
    std::size_t lead = i;
    while (lead < glyphs.size() && joins_run(glyphs[lead].code_point)) ++lead;
    if (lead == glyphs.size() || !shaped_code_point(needs, glyphs[lead].code_point)) {
      out.push_back(glyphs[i++]);
      continue;
    }
    const int font = font_for_code_point(needs.manifest, glyphs[lead].code_point);
    const std::size_t end = run_end(needs, font, glyphs, lead);
    run.clear();
    char_at_byte.clear();
    for (std::size_t k = i; k < end; ++k) {
      utf8_append(run, glyphs[k].code_point);
      char_at_byte.resize(run.size(), static_cast<uint32_t>(k));
    }
    char_at_byte.push_back(static_cast<uint32_t>(end));
    for (const RunCluster& c : shape_run(needs, static_cast<std::size_t>(font), run)) {
      const uint32_t a = char_at_byte[c.begin], b = char_at_byte[c.end];
      if (c.code_point == 0 || b <= a) {
        out.insert(out.end(), glyphs.begin() + a, glyphs.begin() + b);
        continue;
      }
      // One glyph for the cluster's characters: they are consecutive in the text, as the run's glyphs are.
      out.push_back({c.code_point, glyphs[a].source, glyphs[b - 1].source + glyphs[b - 1].count - glyphs[a].source});
    }
    i = end;
  }
  glyphs = std::move(out);
}

GlyphNeeds* current_glyph_needs() {
  return ImGui::GetCurrentContext() ? static_cast<GlyphNeeds*>(ImGui::GetIO().UserData) : nullptr;
}

std::string unshape_clusters(const GlyphNeeds& needs, std::string_view drawn) {
  std::string out;
  for (std::size_t i = 0; i < drawn.size(); i += utf8_char_length(drawn, i)) {
    const uint32_t c = utf8_code_point(drawn, i);
    const std::size_t index = c - kFirstClusterCodePoint;
    if (cluster_code_point(c) && index < needs.clusters.list.size()) out += needs.clusters.list[index].text;
    else out.append(drawn, i, utf8_char_length(drawn, i));
  }
  return out;
}

float font_ascent(std::span<const uint8_t> ttf, float size) {
  stbtt_fontinfo info;
  if (ttf.empty() || !stbtt_InitFont(&info, ttf.data(), stbtt_GetFontOffsetForIndex(ttf.data(), 0))) return size;
  int ascent = 0, descent = 0, gap = 0;
  stbtt_GetFontVMetrics(&info, &ascent, &descent, &gap);
  return static_cast<float>(ascent) * stbtt_ScaleForPixelHeight(&info, size);
}

namespace {

// A glyph's bitmap box at its place in the cluster, in whole pixels from the pen position (y down).
struct GlyphBox {
  int x0, y0, x1, y1;
  float shift_x, shift_y;  // the sub-pixel part of its origin
};
GlyphBox glyph_box(const stbtt_fontinfo& info, const ClusterGlyph& g, float scale) {
  const float x = static_cast<float>(g.x) * scale, y = -static_cast<float>(g.y) * scale;
  GlyphBox b{};
  b.shift_x = x - std::floor(x);
  b.shift_y = y - std::floor(y);
  stbtt_GetGlyphBitmapBoxSubpixel(&info, static_cast<int>(g.glyph), scale, scale, b.shift_x, b.shift_y, &b.x0, &b.y0, &b.x1, &b.y1);
  const int ox = static_cast<int>(std::floor(x)), oy = static_cast<int>(std::floor(y));
  b.x0 += ox, b.x1 += ox, b.y0 += oy, b.y1 += oy;
  return b;
}

bool font_info(const GlyphNeeds& needs, std::size_t font, stbtt_fontinfo& info) {
  if (font >= needs.fonts.size() || needs.fonts[font].status != FallbackFont::Status::loaded) return false;
  const uint8_t* data = needs.fonts[font].bytes.data();
  return stbtt_InitFont(&info, data, stbtt_GetFontOffsetForIndex(data, 0)) != 0;
}

float scale_for_em(const stbtt_fontinfo& info, float em) { return stbtt_ScaleForMappingEmToPixels(&info, em); }

// The box around a cluster's ink, in whole pixels from its pen position (1×1 when it has none: a joiner).
GlyphBox cluster_ink(const stbtt_fontinfo& info, const ClusterImage& image, float scale) {
  GlyphBox ink{0, 0, 1, 1, 0, 0};
  bool first = true;
  for (const ClusterGlyph& g : image.glyphs) {
    const GlyphBox b = glyph_box(info, g, scale);
    if (b.x1 <= b.x0 || b.y1 <= b.y0) continue;  // a space or a zero-width joiner: no ink
    if (first) ink = b;
    ink.x0 = std::min(ink.x0, b.x0), ink.y0 = std::min(ink.y0, b.y0), ink.x1 = std::max(ink.x1, b.x1), ink.y1 = std::max(ink.y1, b.y1);
    first = false;
  }
  return ink;
}

}  // namespace

void add_cluster_glyphs(GlyphNeeds& needs, ImFontAtlas& atlas, ImFont* text, float em, float ascent,
                        std::vector<int>& rects) {
  rects.assign(needs.clusters.list.size(), -1);
  const std::size_t count = std::min<std::size_t>(needs.clusters.list.size(), kLastClusterCodePoint - kFirstClusterCodePoint + 1);
  for (std::size_t i = 0; i < count; ++i) {
    const ClusterImage& image = needs.clusters.list[i];
    stbtt_fontinfo info;
    if (!font_info(needs, image.font, info)) continue;
    const float scale = scale_for_em(info, em);
    const GlyphBox ink = cluster_ink(info, image, scale);
    rects[i] = atlas.AddCustomRectFontGlyph(text, static_cast<ImWchar>(kFirstClusterCodePoint + i), ink.x1 - ink.x0,
                                            ink.y1 - ink.y0, static_cast<float>(image.advance) * scale,
                                            ImVec2(static_cast<float>(ink.x0), std::round(ascent) + static_cast<float>(ink.y0)));
  }
  needs.clusters.in_atlas = count;
}

void draw_cluster_glyphs(GlyphNeeds& needs, ImFontAtlas& atlas, float em, const std::vector<int>& rects) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  std::vector<unsigned char> glyph;
  for (std::size_t i = 0; i < rects.size(); ++i) {
    if (rects[i] < 0) continue;
    const ImFontAtlasCustomRect* r = atlas.GetCustomRectByIndex(rects[i]);
    const ClusterImage& image = needs.clusters.list[i];
    stbtt_fontinfo info;
    if (!r || !r->IsPacked() || !font_info(needs, image.font, info)) continue;
    const float scale = scale_for_em(info, em);
    const GlyphBox ink = cluster_ink(info, image, scale);  // the rectangle, as add_cluster_glyphs sized it
    for (const ClusterGlyph& g : image.glyphs) {
      const GlyphBox b = glyph_box(info, g, scale);
      const int w = b.x1 - b.x0, h = b.y1 - b.y0;
      if (w <= 0 || h <= 0) continue;
      glyph.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), 0);
      stbtt_MakeGlyphBitmapSubpixel(&info, glyph.data(), w, h, w, scale, scale, b.shift_x, b.shift_y, static_cast<int>(g.glyph));
      // Marks overlap their base: keep the darker of the two, as one outline filled would.
      for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
          const int ax = r->X + (b.x0 - ink.x0) + x, ay = r->Y + (b.y0 - ink.y0) + y;
          if (ax < r->X || ay < r->Y || ax >= r->X + r->Width || ay >= r->Y + r->Height) continue;
          unsigned char& p = pixels[static_cast<std::size_t>(ay) * static_cast<std::size_t>(width) + static_cast<std::size_t>(ax)];
          p = std::max(p, glyph[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]);
        }
      }
    }
  }
}

}  // namespace bpeviz
