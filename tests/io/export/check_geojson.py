#!/usr/bin/env python3
# check_geojson.py — checks a jincun plan.geojson with a real JSON parser (RFC 7946 shape).
# usage: check_geojson.py FILE N_ROUTES N_STOPS POINTS_PER_ROUTE(comma list)
# Prints "ok routes=R stops=S" or the first problem, exit status 1. SPDX-License-Identifier: MIT
import json
import re
import sys


def fail(msg):
    print("check_geojson: " + msg)
    sys.exit(1)


def check_position(pos, where):
    if not isinstance(pos, list) or len(pos) != 2:
        fail(f"{where}: position {pos!r} is not [lon, lat]")
    lon, lat = pos
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos):
        fail(f"{where}: non-numeric position {pos!r}")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        fail(f"{where}: position {pos!r} out of WGS84 range (lon, lat order?)")


def main():
    path, n_routes, n_stops = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    points = [int(x) for x in sys.argv[4].split(",")] if len(sys.argv) > 4 and sys.argv[4] else []
    raw = open(path, encoding="utf-8").read()
    doc = json.loads(raw)  # strict: rejects NaN only via parse_constant below
    json.loads(raw, parse_constant=lambda c: fail(f"non-JSON constant {c}"))
    # RFC 7946 §11.2: no more than 6 decimal places.
    for m in re.finditer(r"-?\d+\.(\d+)", re.sub(r'"(?:[^"\\]|\\.)*"', '""', raw)):
        if len(m.group(1)) > 6:
            fail(f"number {m.group(0)} has more than 6 decimals")
    if doc.get("type") != "FeatureCollection":
        fail("not a FeatureCollection")
    feats = doc.get("features")
    if not isinstance(feats, list):
        fail("features is not a list")
    routes = [f for f in feats if f.get("properties", {}).get("feature") == "route"]
    stops = [f for f in feats if f.get("properties", {}).get("feature") == "stop"]
    if len(routes) + len(stops) != len(feats):
        fail("a feature is neither route nor stop")
    for i, f in enumerate(feats):
        if f.get("type") != "Feature" or "geometry" not in f or "properties" not in f:
            fail(f"feature {i} lacks type/geometry/properties")
    for i, f in enumerate(routes):
        g, p = f["geometry"], f["properties"]
        if g.get("type") != "LineString":
            fail(f"route {i}: geometry {g.get('type')}")
        coords = g["coordinates"]
        if len(coords) < 2:
            fail(f"route {i}: fewer than 2 positions")
        for c in coords:
            check_position(c, f"route {i}")
        for key in ("day", "vehicle", "km", "minutes", "parcels"):
            if key not in p:
                fail(f"route {i}: property {key} missing")
        if i < len(points) and len(coords) != points[i]:
            fail(f"route {i}: {len(coords)} positions, expected {points[i]}")
    for i, f in enumerate(stops):
        g, p = f["geometry"], f["properties"]
        if g.get("type") != "Point":
            fail(f"stop {i}: geometry {g.get('type')}")
        check_position(g["coordinates"], f"stop {i}")
        for key in ("name", "kind", "days"):
            if key not in p:
                fail(f"stop {i}: property {key} missing")
        if not isinstance(p["days"], list):
            fail(f"stop {i}: days is not a list")
    if len(routes) != n_routes or len(stops) != n_stops:
        fail(f"{len(routes)} routes and {len(stops)} stops, expected {n_routes} and {n_stops}")
    names = ";".join(f["properties"]["name"] for f in stops)
    print(f"ok routes={len(routes)} stops={len(stops)} names={names}")


main()
