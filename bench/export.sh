#!/usr/bin/env bash
# export.sh — times export_plan on a synthetic week (20 vans × 6 days × 25 stops) over the
# road background of ../shared/osm/north-bayreuth.osm.gz and prints file sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
osm=${JINCUN_SHARED:-../shared}/osm/north-bayreuth.osm.gz
[ -f "$osm" ] || { echo "export: $osm absent, skipped"; exit 0; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
build/bench/export "$osm" "$out" 20 6 25
