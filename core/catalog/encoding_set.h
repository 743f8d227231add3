// The encodings loaded so far, by name: the page loads a vocabulary only when the user picks it,
// and encodings that share a ranks file (r50k_base and gpt2, o200k_base and o200k_harmony) share it.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/encoding.h"
#include "core/status.h"

namespace bpeviz {

class EncodingSet {
 public:
  // Loads built-in encoding `name` from the bytes of its ranks file (see openai_encodings.h), or an
  // open model from its compact file (open_models.h).
  Result<const Encoding*> load_builtin(std::string_view name, std::string_view ranks_file_bytes);
  // The file the page downloads for built-in encoding `name` (what load_builtin takes): a tiktoken
  // encoding's binary vocabulary or an open model's compact file; "" for any other name.
  static std::string builtin_file(std::string_view name);
  // Adds a tokenizer the user brought, under its name, or "name (2)" etc. when that is taken
  // (by a built-in encoding's name too). Returns it; its name() is the one it got.
  const Encoding* add_user(Encoding encoding);
  const Encoding* find(std::string_view name) const;
  // The user's tokenizers, in the order they were added.
  const std::vector<std::string>& user_names() const { return user_names_; }

 private:
  std::map<std::string, std::unique_ptr<Encoding>, std::less<>> encodings_;
  std::vector<std::string> user_names_;
};

}  // namespace bpeviz
