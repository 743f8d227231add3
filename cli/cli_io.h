// What every bpeviz-cli command needs: one-line errors, whole files in (stdin for "-") and out,
// and strict number arguments.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace bpeviz::cli {

// Prints "bpeviz-cli: <message>" on stderr; returns the exit code 1.
int fail(const std::string& message);

// The whole file, or stdin for "-" (and ""). Error: "cannot read PATH: <reason>".
Result<std::string> read_input(const std::string& path);

// Writes the whole file; "" on success, else "cannot write PATH: <reason>".
std::string write_file(const std::string& path, std::string_view bytes);

// A decimal number from 1 to UINT32_MAX, digits only.
bool parse_positive(const std::string& text, uint32_t& value);

}  // namespace bpeviz::cli
