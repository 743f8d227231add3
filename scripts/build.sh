#!/usr/bin/env bash
# Configures and builds the given CMake presets (default: native web), quietly unless something fails.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn (docs/toolchain.md)
cd "$ROOT"
mkdir -p build
for preset in "${@:-native web}"; do
  for p in $preset; do
    log="build/$p-build.log"
    if ! { cmake --preset "$p" && cmake --build --preset "$p"; } >"$log" 2>&1; then
      grep -E "error|Error|FAILED" "$log" | head -30
      echo "build: the $p build failed; full log in $log"
      exit 1
    fi
  done
done
