"""Targeted offers in words for the manager's table: what each gives, when and to whom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time

from PySide6.QtCore import QObject

from app.domain.loyalty_admin import TierSpec
from app.domain.menu import MenuCategory, MenuItem
from app.domain.money import Currency, format_money
from app.domain.offer_admin import TargetedOfferSpec
from app.domain.offers import BenefitKind, Conditions, HolidayRule, Offer
from app.domain.service_type import ServiceType
from ui.cashier.offer_text import WEEKDAYS_EN, WEEKDAYS_ZH
from ui.manager.loyalty_rule_forms import discount_text
from ui.segment_names import SegmentNames

DASH = "—"
LINES = "\n"  # the parts of one cell, each on its own line to keep the columns narrow
RUN = 3  # three or more days in a row read as a range: Mon–Fri


class OfferCells(QObject):
    """Turns a ``TargetedOfferSpec`` into the texts of one table row, in the UI language."""

    def __init__(
        self,
        currency: Currency,
        language: str,
        categories: Sequence[MenuCategory],
        items: Sequence[MenuItem],
        tiers: Sequence[TierSpec],
    ) -> None:
        super().__init__()
        self._currency, self._language = currency, language
        zh = language == "zh"
        self._categories = {c.category_id: c.name_zh if zh else c.name_en for c in categories}
        self._items = {i.item_id: i.name_zh if zh else i.name_en for i in items}
        self._tiers = {t.code: t.name_zh if zh else t.name_en for t in tiers}
        self._tier_order = {t.code: t.rank for t in tiers}
        self._segments = SegmentNames(self)

    def headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Gives"),
            self.tr("When"),
            self.tr("Table"),
            self.tr("Covers"),
            self.tr("For"),
            self.tr("Minimum\nspend"),
            self.tr("Uses per\nmember"),
            self.tr("Valid"),
            self.tr("Coupon\nonly"),
            self.tr("Active"),
        ]

    def cells(self, spec: TargetedOfferSpec) -> list[str]:
        offer, rule = spec.offer, spec.offer.conditions
        return [
            offer.code,
            offer.name_zh if self._language == "zh" else offer.name_en,
            self.benefit(offer),
            self.when(rule),
            self.table(rule),
            self.covers(rule),
            self.audience(rule),
            self._money(rule.min_spend) if rule.min_spend else DASH,
            str(rule.uses_per_member) if rule.uses_per_member is not None else DASH,
            self.validity(rule.valid_from, rule.valid_until),
            self._yes_no(offer.coupon_only),
            self._yes_no(spec.active),
        ]

    def benefit(self, offer: Offer) -> str:
        if offer.kind is BenefitKind.PERCENT_OFF:
            return discount_text(offer.value)
        return self.tr("%1 off").replace("%1", self._money(offer.value))

    def when(self, rule: Conditions) -> str:
        """Days, time of day and holidays, a line each; or ``Any time``."""
        parts = [self.weekdays(rule.weekdays), self.daypart(rule.starts_at, rule.ends_at)]
        if rule.holidays is HolidayRule.NOT_ON_HOLIDAYS:
            parts.append(self.tr("not on public holidays"))
        elif rule.holidays is HolidayRule.HOLIDAYS_ONLY:
            parts.append(self.tr("public holidays only"))
        return LINES.join(p for p in parts if p) or self.tr("Any time")

    def weekdays(self, days: frozenset[int]) -> str:
        """``""`` for every day; runs of three or more days as a range."""
        if not days or len(days) == len(WEEKDAYS_EN):
            return ""
        names = WEEKDAYS_ZH if self._language == "zh" else WEEKDAYS_EN
        runs: list[list[int]] = []
        for day in sorted(days):
            if runs and runs[-1][-1] == day - 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        texts: list[str] = []
        for run in runs:
            if len(run) >= RUN:
                texts.append(f"{names[run[0]]}–{names[run[-1]]}")
            else:
                texts.extend(names[day] for day in run)
        return self._joined(texts)

    def daypart(self, start: time | None, end: time | None) -> str:
        if start is None and end is None:
            return ""
        if start is None:
            return self.tr("until %1").replace("%1", _clock(end))
        if end is None:
            return self.tr("from %1").replace("%1", _clock(start))
        text = f"{_clock(start)}–{_clock(end)}"
        return text if start < end else self.tr("%1 (next day)").replace("%1", text)

    def table(self, rule: Conditions) -> str:
        """The party size and the service, a line each."""
        parts: list[str] = []
        if rule.min_party_size > 1:
            parts.append(self.tr("%1+ guests").replace("%1", str(rule.min_party_size)))
        if len(rule.service_types) == 1:
            [service] = rule.service_types
            parts.append(
                self.tr("dine-in") if service is ServiceType.DINE_IN else self.tr("takeaway")
            )
        return LINES.join(parts) or DASH

    def covers(self, rule: Conditions) -> str:
        names = [name for key, name in self._categories.items() if key in rule.categories]
        names += [name for key, name in self._items.items() if key in rule.items]
        missing = len(rule.categories) + len(rule.items) - len(names)
        names += ["?"] * missing  # named by the offer but no longer on the menu
        return self._joined(names) or self.tr("All items")

    def audience(self, rule: Conditions) -> str:
        """Who: everyone, members, some tiers; and the segments."""
        if rule.tiers:
            codes = sorted(rule.tiers, key=lambda code: self._tier_order.get(code, 0))
            who = self._joined(self._tiers.get(code, code) for code in codes)
        elif rule.members_only:
            who = self.tr("Members")
        else:
            who = self.tr("Everyone")
        if rule.segments:
            segments = self._joined(self._segments.sorted_names(rule.segments))
            who += LINES + self.tr("segment %1").replace("%1", segments)
        return who

    def validity(self, first: date | None, last: date | None) -> str:
        if first and last:
            return f"{first.isoformat()} –{LINES}{last.isoformat()}"
        if first:
            return self.tr("from %1").replace("%1", first.isoformat())
        if last:
            return self.tr("until %1").replace("%1", last.isoformat())
        return DASH

    def _yes_no(self, value: bool) -> str:
        return self.tr("Yes") if value else self.tr("No")

    def _joined(self, texts: Iterable[str]) -> str:
        return ("、" if self._language == "zh" else ", ").join(texts)

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)


def _clock(moment: time | None) -> str:
    return moment.strftime("%H:%M") if moment else ""
