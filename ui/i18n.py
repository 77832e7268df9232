"""Interface language: Qt translators for Simplified Chinese, English as the source."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

import resources

TRANSLATIONS = Path(resources.__file__).with_name("translations")
Language = Literal["zh", "en"]


def resolve_language(setting: str) -> Language:
    """``zh``/``en`` as set; ``system`` follows the system locale (Chinese if it is zh_*)."""
    if setting in ("zh", "en"):
        return setting  # type: ignore[return-value]
    return "zh" if QLocale.system().name().startswith("zh") else "en"


class LanguageSwitcher:
    """Keeps the one installed translator so the language can change while running."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self.language: Language = "en"

    def apply(self, language: Language) -> None:
        if self._translator is not None:
            self._app.removeTranslator(self._translator)
            self._translator = None
        self.language = language
        if language == "zh":
            translator = QTranslator(self._app)
            if not translator.load(str(TRANSLATIONS / "till_zh_CN.qm")):
                raise FileNotFoundError("the Chinese translation file is missing")
            self._app.installTranslator(translator)
            self._translator = translator
