#!/bin/bash
# bench/lp.sh — the two GLPK models of solver/lp.h on the Cordeau PVRP instances (driver
# bench/lp.c): pattern-assignment time and daily-demand spread (max day / mean day) versus the
# 1997 solution's day combinations; set partitioning over a pool built from the 1997 routes
# (the routes, each with one customer removed, all single-customer routes), warm-started with
# the 1997 solution, its time, nodes, cost and a vrp_check of the result; then `jincun check`
# over every 1997 solution with its wall time.
#   TIME=S  GLPK time limit per model (default 10);  ONLY="p01 pr01"  instances
# SPDX-License-Identifier: MIT
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${JINCUN_SHARED:-$ROOT/../shared}
BIN=${JINCUN_BIN:-$ROOT/build/jincun}
DRV=$ROOT/build/bench/lp
TIME=${TIME:-10}
ONLY=${ONLY:-}
[ -x "$DRV" ] || { echo "bench/lp.sh: $DRV missing (run make bench-lp)" >&2; exit 1; }
[ -d "$SHARED/bench/pvrp" ] || { echo "bench/lp.sh: $SHARED/bench/pvrp missing" >&2; exit 1; }
echo "== GLPK models, time limit $TIME s each ($(date -u +%H:%M:%S) UTC)"
# shellcheck disable=SC2086
"$DRV" "$SHARED" "$TIME" $ONLY || status=1
echo "== jincun check on the 1997 solutions"
for f in "$SHARED"/bench/pvrp/*.txt; do
    name=$(basename "$f" .txt)
    [ -n "$ONLY" ] && [[ " $ONLY " != *" $name "* ]] && continue
    t0=$(date +%s%N)
    out=$("$BIN" check "$f" "$SHARED/bench/pvrp/cgl97_solutions/$name.res" 2>&1)
    rc=$?
    t1=$(date +%s%N)
    ms=$(((t1 - t0) / 1000000))
    printf '%-5s exit %d %-7s %s  %d.%03ds\n' "$name" "$rc" "$(tail -1 <<<"$out")" \
        "$(grep -o 'recomputed cost: [0-9.]*' <<<"$out")" $((ms / 1000)) $((ms % 1000))
    [ $rc -eq 0 ] || status=1
done
exit ${status:-0}
