#!/bin/bash
# bench/windows.sh — what time windows and pickups cost the search, in instructions
# (callgrind, so the figure does not depend on the machine's load): Cordeau p04 (100
# customers) at ITER iterations without GLPK, plain, with windows on every third customer,
# and with windows and pickups (driver bench/windows.c); prints the instructions of each run
# and the share spent in vrp_timeline. Needs valgrind.
#   ITER=N  iterations (default 20000);  INST=pNN  instance (default p04)
# SPDX-License-Identifier: MIT
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${JINCUN_SHARED:-$ROOT/../shared}
DRV=$ROOT/build/bench/windows
ITER=${ITER:-20000}
INST=${INST:-p04}
[ -x "$DRV" ] || { echo "bench/windows.sh: $DRV missing (run make bench-windows)" >&2; exit 1; }
[ -f "$SHARED/bench/pvrp/$INST.txt" ] || { echo "bench/windows.sh: $SHARED/bench/pvrp/$INST.txt missing" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "bench/windows.sh: valgrind missing, skipped"; exit 0; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== $INST, $ITER iterations, no GLPK: instructions (callgrind)"
status=0
for mode in 0 1 2; do
    out=$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$mode" "$DRV" \
        "$SHARED/bench/pvrp/$INST.txt" "$ITER" "$mode" 2>"$tmp/err.$mode") || status=1
    total=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$tmp/err.$mode")
    tl=$(callgrind_annotate --inclusive=yes "$tmp/cg.$mode" 2>/dev/null |
        sed -n 's/^ *\([0-9,]*\) .*solver\/vrp.c:timeline .*/\1/p' | head -1 | tr -d ,)
    printf '%s  instructions %s  in vrp_timeline %s\n' "$out" "$total" "${tl:-0}"
done
exit $status
