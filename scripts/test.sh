#!/usr/bin/env bash
# Runs every test suite — core and UI unit tests natively, under ASan + UBSan, and as wasm under Node;
# conformance against npm tiktoken; browser end-to-end tests in headless Chromium; each fuzz target
# for a few seconds (scripts/fuzz.sh) — and ends with one line "N passed, N failed". Exits non-zero
# on any failure.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
"$ROOT/scripts/setup.sh" || { echo "0 passed, 1 failed"; exit 1; }
mkdir -p build/test-results
rm -f build/test-results/*
for preset in native asan web fuzz; do
  if "$ROOT/scripts/build.sh" "$preset"; then
    # Whole outputs in the JUnit file: CTest keeps only the first 1 KB of a passing test's output by
    # default, which cut off the count lines the summary reads (e2e and conformance counted as 1).
    NODE_PATH=/usr/share/nodejs ctest --preset "$preset" --output-junit "$ROOT/build/test-results/$preset.xml" \
      --test-output-size-passed 1048576 --test-output-size-failed 1048576
  else
    echo "<build-failure preset=\"$preset\"/>" > "build/test-results/$preset.build-failed"
  fi
done
python3 "$ROOT/scripts/summarize_tests.py" build/test-results
