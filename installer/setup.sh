#!/usr/bin/env bash
# Idempotent set-up: system packages Qt needs, a CJK font, and the project's virtualenv.
# Usage: installer/setup.sh [--for-tests]   (adds PostgreSQL and poppler for the test suite)
# Re-running does nothing that is already done (no re-download when nothing changed).
set -euo pipefail
cd "$(dirname "$0")/.."

for_tests=0
[ "${1:-}" = "--for-tests" ] && for_tests=1

# Qt offscreen/xcb runtime libraries and a CJK font (Chinese shows as boxes without one).
debs=(libgl1 libegl1 libfontconfig1 libxkbcommon0 libglib2.0-0 libdbus-1-3
      libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0
      libusb-1.0-0 fonts-wqy-microhei)
[ "$for_tests" = 1 ] && debs+=(postgresql poppler-utils poppler-data)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
fi
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo_cmd=(); elif command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo -n); else sudo_cmd=(none); fi
  if [ "${sudo_cmd[*]-}" = none ]; then
    echo "setup: please install these Debian packages (needs root): ${missing[*]}" >&2
  else
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo_cmd[@]}" apt-get update -qq
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$python" -m venv .venv
fi

# Exact versions with hashes (installer/lock/*.txt, refreshed by installer/lock.sh), then
# the project itself: the suite runs on the same set every time and on every machine.
lock=installer/lock/run.txt
[ "$for_tests" = 1 ] && lock=installer/lock/dev.txt
stamp=".setup-stamp-$(basename "$lock" .txt)"
want=$(cat pyproject.toml "$lock" | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing the locked Python packages ($lock) into .venv"
  # pip installs one package at a time, on one core: the lock goes in as two halves at
  # once (every package pinned, so no resolving is lost). pip itself first, alone; the
  # distributions of one family (pyside6-addons and pyside6-essentials share files) in
  # the same half; then pip checks that every installed package has what it requires.
  halves=$(mktemp -d)
  first_half=""
  trap '[ -z "$first_half" ] || kill "$first_half" 2>/dev/null; rm -rf "$halves"' EXIT
  : >"$halves/1.txt"; : >"$halves/2.txt"
  awk -v dir="$halves" '
    /^[A-Za-z0-9]/ {
      family = tolower($0); sub(/[-_.=; ].*/, "", family)
      if (family == "pip") out = dir "/pip.txt"
      else { if (!(family in half)) half[family] = dir "/" (n++ % 2 + 1) ".txt"; out = half[family] }
    }
    out != "" { print > out }' "$lock"
  pip_install=(.venv/bin/python -m pip install -q --no-deps --require-hashes)
  [ ! -f "$halves/pip.txt" ] || "${pip_install[@]}" -r "$halves/pip.txt"
  "${pip_install[@]}" -r "$halves/1.txt" &
  first_half=$!
  installed=0
  "${pip_install[@]}" -r "$halves/2.txt" || installed=$?
  wait "$first_half" || installed=$?
  first_half=""
  [ "$installed" = 0 ] || exit "$installed"
  .venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
  if ! broken=$(.venv/bin/python -m pip check); then echo "$broken" >&2; exit 1; fi
  echo "$want" > "$stamp"
fi
