#include "ui/header/special_mode.h"

namespace bpeviz {

std::string_view special_mode_name(SpecialMode mode) {
  switch (mode) {
    case SpecialMode::allowed: return "all";
    case SpecialMode::as_text: return "text";
    case SpecialMode::error: return "error";
  }
  return "all";
}

std::optional<SpecialMode> special_mode_from_name(std::string_view name) {
  for (SpecialMode mode : {SpecialMode::allowed, SpecialMode::as_text, SpecialMode::error}) {
    if (special_mode_name(mode) == name) return mode;
  }
  return std::nullopt;
}

const char* special_mode_label(SpecialMode mode) {
  switch (mode) {
    case SpecialMode::allowed: return "as special tokens";
    case SpecialMode::as_text: return "as plain text";
    case SpecialMode::error: return "error, as tiktoken raises";
  }
  return "";
}

SpecialPolicy special_policy(SpecialMode mode) {
  switch (mode) {
    case SpecialMode::allowed: return SpecialPolicy::allow_all_specials();
    case SpecialMode::as_text: return SpecialPolicy::all_as_text();
    case SpecialMode::error: return SpecialPolicy::error_on_specials();
  }
  return SpecialPolicy::allow_all_specials();
}

}  // namespace bpeviz
