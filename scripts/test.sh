#!/usr/bin/env bash
# Runs every test layer: C tests natively under ASan/UBSan/LSan and compiled
# to Wasm under Node (both through ctest), a brief run of every libFuzzer
# target (scripts/fuzz.sh), the type check of the .d.ts and of the JavaScript
# against it, the node --test suite of the public API, and the browser tests
# in Chromium.
# Every layer runs even when an earlier one fails; the exit status is
# non-zero when any layer failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

bash scripts/setup.sh || exit 1
bash scripts/build.sh || exit 1

failed=()
layer() { # name, command...
  local name="$1"; shift
  printf '\n===== %s =====\n' "$name"
  local start=$SECONDS
  if "$@"; then
    printf '===== %s: passed (%d s)\n' "$name" $((SECONDS - start))
  else
    printf '===== %s: FAILED (%d s)\n' "$name" $((SECONDS - start))
    failed+=("$name")
  fi
}

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
layer "C tests, native (ASan + UBSan + LSan)" ctest --test-dir build/native --output-on-failure -j2
layer "C tests, Wasm under Node" ctest --test-dir build/wasm --output-on-failure -j2
# Every fuzz target for 2 s (seeds plus the corpus grown in build/fuzz): a
# crash or broken invariant fails the layer; npm run fuzz runs them longer.
layer "fuzz (brief)" bash scripts/fuzz.sh --seconds 2
layer "types (tsc --strict)" npx --no-install tsc -p tests/types/tsconfig.json
# The JavaScript itself, tsc --checkJs --strict, against the same .d.ts.
layer "types: JS against .d.ts (tsc --checkJs --strict)" node scripts/check-types.mjs
layer "JavaScript API (node --test)" node --test --test-timeout=600000 --test-reporter=spec tests/js/
layer "browser (Playwright, Chromium)" npx --no-install playwright test -c tests/browser/playwright.config.js

printf '\n'
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED layers: %s\n' "${failed[*]}"
  exit 1
fi
echo "All test layers passed."
