#!/usr/bin/env bash
# load.sh — `make bench-load`: the load test. (1) `jincun plan` on a county of real size:
# Linhai (648 stops, 60 vans) on SYNTHETIC roads (`jincun synth county --from`, as in
# bench/county.sh); (2) N plans of the demo (default 8) started at once on the machine's cores.
# For every run: exit status, the checker's verdict, wall and CPU time and peak RSS (GNU time).
# jincun plan writes a plan only when the independent checker (vrp_check) and plan_check
# accept it, so exit 0 means a checked plan; `jincun export` then checks the written plan.json
# again. The demo runs use the same seed and iteration limit, so their plan.json files must
# be byte-identical: the script says whether they are.
# COUNTY_ITER=N county iteration limit (default 1000000); DEMO_ITER=N demo iteration limit
# (default: the scenario's own, 3000000); RUNS=N demo runs at once (default 8); NODES=N road
# nodes of the county (default 100000). The time limit is off (--time-limit 0) so that the
# iteration limit ends every run, however loaded the machine is.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SHARED=${JINCUN_SHARED:-$PWD/../shared}
COUNTY_ITER=${COUNTY_ITER:-1000000}
DEMO_ITER=${DEMO_ITER:-}
RUNS=${RUNS:-8}
NODES=${NODES:-100000}
SEATS=$SHARED/data/taizhou/township_seats_adcode_wgs84.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "load.sh: needs GNU time at $TIME (Debian package time)"; exit 1; }

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-10s %5s %-10s %-10s %9s %9s %9s %s\n' run exit plan export wall_s cpu_s peakMiB served
failed=0

# One finished run: its line of the table. $1 name, $2 plan folder, $3 exit status file.
report() {
    local name=$1 out=$2 st
    st=$(cat "$work/$name.status")
    local e wall cpu rss served verdict exp
    read -r wall user sys rss <"$work/$name.time"
    cpu=$(echo "$user + $sys" | bc)
    served=$(grep -m1 'stops planned' "$work/$name.out" 2>/dev/null | sed 's/.*: *//' || true)
    if [ "$st" = 0 ] && [ -f "$out/plan.json" ]; then
        verdict=checked
        if "$BIN" export "$out" -o "$work/$name-export" >"$work/$name.export" 2>&1; then
            exp=accepted
        else
            exp=REFUSED
            failed=1
        fi
    else
        verdict=none
        exp=-
        failed=1
    fi
    printf '%-10s %5s %-10s %-10s %9.1f %9.1f %9.1f %s\n' "$name" "$st" "$verdict" "$exp" \
        "$wall" "$cpu" "$(echo "$rss / 1024" | bc -l)" "$served"
    if [ "$st" != 0 ]; then
        sed 's/^/    /' "$work/$name.err" | tail -5
    fi
}

# (1) the county
seats=()
[ -f "$SEATS" ] && seats=(--township-points "$SEATS")
"$BIN" synth county --from scenarios/taizhou/linhai -o "$work/linhai" --seed 1 \
    --nodes "$NODES" "${seats[@]}" >"$work/synth.out" 2>"$work/synth.err" ||
    { cat "$work/synth.err"; exit 1; }
st=0
"$TIME" -f '%e %U %S %M' -o "$work/county.time" "$BIN" plan "$work/linhai" \
    -o "$work/county-plan" --seed 1 --iterations "$COUNTY_ITER" --time-limit 0 --quiet \
    >"$work/county.out" 2>"$work/county.err" || st=$?
echo "$st" >"$work/county.status"
report county "$work/county-plan"

# (2) RUNS demo plans at once
demo_limit=(--time-limit 0)
[ -n "$DEMO_ITER" ] && demo_limit+=(--iterations "$DEMO_ITER")
for i in $(seq 1 "$RUNS"); do
    (
        st=0
        "$TIME" -f '%e %U %S %M' -o "$work/demo$i.time" "$BIN" plan scenarios/demo \
            -o "$work/demo$i-plan" --seed 1 "${demo_limit[@]}" --quiet \
            >"$work/demo$i.out" 2>"$work/demo$i.err" || st=$?
        echo "$st" >"$work/demo$i.status"
    ) &
done
wait
for i in $(seq 1 "$RUNS"); do
    report "demo$i" "$work/demo$i-plan"
done
same=yes
for i in $(seq 2 "$RUNS"); do
    cmp -s "$work/demo1-plan/plan.json" "$work/demo$i-plan/plan.json" 2>/dev/null || same=no
done
echo "demo plan.json byte-identical across the $RUNS runs: $same"
[ "$same" = yes ] || failed=1
echo "machine after: load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u '+%Y-%m-%d %H:%M UTC')"
exit "$failed"
