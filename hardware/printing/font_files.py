"""Where the CJK font's file may be (``fonts.py`` registers it with reportlab): apart so
that ``pos doctor`` can look for it without loading reportlab."""

from __future__ import annotations

from pathlib import Path

import resources

FONT_PATHS = (
    str(Path(resources.__file__).with_name("fonts") / "wqy-microhei.ttc"),  # the bundle's
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
)
