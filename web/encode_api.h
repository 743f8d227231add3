// The encoder's exports to JavaScript, shared by the page (bpeviz.js) and the Node module
// (bpeviz_core.js, used by the conformance tests and the benchmark). web/encode_api.js wraps them.
// Results stay valid until the next call.
#pragma once
#include <cstddef>
#include <cstdint>

namespace bpeviz {
class EncodingSet;
// The encodings the exports act on: the page points them at its AppState's; the Node module keeps its own.
void use_encodings(EncodingSet* encodings);
}  // namespace bpeviz

extern "C" {
// Loads built-in encoding `name` from its .tiktoken file; 0, or -1 (see bpeviz_error).
int bpeviz_load_encoding(const char* name, const uint8_t* data, std::size_t length);
// Encodes UTF-8 text; returns the number of ids (read them at bpeviz_result_ids), or -1.
// special: 0 = all special tokens are text (encode_ordinary), 1 = all allowed, 2 = any special is an error.
int bpeviz_encode(const char* name, const char* text, std::size_t length, int special);
const uint32_t* bpeviz_result_ids();
// The merge steps of encoding UTF-8 text, in the order the Merge steps tab plays them
// (core/explain/encode_player.h); special as for bpeviz_encode. Returns the number of uint32 values at
// bpeviz_result_ids: for each step its id (= rank) and its place count, then each place's byte
// offsets begin, mid, end (mid == begin: the pre-token taken whole). -1 on failure.
int bpeviz_trace(const char* name, const char* text, std::size_t length, int special);
// Decodes ids to bytes; returns the byte count (read them at bpeviz_result_bytes), or -1.
int bpeviz_decode(const char* name, const uint32_t* ids, std::size_t count);
const char* bpeviz_result_bytes();
// Trains a BPE on UTF-8 text to `merges` merges (pretokenizer and tie by name, as the model file
// names them); returns the merges made, and the model file at bpeviz_result_bytes (its length at
// bpeviz_result_length), or -1.
int bpeviz_train(const char* text, std::size_t length, uint32_t merges, const char* pretokenizer, const char* tie,
                 const char* specials_json);
// The merges of the last bpeviz_train: [{left, right, id, count, replaced}] as JSON (bytes as numbers).
const char* bpeviz_train_steps();
std::size_t bpeviz_result_length();
// Adds a tokenizer from files the user gave (see core/formats/tokenizer_files.h): `count` files, their names
// and bytes; `pretokenizer` for files that name none; `specials_json` a JSON array of special tokens to add
// (CS336's special_tokens). Returns 0 and the name it got (at bpeviz_result_bytes, NUL-terminated), or -1.
int bpeviz_add_user_tokenizer(std::size_t count, const char* const* names, const uint8_t* const* data,
                              const std::size_t* lengths, const char* pretokenizer, const char* specials_json);
// Empties the piece caches (core/piece_cache.h): for the benchmark's cold runs.
void bpeviz_clear_caches();
const char* bpeviz_error();
}
