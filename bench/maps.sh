#!/bin/bash
# bench/maps.sh — the maps module: for each real extract in ../shared/osm, the time and peak
# memory of loading it into a road graph (with `osmium cat -f opl` on the same file as a
# yardstick), and a 1000×1000 matrix of random snapped points by Dijkstra-per-source and by
# the contraction hierarchy (build and query timed apart; both matrices compared) and the road
# geometry of 1000 legs by one Dijkstra search each and by unpacking the hierarchy's paths (CPU
# microseconds a leg); then the same on generated grids (`jincun synth grid`) of 10k, 100k and 1M nodes. Each measurement
# runs in a fresh process (build/bench/maps_bench) so peak RSS is its own. Wall seconds on
# whatever else the machine is doing; CPU seconds beside them. Environment:
#   POINTS=N  matrix size (default 1000)   SIZES="10000 100000 1000000"   SEED=N (default 1)
#   DIJKSTRA_MAX=N  skip Dijkstra above this many grid nodes (default 200000)
# SPDX-License-Identifier: MIT
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${JINCUN_BIN:-$ROOT/build/jincun}
DRV=$ROOT/build/bench/maps_bench
SHARED=${JINCUN_SHARED:-$ROOT/../shared}
POINTS=${POINTS:-1000}
SIZES=${SIZES:-10000 100000 1000000}
SEED=${SEED:-1}
DIJKSTRA_MAX=${DIJKSTRA_MAX:-200000}
for b in "$BIN" "$DRV"; do
    [ -x "$b" ] || { echo "bench/maps.sh: $b missing (run make bench-maps)" >&2; exit 1; }
done
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

now() { date +%s.%N; }

# row LABEL FILE [EXTRA...]: runs the driver, prints a table row; returns 1 on failure
row() {
    local label=$1 file=$2
    shift 2
    local line
    line=$("$DRV" --points "$POINTS" --seed "$SEED" "$@" "$file") || return 1
    IFS=$'\t' read -r _ load rssl nodes arcs snapped dj djc chb chbc chq chqc sp peak mm _ ldj lch lsp lap \
        <<<"$line"
    printf '%-22s %7s %7s %8s %8s %7s %7s %6s %8s %6s %8s %6s %7s %8s %5s %9s %8s %6s %5s\n' "$label" \
        "$load" "$rssl" "$nodes" "$arcs" "$snapped" "$dj" "$djc" "$chb" "$chbc" "$chq" "$chqc" "$sp" \
        "$peak" "$mm" "$ldj" "$lch" "$lsp" "$lap"
    LAST_LOAD=$load
}

hdr() {
    printf '%-22s %7s %7s %8s %8s %7s %7s %6s %8s %6s %8s %6s %7s %8s %5s %9s %8s %6s %5s\n' "$1" \
        load_s rss_MiB nodes arcs snapped dijk_s cpu_s chbld_s cpu_s chqry_s cpu_s speedup peak_MiB \
        diffs leg_dj_us leg_ch_us leg_x apart
}

echo "== maps: ${POINTS}x${POINTS} matrices, seed $SEED, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg) ($(date -u +%H:%M:%S) UTC)"
echo "   load_s: OSM file to routable graph; dijk_s: Dijkstra per source; chbld_s: CH"
echo "   preprocessing; chqry_s: CH many-to-many (buckets or sweep); speedup: Dijkstra CPU / CH query CPU; diffs: matrix"
echo "   entries and leg costs where CH and Dijkstra differ (must be 0). Times are wall seconds, cpu_s CPU seconds."
echo "   leg_dj_us / leg_ch_us: CPU microseconds for one leg's road geometry by a Dijkstra search / by"
echo "   unpacking the hierarchy's path; leg_x their ratio; apart: legs drawn along another, equally short path."
echo
hdr "real extract"
status=0
OSMIUM=()
for f in north-bayreuth.osm.gz andorra.osm.pbf; do
    p=$SHARED/osm/$f
    if [ ! -f "$p" ]; then echo "$f: missing ($p)"; continue; fi
    t0=$(now)
    osmium cat -o /dev/null -f opl --overwrite "$p" || status=1
    t1=$(now)
    LAST_LOAD=
    row "$f" "$p" || { echo "$f: driver failed"; status=1; continue; }
    OSMIUM+=("$(awk -v a="$t0" -v b="$t1" -v l="$LAST_LOAD" -v f="$f" \
        'BEGIN { printf "%-22s osmium cat -f opl %.2f s; jincun load %.2f s = %.1fx osmium", f, b - a, l, l / (b - a) }')")
done
for s in "${OSMIUM[@]}"; do echo "$s"; done
echo
hdr "synth grid (nodes)"
for n in $SIZES; do
    g=$TMP/grid$n.osm.gz
    t0=$(now)
    "$BIN" synth grid --nodes "$n" --seed "$SEED" -o "$g" >/dev/null 2>&1 || { echo "synth $n failed"; status=1; continue; }
    t1=$(now)
    extra=()
    [ "$n" -gt "$DIJKSTRA_MAX" ] && extra=(--no-dijkstra)
    row "grid $n" "$g" "${extra[@]}" || { echo "grid $n: driver failed"; status=1; }
    rm -f "$g"
done
exit $status
