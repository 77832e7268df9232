"""A PDF refused for its size is explained in one sentence that offers CSV, in the
interface's language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.pdf_limits import TooLargeForPdf
from ui.errors import headline
from ui.i18n import LanguageSwitcher


def test_the_refusal_names_the_rows_and_offers_csv(qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    switcher.apply("en")

    text = headline(TooLargeForPdf(624_865))

    assert text == "This report has 624,865 rows, too many for a PDF: export it as CSV instead."


def test_in_chinese_too(qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    switcher.apply("zh")
    try:
        text = headline(TooLargeForPdf(624_865))
    finally:
        switcher.apply("en")

    assert text == "此报表有 624,865 行，超出 PDF 的合适大小：请改为导出 CSV。"
