// Model names → the encoding each uses, as tiktoken's model.py maps them (MODEL_TO_ENCODING for exact
// names, MODEL_PREFIX_TO_ENCODING for dated and sized variants such as gpt-4o-2024-05-13 or gpt-oss-20b).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace bpeviz {

struct ModelEncoding {
  std::string model;
  std::string encoding;
};

// The models the picker lists, newest family first.
const std::vector<ModelEncoding>& picker_models();

// The encoding of a model name (exact names first, then the longest matching prefix, as tiktoken
// does), or "" for a name tiktoken does not know.
std::string encoding_for_model(std::string_view model);

}  // namespace bpeviz
