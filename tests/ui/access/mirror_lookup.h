// Helpers the mirror's view tests share: frames of the headless app, and a published record found by its key.
#pragma once
#include <doctest/doctest.h>

#include <string>

#include "tests/ui/frames.h"
#include "ui/access/mirror.h"
#include "ui/app.h"

namespace bpeviz::test {

inline void frames(AppState& app, int n) {
  for (int i = 0; i < n; ++i) app_frame_headless(app);
}

// The record of `key` in the last published frame (the test stops if there is none).
inline const AccessNode& mirror_node(const AppState& app, const std::string& key) {
  const AccessNode* n = mirror_find(app.access, key);
  REQUIRE_MESSAGE(n != nullptr, key);
  return *n;
}

}  // namespace bpeviz::test
