"""A saving on a wrapping button ("Use 1,280 points (−¥12.80)") never breaks between its
minus and its currency sign, at any width, in either language."""

from __future__ import annotations

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from ui.fit import WrapButton, unbroken


def lines_at(button: WrapButton, width: int) -> list[str]:
    """The lines the button's label shows at ``width`` px (Qt's own line breaking)."""
    text = button.text()
    layout = QTextLayout(text, button.label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines


def broken_amounts(button: WrapButton) -> list[str]:
    found = []
    for width in range(40, 400, 2):
        lines = lines_at(button, width)
        if any(line.rstrip().endswith(("−", "(−", "（−")) for line in lines):
            found.append(f"{width} px: {lines}")
    return found


def test_the_points_button_keeps_its_amount_in_one_piece(qapp: QApplication) -> None:
    for template in ("Use 1,280 points (−%2)", "使用 1,280 积分（−%2）", "✓ Birthday coupon −%2"):
        button = WrapButton(objectName="redeemPointsButton")
        button.setText(template.replace("%2", unbroken("¥12.80")))
        assert not broken_amounts(button), template
        button.deleteLater()


def test_without_the_joiner_qt_breaks_between_the_minus_and_the_yen_sign(
    qapp: QApplication,
) -> None:
    """What the joiner is for: Qt would end a line on the "−" (so the test above can fail)."""
    button = WrapButton()
    button.setText("Use 1,280 points (−¥12.80)")
    assert broken_amounts(button)
    button.deleteLater()
