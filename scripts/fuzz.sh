#!/usr/bin/env bash
# Runs the libFuzzer targets (fuzz/) for SECONDS each (default 60), all of them or the ones named, and
# reports executions per target and any crash; ends with "fuzz: N passed, M failed" (a target passes
# when it ran its time without a crash). Builds the `fuzz` preset first unless --no-build is given;
# --fresh starts from the seeds alone instead of the corpus saved by earlier runs.
#   ./scripts/fuzz.sh                    # every target, 60 s each
#   ./scripts/fuzz.sh 600 encode trainer # two targets, 10 minutes each
# Seeds come from tests/fuzz_corpus/<target>/; inputs that reach new code collect in
# build/fuzz/corpus/<target>/, crashing inputs in build/fuzz/crashes/<target>/ (reproduce one with
# build/fuzz/fuzz_<target> FILE, then make it a regression test in tests/).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="$ROOT/build/fuzz"
ALL=(tiktoken_file vocab_binary gpt2_files model_file tokenizer_files decode encode trainer)
build=1 fresh=0
while [[ "${1:-}" == --* ]]; do
  case "$1" in
    --no-build) build=0 ;;
    --fresh) fresh=1 ;;  # start from the seeds alone, in a new corpus folder (the test command: its
                         # time stays the same however large the saved corpus grows)
    *) echo "fuzz.sh: unknown option $1"; exit 2 ;;
  esac
  shift
done
seconds=60
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
[ $# -gt 0 ] && targets=("$@") || targets=("${ALL[@]}")

if [ $build = 1 ]; then
  "$ROOT/scripts/build.sh" fuzz || { echo "fuzz: 0 passed, 1 failed"; exit 1; }
fi
passed=0 failed=0
for t in "${targets[@]}"; do
  exe="$BUILD/fuzz_$t"
  if [ ! -x "$exe" ] || [ ! -d "$ROOT/tests/fuzz_corpus/$t" ]; then
    echo "$t: no such fuzz target (or no seeds in tests/fuzz_corpus/$t); targets: ${ALL[*]}"
    failed=$((failed + 1)); continue
  fi
  corpus="$BUILD/corpus/$t" crashes="$BUILD/crashes/$t" log="$BUILD/logs/$t.log"
  [ $fresh = 1 ] && corpus="$BUILD/corpus-fresh/$t" log="$BUILD/logs/$t.fresh.log" && rm -rf "$corpus"
  mkdir -p "$corpus" "$crashes" "$BUILD/logs"
  before=$(ls "$crashes" | wc -l)
  # -timeout: an input slower than 25 s is a hang; -rss_limit_mb: more than 2 GB is a bug (the page
  # runs in wasm memory). The seeds are read, never written (new inputs go to the first folder).
  "$exe" "$corpus" "$ROOT/tests/fuzz_corpus/$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1
  rc=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  size=$(ls "$corpus" | wc -l)
  new=$(( $(ls "$crashes" | wc -l) - before ))
  if [ $rc = 0 ]; then
    echo "$t: ${execs:-0} executions in ${seconds} s, corpus $size inputs, no crash"
    passed=$((passed + 1))
  else
    echo "$t: CRASH after ${execs:-?} executions (exit $rc, $new new input(s) in ${crashes#$ROOT/}); log: ${log#$ROOT/}"
    grep -E '^==[0-9]+==ERROR|SUMMARY|check failed|runtime error|Test unit written' "$log" | head -8 | sed 's/^/    /'
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed = 0 ]
