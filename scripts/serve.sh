#!/usr/bin/env bash
# Builds everything (installing what is missing) and serves the page at http://127.0.0.1:$PORT/.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-8080}"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh" native web
echo "bpeviz is at http://127.0.0.1:$PORT/  (Ctrl+C stops)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$ROOT/build/web/dist"
