#!/usr/bin/env bash
# run.sh — end-to-end cases: each folder tests/cases/NAME/ runs the jincun binary once on its
# own files and checks the exit status, stderr, stdout and output files (format in README.md
# here). `make test` and `make asan` run every case.
#
#   tests/cases/run.sh [--update] [NAME...]
#     JINCUN=path/to/jincun   binary under test (default build/jincun of this tree)
#     CASE_TIMEOUT=S          seconds a case may take (default 300)
#     --update                copy the run's files over the ones already in expected/
#                             (after a deliberate change; review the diff before committing)
# Prints one line per case and a total; exits 1 when a case fails, 2 on a usage error.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jincun=${JINCUN:-$root/build/jincun}
case_timeout=${CASE_TIMEOUT:-300}
update=0
names=()
for a in "$@"; do
    case "$a" in
    --update) update=1 ;;
    -h | --help)
        sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    -*)
        echo "run.sh: unknown option '$a'" >&2
        exit 2
        ;;
    *) names+=("${a%/}") ;;
    esac
done
case "$jincun" in /*) ;; *) jincun=$PWD/$jincun ;; esac
if [ ! -x "$jincun" ]; then
    echo "run.sh: no jincun binary at $jincun (run make first, or set JINCUN)" >&2
    exit 2
fi
if [ ${#names[@]} -eq 0 ]; then
    for d in "$here"/*/; do
        [ -f "$d/cmd" ] && names+=("$(basename "$d")")
    done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/jincun-cases.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
export JINCUN=$jincun JINCUN_ROOT=$root

# substitute FILE: prints FILE with every @ROOT@ replaced by the repository root.
substitute() {
    local s
    s=$(<"$1")
    printf '%s\n' "${s//@ROOT@/$root}"
}

# lines_in WANT GOT LABEL: every non-empty line of WANT must be a substring of GOT; prints
# the missing ones.
lines_in() {
    local line missing=0
    while IFS= read -r line || [ -n "$line" ]; do
        line=${line%$'\r'}
        [ -z "$line" ] && continue
        if ! grep -qF -- "$line" "$2"; then
            echo "    $3 lacks: $line"
            missing=1
        fi
    done <"$1"
    return $missing
}

# show FILE LABEL: the first 40 lines of FILE, indented, for a failure report.
show() {
    if [ -s "$1" ]; then
        echo "    --- $2:"
        head -n 40 "$1" | sed 's/^/    | /'
    else
        echo "    --- $2: (empty)"
    fi
}

# run_case NAME: runs one case; prints its failure reasons and returns 1 when it fails.
run_case() {
    local name=$1 src=$here/$1 tmp=$work/$1 fail=0 status want f rel
    if [ ! -f "$src/cmd" ] || [ ! -f "$src/exit" ]; then
        echo "    no such case, or it lacks cmd or exit: $src"
        return 1
    fi
    mkdir -p "$tmp/run"
    (cd "$src" && tar --exclude=./expected -cf - .) | (cd "$tmp/run" && tar -xf -)
    if [ -f "$src/setup" ]; then
        if ! (cd "$tmp/run" && CASE_DIR=$src bash <(substitute "$src/setup")) >"$tmp/setup.log" 2>&1; then
            echo "    setup failed"
            show "$tmp/setup.log" "setup output"
            return 1
        fi
    fi
    # cmd holds shell words; bash parses them (quotes work), stdin is empty.
    (cd "$tmp/run" && timeout -k 10 "$case_timeout" \
        bash -c "exec \"\$JINCUN\" $(substitute "$src/cmd")" </dev/null \
        >"$tmp/stdout" 2>"$tmp/stderr")
    status=$?
    want=$(tr -d ' \t\r\n' <"$src/exit")
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        echo "    timed out after ${case_timeout} s"
        fail=1
    elif [ "$status" != "$want" ]; then
        echo "    exit status $status, expected $want"
        fail=1
    fi
    if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$tmp/stderr"; then
        echo "    sanitizer report on stderr"
        fail=1
    fi
    if [ -f "$src/stderr" ]; then
        lines_in "$src/stderr" "$tmp/stderr" stderr || fail=1
    elif grep -qi 'error' "$tmp/stderr"; then
        echo "    stderr mentions an error, and the case has no stderr file"
        fail=1
    fi
    if [ -f "$src/stdout" ]; then
        lines_in "$src/stdout" "$tmp/stdout" stdout || fail=1
    fi
    # after runs before the comparison, so it may derive files for expected/ to compare.
    if [ -f "$src/after" ]; then
        if ! (cd "$tmp/run" && CASE_DIR=$src CASE_STDOUT=$tmp/stdout CASE_STDERR=$tmp/stderr \
            bash <(substitute "$src/after")) >"$tmp/after.log" 2>&1; then
            echo "    after failed"
            show "$tmp/after.log" "after output"
            fail=1
        fi
    fi
    if [ -d "$src/expected" ]; then
        while IFS= read -r -d '' f; do
            rel=${f#"$src/expected/"}
            if [ ! -f "$tmp/run/$rel" ]; then
                echo "    missing output: $rel"
                fail=1
            elif [ "$update" -eq 1 ]; then
                cmp -s "$f" "$tmp/run/$rel" || { cp "$tmp/run/$rel" "$f" && echo "    updated: $rel"; }
            elif ! cmp -s "$f" "$tmp/run/$rel"; then
                echo "    differs: $rel"
                diff -u --label "expected/$rel" --label "$rel" "$f" "$tmp/run/$rel" |
                    head -n 40 | sed 's/^/    | /'
                fail=1
            fi
        done < <(find "$src/expected" -type f -print0 | sort -z)
    fi
    if [ "$fail" -ne 0 ]; then
        [ -f "$src/README" ] && echo "    case: $(head -n 1 "$src/README")"
        echo "    cmd: jincun $(substitute "$src/cmd")"
        show "$tmp/stderr" stderr
    fi
    return $fail
}

ok=0
failed=()
for name in "${names[@]}"; do
    if report=$(run_case "$name"); then
        echo "ok   $name"
        [ -n "$report" ] && printf '%s\n' "$report"
        ok=$((ok + 1))
    else
        echo "FAIL $name"
        printf '%s\n' "$report"
        failed+=("$name")
    fi
    rm -rf "${work:?}/$name"
done
echo "cases: ${ok} ok, ${#failed[@]} failed (of ${#names[@]}, $(basename "$jincun") = $jincun)"
if [ ${#failed[@]} -ne 0 ]; then
    echo "failed: ${failed[*]}"
    exit 1
fi
exit 0
