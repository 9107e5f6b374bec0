#!/usr/bin/env bash
# Set up everything mca-attest needs on a Debian 12 machine.
#
# Idempotent: every step first checks whether it is already done, so a second
# run takes about a second. What it does:
#   1. Debian packages: emscripten, chromium, cmake, clang's sanitizer and fuzzer
#      runtimes, iso-codes (country and language tables), dpkg-dev (apt-get source),
#      redis-server (the shared rate limit's tests) and openssl (the emulator's app certificate).
#   2. cJSON source from Debian's source package into third_party/ (never committed).
#   3. npm dependencies from the committed package-lock.json (npm ci).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CJSON_DIR="$ROOT/third_party/cjson"
APT_PACKAGES=(emscripten chromium cmake make gcc clang-14 libclang-rt-14-dev redis-server openssl
              dpkg-dev iso-codes unicode-data gzip ca-certificates
              binaryen      # wasm-opt: the last -Oz pass over the .wasm
              zbar-tools)   # zbarimg: the independent QR decoder of the tests

say()  { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] FAILED: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "need root (or sudo) to run: $*"; fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq || fail "apt-get update (is the Debian mirror reachable?)"
    apt_updated=1
  fi
}

missing_packages() {
  local p
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
      || printf '%s ' "$p"
  done
}

step_packages() {
  local missing
  missing="$(missing_packages)"
  if [ -z "$missing" ]; then
    say "Debian packages: present"
    return
  fi
  apt_update_once
  say "installing Debian packages: $missing"
  # shellcheck disable=SC2086
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing \
    >/dev/null || fail "apt-get install $missing"
  say "Debian packages: installed"
}

have_deb_src() {
  grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ 2>/dev/null \
    || grep -qs '^deb-src' /etc/apt/sources.list 2>/dev/null
}

step_cjson() {
  if [ -f "$CJSON_DIR/cJSON.c" ] && [ -f "$CJSON_DIR/cJSON.h" ]; then
    say "cJSON source: present ($(grep -m1 -o 'CJSON_VERSION_PATCH [0-9]*' "$CJSON_DIR/cJSON.h" | tr -d '\n'))"
    return
  fi
  if ! have_deb_src; then
    say "enabling Debian source packages (deb-src) for apt-get source cjson"
    [ -f /etc/apt/sources.list.d/debian.sources ] \
      || fail "no /etc/apt/sources.list.d/debian.sources to derive deb-src from"
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
      | as_root tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    apt_updated=0
  fi
  apt_update_once
  local tmp
  tmp="$(mktemp -d)"
  say "fetching cJSON with apt-get source cjson"
  (cd "$tmp" && apt-get source -qq cjson >/dev/null 2>&1) || { rm -rf "$tmp"; fail "apt-get source cjson"; }
  local src
  src="$(find "$tmp" -maxdepth 1 -type d -name 'cjson-*' | head -n1)"
  [ -n "$src" ] && [ -f "$src/cJSON.c" ] || { rm -rf "$tmp"; fail "cJSON.c not found in the source package"; }
  mkdir -p "$CJSON_DIR"
  cp "$src/cJSON.c" "$src/cJSON.h" "$src/LICENSE" "$CJSON_DIR/"
  basename "$src" > "$CJSON_DIR/VERSION"
  rm -rf "$tmp"
  say "cJSON source: $(cat "$CJSON_DIR/VERSION") in third_party/cjson"
}

step_npm() {
  local stamp="$ROOT/node_modules/.package-lock.json"
  if [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/package-lock.json" ]; then
    say "npm dev dependencies: present"
    return
  fi
  say "installing npm dev dependencies (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci"
  touch "$stamp"
  say "npm dev dependencies: installed"
}

step_check() {
  command -v emcc >/dev/null || fail "emcc not on PATH after installing emscripten"
  [ -x /usr/bin/chromium ] || fail "/usr/bin/chromium missing after installing chromium"
}

start=$(date +%s)
step_packages
step_cjson
step_npm
step_check
say "ready in $(( $(date +%s) - start )) s"
