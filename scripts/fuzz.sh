#!/usr/bin/env bash
# Builds the libFuzzer targets (build/fuzz, clang-14, ASan + UBSan) and runs
# each for a given time, one after the other:
#
#   npm run fuzz                          # every target, 30 s each
#   npm run fuzz -- --seconds 60          # every target, 60 s each
#   npm run fuzz -- --target call_parseCsv --target time
#
# The targets and their seeds and dictionaries are listed by
# tests/fuzz/CMakeLists.txt (build/fuzz/targets.tsv). Each target's corpus
# grows in build/fuzz/corpus/<target>/ (the committed seeds in
# tests/fuzz/corpus/<target>/ are only read). A crash or a broken invariant is
# saved under build/fuzz/crashes/ and makes the command exit 1.
# Per target it prints executions, exec/s and the coverage of libFuzzer's
# final stats (cov: edges, ft: features), then a summary table.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

seconds=30
targets=()
usage() {
  echo "usage: scripts/fuzz.sh [--seconds N] [--target NAME]..." >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) [ $# -ge 2 ] || usage; seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    --target) [ $# -ge 2 ] || usage; targets+=("$2"); shift 2 ;;
    --target=*) targets+=("${1#*=}"); shift ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "--seconds takes a whole number > 0" >&2; exit 2; }

say() { printf '[fuzz] %s\n' "$*"; }
BUILD=build/fuzz
command -v clang-14 >/dev/null || { say "clang-14 is missing: run npm run setup"; exit 1; }

mkdir -p "$BUILD"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  say "configuring $BUILD"
  cmake -S . -B "$BUILD" -DMCA_FUZZ=ON -DCMAKE_C_COMPILER=clang-14 >"$BUILD.configure.log" 2>&1 \
    || { cat "$BUILD.configure.log"; say "FAILED: configure $BUILD"; exit 1; }
else
  # Configure again (fast with a cache): targets.tsv then lists the targets of
  # the current tests/fuzz/CMakeLists.txt before the names are checked.
  cmake -S . -B "$BUILD" >"$BUILD.configure.log" 2>&1 \
    || { cat "$BUILD.configure.log"; say "FAILED: configure $BUILD"; exit 1; }
fi

# Target names are checked before the build, so a mistyped name fails at once.
declare -A known=()
while IFS=$'\t' read -r name _; do known[$name]=1; done <"$BUILD/targets.tsv"
for t in "${targets[@]}"; do
  [ -n "${known[$t]:-}" ] || { say "no target $t (targets: ${!known[*]})"; exit 2; }
done

say "building the fuzz targets"
cmake --build "$BUILD" -j"$(nproc 2>/dev/null || echo 2)" >"$BUILD.log" 2>&1 \
  || { cat "$BUILD.log"; say "FAILED: build of the fuzz targets"; exit 1; }

mkdir -p "$BUILD/crashes" "$BUILD/logs"
rows=()
crashed=0
while IFS=$'\t' read -r name bin seeds dict; do
  if [ ${#targets[@]} -gt 0 ] && [[ ! " ${targets[*]} " == *" $name "* ]]; then continue; fi
  work="$BUILD/corpus/$name"
  log="$BUILD/logs/$name.log"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -print_final_stats=1 -max_len=4096 -timeout=10
        -rss_limit_mb=2048 -artifact_prefix="$BUILD/crashes/$name-")
  [ -n "$dict" ] && args+=(-dict="$dict")
  say "running $name for $seconds s"
  "$bin" "${args[@]}" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)
  cov=$(grep -ao 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  ft=$(grep -ao 'ft: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
  if grep -aq 'nothing to fuzz' "$log"; then
    status="skipped (op not in the core yet)"
  elif [ "$rc" -eq 0 ]; then
    status="ok"
  else
    status="CRASH"
    crashed=1
    artifact=$(grep -ao 'Test unit written to .*' "$log" | tail -n1 | sed 's/^Test unit written to //')
    printf '\n[fuzz] CRASH in target %s (exit %d)\n' "$name" "$rc"
    grep -aE 'INVARIANT BROKEN|ERROR: |runtime error|SUMMARY' "$log" | head -n 6 | sed 's/^/[fuzz]   /'
    printf '[fuzz]   input saved: %s\n' "${artifact:-(none; see the log)}"
    printf '[fuzz]   reproduce:   %s %s\n' "$bin" "${artifact:-<input>}"
    printf '[fuzz]   full log:    %s\n\n' "$log"
  fi
  say "$(printf '%-32s %-8s execs %-10s exec/s %-8s cov %-6s ft %s' "$name" \
        "${status%% *}" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}")"
  rows+=("$(printf '%-32s %12s %9s %7s %7s  %s' "$name" "${execs:--}" "${rate:--}" "${cov:--}" "${ft:--}" "$status")")
done <"$BUILD/targets.tsv"

printf '\nfuzz summary (%s s per target)\n' "$seconds"
printf '%-32s %12s %9s %7s %7s  %s\n' target executions exec/s cov ft status
printf '%s\n' "${rows[@]}"
if [ "$crashed" -ne 0 ]; then
  say "FAILED: crash inputs are in $BUILD/crashes/ (each becomes a C test in tests/c/ with its fix)"
  exit 1
fi
say "no crash"
