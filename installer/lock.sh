#!/usr/bin/env bash
# Refresh the lock files from pyproject.toml: exact versions with hashes, for every platform
# (Linux and Windows), that installer/setup.sh, the suite and the bundle build install.
#   installer/lock.sh             # after changing dependencies: keeps every other pin
#   installer/lock.sh --upgrade   # take the newest releases pyproject allows
# Needs network access to PyPI; uv is installed into build/lock-tools on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
tools=build/lock-tools
if [ ! -x "$tools/bin/uv" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install -q "uv==0.13.9"
fi
for lock in run dev bundle; do
  case "$lock" in
    run) extras=() ;;
    dev) extras=(--extra dev) ;;
    bundle) extras=(--extra bundle) ;;
  esac
  "$tools/bin/uv" pip compile pyproject.toml installer/lock/build.in "${extras[@]}" \
    --generate-hashes --universal --python-version 3.11 --quiet \
    --custom-compile-command "installer/lock.sh" "$@" -o "installer/lock/$lock.txt"
done
echo "lock files written: installer/lock/{run,dev,bundle}.txt"
