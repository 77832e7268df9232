"""The CJK font the bundle carries (resources/fonts), for machines that have none: without
it Chinese shows as boxes. A source checkout has no such folder and relies on the system's."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFontDatabase

import resources

FONT_FOLDER = Path(resources.__file__).with_name("fonts")
log = logging.getLogger(__name__)


def register_bundled_fonts(folder: Path = FONT_FOLDER) -> list[str]:
    """Adds every font file in ``folder`` to Qt; returns the families it brought."""
    families: list[str] = []
    for path in sorted(folder.glob("*.tt[cf]")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load the bundled font %s", path.name)
            continue
        families += QFontDatabase.applicationFontFamilies(font_id)
    return families
