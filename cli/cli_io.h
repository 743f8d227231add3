// What every bpeviz-cli command needs: one-line errors, files in (whole, or part by part for inputs
// larger than memory; stdin for "-") and out, and strict number arguments.
#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/stream/stream_cuts.h"

namespace bpeviz::cli {

// Prints "bpeviz-cli: <message>" on stderr; returns the exit code 1.
int fail(const std::string& message);

// A file, or stdin for "-" (and ""), read part by part.
class InputStream {
 public:
  InputStream() = default;
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;
  ~InputStream();
  // "" on success, else "cannot read PATH: <reason>".
  std::string open(const std::string& path);
  // Appends up to `bytes` more bytes to `into` and returns how many: 0 at the end, or on an error
  // (error() is then not empty).
  std::size_t read(std::string& into, std::size_t bytes);
  const std::string& error() const { return error_; }

 private:
  FILE* file_ = nullptr;
  bool is_stdin_ = false;
  std::string name_, error_;
};

// The whole file, or stdin for "-" (and ""). Error: "cannot read PATH: <reason>".
Result<std::string> read_input(const std::string& path);

// Reads the file (stdin for "-") part by part, every part but the last ending at one of `cuts`, and
// calls on_part(part, offset in the input) for each non-empty part, in order; stops early when it
// returns false. Memory: a part (stream_chunk_bytes(), more only while no cut comes).
// "" on success, else the reading error ("cannot read PATH: <reason>").
std::string read_parts(const std::string& path, const StreamCuts& cuts,
                       const std::function<bool(std::string_view part, uint64_t offset)>& on_part);

// How much encode and train read at a time: 8 MiB, or the environment's BPEVIZ_CHUNK_BYTES (the tests
// make it small, so that a short text arrives in many parts).
std::size_t stream_chunk_bytes();

// Writes the whole file; "" on success, else "cannot write PATH: <reason>".
std::string write_file(const std::string& path, std::string_view bytes);

// A decimal number from 1 to UINT32_MAX, digits only.
bool parse_positive(const std::string& text, uint32_t& value);

}  // namespace bpeviz::cli
