#!/usr/bin/env python3
# build.py — generate the nine Taizhou (台州) county scenarios from the official NBS lists in
# data/ (see SOURCES.md). Python 3 standard library only; deterministic: the same data gives
# byte-identical files. Usage (from anywhere):
#   python3 scenarios/taizhou/build.py          # (re)write scenarios/taizhou/<county>/
#   python3 scenarios/taizhou/build.py --check  # exit 1 if the committed files are stale
# Demand and fleet figures are ASSUMPTIONS (model in README.md), not data.
# SPDX-License-Identifier: MIT
import csv
import io
import math
import os
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

# County code → (folder, seat township code, GeoNames id of the seat point). The seats are the
# county governments' towns as GeoNames marks them (feature PPLA3); 玉环's Zhugang (珠港) is
# today's 玉城街道 and 天台's "Tiantai Chengguanzhen" lies in 赤城街道. ASSUMED depot sites.
COUNTIES = {
    "331002": ("jiaojiang", "331002001", "11778432"),  # 椒江区, 海门街道
    "331003": ("huangyan", "331003001", "8400688"),  # 黄岩区, 东城街道
    "331004": ("luqiao", "331004003", "8400691"),  # 路桥区, 路北街道
    "331022": ("sanmen", "331022001", "1809010"),  # 三门县, 海游街道
    "331023": ("tiantai", "331023001", "1792889"),  # 天台县, 赤城街道
    "331024": ("xianju", "331024003", "8398287"),  # 仙居县, 福应街道
    "331081": ("wenling", "331081001", "8401156"),  # 温岭市, 太平街道
    "331082": ("linhai", "331082001", "8400700"),  # 临海市, 古城街道
    "331083": ("yuhuan", "331083001", "8401397"),  # 玉环市, 玉城街道
}

# Courier companies and ASSUMED shares of parcels (rounded national volume shares 2023).
CARRIERS = [
    ("zto", 0.23),
    ("yto", 0.17),
    ("yunda", 0.16),
    ("jt", 0.15),
    ("sto", 0.12),
    ("sf", 0.09),
    ("ems", 0.05),
    ("jd", 0.03),
]

DAYS = 6  # mon-sat
WEEK_START = "2026-11-30"  # the Monday of the planned week: GPX and sheets carry dates and times
FREQ_VILLAGE = 3
FREQ_TOWNSHIP = 5
CAP_DIESEL, CAP_ELECTRIC = 300, 240  # parcels per route (assumed light vans)
STOPS_PER_ROUTE = 18  # assumed stop visits one van makes in a rural shift


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_geonames():
    pts = {}
    with open(os.path.join(DATA, "geonames_cities500_taizhou_bbox.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            pts[row["geonameid"]] = (row["longitude"], row["latitude"], row["name"])
    return pts


def unit(code, salt):
    """Deterministic pseudo-random number in [0, 1) from a code (CRC-32, stable everywhere)."""
    return zlib.crc32(f"{salt}:{code}".encode()) / 2**32


def weekly_parcels(code, kind):
    # ASSUMPTION: a rural village receives 60..180 parcels a week, a township seat 300..600.
    u = unit(code, "volume")
    return round(60 + 120 * u) if kind == "village" else round(300 + 300 * u)


def split_by_carrier(total):
    """Largest-remainder split of total parcels by the assumed market shares."""
    raw = [total * s for _, s in CARRIERS]
    out = [math.floor(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def is_rural_village(name):
    return name.endswith("村委会") or name.endswith("村")


def fmt(x):
    return f"{float(x):.5f}"


def county_files(county, towns, villages, seats, geonames):
    code, name = county["code"], county["name"]
    folder, seat_town, seat_gid = COUNTIES[code]
    lon, lat, gname = geonames[seat_gid]
    stops = []
    stops.append(
        {
            "id": f"D{code}",
            "code": "",
            "name": f"{name}快递共配中心(假定)",
            "kind": "depot",
            "township": next(t["name"] for t in towns if t["code"] == seat_town),
            "lon": fmt(lon),
            "lat": fmt(lat),
            "geocode": f"assumed: county seat, GeoNames {seat_gid} {gname}",
        }
    )
    weekly_total = 0
    visits = 0
    for t in towns:
        s = seats.get(t["code"])
        tlon = tlat = geo = ""
        if s and s["match_method"] in ("exact_name", "base_name"):
            tlon, tlat = fmt(s["longitude"]), fmt(s["latitude"])
            geo = f"GeoNames {s['geonameid']} {s['geonames_name']} ({s['match_method']})"
        elif t["code"] == seat_town:
            tlon, tlat, geo = fmt(lon), fmt(lat), f"GeoNames {seat_gid} {gname} (county seat)"
        w = weekly_parcels(t["code"], "township")
        weekly_total += w
        visits += FREQ_TOWNSHIP
        stops.append(
            {
                "id": t["code"] + "000",
                "code": t["code"] + "000",
                "name": t["name"],
                "kind": "township",
                "township": t["name"],
                "lon": tlon,
                "lat": tlat,
                "geocode": geo,
                "_per_visit": split_by_carrier(math.ceil(w / FREQ_TOWNSHIP)),
            }
        )
    town_name = {t["code"]: t["name"] for t in towns}
    for v in villages:
        w = weekly_parcels(v["code"], "village")
        weekly_total += w
        visits += FREQ_VILLAGE
        stops.append(
            {
                "id": v["code"],
                "code": v["code"],
                "name": v["name"],
                "kind": "village",
                "township": town_name[v["streetCode"]],
                "lon": "",
                "lat": "",
                "geocode": "",
                "_per_visit": split_by_carrier(math.ceil(w / FREQ_VILLAGE)),
            }
        )

    # ASSUMED fleet: enough routes per working day for both the parcels and the stop visits,
    # plus 20 % slack; every third van electric.
    routes_parcels = weekly_total / DAYS / ((2 * CAP_DIESEL + CAP_ELECTRIC) / 3)
    routes_visits = visits / DAYS / STOPS_PER_ROUTE
    n_vans = math.ceil(1.2 * max(routes_parcels, routes_visits))

    out = {}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    cols = ["id", "code", "name", "kind", "township", "lon", "lat", "geocode"]
    w.writerow(cols + [c for c, _ in CARRIERS])
    for s in stops:
        per = s.get("_per_visit", [""] * len(CARRIERS))
        w.writerow([s[c] for c in cols] + per)
    out["stops.csv"] = "\ufeff" + buf.getvalue()

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["id", "depot", "capacity", "shift_h", "range_km", "electric", "days", "driver"])
    for i in range(n_vans):
        ev = i % 3 == 2
        w.writerow(
            [
                f"{'ev' if ev else 'van'}{i + 1:02d}",
                f"D{code}",
                CAP_ELECTRIC if ev else CAP_DIESEL,
                9,
                200 if ev else "",
                "yes" if ev else "no",
                "mon-sat",
                "",
            ]
        )
    out["vehicles.csv"] = "\ufeff" + buf.getvalue()

    out["settings.ini"] = f"""; {name} ({folder}) — generated by scenarios/taizhou/build.py; do not edit by hand.
; Stops: official NBS 2023 lists. Demand and fleet are ASSUMPTIONS (see ../README.md).
[scenario]
name = 台州市{name} 快递进村 (假定需求 assumed demand)
map = ../taizhou.osm.pbf
map_hint = osmium extract -b 120.2,28.0,122.0,29.4 china-latest.osm.pbf -o scenarios/taizhou/taizhou.osm.pbf
carriers = {",".join(c for c, _ in CARRIERS)}
days = mon-sat
week_start = {WEEK_START}
timezone = Asia/Shanghai
utc_offset = +08:00

[frequency]
village = {FREQ_VILLAGE}
township = {FREQ_TOWNSHIP}

[service]
per_stop_min = 5
per_parcel_s = 6
shift_start = 08:00

[costs]
currency = CNY
per_km_diesel = 0.9
per_km_electric = 0.3
per_hour = 35
fixed_per_day = 120

[solver]
time_limit_s = 300
seed = 1
snap_radius_m = 1500
"""
    stats = {
        "folder": folder,
        "name": name,
        "townships": len(towns),
        "villages": len(villages),
        "weekly_parcels": weekly_total,
        "vans": n_vans,
        "electric": sum(1 for i in range(n_vans) if i % 3 == 2),
        "town_points": sum(1 for s in stops if s["kind"] == "township" and s["lon"]),
    }
    return folder, out, stats


def build():
    counties = read_csv("counties_nbs2023.csv")
    towns = read_csv("townships_nbs2023.csv")
    villages = read_csv("villages_nbs2023.csv")
    seats = {r["street_code"]: r for r in read_csv("township_seats_geonames.csv")}
    geonames = read_geonames()
    files, stats = {}, []
    for c in sorted(counties, key=lambda c: c["code"]):
        ct = sorted((t for t in towns if t["areaCode"] == c["code"]), key=lambda t: t["code"])
        cv = sorted(
            (v for v in villages if v["areaCode"] == c["code"] and is_rural_village(v["name"])),
            key=lambda v: v["code"],
        )
        folder, out, st = county_files(c, ct, cv, seats, geonames)
        for k, v in out.items():
            files[os.path.join(folder, k)] = v
        stats.append(st)
    lines = ["| county | folder | townships (with point) | rural villages | assumed parcels/week | vans (electric) |",
             "|---|---|---|---|---|---|"]
    for s in stats:
        lines.append(
            f"| {s['name']} | `{s['folder']}/` | {s['townships']} ({s['town_points']}) | "
            f"{s['villages']} | {s['weekly_parcels']} | {s['vans']} ({s['electric']}) |"
        )
    files["counties.md"] = "\n".join(lines) + "\n"
    return files


def main():
    check = "--check" in sys.argv[1:]
    files = build()
    stale = []
    for rel, text in sorted(files.items()):
        path = os.path.join(HERE, rel)
        data = text.encode("utf-8")
        try:
            with open(path, "rb") as f:
                same = f.read() == data
        except FileNotFoundError:
            same = False
        if same:
            continue
        if check:
            stale.append(rel)
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        print(f"wrote {os.path.relpath(path)}")
    if stale:
        print("stale (run scenarios/taizhou/build.py): " + ", ".join(stale), file=sys.stderr)
        return 1
    if check:
        print(f"build.py --check: {len(files)} files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
