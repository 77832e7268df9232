"""Identify the member and show who they are: tier, expiry, points, stored value, allergies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.members import MembershipStatus, MemberSummary
from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.domain.renewal import OfferKind
from app.services.members import Identification
from ui.cashier.coupon_bar import CouponBar
from ui.cashier.member_search_box import MemberSearchBox
from ui.cashier.presenter import LoyaltyView
from ui.fit import WrapButton, fit_button, unbroken


class MemberPanel(QWidget):
    """Signals:
    identify_requested(str): Enter with no list to pick from: identify this text.
    candidate_chosen(MemberCandidate): the cashier picked a member from the results.
    clear_requested(): the order should be a guest order again.
    swipe_simulation_requested(): the cashier asked for a simulated card swipe.
    enrol_requested(), issue_card_requested(), merge_requested(): member actions.
    adjust_requested(): correct points, stored value or tier (with approval).
    renewal_toggled(): add the renewal offer to the order, or take it off.
    top_up_requested(): sell stored value.
    redeem_points_toggled(bool): pay part of the bill with points.
    """

    identify_requested = Signal(str)
    candidate_chosen = Signal(object)
    clear_requested = Signal()
    swipe_simulation_requested = Signal()
    enrol_requested = Signal()
    issue_card_requested = Signal()
    merge_requested = Signal()
    note_requested = Signal()
    adjust_requested = Signal()
    renewal_toggled = Signal()
    upgrade_toggled = Signal()
    top_up_requested = Signal()
    redeem_points_toggled = Signal(bool)
    coupon_toggled = Signal(int)

    def __init__(
        self,
        currency: Currency,
        language: str,
        can_simulate_swipe: bool,
        search: Callable[[str], Identification | None],
        today: Callable[[], date],
    ) -> None:
        super().__init__(objectName="memberPanel")
        self._currency, self._language = currency, language
        self.search_box = MemberSearchBox(search, language, today)
        self.search_box.submitted.connect(self.identify_requested)
        self.search_box.candidate_chosen.connect(self.candidate_chosen)
        self.search = self.search_box.edit
        find = QPushButton(self.tr("Find member"), objectName="identifyButton")
        fit_button(find)
        find.clicked.connect(lambda: self.identify_requested.emit(self.search.text()))
        self.search_box.edit_row.addWidget(find)

        actions = QGridLayout()
        guest_actions = []
        if can_simulate_swipe:
            swipe = QPushButton(self.tr("Simulate card swipe"), objectName="simulateSwipeButton")
            swipe.clicked.connect(self.swipe_simulation_requested)
            guest_actions.append(swipe)
        clear = QPushButton(self.tr("Guest (no member)"), objectName="clearMemberButton")
        clear.clicked.connect(self.clear_requested)
        guest_actions.append(clear)
        enrol = QPushButton(self.tr("New member…"), objectName="enrolButton")
        enrol.clicked.connect(self.enrol_requested)
        self.issue_card_button = QPushButton(self.tr("New card…"), objectName="issueCardButton")
        self.issue_card_button.clicked.connect(self.issue_card_requested)
        self.merge_button = QPushButton(self.tr("Merge duplicate…"), objectName="mergeButton")
        self.merge_button.clicked.connect(self.merge_requested)
        self.note_button = QPushButton(
            self.tr("Allergy / complaint…"), objectName="guestNoteButton"
        )
        self.note_button.clicked.connect(self.note_requested)
        member_actions = (enrol, self.issue_card_button, self.merge_button, self.note_button)
        for index, button in enumerate((*guest_actions, *member_actions)):
            fit_button(button)
            actions.addWidget(button, index // 2, index % 2)

        self.offer_button = WrapButton(objectName="renewalOfferButton")
        self.offer_button.setMinimumHeight(48)
        self.offer_button.setStyleSheet("font-weight: bold;")
        self.offer_button.clicked.connect(self.renewal_toggled)
        self.upgrade_button = WrapButton(objectName="upgradeOfferButton")
        self.upgrade_button.clicked.connect(self.upgrade_toggled)
        self.join_button = WrapButton(objectName="joinAndSaveButton")
        self.join_button.clicked.connect(self.enrol_requested)
        loyalty_actions = QHBoxLayout()
        self.top_up_button = QPushButton(self.tr("Top up…"), objectName="topUpButton")
        self.top_up_button.clicked.connect(self.top_up_requested)
        self.points_button = WrapButton(objectName="redeemPointsButton")
        self.points_button.setCheckable(True)
        self.points_button.toggled.connect(self.redeem_points_toggled)
        self.adjust_button = QPushButton(self.tr("Adjust…"), objectName="adjustButton")
        self.adjust_button.clicked.connect(self.adjust_requested)
        for button in (self.top_up_button, self.adjust_button):
            fit_button(button)
        for button in (self.top_up_button, self.points_button, self.adjust_button):
            loyalty_actions.addWidget(button)
        self.coupons = CouponBar(currency, language)
        self.coupons.coupon_toggled.connect(self.coupon_toggled)
        self.loyalty_hint = QLabel(objectName="memberLoyaltyHint")
        self.loyalty_hint.setWordWrap(True)
        self.loyalty_hint.setStyleSheet("color: #0d47a1;")

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
        self.usual_dishes = QLabel(objectName="memberUsualDishes")
        self.usual_dishes.setWordWrap(True)
        details.addRow(self.tr("Usually orders"), self.usual_dishes)
        self._details = details
        self.pairing_hint = QLabel(objectName="memberPairingHint")
        self.pairing_hint.setWordWrap(True)
        self.pairing_hint.setStyleSheet("color: #555555;")
        box = QGroupBox(self.tr("Member"), objectName="memberSummary")
        box.setLayout(details)
        for label in (self.number, self.tier, self.expiry, self.points, self.stored_value):
            label.setWordWrap(True)

        # Who the member is stays in sight; what can be done for them scrolls below it.
        more = QWidget(objectName="memberActions")
        self._more = more_layout = QVBoxLayout(more)
        more_layout.setContentsMargins(0, 0, 0, 0)
        more_layout.addWidget(self.offer_button)
        more_layout.addWidget(self.upgrade_button)
        more_layout.addLayout(loyalty_actions)
        more_layout.addWidget(self.coupons)
        more_layout.addWidget(self.loyalty_hint)
        more_layout.addWidget(self.pairing_hint)
        more_layout.addWidget(self.join_button)
        more_layout.addLayout(actions)
        more_layout.addStretch(1)
        self.actions_scroll = QScrollArea(objectName="memberScroll")
        self.actions_scroll.setWidgetResizable(True)
        self.actions_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.actions_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.actions_scroll.setWidget(more)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.message)
        layout.addWidget(box)
        layout.addWidget(self.actions_scroll, 1)
        self.show_member(None, date.today())
        self.show_loyalty(LoyaltyView())
        self.show_habits("", "")

    def show_habits(self, usual: str, pairing: str) -> None:
        """The member's usual dishes and one pairing suggestion; empty: not shown."""
        self.usual_dishes.setText(usual)
        self._details.setRowVisible(self.usual_dishes, bool(usual))
        self.pairing_hint.setText(pairing)
        self.pairing_hint.setVisible(bool(pairing))

    def add_below(self, widget: QWidget, stretch: int = 0) -> None:
        """Put ``widget`` at the end of the panel's scrolling part (the receipt preview)."""
        self._more.insertWidget(self._more.count() - 1, widget, stretch)

    def show_member(self, member: MemberSummary | None, today: date) -> None:
        self.issue_card_button.setEnabled(member is not None)
        self.merge_button.setEnabled(member is not None)
        self.note_button.setEnabled(member is not None)
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

    def show_loyalty(self, view: LoyaltyView) -> None:
        """The renewal offer, points, top-up and progress of the member on the order."""
        outlook, money = view.outlook, self._money
        quote = outlook.renewal if outlook is not None else None
        self.offer_button.setVisible(quote is not None)
        if quote is not None:
            if view.renewal_on_order:
                text = self.tr("✓ Renewal on the order (tap to take it off)")
            else:
                text = self._offer_text(quote.offer.kind).replace("%1", money(quote.fee))
                text = text.replace("%2", quote.new_expiry.isoformat())
            self.offer_button.setText(text)
        upgrade = outlook.upgrade if outlook is not None else None
        self.upgrade_button.setVisible(upgrade is not None)
        if upgrade is not None:
            if view.upgrade_on_order:
                self.upgrade_button.setText(self.tr("✓ Upgrade on the order (tap to take it off)"))
            else:
                tier = upgrade.tier
                name = tier.name_zh if self._language == "zh" else tier.name_en
                text = self.tr("Upgrade to %1 now for %2 (fee difference)").replace("%1", name)
                self.upgrade_button.setText(text.replace("%2", money(upgrade.fee)))
        has_member = view.member is not None
        self.top_up_button.setVisible(has_member)
        self.points_button.setVisible(has_member)
        self.adjust_button.setVisible(has_member)
        self.points_button.blockSignals(True)
        self.points_button.setChecked(view.redeeming)
        self.points_button.blockSignals(False)
        self.points_button.setEnabled(view.redeemable > 0 or view.redeeming)
        if view.redeemable or view.redeeming:
            text = self.tr("Use %1 points (−%2)").replace("%1", f"{view.redeemable:,}")
            self.points_button.setText(text.replace("%2", unbroken(money(view.redeemable_value))))
        else:
            self.points_button.setText(self.tr("Use points"))
        member = view.member
        coupons = member.coupons if member is not None else ()
        self.coupons.show_coupons(coupons, view.chosen_coupons, view.coupon_savings)
        self.loyalty_hint.setText("\n".join(self._hints(view)))
        self.join_button.setVisible(not has_member and view.savings_as_member > 0)
        join = self.tr("Not a member? Join now and save %1 on this order")
        self.join_button.setText(join.replace("%1", money(view.savings_as_member)))

    def _offer_text(self, kind: OfferKind) -> str:
        if kind is OfferKind.FREE_BY_SPEND:
            return self.tr("Renew FREE (spend reached): valid until %2")
        if kind is OfferKind.EARLY:
            return self.tr("Renew early: %1, valid until %2")
        if kind is OfferKind.GRACE:
            return self.tr("Renew now (grace): %1, valid until %2")
        return self.tr("Welcome back offer: renew for %1, valid until %2")

    def _hints(self, view: LoyaltyView) -> list[str]:
        outlook, hints = view.outlook, list[str]()
        if view.birthday_month and view.member is not None:
            tier = view.member.tier
            benefit = (
                tier.birthday_benefit_zh if self._language == "zh" else tier.birthday_benefit_en
            )
            text = self.tr("Birthday month: %1").replace("%1", benefit)
            hints.append(
                text if benefit else self.tr("Birthday month: wish them a happy birthday!")
            )
        if outlook is None:
            return hints
        if outlook.spend_to_renew_free is not None:
            text = self.tr("Spend %1 more this term and renewal is free.")
            hints.append(text.replace("%1", self._money(outlook.spend_to_renew_free.missing)))
        if outlook.next_tier is not None and not view.upgrade_on_order:
            tier = outlook.next_tier
            name = tier.name_zh if self._language == "zh" else tier.name_en
            text = self.tr("Spend %1 more for %2.").replace("%2", name)
            hints.append(text.replace("%1", self._money(outlook.missing_for_next_tier)))
        return hints

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def show_message(self, text: str, problem: bool) -> None:
        self.message.setStyleSheet("color: #b00020;" if problem else "color: #1b5e20;")
        self.message.setText(text)
