"""The manager's editor for the loyalty programme: tiers, renewal offers, top-up bonuses,
targeted offers, public holidays and how offers stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.campaigns.desk import CampaignDesk, CampaignRefused
from app.domain.loyalty_admin import (
    OfferId,
    OfferSpec,
    TierSpec,
    TopUpRuleId,
    TopUpRuleSpec,
    format_fixed,
)
from app.domain.menu import MenuCategory, MenuItem
from app.domain.money import Currency, format_money
from app.domain.offer_admin import Holiday, TargetedOfferId, TargetedOfferSpec
from app.domain.renewal import OfferKind
from app.domain.staff import StaffMember
from app.domain.tiers import TierId
from app.errors import TillError
from app.services.loyalty_admin import LoyaltyAdminService
from ui.errors import describe_error, headline
from ui.fit import resize_within_screen
from ui.jobs import InlineJobs, Jobs
from ui.manager.campaign_words import refusal_text, started_text
from ui.manager.holidays_tab import HolidaysTab
from ui.manager.loyalty_rule_forms import (
    MULTIPLIER_DIGITS,
    InputProblem,
    OfferForm,
    RuleForm,
    TierForm,
    TopUpRuleForm,
    discount_text,
    kind_text,
)
from ui.manager.offer_cells import OfferCells
from ui.manager.offer_forms import TargetedOfferForm
from ui.manager.programme_read import Programme, read_programme
from ui.manager.rules_tab import RulesTab
from ui.widgets import error_label

DASH = "—"


class LoyaltyRulesDialog(QDialog):
    """Lists the programme's rules; every change goes through ``LoyaltyAdminService``,
    which checks the manager's permission and keeps the audit trail.

    Signals:
    rules_changed(): a rule was saved; screens that hold the rules should reload them.
    """

    rules_changed = Signal()

    def __init__(
        self,
        service: LoyaltyAdminService,
        staff: StaffMember,
        currency: Currency,
        language: str,
        parent: QWidget | None = None,
        jobs: Jobs | None = None,
        campaigns: CampaignDesk | None = None,
    ) -> None:
        """With ``campaigns``, a new targeted offer may hold back a control group: its
        campaign starts as it is saved."""
        super().__init__(parent)
        self.setObjectName("loyaltyRulesDialog")
        self._campaigns = campaigns
        self.setWindowTitle(self.tr("Loyalty programme"))
        resize_within_screen(self, 1200, 600)
        self._service, self._staff = service, staff
        self._currency, self._language = currency, language
        self._jobs: Jobs = jobs or InlineJobs()
        self._read_yet, self._acting = False, False
        self._categories: list[MenuCategory] = []
        self._items: list[MenuItem] = []
        self._tiers: dict[int, TierSpec] = {}
        self._offers: dict[int, OfferSpec] = {}
        self._top_ups: dict[int, TopUpRuleSpec] = {}
        self._targeted: dict[int, TargetedOfferSpec] = {}
        self._holidays: list[Holiday] = []
        add, edit = self.tr("Add…"), self.tr("Edit…")
        self.tiers_tab = RulesTab(
            "tiersTable",
            ("addTierButton", "editTierButton", "deleteTierButton"),
            [
                self.tr("Rank"),
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Discount"),
                self.tr("Points"),
                self.tr("Annual fee"),
                self.tr("Qualifying spend"),
                self.tr("No discount on"),
                self.tr("Birthday benefit"),
            ],
            (add, edit, self.tr("Delete…")),
        )
        self.offers_tab = RulesTab(
            "offersTable",
            ("addOfferButton", "editOfferButton", "deactivateOfferButton"),
            [
                self.tr("Code"),
                self.tr("Kind"),
                self.tr("Fee"),
                self.tr("Window"),
                self.tr("Spend for free renewal"),
                self.tr("Valid from"),
                self.tr("Valid until"),
                self.tr("Active"),
            ],
            (add, edit, self.tr("Deactivate")),
        )
        self.top_up_tab = RulesTab(
            "topUpTable",
            ("addTopUpButton", "editTopUpButton", "deactivateTopUpButton"),
            [self.tr("Top up at least"), self.tr("Bonus"), self.tr("Active")],
            (add, edit, self.tr("Deactivate")),
        )
        self.targeted_tab = RulesTab(
            "targetedOffersTable",
            ("addTargetedOfferButton", "editTargetedOfferButton", "deactivateTargetedOfferButton"),
            self._targeted_cells().headers(),
            (add, edit, self.tr("Deactivate")),
            wrap_width=180,
            stretch_column=1,  # the name
        )
        self.holidays_tab = HolidaysTab(language)
        self.tabs = QTabWidget(objectName="loyaltyRulesTabs")
        self.tabs.addTab(self.tiers_tab, self.tr("Tiers"))
        self.tabs.addTab(self.offers_tab, self.tr("Renewal offers"))
        self.tabs.addTab(self.top_up_tab, self.tr("Top-up bonuses"))
        self.tabs.addTab(self.targeted_tab, self.tr("Targeted offers"))
        self.tabs.addTab(self.holidays_tab, self.tr("Holidays && stacking"))
        self.message = error_label("loyaltyRulesMessage")
        self.note = QLabel(objectName="loyaltyRulesNote")  # what went well, not in red
        self.note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setObjectName("closeRulesButton")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addWidget(close)

        self.tiers_tab.add_requested.connect(lambda: self._edit_tier(None))
        self.tiers_tab.edit_requested.connect(self._edit_tier)
        self.tiers_tab.remove_requested.connect(self._delete_tier)
        self.offers_tab.add_requested.connect(lambda: self._edit_offer(None))
        self.offers_tab.edit_requested.connect(self._edit_offer)
        self.offers_tab.remove_requested.connect(self._deactivate_offer)
        self.top_up_tab.add_requested.connect(lambda: self._edit_top_up(None))
        self.top_up_tab.edit_requested.connect(self._edit_top_up)
        self.top_up_tab.remove_requested.connect(self._deactivate_top_up)
        self.targeted_tab.add_requested.connect(lambda: self._edit_targeted(None))
        self.targeted_tab.edit_requested.connect(self._edit_targeted)
        self.targeted_tab.remove_requested.connect(self._deactivate_targeted)
        self.holidays_tab.add_holiday_requested.connect(self._add_holiday)
        self.holidays_tab.remove_holiday_requested.connect(self._remove_holiday)
        self.holidays_tab.save_stacking_requested.connect(self._save_stacking)
        self._jobs.when_back(self, lambda: None if self._read_yet else self.reload())
        self.reload()

    @property
    def waiting(self) -> bool:
        return self._jobs.busy

    def reject(self) -> None:
        if not self._acting:  # a change in flight may commit: its result must be seen
            super().reject()

    def reload(self, select: int | None = None, then: Callable[[], None] = lambda: None) -> None:
        """Read every rule again, off the GUI thread (the tabs wait meanwhile); ``select``
        is a row id to select on the current tab."""
        service = self._service
        self.tabs.setEnabled(False)

        def shown(programme: Programme) -> None:
            self._show(programme, select)
            then()

        self._jobs.run(self, lambda: read_programme(service), shown, self._not_read)

    def _not_read(self, error: Exception) -> None:
        self.tabs.setEnabled(self._read_yet)
        self.message.setText(headline(error))

    def _show(self, programme: Programme, select: int | None) -> None:
        if not self._read_yet:
            self.message.setText("")
        self._read_yet = True
        self.tabs.setEnabled(True)
        self._categories, self._items = programme.categories, programme.items
        self._tiers = {t.tier_id: t for t in programme.tiers if t.tier_id is not None}
        self._offers = {o.offer_id: o for o in programme.offers if o.offer_id is not None}
        self._top_ups = {r.rule_id: r for r in programme.top_ups if r.rule_id is not None}
        self._targeted = {o.offer_id: o for o in programme.targeted if o.offer_id is not None}
        self._holidays = programme.holidays
        self.holidays_tab.set_stacking(programme.stacking)
        current = self.tabs.currentWidget()
        self.tiers_tab.fill(
            [(i, True, self._tier_cells(t)) for i, t in self._tiers.items()],
            select if current is self.tiers_tab else None,
        )
        self.offers_tab.fill(
            [(i, o.active, self._offer_cells(o)) for i, o in self._offers.items()],
            select if current is self.offers_tab else None,
        )
        self.top_up_tab.fill(
            [(i, r.active, self._top_up_cells(r)) for i, r in self._top_ups.items()],
            select if current is self.top_up_tab else None,
        )
        cells = self._targeted_cells()
        self.targeted_tab.fill(
            [(i, o.active, cells.cells(o)) for i, o in self._targeted.items()],
            select if current is self.targeted_tab else None,
        )
        self.holidays_tab.fill_holidays(self._holidays)

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _in_language(self, zh: str, en: str) -> str:
        return zh if self._language == "zh" else en

    def _tier_cells(self, tier: TierSpec) -> list[str]:
        excluded = [
            self._in_language(c.name_zh, c.name_en)
            for c in self._categories
            if c.category_id in tier.excluded_categories
        ]
        return [
            str(tier.rank),
            tier.code,
            self._in_language(tier.name_zh, tier.name_en),
            discount_text(tier.discount_bp),
            f"{format_fixed(tier.points_multiplier_bp, MULTIPLIER_DIGITS)}×",
            self._money(tier.annual_fee),
            self._money(tier.qualify_spend),
            self._in_language("、", ", ").join(excluded) or DASH,
            self._in_language(tier.birthday_benefit_zh, tier.birthday_benefit_en) or DASH,
        ]

    def _offer_cells(self, offer: OfferSpec) -> list[str]:
        windowed = offer.kind in (OfferKind.EARLY, OfferKind.GRACE)
        free = offer.kind is OfferKind.FREE_BY_SPEND
        return [
            offer.code,
            kind_text(offer.kind),
            self._money(0 if free else offer.fee),
            self.tr("%1 days").replace("%1", str(offer.window_days)) if windowed else DASH,
            self._money(offer.min_spend) if free else DASH,
            _day(offer.valid_from),
            _day(offer.valid_until),
            self.tr("Yes") if offer.active else self.tr("No"),
        ]

    def _targeted_cells(self) -> OfferCells:
        tiers = list(self._tiers.values())
        return OfferCells(self._currency, self._language, self._categories, self._items, tiers)

    def _top_up_cells(self, rule: TopUpRuleSpec) -> list[str]:
        return [
            self._money(rule.minimum),
            self._money(rule.bonus),
            self.tr("Yes") if rule.active else self.tr("No"),
        ]

    def _open(self, form: RuleForm, select: Callable[[Any], int | None]) -> None:
        self.message.setText("")
        form.jobs = self._jobs
        if form.exec() == QDialog.DialogCode.Accepted:
            self.reload(select(form.saved))
            self.rules_changed.emit()

    def _edit_tier(self, tier_id: int | None) -> None:
        tier = self._tiers.get(tier_id) if tier_id is not None else None
        form = TierForm(
            lambda spec: self._service.save_tier(spec, self._staff),
            tier,
            self._categories,
            self._currency,
            self._language,
            self,
        )
        self._open(form, lambda saved: saved.tier_id)

    def _edit_offer(self, offer_id: int | None) -> None:
        offer = self._offers.get(offer_id) if offer_id is not None else None
        form = OfferForm(
            lambda spec: self._service.save_offer(spec, self._staff), offer, self._currency, self
        )
        self._open(form, lambda saved: saved.offer_id)

    def _edit_top_up(self, rule_id: int | None) -> None:
        rule = self._top_ups.get(rule_id) if rule_id is not None else None
        form = TopUpRuleForm(
            lambda spec: self._service.save_top_up_rule(spec, self._staff),
            rule,
            self._currency,
            self,
        )
        self._open(form, lambda saved: saved.rule_id)

    def _edit_targeted(self, offer_id: int | None) -> None:
        spec = self._targeted.get(offer_id) if offer_id is not None else None
        form = TargetedOfferForm(
            lambda edited: self._service.save_targeted_offer(edited, self._staff),
            spec,
            (self._categories, self._items, list(self._tiers.values())),
            self._currency,
            self._language,
            self,
            start_campaign=self._start_campaign if self._campaigns is not None else None,
        )
        self.note.setText("")
        self._open(form, lambda saved: saved.offer_id)
        started, note = form.campaign_note
        (self.note if started else self.message).setText(note)

    def _start_campaign(self, code: str, holdout_bp: int) -> tuple[bool, str]:
        """A new offer's campaign (off the GUI thread, after its save): whether it started,
        and what happened in one sentence."""
        assert self._campaigns is not None
        try:
            return True, started_text(self._campaigns.start(code, holdout_bp, staff=self._staff))
        except CampaignRefused as refused:
            text = self.tr(
                "The offer is saved, but its campaign did not start: %1 "
                "Start it from the Campaigns tab."
            )
            return False, text.replace("%1", refusal_text(refused.kind))

    def _deactivate_targeted(self, offer_id: int) -> None:
        self._act(
            lambda: self._service.deactivate_targeted_offer(TargetedOfferId(offer_id), self._staff),
            offer_id,
        )

    def _add_holiday(self) -> None:
        holiday = self.holidays_tab.new_holiday()

        def added() -> None:
            self.holidays_tab.fill_holidays(self._holidays, holiday.day)
            self.holidays_tab.holiday_added()

        self._act(lambda: self._service.add_holiday(holiday, self._staff), None, added)

    def _remove_holiday(self) -> None:
        day = self.holidays_tab.selected_day()
        if day is not None:
            self._act(lambda: self._service.remove_holiday(day, self._staff), None)

    def _save_stacking(self) -> None:
        try:
            stacking = self.holidays_tab.stacking()
        except InputProblem as problem:
            self.message.setText(str(problem))
            return
        self._act(lambda: self._service.save_offer_stacking(stacking, self._staff), None)

    def _delete_tier(self, tier_id: int) -> None:
        tier = self._tiers[tier_id]
        question = self.tr("Delete the tier %1? This cannot be undone.")
        answer = QMessageBox.question(
            self, self.tr("Delete tier"), question.replace("%1", tier.code)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._act(lambda: self._service.delete_tier(TierId(tier_id), self._staff), None)

    def _deactivate_offer(self, offer_id: int) -> None:
        self._act(lambda: self._service.deactivate_offer(OfferId(offer_id), self._staff), offer_id)

    def _deactivate_top_up(self, rule_id: int) -> None:
        self._act(
            lambda: self._service.deactivate_top_up_rule(TopUpRuleId(rule_id), self._staff), rule_id
        )

    def _act(
        self,
        action: Callable[[], object],
        select: int | None,
        then: Callable[[], None] = lambda: None,
    ) -> None:
        """Run a change off the GUI thread, then read the rules again and call ``then``;
        a refusal or failure is said on the message line and nothing else happens."""
        if self._acting:
            return
        self._acting = True
        self.tabs.setEnabled(False)
        self._jobs.run(self, action, lambda _done: self._acted(select, then), self._not_acted)

    def _acted(self, select: int | None, then: Callable[[], None]) -> None:
        self._acting = False
        self.message.setText("")
        self.reload(select, then)
        self.rules_changed.emit()

    def _not_acted(self, error: Exception) -> None:
        self._acting = False
        self.tabs.setEnabled(True)
        if isinstance(error, TillError):
            self.message.setText(describe_error(error))
        else:
            self.message.setText(headline(error))


def _day(day: date | None) -> str:
    return day.isoformat() if day else DASH
