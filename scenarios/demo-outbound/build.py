#!/usr/bin/env python3
"""build.py — the demo county with outbound parcels (揽收, farm produce): writes
scenarios/demo-outbound (a normal week) and scenarios/demo-produce (a produce-season week)
from scenarios/demo. Both use the demo's map, fleet and settings; only stops.csv differs.

- demo-outbound: every stop sends out 30 % of what it receives per visit, round(0.3 x its
  parcels), split among the companies like its inbound parcels (largest remainder).
- demo-produce: the same, and the 30 villages of 岭头乡, 桐岭乡 and 白鹤乡 send out ten times as
  much that week (their orchards are picking).
Nothing here is data: the demand of the demo is ASSUMED, and so are these outbound volumes.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CARRIERS = ["ems", "sf", "zto", "yto", "jd"]
PRODUCE_TOWNSHIPS = {"岭头乡", "桐岭乡", "白鹤乡"}


def split_out(counts, factor):
    """round(0.3 * factor * total), halves up, split in proportion to counts."""
    total = sum(counts)
    want = (total * 3 * factor * 2 + 10) // 20
    if total == 0:
        return [0] * len(counts)
    base = [want * n // total for n in counts]
    rest = sorted(range(len(counts)), key=lambda k: (-(want * counts[k] % total), k))
    for k in rest[: want - sum(base)]:
        base[k] += 1
    return base


def write(folder, produce):
    src = os.path.join(ROOT, "demo")
    with open(os.path.join(src, "stops.csv"), encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    head = list(rows[0].keys()) + [c + "_out" for c in CARRIERS]
    dst = os.path.join(ROOT, folder)
    with open(os.path.join(dst, "stops.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, head, lineterminator="\n")
        w.writeheader()
        for r in rows:
            factor = 10 if produce and r["kind"] == "village" and r["township"] in PRODUCE_TOWNSHIPS else 1
            if r["kind"] == "depot":
                outs = [""] * len(CARRIERS)
            else:
                outs = [str(n) for n in split_out([int(r[c]) for c in CARRIERS], factor)]
            for c, o in zip(CARRIERS, outs):
                r[c + "_out"] = o
            w.writerow(r)
    with open(os.path.join(src, "settings.ini"), encoding="utf-8") as f:
        settings = f.read()
    name = "produce-season week 农产品旺季" if produce else "outbound 30% 揽收"
    settings = settings.replace("name = 云岚县 demo (synthetic county, assumed demand)",
                                "name = 云岚县 demo, %s (synthetic county, assumed demand)" % name)
    settings = settings.replace("map = county.osm.gz", "map = ../demo/county.osm.gz")
    settings = "; written by scenarios/demo-outbound/build.py from scenarios/demo\n" + settings
    with open(os.path.join(dst, "settings.ini"), "w", encoding="utf-8") as f:
        f.write(settings)
    with open(os.path.join(src, "vehicles.csv"), encoding="utf-8") as f:
        vehicles = f.read()
    with open(os.path.join(dst, "vehicles.csv"), "w", encoding="utf-8") as f:
        f.write(vehicles)


write("demo-outbound", False)
write("demo-produce", True)
