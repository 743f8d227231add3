// Which encoding the tokens are shown under: the encodings on offer, picking one (or a model, by its
// name), and the fetching of their data, which the platform layer carries out and reports back.
#pragma once
#include <string>
#include <vector>

namespace bpeviz {

class Encoding;
struct AppState;

// The encodings the page offers: the byte-level baseline, every built-in OpenAI encoding, then the open
// models' tokenizers (core/catalog/open_models.h).
const std::vector<std::string>& encoding_names();
bool is_encoding_name(const std::string& name);

// The encodings on offer now: encoding_names(), then the tokenizers the user brought.
std::vector<std::string> offered_encodings(const AppState& state);
// Adds a tokenizer the user brought (files, or one trained in the studio) and picks it; returns
// the name it is listed under.
std::string add_user_encoding(AppState& state, Encoding encoding);
// Picks an encoding: at once if its data is loaded, else by setting requested_encoding.
// Returns false for an unknown name. A model picked earlier is forgotten unless it uses this encoding.
bool select_encoding(AppState& state, const std::string& name);
// Picks a model by name (tiktoken's names, including dated variants): selects its encoding and
// keeps the text. Returns false for a name tiktoken does not map.
bool select_model(AppState& state, const std::string& model);
void encoding_loaded(AppState& state, const std::string& name);
// The encodings whose data the platform layer should fetch now, each once: the one picked
// (requested_encoding) and, while the Compare tab shows, those it compares.
std::vector<std::string> take_encoding_fetches(AppState& state);
void encoding_failed(AppState& state, const std::string& name, const std::string& why);

}  // namespace bpeviz
