#!/usr/bin/env bash
# Set up (idempotent) and launch the till on the embedded SQLite database (a new one opens
# the set-up wizard; `installer/run.sh demo` makes the demo restaurant there first).
# Arguments are passed to `pos` (try: installer/run.sh --help).
set -euo pipefail
cd "$(dirname "$0")/.."
installer/setup.sh
exec .venv/bin/pos "$@"
