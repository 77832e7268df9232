#!/usr/bin/env bash
# Set up (idempotent) and run the whole suite: lint, types, layer contracts, then
# unit, integration (SQLite and a throwaway PostgreSQL) and offscreen UI tests.
# Arguments are passed to pytest. The tests run on four processes (pytest-xdist, work
# stealing: much of a test's time is spent waiting on PostgreSQL, subprocesses and
# devices); POS_TEST_WORKERS=N changes that, 0 runs them in this process.
# mypy (about 10 s of CPU without its cache, as on a fresh clone) runs beside the tests;
# the script fails when either does, and prints mypy's report after the tests'.
# The tests' own folders (pytest's tmp_path: their SQLite files) live in memory where
# /dev/shm is writable: every SQLite commit is flushed to disk (synchronous=FULL), which
# no test measures and which made a sequential run of SQLite tests 15-30 % longer.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/setup.sh --for-tests
export QT_QPA_PLATFORM=offscreen
export POS_REQUIRE_POSTGRES=1
# Bytecode for the till's own modules, once: the suite starts a `python -m ui.cli` process
# in many tests and a till in most (each start reads the Alembic scripts), which would
# otherwise compile the same sources each time (PYTHONDONTWRITEBYTECODE is often set).
.venv/bin/python -m compileall -q app db hardware ui
echo "== ruff";          .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== import-linter"; .venv/bin/lint-imports --no-cache
mypy_report=$(mktemp)
scratch=""
trap 'rm -f "$mypy_report"; [ -z "$scratch" ] || rm -rf "$scratch"' EXIT
in_memory=()
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
    scratch=$(mktemp -d /dev/shm/pos-tests.XXXXXX)
    in_memory=(--basetemp "$scratch/tmp")
fi
.venv/bin/mypy >"$mypy_report" 2>&1 &
mypy_pid=$!
# The test modules with pytest's assertions rewritten, written to __pycache__ once (beside
# mypy) for a whole run: every test process collects every module, and with
# PYTHONDONTWRITEBYTECODE set each rewrote all of them (about 7 s of CPU apiece).
workers=${POS_TEST_WORKERS:-4}
if [ "$#" = 0 ] && [ "$workers" != 0 ]; then
    env -u PYTHONDONTWRITEBYTECODE .venv/bin/python -m pytest --collect-only -q >/dev/null 2>&1 || true
fi
distribute=()
[ "$workers" != 0 ] && distribute=(--dist worksteal)
echo "== pytest (mypy beside it)"
pytest_status=0
.venv/bin/python -m pytest -n "$workers" "${distribute[@]}" "${in_memory[@]}" "$@" || pytest_status=$?
mypy_status=0
wait "$mypy_pid" || mypy_status=$?
echo "== mypy"
cat "$mypy_report"
[ "$mypy_status" = 0 ] || exit "$mypy_status"
exit "$pytest_status"
