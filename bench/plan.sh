#!/usr/bin/env bash
# plan.sh — `make bench-plan`: wall time per phase (scenario, map, snap, matrix, solve, check,
# geometry, write) and peak memory of `jincun plan` on the demo scenario and on a scenario built
# from the villages and hamlets of ../shared/osm/north-bayreuth.osm.gz.
# TIME=S sets the solver time limit (default 20 s); ITER=N uses an iteration limit instead.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SHARED=${JINCUN_SHARED:-$PWD/../shared}
TIME=${TIME:-20}
ITER=${ITER:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# north-bayreuth scenario: the place node nearest the centre of all villages/hamlets is the
# depot, every 6th village a township, 3 carriers with fixed demand, 4 vans (like tests/io/plan/test_plan_e2e.c).
make_nb() {
    local dir=$1 osm=$2
    mkdir -p "$dir"
    python3 - "$dir" "$osm" <<'PY'
import gzip, sys, xml.etree.ElementTree as ET
d, osm = sys.argv[1], sys.argv[2]
places = []
for ev, el in ET.iterparse(gzip.open(osm), events=("end",)):
    if el.tag == "node":
        tags = {t.get("k"): t.get("v") for t in el.findall("tag")}
        if tags.get("place") in ("village", "hamlet") and tags.get("name"):
            places.append((tags["name"], tags["place"], float(el.get("lon")), float(el.get("lat"))))
    if el.tag in ("node", "way", "relation"):
        el.clear()
clon = sum(p[2] for p in places) / len(places); clat = sum(p[3] for p in places) / len(places)
dep = min((i for i, p in enumerate(places) if p[1] == "village"),
          key=lambda i: (places[i][2] - clon) ** 2 + (places[i][3] - clat) ** 2)
q = lambda s: '"' + s.replace('"', '""') + '"'
with open(f"{d}/stops.csv", "w") as f:
    f.write("id,code,name,kind,township,lon,lat,ems,zto,sf\n")
    n, p = 0, places[dep]
    f.write(f"d1,,{q('Depot ' + p[0])},depot,,{p[2]:.7f},{p[3]:.7f},,,\n")
    for i, (name, kind, lon, lat) in enumerate(places):
        town = kind == "village" and i != dep and n % 6 == 0
        if kind == "village" and i != dep:
            n += 1
        f.write(f"p{i},,{q(name)},{'township' if town else 'village'},,{lon:.7f},{lat:.7f},"
                f"{1 + i % 3},{2 + i % 4},{i % 2}\n")
with open(f"{d}/settings.ini", "w") as f:
    f.write(f"[scenario]\nname = north-bayreuth bench\nmap = {osm}\ncarriers = ems,zto,sf\n"
            "days = mon-sat\nweek_start = 2026-11-30\n\n[service]\nper_stop_min = 4\n"
            "per_parcel_s = 10\nshift_start = 08:00\n")
with open(f"{d}/vehicles.csv", "w") as f:
    f.write("id,depot,capacity,shift_h,range_km,electric,days,driver\n"
            "van01,d1,150,8,,no,mon-sat,Anna\nvan02,d1,150,8,,no,mon-sat,Bernd\n"
            "ev01,d1,100,8,160,yes,mon-sat,Chen\nev02,d1,100,7.5,160,yes,mon-fri,\n")
PY
}

limit=(--time-limit "$TIME")
[ "$ITER" != 0 ] && limit=(--iterations "$ITER" --time-limit 0)
echo "jincun plan: seconds per phase and peak memory (${limit[*]}, seed 1, $(nproc) cores shared)"
printf '%-16s %6s %6s %6s %6s %6s %7s %6s %6s %6s %7s %8s %s\n' scenario stops scen map snap \
    matrix solve check geom write total peakMiB served
row() {
    local name=$1 scen=$2
    local status=0
    "$BIN" plan "$scen" -o "$work/out-$name" --seed 1 "${limit[@]}" --timings --quiet \
        >"$work/$name.out" 2>"$work/$name.err" || status=$?
    # 3: the plan is written but leaves stops out; the served column shows how many.
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        echo "$name: jincun plan failed:"; cat "$work/$name.err"; return 1
    fi
    local t
    t() { awk -v k="$1" '$1 == "timing" && $2 == k { print $3 }' "$work/$name.err"; }
    local rss stops served
    rss=$(awk '$1 == "peak_rss_kib" { printf "%.1f", $2 / 1024 }' "$work/$name.err")
    stops=$(($(wc -l <"$scen/stops.csv") - 1))
    served=$(grep -m1 'stops planned' "$work/$name.out" | sed 's/.*: *//')
    printf '%-16s %6s %6s %6s %6s %6s %7s %6s %6s %6s %7s %8s %s\n' "$name" "$stops" \
        "$(t scenario)" "$(t map)" "$(t snap)" "$(t matrix)" "$(t solve)" "$(t check)" \
        "$(t geometry)" "$(t write)" "$(t total)" "$rss" "$served"
}
if [ -f scenarios/demo/settings.ini ]; then
    row demo scenarios/demo
else
    echo "demo: scenarios/demo/settings.ini absent, skipped"
fi
if [ -f "$SHARED/osm/north-bayreuth.osm.gz" ]; then
    make_nb "$work/nb" "$SHARED/osm/north-bayreuth.osm.gz"
    row north-bayreuth "$work/nb"
else
    echo "north-bayreuth: $SHARED/osm/north-bayreuth.osm.gz absent, skipped"
fi
