#!/usr/bin/env bash
# replay.sh BUILD NAME... — runs BUILD/tests/fuzz/replay_NAME over tests/fuzz/corpus/NAME
# (every seed and every input that once failed), for `make test` and `make asan`.
set -uo pipefail
build=$1
shift
for n in "$@"; do
  if ! "$build/tests/fuzz/replay_$n" "tests/fuzz/corpus/$n"; then
    echo "fuzz replay: $n failed on its corpus (tests/fuzz/corpus/$n)" >&2
    exit 1
  fi
done
