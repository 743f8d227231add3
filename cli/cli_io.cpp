#include "cli/cli_io.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

namespace bpeviz::cli {

int fail(const std::string& message) {
  std::cerr << "bpeviz-cli: " << message << "\n";
  return 1;
}

InputStream::~InputStream() {
  if (file_ && !is_stdin_) std::fclose(file_);
}

std::string InputStream::open(const std::string& path) {
  is_stdin_ = path.empty() || path == "-";
  name_ = is_stdin_ ? "standard input" : path;
  // stdio rather than iostreams: errno says why a read failed (a missing file, a directory).
  file_ = is_stdin_ ? stdin : std::fopen(path.c_str(), "rb");
  if (!file_) error_ = "cannot read " + name_ + ": " + std::strerror(errno);
  return error_;
}

std::size_t InputStream::read(std::string& into, std::size_t bytes) {
  if (!file_ || !error_.empty()) return 0;
  const std::size_t old_size = into.size();
  into.resize(old_size + bytes);
  const std::size_t n = std::fread(into.data() + old_size, 1, bytes, file_);
  into.resize(old_size + n);
  if (n < bytes && std::ferror(file_)) error_ = "cannot read " + name_ + ": " + std::strerror(errno);
  return error_.empty() ? n : 0;
}

Result<std::string> read_input(const std::string& path) {
  using R = Result<std::string>;
  InputStream in;
  if (std::string error = in.open(path); !error.empty()) return R::failure(error);
  R result;
  while (in.read(result.value, 1 << 16) > 0) {
  }
  if (!in.error().empty()) return R::failure(in.error());
  return result;
}

std::string read_parts(const std::string& path, const StreamCuts& cuts,
                       const std::function<bool(std::string_view part, uint64_t offset)>& on_part) {
  InputStream in;
  if (std::string error = in.open(path); !error.empty()) return error;
  const std::size_t chunk = stream_chunk_bytes();
  std::string buffer;
  uint64_t offset = 0;         // where `buffer` starts in the input
  std::size_t not_before = 0;  // the buffer holds no cut before here
  for (bool more = true; more;) {
    more = in.read(buffer, chunk) > 0;
    if (!in.error().empty()) return in.error();
    // At the end, the rest is the last part.
    const std::size_t cut = more ? cuts.last_cut(buffer, not_before) : buffer.size();
    if (cut == 0) {
      // No cut yet (a long line with no word end, or pre-tokenizer "none"): read on, looking only at
      // the new bytes next time (a cut needs look_ahead() bytes after it).
      not_before = buffer.size() >= cuts.look_ahead() ? buffer.size() - cuts.look_ahead() + 1 : 0;
      continue;
    }
    if (!on_part(std::string_view(buffer).substr(0, cut), offset)) return "";
    buffer.erase(0, cut);
    offset += cut;
    not_before = 0;
  }
  return "";
}

std::size_t stream_chunk_bytes() {
  const char* env = std::getenv("BPEVIZ_CHUNK_BYTES");
  uint32_t bytes = 0;
  if (env && parse_positive(env, bytes)) return bytes;
  return std::size_t{8} << 20;
}

std::string write_file(const std::string& path, std::string_view bytes) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return "cannot write " + path + ": " + std::strerror(errno);
  const bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size();
  const int saved_errno = errno;
  if (std::fclose(file) != 0 || !written) return "cannot write " + path + ": " + std::strerror(written ? errno : saved_errno);
  return "";
}

bool parse_positive(const std::string& text, uint32_t& value) {
  if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && value > 0;
}

}  // namespace bpeviz::cli
