#!/usr/bin/env bash
# unchanged.sh — for a case's `after`: the run folder holds exactly the case's own files,
# byte for byte (the command wrote, changed and removed nothing there, and left no temporary
# file). Run from the run folder; CASE_DIR is the case folder (set by run.sh).
set -euo pipefail
: "${CASE_DIR:?unchanged.sh runs from the after script of a case}"
if ! diff -r --no-dereference --exclude=expected "$CASE_DIR" . >&2; then
    echo "unchanged.sh: the run folder differs from the case folder (see above)" >&2
    exit 1
fi
