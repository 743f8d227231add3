// Model names map to encodings exactly as tiktoken's encoding_for_model does.
#include <doctest/doctest.h>

#include "ui/app.h"
#include "ui/encoding_choice.h"
#include "ui/header/models.h"

using namespace bpeviz;

TEST_CASE("model names resolve as tiktoken's model.py maps them") {
  CHECK(encoding_for_model("gpt-5") == "o200k_base");
  CHECK(encoding_for_model("gpt-4.1") == "o200k_base");
  CHECK(encoding_for_model("gpt-4o") == "o200k_base");
  CHECK(encoding_for_model("o1") == "o200k_base");
  CHECK(encoding_for_model("o3") == "o200k_base");
  CHECK(encoding_for_model("o4-mini") == "o200k_base");
  CHECK(encoding_for_model("gpt-4") == "cl100k_base");
  CHECK(encoding_for_model("gpt-3.5-turbo") == "cl100k_base");
  CHECK(encoding_for_model("text-embedding-3-small") == "cl100k_base");
  CHECK(encoding_for_model("text-embedding-ada-002") == "cl100k_base");
  CHECK(encoding_for_model("text-davinci-003") == "p50k_base");
  CHECK(encoding_for_model("text-davinci-002") == "p50k_base");
  CHECK(encoding_for_model("code-davinci-edit-001") == "p50k_edit");
  CHECK(encoding_for_model("text-davinci-edit-001") == "p50k_edit");
  CHECK(encoding_for_model("davinci") == "r50k_base");
  CHECK(encoding_for_model("ada") == "r50k_base");
  CHECK(encoding_for_model("gpt2") == "gpt2");
  // Dated and sized variants go by prefix, the more specific prefix first.
  CHECK(encoding_for_model("gpt-4o-2024-05-13") == "o200k_base");
  CHECK(encoding_for_model("gpt-4-0613") == "cl100k_base");
  CHECK(encoding_for_model("gpt-oss-20b") == "o200k_harmony");
  CHECK(encoding_for_model("gpt-oss-120b") == "o200k_harmony");
  CHECK(encoding_for_model("ft:gpt-4o-mini:acme") == "o200k_base");
  CHECK(encoding_for_model("ft:gpt-4:acme") == "cl100k_base");
  CHECK(encoding_for_model("llama-3") == "");
  CHECK(encoding_for_model("") == "");
}

TEST_CASE("every model in the picker resolves to the encoding it is listed under") {
  for (const auto& m : picker_models()) {
    CAPTURE(m.model);
    CHECK(encoding_for_model(m.model) == m.encoding);
    CHECK(is_encoding_name(m.encoding));
  }
}

TEST_CASE("picking a model picks its encoding and keeps the text; picking another encoding forgets the model") {
  AppState app;
  app.editor.text = "keep me";
  REQUIRE(select_model(app, "gpt-4"));
  CHECK(app.model == "gpt-4");
  CHECK(app.requested_encoding == "cl100k_base");
  CHECK(app.editor.text == "keep me");
  CHECK_FALSE(select_model(app, "no-such-model"));
  CHECK(app.model == "gpt-4");
  REQUIRE(select_encoding(app, "bytes"));
  CHECK(app.model.empty());
}
