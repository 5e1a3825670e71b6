#!/usr/bin/env bash
# share.sh — `make bench-share`: the run time of `jincun share`.
# (1) The demo (5 companies, 31 coalition plans) at the default iterations per plan, JOBS
#     threads (default 2): wall time, CPU time (user + sys) and the solves' CPU time per
#     coalition size (`share --timings`, each thread's own clock). On a machine shared with
#     other work the wall time is longer than on an idle one; CPU / JOBS is the wall time the
#     plans would take on JOBS idle cores.
# (2) The Taizhou estimate: Linhai (scenarios/taizhou/linhai: 8 companies, 255 coalitions) on
#     SYNTHETIC roads (`jincun synth county --from`, as bench/county.sh), a measured sample of
#     coalitions (every company alone and one coalition of each size 2..8: `--exact-max 2
#     --orders 1`), and the estimate sum over sizes s of C(8, s) x the mean CPU of a plan of
#     size s, divided by JOBS cores.
# ITER=N iterations per plan (default: share's), JOBS=N (2), NODES=N road nodes of the
# synthetic Linhai (100000), SKIP_TAIZHOU=1 runs (1) only.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
JOBS=${JOBS:-2}
NODES=${NODES:-100000}
iter=()
[ -n "${ITER:-}" ] && iter=(--iterations "$ITER")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "share.sh: needs GNU time at $TIME (Debian package time)"; exit 1; }

# One share run: $1 name, then the arguments. Prints the figures.
run() {
    local name=$1
    shift
    echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u '+%Y-%m-%d %H:%M UTC')"
    "$TIME" -f '%e %U %S %M' -o "$work/$name.time" "$BIN" share "$@" --jobs "$JOBS" \
        "${iter[@]}" --timings --quiet >"$work/$name.out" 2>"$work/$name.err" ||
        { cat "$work/$name.err"; exit 1; }
    read -r wall user sys rss <"$work/$name.time"
    cpu=$(echo "$user + $sys" | bc)
    grep -m1 'iterations per plan' "$work/$name.out"
    grep -m1 'coalitions planned' "$work/$name.out"
    printf '  wall %.1f s, CPU %.1f s (user %s + sys %s), peak RSS %.1f MiB, %s threads\n' \
        "$wall" "$cpu" "$user" "$sys" "$(echo "$rss / 1024" | bc -l)" "$JOBS"
    printf '  on %s idle cores: about %.0f s (CPU / %s)\n' "$JOBS" "$(echo "$cpu / $JOBS" | bc -l)" "$JOBS"
    grep '^timing plans of' "$work/$name.err" | sed 's/^/  /'
}

echo "== demo (scenarios/demo)"
run demo scenarios/demo -o "$work/demo"
sed -n '/^SAVINGS/,$p' "$work/demo.out"

[ -n "${SKIP_TAIZHOU:-}" ] && exit 0
echo
echo "== Taizhou estimate: Linhai on synthetic roads, a sample of coalitions"
"$BIN" synth county --from scenarios/taizhou/linhai -o "$work/linhai" --seed 1 \
    --nodes "$NODES" >"$work/synth.out" 2>"$work/synth.err" || { cat "$work/synth.err"; exit 1; }
run linhai "$work/linhai" -o "$work/linhai-share" --exact-max 2 --orders 1
python3 - "$work/linhai.err" "$JOBS" <<'PY'
import math, re, sys
k = 8
jobs = int(sys.argv[2])
mean = {}
for line in open(sys.argv[1]):
    m = re.match(r"timing plans of (\d+) companies: (\d+), CPU ([\d.]+) s", line)
    if m:
        s, n, cpu = int(m[1]), int(m[2]), float(m[3])
        mean[s] = cpu / n
total = 0.0
for s in range(1, k + 1):
    if s not in mean:
        sys.exit(f"no plan of size {s} measured")
    total += math.comb(k, s) * mean[s]
print(f"  estimate for all {2**k - 1} coalitions: {total:.0f} s of CPU, "
      f"about {total / jobs / 60:.1f} min on {jobs} idle cores")
PY
