// The binary vocabulary form: writing it (for tests; the build writes it in JavaScript) and loading it.
#include "core/formats/vocab_binary.h"

#include <cstdint>

namespace bpeviz {

namespace {

constexpr uint16_t kAbsent = 0xFFFF;

void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
uint32_t get_u32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

}  // namespace

std::string write_vocab_binary(const Vocab& vocab) {
  std::string out(kVocabBinaryMagic);
  std::string blob;
  std::string lengths;
  for (uint32_t id = 0; id < vocab.id_end(); ++id) {
    const std::string_view t = vocab.token(id);
    const uint16_t len = vocab.contains(id) ? static_cast<uint16_t>(t.size()) : kAbsent;
    lengths.push_back(static_cast<char>(len & 0xFF));
    lengths.push_back(static_cast<char>(len >> 8));
    blob.append(t);
  }
  put_u32(out, vocab.id_end());
  put_u32(out, static_cast<uint32_t>(blob.size()));
  return out + lengths + blob;
}

Result<Vocab> load_vocab_binary(std::string_view data) {
  using R = Result<Vocab>;
  if (!data.starts_with(kVocabBinaryMagic)) return R::failure("not a bpeviz vocabulary (bad header)");
  data.remove_prefix(kVocabBinaryMagic.size());
  if (data.size() < 8) return R::failure("truncated: the header ends early");
  const auto* p = reinterpret_cast<const unsigned char*>(data.data());
  const uint64_t id_end = get_u32(p), blob_size = get_u32(p + 4);
  if (data.size() != 8 + 2 * id_end + blob_size) {
    return R::failure("truncated or padded: " + std::to_string(data.size()) + " bytes after the header line, expected " +
                      std::to_string(8 + 2 * id_end + blob_size));
  }
  const unsigned char* lengths = p + 8;
  const std::string_view blob = data.substr(8 + 2 * id_end);
  Result<Vocab> result;
  Vocab& vocab = result.value;
  vocab.reserve(id_end, blob_size);
  std::size_t at = 0;
  for (uint32_t id = 0; id < id_end; ++id) {
    const uint16_t len = static_cast<uint16_t>(lengths[2 * id] | lengths[2 * id + 1] << 8);
    if (len == kAbsent) continue;
    if (len == 0) return R::failure("token " + std::to_string(id) + " is empty");
    if (at + len > blob.size()) return R::failure("the token lengths run past the bytes (at token " + std::to_string(id) + ")");
    const std::string_view token = blob.substr(at, len);
    at += len;
    if (!vocab.add(id, token)) {
      return R::failure("token " + std::to_string(id) + " has the same bytes as token " + std::to_string(vocab.find(token)));
    }
  }
  if (at != blob.size()) return R::failure("the token lengths do not cover the bytes");
  if (vocab.size() == 0) return R::failure("the vocabulary has no tokens");
  return result;
}

}  // namespace bpeviz
