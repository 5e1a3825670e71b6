#!/usr/bin/env bash
# county.sh — `make bench-county`: a county of real size, end to end. Builds Linhai
# (scenarios/taizhou/linhai: 648 stops, 60 vans) on SYNTHETIC roads with `jincun synth county
# --from` (about NODES road nodes; township seats the scenario lacks come from
# ../shared/data/taizhou/township_seats_adcode_wgs84.csv when it is there, else they are
# placed by the seed), plans it with an iteration limit, and prints the phase times (`plan
# --timings`), wall and CPU time and peak memory (/usr/bin/time -v), routes, vehicles, and the
# checker's verdict (plan writes nothing unless the independent checker and plan_check accept
# the plan; `jincun export` checks the written plan.json again).
# Target for a county: <= 120 s on one core and <= 1 GiB peak memory. The CPU time (user + sys)
# is the one-core figure; on a shared machine the wall time is longer.
# ITER=N iteration limit (default 1000000), NODES=N road nodes (default 100000), SEED=S (1),
# KEEP=DIR keeps the synthetic scenario and the plan in DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SHARED=${JINCUN_SHARED:-$PWD/../shared}
ITER=${ITER:-1000000}
NODES=${NODES:-100000}
SEED=${SEED:-1}
SRC=scenarios/taizhou/linhai
SEATS=$SHARED/data/taizhou/township_seats_adcode_wgs84.csv
if [ -n "${KEEP:-}" ]; then
    work=$KEEP
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "county.sh: needs GNU time at $TIME (Debian package time)"; exit 1; }

seats=()
if [ -f "$SEATS" ]; then
    seats=(--township-points "$SEATS")
    echo "township seats the scenario lacks: $SEATS"
else
    echo "township seats the scenario lacks: placed by the seed ($SEATS absent)"
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u '+%Y-%m-%d %H:%M UTC')"

# 1. the synthetic county
"$TIME" -f '%e %U %S %M' -o "$work/synth.time" "$BIN" synth county --from "$SRC" \
    -o "$work/linhai" --seed "$SEED" --nodes "$NODES" "${seats[@]}" \
    >"$work/synth.out" 2>"$work/synth.err" || { cat "$work/synth.err"; exit 1; }
grep '^wrote' "$work/synth.out"
read -r s_wall s_user s_sys s_rss <"$work/synth.time"
printf 'synth county --from: %.2f s wall, %.2f s CPU, %.1f MiB peak\n' "$s_wall" \
    "$(echo "$s_user + $s_sys" | bc)" "$(echo "$s_rss / 1024" | bc -l)"

# 2. the plan
status=0
"$TIME" -v -o "$work/plan.time" "$BIN" plan "$work/linhai" -o "$work/plan" --seed "$SEED" \
    --iterations "$ITER" --time-limit 0 --timings --quiet \
    >"$work/plan.out" 2>"$work/plan.err" || status=$?
if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    echo "jincun plan failed (exit $status):"
    cat "$work/plan.err"
    exit 1
fi
v() { awk -F': ' -v k="$1" 'index($0, k) { print $2; exit }' "$work/plan.time"; }
wall=$(v 'Elapsed (wall clock)')
user=$(v 'User time (seconds)')
sys=$(v 'System time (seconds)')
rss=$(v 'Maximum resident set size (kbytes)')
cpu=$(echo "$user + $sys" | bc)
echo "jincun plan --iterations $ITER --seed $SEED (exit $status):"
awk '$1 == "timing" { printf "  %-9s %8.3f s\n", $2, $3 }' "$work/plan.err"
grep '^warning' "$work/plan.err" | sort | uniq -c | sed 's/^ */  /' || true
printf '  wall %s, CPU %.2f s (user %s + sys %s), peak RSS %.1f MiB\n' "$wall" "$cpu" "$user" \
    "$sys" "$(echo "$rss / 1024" | bc -l)"
grep -m1 -F 'SYNTHETIC ROADS' "$work/plan.out" | sed 's/^/  /'
grep -m1 'stops planned' "$work/plan.out" | sed 's/^ */  /'
grep -m1 'vehicles and drivers needed' "$work/plan.out" | sed 's/^ */  /'
python3 - "$work/plan/plan.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
routes = p["routes"]
vans = {r["vehicle"] for r in routes}
visits = sum(len(r["visits"]) for r in routes)
print(f"  routes {len(routes)}, vans used {len(vans)} of {len(p['vehicles'])}, "
      f"stop visits {visits}, cost {p['total_cost']:.2f}")
PY
echo "  checker: accepted (plan writes only a plan that vrp_check and plan_check accept)"
if "$BIN" export "$work/plan" -o "$work/export" >"$work/export.out" 2>"$work/export.err"; then
    echo "  export re-check of plan.json: accepted"
else
    echo "  export re-check of plan.json: REFUSED"
    cat "$work/export.err"
    exit 1
fi
within() { [ "$(echo "$1 <= $2" | bc)" = 1 ] && echo met || echo "NOT met"; }
echo "target <= 120 s CPU on one core: $(within "$cpu" 120) ($cpu s); <= 1 GiB: $(within "$rss" 1048576) ($((rss / 1024)) MiB)"
