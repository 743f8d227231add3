#include "cli/cli_io.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>

namespace bpeviz::cli {

int fail(const std::string& message) {
  std::cerr << "bpeviz-cli: " << message << "\n";
  return 1;
}

Result<std::string> read_input(const std::string& path) {
  using R = Result<std::string>;
  const bool from_stdin = path.empty() || path == "-";
  const std::string name = from_stdin ? "standard input" : path;
  // stdio rather than iostreams: errno says why a read failed (a missing file, a directory).
  FILE* file = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (!file) return R::failure("cannot read " + name + ": " + std::strerror(errno));
  R result;
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) result.value.append(buffer, n);
  const bool failed = std::ferror(file);
  const int saved_errno = errno;
  if (!from_stdin) std::fclose(file);
  if (failed) return R::failure("cannot read " + name + ": " + std::strerror(saved_errno));
  return result;
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
