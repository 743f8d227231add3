#!/usr/bin/env bash
# The encoder benchmark: installs and builds what it needs, then runs bench/run.mjs, which prints a table
# of our encoder (wasm and native) against tiktoken, js-tiktoken, gpt-tokenizer, ai-tokenizer and
# tiktoken-rs, and writes the same data to build/bench/results.json. Arguments go to bench/run.mjs
# (--runs N, --load-runs N, --bytes N, --out FILE). Takes about 10 minutes; keep the machine otherwise idle.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./scripts/setup.sh
./scripts/build.sh native web   # finishes before any timing starts: the machine has two cores
exec node bench/run.mjs "$@"
