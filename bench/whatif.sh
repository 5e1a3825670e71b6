#!/usr/bin/env bash
# whatif.sh — `make bench-whatif`: the what-ifs a county officer tries, each planned and
# compared (`jincun compare`) with the demo county as it is (the base). The base is planned
# with --seeds SEEDS (default 5), so its plan records the seed-to-seed spread of its cost;
# each what-if is planned the same way, and the table says whether its cost difference is
# larger than that spread ("REAL") or not ("noise"). The what-ifs: one van more (van05), one van
# less (van04), a second depot at 岭头乡 (T01) for van03 and ev02, Mon-Fri instead of Mon-Sat,
# one company (jd) leaving the shared scheme, and one village more (V113 新村, near V050),
# which also counts how many of the existing stops a fresh plan moves (days, van or arrival).
# Scenarios and plans go to build/whatif (OUT=DIR elsewhere); JINCUN_BIN=other/jincun measures
# another build; BASE=DIR takes the base from a plan folder made before (e.g. by `jincun plan
# scenarios/demo -o DIR --seeds 5`) instead of planning it; SEEDS=N, EXTRA='--iterations N' change the runs. Default settings of the demo otherwise (3,000,000 iterations per seed).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${JINCUN_BIN:-$PWD/build/jincun}
SEEDS=${SEEDS:-5}
OUT=${OUT:-build/whatif}
EXTRA=${EXTRA:-} # more plan options, e.g. EXTRA='--iterations 20000' for a quick trial
DEMO=scenarios/demo
mkdir -p "$OUT/scenarios"

# variant NAME: a copy of the demo scenario in $OUT/scenarios/NAME (the map linked, not copied)
variant() {
    local d=$OUT/scenarios/$1
    rm -rf "$d"
    mkdir -p "$d"
    cp "$DEMO/settings.ini" "$DEMO/stops.csv" "$DEMO/vehicles.csv" "$d/"
    ln -s "$PWD/$DEMO/county.osm.gz" "$d/county.osm.gz"
    echo "$d"
}

d=$(variant add_van)
echo "van05,D0,250,9,,no,mon-sat,赵师傅" >> "$d/vehicles.csv"

d=$(variant remove_van)
sed -i '/^van04,/d' "$d/vehicles.csv"

d=$(variant second_depot)
sed -i '2a D1,云岚县西部共配点,depot,岭头乡,121.1161559,28.6972871,,,,,' "$d/stops.csv"
sed -i 's/^van03,D0,/van03,D1,/; s/^ev02,D0,/ev02,D1,/' "$d/vehicles.csv"

d=$(variant mon_fri)
sed -i 's/^days = mon-sat/days = mon-fri/' "$d/settings.ini"
sed -i 's/,mon-sat,/,mon-fri,/' "$d/vehicles.csv"

d=$(variant company_leaves)
sed -i 's/^carriers = ems,sf,zto,yto,jd/carriers = ems,sf,zto,yto/' "$d/settings.ini"
cut -d, -f1-10 "$DEMO/stops.csv" > "$d/stops.csv"

d=$(variant one_village)
echo "V113,新村,village,上垟乡,121.2309516,28.8116870,3,2,6,4,2" >> "$d/stops.csv"

plan() { # NAME SCENARIO
    local t0=$SECONDS
    "$BIN" plan "$2" -o "$OUT/$1" --seeds "$SEEDS" $EXTRA --quiet > "$OUT/$1.summary" 2> "$OUT/$1.log" ||
        { echo "whatif: planning $1 failed (exit $?), see $OUT/$1.log" >&2; exit 1; }
    echo "planned $1 in $((SECONDS - t0)) s (seeds: $(grep -a '^seeds ' "$OUT/$1/summary.txt" | sed 's/^seeds 随机种子: //'))" >&2
}

if [ -n "${BASE:-}" ]; then # a base planned before (with --seeds) instead of planning it here
    grep -q '"spread"' "$BASE/plan.json" || echo "whatif: $BASE has no seed spread" >&2
    rm -rf "$OUT/base"
    cp -r "$BASE" "$OUT/base"
else
    plan base "$DEMO"
fi
names="add_van remove_van second_depot mon_fri company_leaves one_village"
for n in $names; do
    plan "$n" "$OUT/scenarios/$n"
done

printf '\n%-16s %10s %10s %16s  %-14s %s\n' what-if "base CNY" "CNY" "difference" "verdict" \
    "stops changed (of the base's)"
for n in $names; do
    "$BIN" compare "$OUT/base" "$OUT/$n" -o "$OUT/compare-$n" > "$OUT/compare-$n.txt" 2> /dev/null
    awk -v name="$n" '
        /^  cost 成本/ { a = $3; b = $4; d = $5 " " $6 }
        /^  cost difference/ { v = ($0 ~ /REAL/) ? "REAL" : ($0 ~ /within noise/) ? "noise" : "unknown" }
        /^STOPS 站点:/ { s = $3 " changed, " $6 " added, " $9 " removed" }
        END { printf "%-16s %10s %10s %16s  %-14s %s\n", name, a, b, d, v, s }
    ' "$OUT/compare-$n.txt"
done
echo
grep -a '^  seed spread' "$OUT/compare-add_van.txt" | sed 's/^  //'
echo "reports: $OUT/compare-NAME.txt and $OUT/compare-NAME/compare.html"
