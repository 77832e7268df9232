"""Ask how the members were contacted (channel) and what came of it (a note)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QLineEdit, QWidget

from app.domain.contacts import MAX_NOTE_LENGTH, ContactChannel
from ui.widgets import confirm_buttons


class ContactDialog(QDialog):
    """Modal; after ``exec()`` returns Accepted, read ``channel()`` and ``note()``."""

    def __init__(self, members: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Mark as contacted"))
        self.channel_combo = QComboBox(objectName="contactChannelCombo")
        for channel, text in (
            (ContactChannel.PHONE, self.tr("Phone call")),
            (ContactChannel.SMS, self.tr("SMS")),
            (ContactChannel.WECHAT, self.tr("WeChat")),
            (ContactChannel.EMAIL, self.tr("Email")),
            (ContactChannel.IN_PERSON, self.tr("In person")),
        ):
            self.channel_combo.addItem(text, channel.value)
        self.note_edit: QLineEdit = QLineEdit(objectName="contactNoteEdit")
        self.note_edit.setMaxLength(MAX_NOTE_LENGTH)
        self.note_edit.setPlaceholderText(
            self.tr("e.g. renewal offer explained, calls back Friday")
        )
        layout = QFormLayout(self)
        layout.addRow(QLabel(members))
        layout.addRow(self.tr("Channel"), self.channel_combo)
        layout.addRow(self.tr("Note"), self.note_edit)
        layout.addRow(confirm_buttons(self, "confirmContactButton", self.accept, self.tr("Save")))

    def channel(self) -> ContactChannel:
        return ContactChannel(self.channel_combo.currentData())

    def note(self) -> str:
        return self.note_edit.text()
