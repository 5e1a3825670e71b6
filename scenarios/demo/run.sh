#!/usr/bin/env bash
# run.sh — `make demo`: plan the built-in demo scenario. Until the planner lands this runs the
# most complete path that exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
./build/jincun --version
echo "demo: the planner (jincun plan) is not built yet; see README 'Status'."
