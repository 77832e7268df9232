"""Where python-escpos keeps its parsed printer capabilities between runs.

Imported, ``escpos.capabilities`` parses its capabilities file as YAML (0.3-0.5 s) and
caches the result as a pickle in ``$ESCPOS_CAPABILITIES_PICKLE_DIR``; unset, that is a
new temporary folder in every process, so every start parsed it again. The ``pos``
command points it at a folder of the till's own before anything imports escpos
(``app.devices`` does, so this module imports nothing of the hardware layer).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"


def keep_escpos_capabilities_in(folder: Path) -> None:
    """Before escpos is imported: cache its capabilities in ``folder`` (owner-only),
    unless the environment already names a folder."""
    if os.environ.get(ENV):
        return
    try:
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the data folder too
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return  # escpos falls back to a temporary folder: slower, not wrong
    os.environ[ENV] = str(folder)
