"""Interface language: Qt translators for Simplified Chinese, English as the source."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

import resources

TRANSLATIONS = Path(resources.__file__).with_name("translations")
Language = Literal["zh", "en"]


def resolve_language(setting: str) -> Language:
    """``zh``/``en`` as set; ``system`` follows the system locale (Chinese if it is zh_*)."""
    if setting == "zh":
        return "zh"
    if setting == "en":
        return "en"
    return "zh" if QLocale.system().name().startswith("zh") else "en"


class LanguageSwitcher:
    """Keeps the installed translators so the language can change while running.

    Two catalogues: ours, and Qt's own (``qtbase``) for the texts of standard
    buttons and dialogs (Save, Cancel, ...).
    """

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language: Language = "en"

    def apply(self, language: Language) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        self.language = language
        if language != "zh":
            return
        ours = QTranslator(self._app)
        if not ours.load(str(TRANSLATIONS / "till_zh_CN.qm")):
            raise FileNotFoundError("the Chinese translation file is missing")
        qt_own = QTranslator(self._app)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for translator in (ours, qt_own) if qt_own.load("qtbase_zh_CN", qt_folder) else (ours,):
            self._app.installTranslator(translator)
            self._translators.append(translator)
