#!/usr/bin/env bash
# plan.sh — `make bench-plan`: wall time per phase (scenario, map, snap, matrix, solve, check,
# geometry in milliseconds, write) and peak memory of `jincun plan` on the demo scenario, on a scenario built
# from the villages and hamlets of ../shared/osm/north-bayreuth.osm.gz, and on a 600-stop
# scenario on the same map (its places plus stops scattered around them).
# TIME=S sets the solver time limit (default 20 s); ITER=N uses an iteration limit instead.
# GEOM_CALLGRIND=1 then also counts, with valgrind's callgrind, the instructions of the
# geometry phase's road work: every call of roads_leg_geometry (the road polyline of one leg),
# in a run with --no-lp and ITER=100 unless ITER is set, so that two builds plan the same week.
# Instruction counts do not move with the load of the machine. JINCUN_BIN=other/jincun
# measures another build (also one from before a change, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SHARED=${JINCUN_SHARED:-$PWD/../shared}
TIME=${TIME:-20}
GEOM_CALLGRIND=${GEOM_CALLGRIND:-0}
ITER=${ITER:-0}
[ "$GEOM_CALLGRIND" != 0 ] && [ "$ITER" = 0 ] && ITER=100
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# north-bayreuth scenario: the place node nearest the centre of all villages/hamlets is the
# depot, every 6th village a township, 3 carriers with fixed demand, 4 vans (like
# tests/io/plan/test_plan_e2e.c). With a third argument N > 0: N stops, the places and then
# stops at random (seeded) up to 500 m around them, and one 150-parcel van per 25 stops.
make_nb() {
    local dir=$1 osm=$2 n=${3:-0}
    mkdir -p "$dir"
    python3 - "$dir" "$osm" "$n" <<'PY'
import gzip, random, sys, xml.etree.ElementTree as ET
d, osm, n_want = sys.argv[1], sys.argv[2], int(sys.argv[3])
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
    rnd = random.Random(1)
    for k in range(len(places), n_want):
        name, kind, lon, lat = places[rnd.randrange(len(places))]
        lon += rnd.uniform(-0.007, 0.007)  # about 500 m at 50 N
        lat += rnd.uniform(-0.0045, 0.0045)
        f.write(f"s{k},,{q(name + ' ' + str(k))},village,,{lon:.7f},{lat:.7f},"
                f"{1 + k % 3},{2 + k % 4},{k % 2}\n")
with open(f"{d}/settings.ini", "w") as f:
    f.write(f"[scenario]\nname = north-bayreuth bench\nmap = {osm}\ncarriers = ems,zto,sf\n"
            "days = mon-sat\nweek_start = 2026-11-30\n\n[service]\nper_stop_min = 4\n"
            "per_parcel_s = 10\nshift_start = 08:00\n")
with open(f"{d}/vehicles.csv", "w") as f:
    f.write("id,depot,capacity,shift_h,range_km,electric,days,driver\n")
    if n_want > 0:
        for v in range((n_want + 24) // 25):
            f.write(f"van{v + 1:02d},d1,150,8,,no,mon-sat,\n")
    else:
        f.write("van01,d1,150,8,,no,mon-sat,Anna\nvan02,d1,150,8,,no,mon-sat,Bernd\n"
                "ev01,d1,100,8,160,yes,mon-sat,Chen\nev02,d1,100,7.5,160,yes,mon-fri,\n")
PY
}

limit=(--time-limit "$TIME")
[ "$ITER" != 0 ] && limit=(--iterations "$ITER" --time-limit 0)
echo "jincun plan: seconds per phase and peak memory (${limit[*]}, seed 1, $(nproc) cores shared)"
printf '%-16s %6s %6s %6s %6s %6s %7s %6s %7s %6s %7s %8s %s\n' scenario stops scen map snap \
    matrix solve check geom_ms write total peakMiB served
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
    t() { awk -v k="$1" -v f="${2:-1}" -v d="${3:-3}" \
        '$1 == "timing" && $2 == k { printf "%.*f", d, $3 * f }' "$work/$name.err"; }
    local rss stops served
    rss=$(awk '$1 == "peak_rss_kib" { printf "%.1f", $2 / 1024 }' "$work/$name.err")
    stops=$(($(wc -l <"$scen/stops.csv") - 1))
    served=$(grep -m1 'stops planned' "$work/$name.out" | sed 's/.*: *//')
    printf '%-16s %6s %6s %6s %6s %6s %7s %6s %7s %6s %7s %8s %s\n' "$name" "$stops" \
        "$(t scenario)" "$(t map)" "$(t snap)" "$(t matrix)" "$(t solve)" "$(t check)" \
        "$(t geometry 1000 2)" "$(t write)" "$(t total)" "$rss" "$served"
}
# Instructions of the legs' road geometry: callgrind collects only inside roads_leg_geometry.
geom_ir() {
    local name=$1 scen=$2 status=0
    valgrind --tool=callgrind --toggle-collect=roads_leg_geometry \
        --callgrind-out-file="$work/$name.cg" "$BIN" plan "$scen" -o "$work/cg-$name" --seed 1 \
        --iterations "$ITER" --time-limit 0 --no-lp --quiet >/dev/null 2>"$work/$name.cg.err" ||
        status=$?
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        echo "$name: jincun plan under callgrind failed:"; cat "$work/$name.cg.err"; return 1
    fi
    local ir legs
    ir=$(awk '/^summary:/ { print $2 }' "$work/$name.cg")
    legs=$(python3 -c 'import json,sys; p=json.load(open(sys.argv[1]))
print(sum(len(r["visits"]) + 1 for r in p["routes"]))' "$work/cg-$name/plan.json")
    printf '%-16s %14s %8s %10s\n' "$name" "$ir" "$legs" "$((ir / legs))"
}
scenarios=()
if [ -f scenarios/demo/settings.ini ]; then
    scenarios+=("demo scenarios/demo")
else
    echo "demo: scenarios/demo/settings.ini absent, skipped"
fi
if [ -f "$SHARED/osm/north-bayreuth.osm.gz" ]; then
    make_nb "$work/nb" "$SHARED/osm/north-bayreuth.osm.gz"
    make_nb "$work/nb600" "$SHARED/osm/north-bayreuth.osm.gz" 600
    scenarios+=("north-bayreuth $work/nb" "nb-600 $work/nb600")
else
    echo "north-bayreuth: $SHARED/osm/north-bayreuth.osm.gz absent, skipped"
fi
for s in "${scenarios[@]}"; do
    row $s
done
if [ "$GEOM_CALLGRIND" != 0 ]; then
    echo
    echo "legs' road geometry under callgrind (--iterations $ITER --time-limit 0 --no-lp, seed 1):"
    echo "instructions in roads_leg_geometry, all legs of the plan"
    printf '%-16s %14s %8s %10s\n' scenario instructions legs per_leg
    for s in "${scenarios[@]}"; do
        geom_ir $s
    done
fi
