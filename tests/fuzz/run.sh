#!/usr/bin/env bash
# run.sh SECONDS NAME... — `make fuzz`: runs build/fuzz/bin/fuzz_NAME under libFuzzer for
# SECONDS each, one after the other (one process: the machines are shared), on the corpus it
# grows in build/fuzz/corpus/NAME plus the stored seeds tests/fuzz/corpus/NAME, with the
# dictionary tests/fuzz/NAME.dict when there is one. Prints the executions of each target and
# the total; fails when any target found a crash, leak, timeout, out-of-memory or sanitizer
# report (the input is saved as build/fuzz/artifacts/NAME-crash-..., the log in
# build/fuzz/logs/NAME.log). A finding becomes a file in tests/fuzz/corpus/NAME once fixed.
set -uo pipefail
secs=$1
shift
out=build/fuzz
mkdir -p "$out/corpus" "$out/artifacts" "$out/logs"
# The harnesses write each input to a file: on tmpfs when there is one, in a folder of this
# run that goes at the end (a harness stopped by a finding cannot remove its own).
base=${TMPDIR:-}
if [ -z "$base" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
  base=/dev/shm
fi
TMPDIR=$(mktemp -d "${base:-/tmp}/jincun-fuzz-run-XXXXXX") || exit 1
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
sym=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0${sym:+:external_symbolizer_path=$sym}
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
total=0
failed=()
printf '%-12s %12s %8s %s\n' target executions exec/s result
for n in "$@"; do
  bin=$out/bin/fuzz_$n
  log=$out/logs/$n.log
  mkdir -p "$out/corpus/$n"
  dict=()
  [ -f "tests/fuzz/$n.dict" ] && dict=(-dict="tests/fuzz/$n.dict")
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/artifacts/$n-" "${dict[@]}" \
    "$out/corpus/$n" "tests/fuzz/corpus/$n" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  if [ $rc -ne 0 ] || [ -z "$execs" ] ||
    grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|SUMMARY: ' "$log"; then
    result="FAILED (exit $rc, see $log)"
    failed+=("$n")
  fi
  total=$((total + ${execs:-0}))
  printf '%-12s %12s %8s %s\n' "$n" "${execs:-?}" "${rate:-?}" "$result"
done
printf '%-12s %12s\n' total "$total"
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: findings in ${failed[*]}; inputs in $out/artifacts" >&2
  exit 1
fi
