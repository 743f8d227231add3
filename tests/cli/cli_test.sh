#!/usr/bin/env bash
# bpeviz-cli from the outside: ids as one JSON line, decode round trip, one-line errors with exit 1.
# Usage: tests/cli/cli_test.sh PATH/TO/bpeviz-cli
set -u
cli="$1"
passed=0 failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" == "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL  $1: expected [$2], got [$3]"; fi
}
check "encodings" "gpt2 r50k_base p50k_base p50k_edit cl100k_base o200k_base o200k_harmony" "$("$cli" encodings | tr '\n' ' ' | sed 's/ $//')"
check "encode cl100k" "[15339,1917]" "$(printf 'hello world' | "$cli" encode --encoding cl100k_base)"
check "encode o200k from a file" "[24912,2375]" "$(printf 'hello world' > "${TMPDIR:-/tmp}/bpeviz-cli-in.txt"; "$cli" encode --encoding o200k_base "${TMPDIR:-/tmp}/bpeviz-cli-in.txt")"
check "allowed special" "[15339,220,100257]" "$(printf 'hello <|endoftext|>' | "$cli" encode --encoding cl100k_base --allow-special all)"
check "listed special" "[50281,87]" "$(printf '<|fim_prefix|>x' | "$cli" encode --encoding p50k_edit --allow-special '<|fim_prefix|>')"
out="$(printf 'x<|endoftext|>' | "$cli" encode --encoding cl100k_base 2>&1)"; rc=$?
check "disallowed special exits 1" "1" "$rc"
check "disallowed special message is one line" "1" "$(printf '%s\n' "$out" | wc -l)"
text=$'Grüße, 世界! 👍\n\ttabs and  spaces'
check "decode round trip" "$text" "$(printf '%s' "$text" | "$cli" encode --encoding o200k_base | "$cli" decode --encoding o200k_base)"
"$cli" decode --encoding gpt2 <<< '[1, 99999999]' >/dev/null 2>&1; check "unknown id exits 1" "1" "$?"
"$cli" decode --encoding gpt2 <<< '{"a": 1}' >/dev/null 2>&1; check "bad JSON exits 1" "1" "$?"
"$cli" encode --encoding no-such <<< 'x' >/dev/null 2>&1; check "unknown encoding exits 1" "1" "$?"
"$cli" encode --tokenizer /nonexistent.tiktoken <<< 'x' >/dev/null 2>&1; check "missing tokenizer file exits 1" "1" "$?"
printf 'YQ== 0\nYg== x\n' > "${TMPDIR:-/tmp}/bpeviz-bad.tiktoken"
check "malformed tokenizer file names the line" "bpeviz-cli: ${TMPDIR:-/tmp}/bpeviz-bad.tiktoken: line 2: the rank \"x\" is not a number" \
      "$("$cli" encode --tokenizer "${TMPDIR:-/tmp}/bpeviz-bad.tiktoken" <<< 'x' 2>&1)"
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
