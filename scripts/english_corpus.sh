#!/usr/bin/env bash
# Builds the trainer benchmark's English corpus from Debian packages (the only text source these
# machines reach): the Linux kernel's Documentation (linux-doc-6.1: reStructuredText and plain-text prose, GPL-2.0),
# the GNU Collaborative International Dictionary of English (dict-gcide, GPL-3+) and WordNet
# (dict-wn, WordNet licence), concatenated in that order and cut at BYTES (default 100,000,000).
# Prints the path. The packages' versions are written beside it.
#   scripts/english_corpus.sh [BYTES]
set -euo pipefail
cd "$(dirname "$0")/.."
bytes="${1:-100000000}"
dir=.deps/corpus
out="$dir/english-$bytes.txt"
if [[ -s "$out" ]]; then echo "$out"; exit 0; fi
mkdir -p "$dir/debs"
(cd "$dir/debs" && apt-get download -q linux-doc-6.1 dict-gcide dict-wn >&2 2>/dev/null)
rm -rf "$dir/x"
for deb in "$dir"/debs/*.deb; do dpkg-deb -x "$deb" "$dir/x"; done
dpkg-deb -f "$dir"/debs/linux-doc-6.1_*.deb Package Version > "$dir/versions.txt"
for p in gcide wn; do dpkg-deb -f "$dir"/debs/dict-${p}_*.deb Package Version >> "$dir/versions.txt"; done
set +o pipefail  # head stops reading at BYTES, so zcat ends with SIGPIPE
{
  find "$dir/x/usr/share/doc/linux-doc-6.1/Documentation" -name '*.gz' | LC_ALL=C sort | xargs zcat
  zcat "$dir/x/usr/share/dictd/gcide.dict.dz"
  zcat "$dir/x/usr/share/dictd/wn.dict.dz"
} | head -c "$bytes" > "$out.tmp"
set -o pipefail
rm -rf "$dir/x"
[[ $(stat -c %s "$out.tmp") -eq "$bytes" ]] || { echo "english_corpus.sh: the packages give fewer than $bytes bytes" >&2; exit 1; }
mv "$out.tmp" "$out"
echo "$out"
