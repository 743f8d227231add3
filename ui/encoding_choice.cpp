// The choice of encoding and its data's fetching (see ui/encoding_choice.h).
#include "ui/encoding_choice.h"

#include <algorithm>
#include <utility>

#include "core/catalog/open_models.h"
#include "core/catalog/openai_encodings.h"
#include "ui/app.h"
#include "ui/header/models.h"

namespace bpeviz {

const std::vector<std::string>& encoding_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n{"bytes"};
    for (const auto& spec : openai_encodings()) n.push_back(spec.name);
    for (const auto& model : open_models()) n.push_back(model.name);
    return n;
  }();
  return names;
}

bool is_encoding_name(const std::string& name) {
  const auto& names = encoding_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> offered_encodings(const AppState& state) {
  std::vector<std::string> names = encoding_names();
  const auto& user = state.encodings.user_names();
  names.insert(names.end(), user.begin(), user.end());
  return names;
}

std::string add_user_encoding(AppState& state, Encoding encoding) {
  const std::string name = state.encodings.add_user(std::move(encoding))->name();
  select_encoding(state, name);
  return name;
}

bool select_encoding(AppState& state, const std::string& name) {
  const auto& user = state.encodings.user_names();
  if (!is_encoding_name(name) && std::find(user.begin(), user.end(), name) == user.end()) return false;
  state.message.clear();
  state.notice.clear();
  if (!state.model.empty() && encoding_for_model(state.model) != name) state.model.clear();
  if (name == "bytes" || state.encodings.find(name)) {
    state.encoding = name;
    state.requested_encoding.clear();
  } else if (state.requested_encoding != name) {
    state.requested_encoding = name;
    state.fetch_started = false;
  }
  return true;
}

bool select_model(AppState& state, const std::string& model) {
  const std::string encoding = encoding_for_model(model);
  if (encoding.empty() || !select_encoding(state, encoding)) return false;
  state.model = model;
  return true;
}

void encoding_loaded(AppState& state, const std::string& name) {
  if (state.requested_encoding == name) {
    state.encoding = name;
    state.requested_encoding.clear();
  }
  std::erase(state.compare_fetches, name);
}

void encoding_failed(AppState& state, const std::string& name, const std::string& why) {
  if (state.requested_encoding == name) state.requested_encoding.clear();
  if (std::erase(state.compare_fetches, name)) state.compare.failed[name] = why;  // not fetched again
  state.message = "Could not load " + name + ": " + why;
}

std::vector<std::string> take_encoding_fetches(AppState& state) {
  std::vector<std::string> fetches;
  if (!state.requested_encoding.empty() && !state.fetch_started) {
    fetches.push_back(state.requested_encoding);
    state.fetch_started = true;
  }
  if (state.panel != Panel::compare) return fetches;
  for (const std::string& name : compare_encodings_missing(state.compare, state.encodings)) {
    const bool picked = name == state.requested_encoding;  // fetched above, or already on its way
    if (picked || std::find(state.compare_fetches.begin(), state.compare_fetches.end(), name) != state.compare_fetches.end()) {
      continue;
    }
    state.compare_fetches.push_back(name);
    fetches.push_back(name);
  }
  return fetches;
}

}  // namespace bpeviz
