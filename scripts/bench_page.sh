#!/usr/bin/env bash
# The page benchmark: builds the page and the English corpus text (scripts/english_corpus.sh), then
# runs bench/page.mjs in headless Chromium: first frame, download size, frame costs while stepping the
# merge player and the training studio and typing into 100 KB, pasting 10 MB (English, then many scripts on a
# freshly opened page), training 2,000 merges on 1 MB.
# Arguments go to bench/page.mjs (--runs N, --out FILE). About 5 minutes; keep the machine idle.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
./scripts/build.sh web
corpus="$(scripts/english_corpus.sh)"
exec node bench/page.mjs --corpus "$corpus" "$@"
