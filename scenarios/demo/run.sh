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
# build/demo is make's own output folder. One written by a jincun from before the list of its
# files (.jincun-outputs) would be refused by `jincun plan`, so it is removed first.
if [ -d build/demo ] && [ ! -e build/demo/.jincun-outputs ]; then
    echo "demo: removing build/demo (written by an older jincun)" >&2
    rm -rf build/demo
fi
./build/jincun plan scenarios/demo -o build/demo "$@"
echo
echo "demo: outputs in build/demo:"
ls -1 build/demo | sed 's/^/  /'
