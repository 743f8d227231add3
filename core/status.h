// Errors as values: core never throws (the wasm build runs without exception support), so every
// operation that can fail on user input returns a Result carrying either a value or a message.
#pragma once
#include <string>
#include <utility>

namespace bpeviz {

template <class T>
struct Result {
  T value{};
  std::string error;  // empty on success: a one-line message naming what was wrong and where

  bool ok() const { return error.empty(); }
  static Result failure(std::string message) {
    Result r;
    r.error = std::move(message);
    return r;
  }
};

// The same for an operation whose output goes into something the caller keeps (a buffer it reuses):
// only the message, empty on success.
struct Status {
  std::string error;

  bool ok() const { return error.empty(); }
};

}  // namespace bpeviz
