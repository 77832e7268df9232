"""Identify the member and show who they are: tier, expiry, points, stored value, allergies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.members import MembershipStatus, MemberSummary
from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.services.members import Identification
from ui.cashier.member_search_box import MemberSearchBox


class MemberPanel(QWidget):
    """Signals:
    identify_requested(str): Enter with no list to pick from: identify this text.
    candidate_chosen(MemberCandidate): the cashier picked a member from the results.
    clear_requested(): the order should be a guest order again.
    swipe_simulation_requested(): the cashier asked for a simulated card swipe.
    enrol_requested(), issue_card_requested(), merge_requested(): member actions.
    """

    identify_requested = Signal(str)
    candidate_chosen = Signal(object)
    clear_requested = Signal()
    swipe_simulation_requested = Signal()
    enrol_requested = Signal()
    issue_card_requested = Signal()
    merge_requested = Signal()

    def __init__(
        self,
        currency: Currency,
        language: str,
        can_simulate_swipe: bool,
        search: Callable[[str], Identification],
        today: Callable[[], date],
    ) -> None:
        super().__init__(objectName="memberPanel")
        self._currency, self._language = currency, language
        self.search_box = MemberSearchBox(search, language, today)
        self.search_box.submitted.connect(self.identify_requested)
        self.search_box.candidate_chosen.connect(self.candidate_chosen)
        self.search = self.search_box.edit
        find = QPushButton(self.tr("Find member"), objectName="identifyButton")
        find.setMinimumHeight(44)
        find.clicked.connect(lambda: self.identify_requested.emit(self.search.text()))
        self.search_box.edit_row.addWidget(find)

        actions = QHBoxLayout()
        if can_simulate_swipe:
            swipe = QPushButton(self.tr("Simulate card swipe"), objectName="simulateSwipeButton")
            swipe.clicked.connect(self.swipe_simulation_requested)
            actions.addWidget(swipe)
        clear = QPushButton(self.tr("Guest (no member)"), objectName="clearMemberButton")
        clear.clicked.connect(self.clear_requested)
        actions.addWidget(clear)
        member_actions = QHBoxLayout()
        enrol = QPushButton(self.tr("New member…"), objectName="enrolButton")
        enrol.clicked.connect(self.enrol_requested)
        self.issue_card_button = QPushButton(self.tr("New card…"), objectName="issueCardButton")
        self.issue_card_button.clicked.connect(self.issue_card_requested)
        self.merge_button = QPushButton(self.tr("Merge duplicate…"), objectName="mergeButton")
        self.merge_button.clicked.connect(self.merge_requested)
        for button in (enrol, self.issue_card_button, self.merge_button):
            button.setMinimumHeight(40)
            member_actions.addWidget(button)

        self.message = QLabel(objectName="memberMessage")
        self.message.setWordWrap(True)
        self.name = QLabel(objectName="memberName")
        self.name.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.number = QLabel(objectName="memberNumber")
        self.tier = QLabel(objectName="memberTier")
        self.expiry = QLabel(objectName="memberExpiry")
        self.points = QLabel(objectName="memberPoints")
        self.stored_value = QLabel(objectName="memberStoredValue")
        self.preferences = QLabel(objectName="memberPreferences")
        self.preferences.setWordWrap(True)
        self.allergies = QLabel(objectName="memberAllergies")
        self.allergies.setWordWrap(True)
        self.allergies.setStyleSheet("color: #b00020; font-weight: bold;")
        details = QFormLayout()
        details.addRow(self.tr("Member"), self.name)
        details.addRow(self.tr("Number / phone"), self.number)
        details.addRow(self.tr("Tier"), self.tier)
        details.addRow(self.tr("Valid until"), self.expiry)
        details.addRow(self.tr("Points"), self.points)
        details.addRow(self.tr("Stored value"), self.stored_value)
        details.addRow(self.tr("Preferences"), self.preferences)
        details.addRow(self.tr("Allergies"), self.allergies)
        box = QGroupBox(self.tr("Member"))
        box.setLayout(details)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_box)
        layout.addLayout(actions)
        layout.addLayout(member_actions)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.show_member(None, date.today())

    def show_member(self, member: MemberSummary | None, today: date) -> None:
        self.issue_card_button.setEnabled(member is not None)
        self.merge_button.setEnabled(member is not None)
        if member is None:
            self.name.setText(self.tr("Guest"))
            for label in (
                self.number,
                self.tier,
                self.expiry,
                self.points,
                self.stored_value,
                self.preferences,
                self.allergies,
            ):
                label.setText("—")
            return
        tier = member.tier
        tier_name = tier.name_zh if self._language == "zh" else tier.name_en
        rate = (
            discount_label_zhe(tier.discount_bp)
            if self._language == "zh"
            else discount_label_percent(tier.discount_bp)
        )
        self.name.setText(member.name)
        self.number.setText(f"{member.member_no} · {member.masked_phone}")
        self.tier.setText(f"{tier_name} ({rate})" if tier.discount_bp else tier_name)
        if member.expires_on is None:
            self.expiry.setText(self.tr("No expiry"))
        elif member.status(today) is MembershipStatus.EXPIRED:
            self.expiry.setText(
                self.tr("EXPIRED on %1 (no tier discount)").replace(
                    "%1", member.expires_on.isoformat()
                )
            )
        else:
            self.expiry.setText(member.expires_on.isoformat())
        self.points.setText(f"{member.points:,}")
        self.stored_value.setText(format_money(member.stored_value, self._currency))
        self.preferences.setText(member.preferences or "—")
        self.allergies.setText(member.allergies or "—")

    def show_message(self, text: str, problem: bool) -> None:
        self.message.setStyleSheet("color: #b00020;" if problem else "color: #1b5e20;")
        self.message.setText(text)
