"""The draft the simulator replays, edited with the loyalty editor's own forms: tiers,
renewal offers and top-up bonuses here; everything else through the draft file (import
and export, the format of ``pos rules export``). Nothing here touches the live rules."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout, QWidget

from app.domain.loyalty_admin import OfferSpec, TierSpec, format_fixed
from app.domain.menu import MenuCategory
from app.domain.money import Currency, format_money
from app.domain.renewal import OfferKind
from app.errors import TillError
from app.whatif.draft import DraftRules
from app.whatif.draft_edit import DraftEditor
from ui.errors import describe_error
from ui.manager.loyalty_rule_forms import (
    MULTIPLIER_DIGITS,
    OfferForm,
    RuleForm,
    TierForm,
    TopUpRuleForm,
    discount_text,
    kind_text,
)
from ui.manager.rules_tab import RulesTab
from ui.widgets import error_label

DASH = "—"


class DraftPanel(QWidget):
    """Signals:
    draft_changed(): the draft was edited, imported or reset; results shown are stale.
    """

    draft_changed = Signal()

    def __init__(
        self,
        categories: Sequence[MenuCategory],
        currency: Currency,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfDraft")
        self._categories, self._currency, self._language = list(categories), currency, language
        self.editor = DraftEditor(DraftRules())
        add, edit = self.tr("Add…"), self.tr("Edit…")
        self.tiers = RulesTab(
            "draftTiersTable",
            ("addDraftTierButton", "editDraftTierButton", "deleteDraftTierButton"),
            [self.tr("Rank"), self.tr("Code"), self.tr("Name"), self.tr("Discount"),
             self.tr("Points"), self.tr("Annual fee"), self.tr("Qualifying spend")],
            (add, edit, self.tr("Remove")),
        )  # fmt: skip
        self.top_ups = RulesTab(
            "draftTopUpTable",
            ("addDraftTopUpButton", "editDraftTopUpButton", "removeDraftTopUpButton"),
            [self.tr("Top up at least"), self.tr("Bonus")],
            (add, edit, self.tr("Remove")),
        )
        self.offers = RulesTab(
            "draftOffersTable",
            ("addDraftOfferButton", "editDraftOfferButton", "removeDraftOfferButton"),
            [self.tr("Code"), self.tr("Kind"), self.tr("Fee"), self.tr("Window"),
             self.tr("Spend for free renewal"), self.tr("Valid from"), self.tr("Valid until")],
            (add, edit, self.tr("Remove")),
        )  # fmt: skip
        self.source = QLabel(objectName="draftSource")
        self.source.setWordWrap(True)
        self.message = error_label("draftMessage")
        tabs = QTabWidget(objectName="draftTabs")
        tabs.addTab(self.tiers, self.tr("Tiers"))
        tabs.addTab(self.offers, self.tr("Renewal offers"))
        tabs.addTab(self.top_ups, self.tr("Top-up bonuses"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.message)
        self.tiers.add_requested.connect(lambda: self._edit_tier(None))
        self.tiers.edit_requested.connect(self._edit_tier)
        self.tiers.remove_requested.connect(self._remove_tier)
        self.top_ups.add_requested.connect(lambda: self._edit_top_up(None))
        self.top_ups.edit_requested.connect(self._edit_top_up)
        self.top_ups.remove_requested.connect(self._remove_top_up)
        self.offers.add_requested.connect(lambda: self._edit_offer(None))
        self.offers.edit_requested.connect(self._edit_offer)
        self.offers.remove_requested.connect(self._remove_offer)

    @property
    def draft(self) -> DraftRules:
        return self.editor.draft

    def set_draft(self, draft: DraftRules, source: str) -> None:
        """Show ``draft``; ``source`` says where it came from (the live rules, a file)."""
        self.editor = DraftEditor(draft)
        self.source.setText(source)
        self.message.setText("")
        self._fill()
        self.draft_changed.emit()

    def _fill(
        self, tier: int | None = None, top_up: int | None = None, offer: int | None = None
    ) -> None:
        self.tiers.fill([(s.tier_id or 0, True, self._tier_cells(s))
                         for s in self.editor.tier_specs()], tier)  # fmt: skip
        money = self._money
        self.top_ups.fill(
            [(s.rule_id or 0, True, [money(s.minimum), money(s.bonus)])
             for s in self.editor.top_up_specs()], top_up,
        )  # fmt: skip
        self.offers.fill(
            [(s.offer_id or 0, True, self._offer_cells(s)) for s in self.editor.offer_specs()],
            offer,
        )

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _tier_cells(self, tier: TierSpec) -> list[str]:
        return [
            str(tier.rank), tier.code, tier.name_zh if self._language == "zh" else tier.name_en,
            discount_text(tier.discount_bp),
            f"{format_fixed(tier.points_multiplier_bp, MULTIPLIER_DIGITS)}×",
            self._money(tier.annual_fee), self._money(tier.qualify_spend),
        ]  # fmt: skip

    def _offer_cells(self, offer: OfferSpec) -> list[str]:
        windowed = offer.kind in (OfferKind.EARLY, OfferKind.GRACE)
        free = offer.kind is OfferKind.FREE_BY_SPEND
        return [
            offer.code, kind_text(offer.kind), self._money(0 if free else offer.fee),
            self.tr("%1 days").replace("%1", str(offer.window_days)) if windowed else DASH,
            self._money(offer.min_spend) if free else DASH,
            offer.valid_from.isoformat() if offer.valid_from else DASH,
            offer.valid_until.isoformat() if offer.valid_until else DASH,
        ]  # fmt: skip

    def _edit_offer(self, place: int | None) -> None:
        specs = {spec.offer_id: spec for spec in self.editor.offer_specs()}
        offer = specs.get(place) if place is not None else None
        self._open(OfferForm(self.editor.save_offer, offer, self._currency, self), "offer")

    def _remove_offer(self, place: int) -> None:
        self.editor.remove_offer(place)
        self._fill()
        self.draft_changed.emit()

    def _edit_tier(self, place: int | None) -> None:
        specs = {spec.tier_id: spec for spec in self.editor.tier_specs()}
        tier = specs.get(place) if place is not None else None
        form = TierForm(self.editor.save_tier, tier, self._categories, self._currency,
                        self._language, self)  # fmt: skip
        self._open(form, "tier")

    def _edit_top_up(self, place: int | None) -> None:
        specs = {spec.rule_id: spec for spec in self.editor.top_up_specs()}
        rule = specs.get(place) if place is not None else None
        self._open(TopUpRuleForm(self.editor.save_top_up, rule, self._currency, self), "top_up")

    def _open(self, form: RuleForm, kind: str) -> None:
        self.message.setText("")
        form.setModal(True)
        accepted = form.exec() == QDialog.DialogCode.Accepted
        form.deleteLater()  # on the GUI thread, not by a collection wherever it runs
        if accepted:
            saved = form.saved
            self._fill(
                tier=saved.tier_id if kind == "tier" else None,
                top_up=saved.rule_id if kind == "top_up" else None,
                offer=saved.offer_id if kind == "offer" else None,
            )
            self.draft_changed.emit()

    def _remove_tier(self, place: int) -> None:
        try:
            self.editor.delete_tier(place)
        except TillError as error:
            self.message.setText(describe_error(error))
            return
        self._fill()
        self.draft_changed.emit()

    def _remove_top_up(self, place: int) -> None:
        self.editor.remove_top_up(place)
        self._fill()
        self.draft_changed.emit()
