#!/usr/bin/env bash
# Builds the core twice: natively (debug, ASan + UBSan + LeakSanitizer, with
# the C tests) and to WebAssembly (release -Oz module for web/wasm/, plus the
# same C tests compiled to Wasm), then the minified ES-module bundles in
# dist/ (scripts/bundle.mjs). Incremental: a second run only relinks what
# changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"   # emcc -Oz needs Debian's acorn
JOBS="$(nproc 2>/dev/null || echo 2)"

say() { printf '[build] %s\n' "$*"; }

configure() { # dir, args...
  local dir="$1"; shift
  if [ ! -f "$dir/CMakeCache.txt" ]; then
    say "configuring $dir"
    cmake -S . -B "$dir" "$@" >"$dir.configure.log" 2>&1 \
      || { cat "$dir.configure.log"; say "FAILED: configure $dir"; exit 1; }
  fi
}

mkdir -p build
configure build/native -DCMAKE_BUILD_TYPE=Debug -DMCA_SANITIZE=ON
say "native (debug, sanitizers)"
cmake --build build/native -j"$JOBS" >build/native.log 2>&1 \
  || { cat build/native.log; say "FAILED: native build"; exit 1; }

configure build/wasm -DCMAKE_TOOLCHAIN_FILE=emscripten.cmake -DCMAKE_BUILD_TYPE=Release
say "wasm (release -Oz)"
cmake --build build/wasm -j"$JOBS" >build/wasm.log 2>&1 \
  || { cat build/wasm.log; say "FAILED: wasm build"; exit 1; }

# binaryen's wasm-opt (Debian's binaryen, which emscripten depends on): one
# more -Oz pass over the linked module, repeated while it shrinks, without
# debug or producer sections. Rerun when the module or the flags change.
OZ=build/wasm/mca-core.oz.wasm
OZ_FLAGS="-Oz --converge --enable-bulk-memory --strip-debug --strip-producers"
if [ ! -f "$OZ" ] || [ build/wasm/mca-core.wasm -nt "$OZ" ] || [ "$(cat "$OZ.flags" 2>/dev/null)" != "$OZ_FLAGS" ]; then
  say "wasm-opt $OZ_FLAGS"
  # shellcheck disable=SC2086
  wasm-opt $OZ_FLAGS build/wasm/mca-core.wasm -o "$OZ" || { say "FAILED: wasm-opt"; exit 1; }
  printf '%s' "$OZ_FLAGS" >"$OZ.flags"
fi

mkdir -p web/wasm
rm -f web/wasm/mca-core.mjs   # the Emscripten glue of earlier builds: web/core.js loads the .wasm itself
cmp -s "$OZ" web/wasm/mca-core.wasm || cp "$OZ" web/wasm/mca-core.wasm
say "web/wasm/mca-core.wasm $(stat -c %s web/wasm/mca-core.wasm) bytes"

say "bundles (esbuild, minified) into dist/"
node scripts/bundle.mjs >build/bundle.log 2>&1 || { cat build/bundle.log; say "FAILED: bundles"; exit 1; }
say "dist/: $(tr '\n' ' ' <build/bundle.log)"
