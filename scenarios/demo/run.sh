#!/usr/bin/env bash
# run.sh — `make demo`: plan the built-in demo scenario (a synthetic county, see README.md
# here) into build/demo and print the summary. Extra arguments go to `jincun plan`
# (e.g. --seed 3, --time-limit 10).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f scenarios/demo/settings.ini ]; then
    echo "demo: scenarios/demo/settings.ini is missing (the demo scenario is not in this tree)" >&2
    exit 2
fi
./build/jincun plan scenarios/demo -o build/demo "$@"
echo
echo "demo: outputs in build/demo:"
ls -1 build/demo | sed 's/^/  /'
