#include "ui/fonts/font_manifest.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace bpeviz {

bool FontFile::covers(uint32_t code_point) const {
  const auto it = std::upper_bound(ranges.begin(), ranges.end(), code_point,
                                   [](uint32_t c, const std::pair<uint32_t, uint32_t>& r) { return c < r.first; });
  return it != ranges.begin() && std::prev(it)->second >= code_point;
}

namespace {

Result<FontFile> parse_font(const nlohmann::json& j, const std::string& where) {
  using R = Result<FontFile>;
  if (!j.is_object()) return R::failure(where + " is not an object");
  FontFile f;
  if (!j.contains("file") || !j["file"].is_string() || j["file"].get<std::string>().empty()) {
    return R::failure(where + " has no file name");
  }
  f.file = j["file"].get<std::string>();
  f.script = j.value("script", std::string());
  f.preferred = j.value("preferred", false);
  f.height_per_em = j.value("heightPerEm", 1.0f);
  if (!(f.height_per_em > 0.1f && f.height_per_em < 10.0f)) return R::failure(where + " has an odd heightPerEm");
  if (!j.contains("ranges") || !j["ranges"].is_array()) return R::failure(where + " has no ranges");
  for (const auto& r : j["ranges"]) {
    if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned()) {
      return R::failure(where + " has a range that is not [first, last]");
    }
    const auto first = r[0].get<uint32_t>(), last = r[1].get<uint32_t>();
    if (first > last || last > 0x10FFFF || (!f.ranges.empty() && first <= f.ranges.back().second)) {
      return R::failure(where + " has ranges out of order or beyond U+10FFFF");
    }
    f.ranges.emplace_back(first, last);
  }
  return {std::move(f), {}};
}

}  // namespace

Result<FontManifest> parse_font_manifest(std::string_view json) {
  using R = Result<FontManifest>;
  const nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object() || !j.contains("base") || !j.contains("fallbacks") || !j["fallbacks"].is_array()) {
    return R::failure("font manifest: expected {\"base\": ..., \"fallbacks\": [...]}");
  }
  FontManifest m;
  auto base = parse_font(j["base"], "font manifest: the base font");
  if (!base.ok()) return R::failure(base.error);
  m.base = std::move(base.value);
  for (std::size_t i = 0; i < j["fallbacks"].size(); ++i) {
    auto f = parse_font(j["fallbacks"][i], "font manifest: fallback " + std::to_string(i));
    if (!f.ok()) return R::failure(f.error);
    m.fallbacks.push_back(std::move(f.value));
  }
  index_font_manifest(m);
  return {std::move(m), {}};
}

namespace {

int ask_each_font(const FontManifest& manifest, uint32_t code_point) {
  const auto& fallbacks = manifest.fallbacks;
  for (std::size_t i = 0; i < fallbacks.size(); ++i) {
    if (fallbacks[i].preferred && fallbacks[i].covers(code_point)) return static_cast<int>(i);
  }
  if (manifest.base.covers(code_point)) return kBaseFont;
  for (std::size_t i = 0; i < fallbacks.size(); ++i) {
    if (fallbacks[i].covers(code_point)) return static_cast<int>(i);
  }
  return kNoFont;
}

}  // namespace

void index_font_manifest(FontManifest& manifest) {
  // The answer can change only where some font's range starts or ends.
  std::vector<uint32_t> edges{0};
  const auto add_edges = [&](const FontFile& f) {
    for (const auto& [first, last] : f.ranges) edges.insert(edges.end(), {first, last + 1});
  };
  add_edges(manifest.base);
  for (const FontFile& f : manifest.fallbacks) add_edges(f);
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  manifest.answer_starts.clear();
  manifest.answers.clear();
  for (const uint32_t edge : edges) {
    const int answer = ask_each_font(manifest, edge);
    if (!manifest.answers.empty() && manifest.answers.back() == answer) continue;
    manifest.answer_starts.push_back(edge);
    manifest.answers.push_back(answer);
  }
}

int font_for_code_point(const FontManifest& manifest, uint32_t code_point) {
  if (manifest.answer_starts.empty()) return ask_each_font(manifest, code_point);
  const auto after = std::upper_bound(manifest.answer_starts.begin(), manifest.answer_starts.end(), code_point);
  return manifest.answers[static_cast<std::size_t>(after - manifest.answer_starts.begin()) - 1];
}

}  // namespace bpeviz
