// What the page's exports (web/js_api.h) share between web/js_state.cpp and web/js_commands.cpp: the
// state they act on and the strings they hand back. JavaScript has no handle to pass back, so there is
// one of each, kept in web/js_commands.cpp.
#pragma once
#include <string>

namespace bpeviz {

struct AppState;

// The state the exports act on: set by js_api_attach before the main loop starts (null before).
AppState* js_app();
// Backs the strings the exports return: each stays valid until the next call.
std::string& js_result();
// Why the last call that returned -1 failed (bpeviz_last_error).
std::string& js_error();

}  // namespace bpeviz
