#!/usr/bin/env bash
# lines.sh — `make bench-lines`: lines mode (定线) against its targets.
#  1. the demo county (scenarios/demo, its own seed and iteration limit) in lines mode: share of
#     villages on one van with an arrival spread <= 15 min, of townships within 30 min, and the
#     cost of consistency (the summary's free-mode plan at the same seed and iteration limit);
#     target <= 3 %. Then the same plan with --no-lp in both modes: what GLPK (pattern
#     balancing and set partitioning) adds.
#  2. north-bayreuth (../shared/osm/north-bayreuth.osm.gz; skipped without it): its named
#     villages and hamlets as stops (every sixth village a township, as in the end-to-end
#     test), 4 vans, the same figures at NB_ITER iterations.
#  3. a county of about 650 stops and 60 vans on 100,000 synthetic road nodes (bench/county.sh's
#     Linhai) in lines mode without the free-mode comparison ([consistency] compare_free = no):
#     the plan's CPU time; target <= 120 s on one core.
# The figures come from plan.json (arrival times and vans of every route) and summary.txt.
# The four plans run at once; each one's CPU time is its own.
# NB_ITER (default 200000), COUNTY_ITER (default 1000000), SKIP_COUNTY=1, KEEP=DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SHARED=${JINCUN_SHARED:-$PWD/../shared}
NB_ITER=${NB_ITER:-200000}
COUNTY_ITER=${COUNTY_ITER:-1000000}
if [ -n "${KEEP:-}" ]; then
    work=$KEEP
    mkdir -p "$work"
else
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "lines.sh: needs GNU time at $TIME (Debian package time)"; exit 1; }
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u '+%Y-%m-%d %H:%M UTC')"

# figures of one plan folder: consistency from plan.json, costs from summary.txt
figures() {
    python3 - "$1" <<'PY'
import json, re, sys
d = sys.argv[1]
p = json.load(open(d + "/plan.json", encoding="utf-8"))
c = p.get("consistency", {"township_spread_s": 1800, "village_spread_s": 900})
vans, lo, hi = {}, {}, {}
for r in p["routes"]:
    for v in r["visits"]:
        s = v["stop"]
        vans.setdefault(s, set()).add(r["vehicle"])
        lo[s] = min(lo.get(s, 1 << 40), v["arrival_s"])
        hi[s] = max(hi.get(s, -1), v["arrival_s"])
kinds = {"village": [0, 0], "township": [0, 0]}
for i, s in enumerate(p["stops"]):
    if s["kind"] == "depot":
        continue
    k = kinds[s["kind"]]
    k[1] += 1
    if i not in vans:
        continue
    spread = hi[i] - lo[i]
    if s["kind"] == "village":
        k[0] += len(vans[i]) == 1 and spread <= 900
    else:
        k[0] += spread <= 1800
v, t = kinds["village"], kinds["township"]
pct = lambda a: 100.0 * a[0] / a[1] if a[1] else 100.0
print(f"  villages on one van, spread <= 15 min: {v[0]} of {v[1]} ({pct(v):.1f}%)")
print(f"  townships within 30 min: {t[0]} of {t[1]} ({pct(t):.1f}%)")
summ = open(d + "/summary.txt", encoding="utf-8").read()
for key in ("cost in free mode", "cost of consistency", "stops planned"):
    m = re.search(r"^\s*" + re.escape(key) + r".*$", summ, re.M)
    if m:
        print("  " + m.group(0).strip())
m = re.search(r"^COST .*: ([0-9.]+)", summ, re.M)
print(f"  lines-mode cost: {m.group(1)}")
PY
}

plan() { # plan SCENARIO OUT [args...]: exit status into OUT.exit, wall/CPU/RSS into OUT.time
    local scen=$1 out=$2
    shift 2
    local st=0
    "$TIME" -f '%e %U %S %M' -o "$out.time" "$BIN" plan "$scen" -o "$out" --quiet "$@" \
        >"$out.out" 2>"$out.err" || st=$?
    echo "$st" >"$out.exit"
}

said() { # said OUT: how the plan went
    local st
    st=$(cat "$1.exit")
    if [ "$st" -ne 0 ] && [ "$st" -ne 3 ]; then
        echo "jincun plan failed (exit $st):"
        cat "$1.err"
        exit 1
    fi
    read -r w u s m <"$1.time"
    printf '  plan: exit %d, %.1f s wall, %.1f s CPU, %.0f MiB peak\n' "$st" "$w" \
        "$(echo "$u + $s" | bc)" "$(echo "$m / 1024" | bc -l)"
}

cost_of() { sed -n 's/^COST .*: \([0-9.]*\) .*/\1/p' "$1/summary.txt"; }
free_of() { sed -n 's/^ *cost in free mode[^:]*: \([0-9.]*\) .*/\1/p' "$1/summary.txt"; }

# The plans run at once (their CPU times are each one process's, so the one-core figures hold;
# on a shared machine their wall times are longer).
plan scenarios/demo "$work/demo" &
plan scenarios/demo "$work/demo-nolp" --no-lp &
OSM=$SHARED/osm/north-bayreuth.osm.gz
if [ -f "$OSM" ]; then
    nb=$work/nb
    mkdir -p "$nb"
    python3 - "$OSM" "$nb" >"$work/nb.txt" <<'PY'
import gzip, sys, xml.etree.ElementTree as ET
osm, out = sys.argv[1], sys.argv[2]
places = []
for ev, el in ET.iterparse(gzip.open(osm), events=("end",)):
    if el.tag == "node":
        t = {x.get("k"): x.get("v") for x in el.findall("tag")}
        if t.get("name") and t.get("place") in ("village", "hamlet"):
            places.append((t["name"], t["place"], float(el.get("lon")), float(el.get("lat"))))
        el.clear()
clon = sum(p[2] for p in places) / len(places)
clat = sum(p[3] for p in places) / len(places)
depot = min(range(len(places)), key=lambda i: (places[i][1] != "village",
            (places[i][2] - clon) ** 2 + (places[i][3] - clat) ** 2))
with open(out + "/stops.csv", "w", encoding="utf-8") as f:
    f.write("id,code,name,kind,township,lon,lat,ems,zto,sf\n")
    d = places[depot]
    f.write(f'd1,,"Depot {d[0]}",depot,,{d[2]:.7f},{d[3]:.7f},,,\n')
    nv = 0
    for i, (name, place, lon, lat) in enumerate(places):
        town = False
        if place == "village" and i != depot:
            town = nv % 6 == 0
            nv += 1
        kind = "township" if town else "village"
        f.write(f'p{i},,"{name}",{kind},,{lon:.7f},{lat:.7f},{1 + i % 3},{2 + i % 4},{i % 2}\n')
open(out + "/settings.ini", "w").write(
    "[scenario]\nname = north-bayreuth bench\nmap = " + osm + "\ncarriers = ems,zto,sf\n"
    "days = mon-sat\nweek_start = 2026-11-30\n\n[service]\nper_stop_min = 4\n"
    "per_parcel_s = 10\nshift_start = 08:00\n\n[solver]\nseed = 1\ntime_limit_s = 600\n")
open(out + "/vehicles.csv", "w").write(
    "id,depot,capacity,shift_h,range_km,electric,days,driver\n"
    "van01,d1,150,8,,no,mon-sat,Anna\nvan02,d1,150,8,,no,mon-sat,Bernd\n"
    "ev01,d1,100,8,160,yes,mon-sat,Chen\nev02,d1,100,7.5,160,yes,mon-fri,\n")
print(f"  {len(places)} stops from the map's named villages and hamlets")
PY
    plan "$nb" "$work/nb-plan" --iterations "$NB_ITER" &
fi
if [ -z "${SKIP_COUNTY:-}" ]; then
    "$BIN" synth county --from scenarios/taizhou/linhai -o "$work/county" --seed 1 \
        --nodes 100000 >"$work/county.synth.out" 2>&1 || { cat "$work/county.synth.out"; exit 1; }
    printf '\n[consistency]\ncompare_free = no\n' >>"$work/county/settings.ini"
    plan "$work/county" "$work/county-plan" --iterations "$COUNTY_ITER" --time-limit 0 --timings &
fi
wait

# 1. the demo
echo "== demo (scenarios/demo, its seed and iteration limit)"
said "$work/demo"
figures "$work/demo"
echo "  without GLPK (--no-lp), same seed and iterations:"
said "$work/demo-nolp"
l1=$(cost_of "$work/demo") l0=$(cost_of "$work/demo-nolp")
f1=$(free_of "$work/demo") f0=$(free_of "$work/demo-nolp")
printf '  GLPK adds: lines mode %.2f -> %.2f CNY (%+.2f%%), free mode %.2f -> %.2f CNY (%+.2f%%)\n' \
    "$l0" "$l1" "$(echo "100 * ($l1 - $l0) / $l0" | bc -l)" "$f0" "$f1" \
    "$(echo "100 * ($f1 - $f0) / $f0" | bc -l)"

# 2. north-bayreuth
if [ -f "$OSM" ]; then
    echo "== north-bayreuth ($OSM, $NB_ITER iterations)"
    cat "$work/nb.txt"
    said "$work/nb-plan"
    figures "$work/nb-plan"
else
    echo "== north-bayreuth: skipped ($OSM absent)"
fi

# 3. the county
if [ -z "${SKIP_COUNTY:-}" ]; then
    echo "== county: ~650 stops, 60 vans, 100,000 synthetic road nodes, lines mode, $COUNTY_ITER iterations"
    said "$work/county-plan"
    awk '$1 == "timing" { printf "    %-9s %8.3f s\n", $2, $3 }' "$work/county-plan.err"
    figures "$work/county-plan"
    read -r w u s m <"$work/county-plan.time"
    cpu=$(echo "$u + $s" | bc)
    echo "  target <= 120 s CPU on one core: $([ "$(echo "$cpu <= 120" | bc)" = 1 ] && echo met || echo "NOT met") ($cpu s)"
fi
