#!/usr/bin/env bash
# Refresh the Chinese catalogue from the UI sources, then compile it.
# New strings appear as unfinished in resources/translations/till_zh_CN.ts: translate
# them there (or in Qt Linguist: .venv/bin/pyside6-linguist) and run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
ts=resources/translations/till_zh_CN.ts
.venv/bin/pyside6-lupdate -no-obsolete $(find ui -name '*.py' | sort) -ts "$ts"
.venv/bin/pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
