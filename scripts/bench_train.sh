#!/usr/bin/env bash
# The trainer benchmark: builds what it needs and the 100 MB English corpus (from Debian packages,
# see scripts/english_corpus.sh), then runs bench/train.mjs: native 10,000-token training on 100 MB,
# and 2,000 merges on 1 MB in wasm (Chromium and Node). Arguments go to bench/train.mjs (--runs N,
# --out FILE). Takes about 3 minutes; keep the machine otherwise idle.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
./scripts/build.sh native web
corpus="$(scripts/english_corpus.sh)"
exec node bench/train.mjs --corpus "$corpus" "$@"
