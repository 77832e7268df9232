#!/usr/bin/env bash
# Set up (idempotent) and run the whole suite: lint, types, layer contracts, then
# unit, integration (SQLite and a throwaway PostgreSQL) and offscreen UI tests.
# Arguments are passed to pytest. POS_TEST_WORKERS=3 runs the tests on three processes
# (pytest-xdist: much of a test's time is spent waiting on PostgreSQL, subprocesses and
# devices); the default stays one process until a worker's crash in DailyJobs.settle
# (tests/ui/test_offers_at_till.py, seen only in parallel full runs) is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
installer/setup.sh --for-tests
export QT_QPA_PLATFORM=offscreen
export POS_REQUIRE_POSTGRES=1
echo "== ruff";          .venv/bin/ruff check .
echo "== mypy";          .venv/bin/mypy
echo "== import-linter"; .venv/bin/lint-imports --no-cache
echo "== pytest";        .venv/bin/python -m pytest -n "${POS_TEST_WORKERS:-3}" "$@"
