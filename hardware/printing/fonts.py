"""The CJK font embedded in every PDF the till writes (receipts and report exports).

WenQuanYi Micro Hei: its TrueType outlines embed in reportlab PDFs, so Chinese shows on
any viewer; Noto CJK's PostScript outlines reportlab cannot embed.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hardware.errors import HardwareError
from hardware.printing.font_files import FONT_PATHS

FONT_NAME = "WenQuanYiMicroHei"

_lock = threading.Lock()  # exports run on worker threads; register the font once


def register_cjk_font() -> str:
    """Register the font with reportlab (once) and return its name.

    Raises ``HardwareError`` when the font file is not installed.
    """
    with _lock:
        if FONT_NAME in pdfmetrics.getRegisteredFontNames():
            return FONT_NAME
        for path in FONT_PATHS:
            if Path(path).exists():
                pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=0))
                return FONT_NAME
    raise HardwareError("the Chinese font for PDF files is missing (install fonts-wqy-microhei)")
