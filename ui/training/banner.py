"""The training mark on screen: a banner in a colour no live screen uses."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

TRAINING_COLOUR = "#e65100"
TRAINING_BACKGROUND = "#fff3e0"


translate = QCoreApplication.translate


def banner_text() -> str:
    return translate(
        "TrainingBanner", "TRAINING MODE — practice data only: nothing here is a real sale"
    )


def banner_label(object_name: str = "trainingBanner") -> QLabel:
    label: QLabel = QLabel(banner_text(), objectName=object_name)
    label.setStyleSheet(
        f"background: {TRAINING_COLOUR}; color: white; font-size: 15pt; font-weight: bold;"
        " padding: 6px 12px;"
    )
    label.setWordWrap(True)  # a narrow screen gets two lines, never a cut-off warning
    label.setMinimumWidth(200)
    return label
