"""The top of a member's story: who they are, their tier and how far to the next one,
allergies and preferences in plain sight, consents, cards and any overdue complaints;
the profile's own actions (edit, export, erase), and a banner once erased."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from app.domain.member_story import MemberStory
from app.domain.member_value import HORIZON_YEARS, value_of, years_and_months
from app.domain.money import Currency, format_money
from ui.manager.member_story_sections import when


class StoryHeader(QFrame):
    """Signals:
    edit_requested(): the manager pressed "Edit profile…".
    export_requested(): ... "Export member data…".
    erase_requested(): ... "Erase member…".
    """

    edit_requested = Signal()
    export_requested = Signal()
    erase_requested = Signal()

    def __init__(self, language: str, currency: Currency, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storyHeader")
        self._language, self._currency = language, currency
        self.erased = False
        self.title = self._label("storyTitle")
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.banner = self._label("storyErased")
        self.banner.setStyleSheet(
            "background: #eceff1; color: #37474f; border: 1px solid #90a4ae;"
            " padding: 6px; font-weight: bold;"
        )
        self.banner.setVisible(False)
        self.edit_button = self._button("editProfileButton", self.tr("Edit profile…"))
        self.edit_button.clicked.connect(self.edit_requested.emit)
        self.export_button = self._button("exportMemberDataButton", self.tr("Export member data…"))
        self.export_button.clicked.connect(self.export_requested.emit)
        self.erase_button = self._button("eraseMemberButton", self.tr("Erase member…"))
        self.erase_button.clicked.connect(self.erase_requested.emit)
        actions = QHBoxLayout()
        actions.addWidget(self.title, 1)
        for button in (self.edit_button, self.export_button, self.erase_button):
            actions.addWidget(button)
        self.details = self._label("storyDetails")
        self.allergies = self._label("storyAllergies", rich=True)
        self.preferences = self._label("storyPreferences", rich=True)
        self.progress = self._label("storyProgress")
        self.consents = self._label("storyConsents")
        self.cards = self._label("storyCards")
        self.overdue = self._label("storyOverdue")
        self.overdue.setStyleSheet("color: #b00020; font-weight: bold;")
        layout = QGridLayout(self)
        layout.addLayout(actions, 0, 0, 1, 2)
        layout.addWidget(self.banner, 1, 0, 1, 2)
        layout.addWidget(self.details, 2, 0, 1, 2)
        layout.addWidget(self.allergies, 3, 0)
        layout.addWidget(self.preferences, 3, 1)
        layout.addWidget(self.progress, 4, 0)
        layout.addWidget(self.cards, 4, 1)
        layout.addWidget(self.consents, 5, 0, 1, 2)
        layout.addWidget(self.overdue, 6, 0, 1, 2)

    def _value_facts(self, story: MemberStory) -> list[str]:
        p = story.profile
        value = value_of(p.spend, p.joined_on, p.last_visit_on, story.today)
        years, months = years_and_months(value.tenure_days)
        self.details.setToolTip(
            self.tr(
                "Value: the spend of the next %1 years at the member's pace so far (spend per"
                " year of membership, at least one year counted); nothing more once the last"
                " visit is over a year ago."
            ).replace("%1", str(HORIZON_YEARS))
        )
        return [
            self.tr("Tenure: %1 y %2 m").replace("%1", str(years)).replace("%2", str(months)),
            self.tr("Spend a year: %1").replace("%1", self._money(value.pace)),
            self.tr("Value (%1-year estimate): %2")
            .replace("%1", str(HORIZON_YEARS))
            .replace("%2", self._money(value.lifetime_value)),
        ]

    def show_story(self, story: MemberStory) -> None:
        p, zh = story.profile, self._language == "zh"
        tier = p.tier_name_zh if zh else p.tier_name_en
        self.title.setText(f"{p.name}  ·  {p.member_no}  ·  {tier}")
        genders = {"female": self.tr("Female"), "male": self.tr("Male")}
        self.erased = p.erased_at is not None
        self.banner.setVisible(self.erased)
        self.banner.setText(
            self.tr(
                "Erased on %1 at the member's request: personal data removed; orders and"
                " ledgers kept for the accounts."
            ).replace("%1", when(p.erased_at))
        )
        self.set_actions_enabled(True)
        facts = [
            self.tr("Phone: %1").replace("%1", p.phone or "—"),
            self.tr("Birthday: %1").replace("%1", when(p.birthday) or "—"),
            self.tr("Gender: %1").replace("%1", genders.get(p.gender, "—")),
            self.tr("Joined: %1").replace("%1", when(p.joined_on)),
            self.tr("Expires: %1").replace("%1", when(p.expires_on) or "—"),
            self.tr("Points: %1").replace("%1", f"{p.points:,}"),
            self.tr("Stored value: %1").replace("%1", self._money(p.stored_value)),
            self.tr("Visits: %1").replace("%1", f"{p.visits:,}"),
            self.tr("Spend: %1").replace("%1", self._money(p.spend)),
            self.tr("Last visit: %1").replace("%1", when(p.last_visit_on) or "—"),
            *self._value_facts(story),
        ]
        if p.notes:
            facts.append(self.tr("Notes: %1").replace("%1", p.notes))
        self.details.setText("   ".join(facts))
        if p.allergies:
            allergies = self.tr("Allergies: %1").replace("%1", p.allergies)
            self.allergies.setText(
                f"<span style='color:#b00020; font-size:16px; font-weight:bold;'>"
                f"{escape(allergies)}</span>"
            )
        else:
            self.allergies.setText(escape(self.tr("No allergies recorded.")))
        preferences = self.tr("Preferences: %1").replace("%1", p.preferences or "—")
        self.preferences.setText(f"<b>{escape(preferences)}</b>")
        self.progress.setText(self._progress_text(story))
        yes, no = self.tr("yes"), self.tr("no")
        self.consents.setText(
            self.tr(
                "Consents: marketing %1, third parties %2, automated decisions %3, sensitive data %4"  # noqa: E501
            )
            .replace("%1", yes if p.marketing_consent else no)
            .replace("%2", yes if p.consent_third_party else no)
            .replace("%3", yes if p.consent_automated else no)
            .replace("%4", yes if p.consent_sensitive else no)
            + "  "
            + (
                self.tr("(recorded %1)").replace("%1", when(p.consent_updated_at))
                if p.consent_updated_at is not None
                else self.tr("(never recorded)")
            )
        )
        states = {"active": self.tr("active"), "blocked": self.tr("blocked")}
        cards = ", ".join(f"{c.card_no} ({states.get(c.status, c.status)})" for c in story.cards)
        self.cards.setText(self.tr("Cards: %1").replace("%1", cards or "—"))
        overdue = story.overdue_complaints
        self.overdue.setText(self.tr("%n overdue complaint(s)", "", overdue) if overdue else "")
        self.overdue.setVisible(bool(overdue))

    def set_actions_enabled(self, enabled: bool) -> None:
        """An erased profile can still be exported, never edited or erased again."""
        self.export_button.setEnabled(enabled)
        self.edit_button.setEnabled(enabled and not self.erased)
        self.erase_button.setEnabled(enabled and not self.erased)

    def _progress_text(self, story: MemberStory) -> str:
        progress, zh = story.progress, self._language == "zh"
        lines = [
            self.tr("Qualifying spend in the window: %1").replace(
                "%1", self._money(progress.window_spend)
            )
        ]
        next_tier = progress.next_tier_zh if zh else progress.next_tier_en
        if next_tier is not None:
            text = self.tr("Spend %1 more for %2.").replace("%2", next_tier)
            lines.append(text.replace("%1", self._money(progress.missing_for_next_tier)))
        else:
            lines.append(self.tr("No higher tier to qualify for."))
        if progress.missing_to_renew_free is not None:
            text = self.tr("Spend %1 more this term and renewal is free.")
            lines.append(text.replace("%1", self._money(progress.missing_to_renew_free)))
        return "\n".join(lines)

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _button(self, name: str, text: str) -> QPushButton:
        button: QPushButton = QPushButton(text, objectName=name)
        button.setMinimumHeight(36)
        return button

    def _label(self, name: str, rich: bool = False) -> QLabel:
        label: QLabel = QLabel(objectName=name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        return label
