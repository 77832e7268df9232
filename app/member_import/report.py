"""The import report: every bad and duplicate row with its line, for a person to fix.

It holds members' phones, so it is written owner-only, and replaced whole on each run so
an old run's problems never linger in it.
"""

from __future__ import annotations

import csv
from pathlib import Path

from app.exports.files import replaced_atomically
from app.member_import.run import ImportOutcome


def write_report(path: Path, outcome: ImportOutcome) -> int:
    """Write the report; returns how many rows it lists."""
    listed = [(bad.line, "bad", bad.reason) for bad in outcome.bad_rows] + [
        (line, "duplicate", what) for line, what in outcome.duplicates
    ]
    with (
        replaced_atomically(path) as temporary,
        temporary.open(
            "w",
            encoding="utf-8-sig",
            newline="",  # with a BOM, Excel reads it
        ) as out,
    ):
        writer = csv.writer(out)
        writer.writerow(("line", "problem", "reason"))
        writer.writerows(sorted(listed))
    return len(listed)
