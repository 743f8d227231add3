// The doctest runner shared by every core test file; the same binary runs natively and as wasm.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
