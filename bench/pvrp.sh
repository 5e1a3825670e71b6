#!/bin/bash
# bench/pvrp.sh — the solver on the Cordeau periodic-VRP set (../shared/bench/pvrp) and the
# Augerat/Christofides-Eilon CVRP set (../shared/bench/cvrp), with and without the GLPK parts.
# Every solution is verified with `jincun check`; prints per instance n, best-known cost, cost,
# gap %, seconds, feasible, then the mean gap per set and mode. Instances run one after the
# other (one core each). Environment:
#   TIME=S       time limit per instance in seconds (default 5; the target figure uses 30)
#   LP=both|on|off  with GLPK (pattern assignment + set partitioning), without, or both (default)
#   SETS="pvrp cvrp"  which sets (default both)
#   SEED=N       seed (default 1);  ONLY=REGEX  instances whose name matches
# SPDX-License-Identifier: MIT
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${JINCUN_BIN:-$ROOT/build/jincun}
SHARED=${JINCUN_SHARED:-$ROOT/../shared}
TIME=${TIME:-5}
LP=${LP:-both}
SETS=${SETS:-pvrp cvrp}
SEED=${SEED:-1}
ONLY=${ONLY:-.}
[ -x "$BIN" ] || { echo "bench/pvrp.sh: $BIN missing (run make)" >&2; exit 1; }
[ -d "$SHARED/bench" ] || { echo "bench/pvrp.sh: $SHARED/bench missing" >&2; exit 1; }
case $LP in both) MODES="on off" ;; on | off) MODES=$LP ;; *) echo "LP=both|on|off" >&2; exit 2 ;; esac
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SUMMARY=()

# run SET MODE: one pass over a set, prints the table and appends to SUMMARY
run() {
    local set=$1 mode=$2 csv cmd ext lpflag=""
    [ "$mode" = off ] && lpflag=--no-lp
    if [ "$set" = pvrp ]; then
        csv=$SHARED/bench/pvrp/bks.csv cmd=pvrp ext=res
    else
        csv=$SHARED/bench/cvrp/bks.csv cmd=cvrp ext=sol
    fi
    echo "== $set, GLPK $mode, $TIME s per instance, seed $SEED ($(date -u +%H:%M:%S) UTC)"
    printf '%-10s %5s %10s %10s %7s %7s %s\n' instance n bks cost gap% seconds feasible
    local sum=0 cnt=0 feas=0 name n bks rest f inst out cost secs gap ok
    while IFS=, read -r name n a b c rest; do
        [ "$name" = instance ] && continue
        [[ $name =~ $ONLY ]] || continue
        if [ "$set" = pvrp ]; then
            bks=$c inst=$SHARED/bench/pvrp/$name.txt
        else
            bks=$b inst=$SHARED/bench/cvrp/augerat/$name.vrp
        fi
        [ -f "$inst" ] || continue
        f=$TMP/$name.$ext
        out=$("$BIN" "$cmd" "$inst" --time-limit "$TIME" --seed "$SEED" $lpflag -o "$f" 2>"$TMP/err")
        cost=$(awk '$1=="cost"{print $2}' <<<"$out")
        secs=$(awk '$1=="seconds"{print $2}' <<<"$out")
        if [ -z "$cost" ]; then
            printf '%-10s %5s %10s %10s %7s %7s %s\n' "$name" "$n" "$bks" - - - "FAILED: $(tail -1 "$TMP/err")"
            cnt=$((cnt + 1))
            continue
        fi
        if "$BIN" check "$inst" "$f" >"$TMP/check" 2>&1; then ok=yes; feas=$((feas + 1)); else ok="NO: $(head -c 120 "$TMP/check" | tr '\n' ' ')"; fi
        gap=$(awk -v c="$cost" -v b="$bks" 'BEGIN{printf "%.2f", (c-b)/b*100}')
        sum=$(awk -v s="$sum" -v g="$gap" 'BEGIN{print s+g}')
        cnt=$((cnt + 1))
        printf '%-10s %5s %10s %10s %7s %7s %s\n' "$name" "$n" "$bks" "$cost" "$gap" "$secs" "$ok"
    done <"$csv"
    local mean
    mean=$(awk -v s="$sum" -v c="$cnt" 'BEGIN{printf "%.2f", c ? s/c : 0}')
    echo "mean gap $mean % over $cnt instances, $feas verified feasible"
    SUMMARY+=("$set GLPK $mode: mean gap $mean % ($feas/$cnt feasible, $TIME s each)")
}

for set in $SETS; do
    for mode in $MODES; do
        run "$set" "$mode"
    done
done
echo "== summary"
printf '%s\n' "${SUMMARY[@]}"
