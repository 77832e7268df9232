"""“Why this price”: which rule gave which discount on which line, and what comes next."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QTextBrowser, QVBoxLayout, QWidget

from app.domain.bill import Bill
from app.domain.loyalty import LoyaltyRules
from app.domain.manual_discount import AppliedManualDiscount, DiscountKind
from app.domain.members import MemberSummary
from app.domain.money import Currency, discount_label_percent, discount_label_zhe, format_money
from app.domain.pricing import DiscountRule, PricedLine
from app.services.member_outlook import MemberOutlook
from ui.cashier.offer_text import OfferText
from ui.cashier.reason_text import reason_text
from ui.widgets import confirm_buttons


class WhyPriceDialog(QDialog):
    def __init__(
        self,
        bill: Bill,
        member: MemberSummary | None,
        outlook: MemberOutlook | None,
        rules: LoyaltyRules,
        savings_as_member: int,
        currency: Currency,
        language: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("whyPriceDialog")
        self.setWindowTitle(self.tr("Why this price"))
        self.resize(640, 520)
        self._currency, self._language, self._member = currency, language, member
        self.text = QTextBrowser(objectName="whyPriceText")
        self.text.setPlainText("\n".join(self._explain(bill, outlook, rules, savings_as_member)))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("How this order was priced")))
        layout.addWidget(self.text, 1)
        buttons = confirm_buttons(self, "closeWhyButton", self.accept, self.tr("Close"))
        layout.addWidget(buttons)

    def _money(self, amount: int) -> str:
        return format_money(amount, self._currency)

    def _rate(self, basis_points: int) -> str:
        if self._language == "zh":
            return discount_label_zhe(basis_points)
        return discount_label_percent(basis_points)

    def _explain(
        self,
        bill: Bill,
        outlook: MemberOutlook | None,
        rules: LoyaltyRules,
        savings_as_member: int,
    ) -> list[str]:
        money, priced = self._money, bill.priced
        lines = [self._line(line) for line in priced.lines]
        if priced.discount:
            lines.append(
                self.tr("Member discount in all: %1").replace("%1", money(priced.discount))
            )
        lines += OfferText(self._currency, self._language).explain(bill.offers)
        lines += [self._manual(applied) for applied in bill.manual]
        if bill.points_redeemed:
            share = rules.points.max_share_bp // 100
            text = self.tr("%1 points pay %2 (at most %3% of the food, at least %4 points).")
            lines.append(
                text.replace("%1", f"{bill.points_redeemed:,}")
                .replace("%2", money(bill.points_value))
                .replace("%3", str(share))
                .replace("%4", str(rules.points.min_redeem))
            )
        if bill.renewal is not None:
            text = self.tr("Renewal (%1): %2, new term until %3.")
            lines.append(
                text.replace("%1", bill.renewal.offer.code)
                .replace("%2", money(bill.renewal.fee))
                .replace("%3", bill.renewal.new_expiry.isoformat())
            )
        if bill.upgrade is not None:
            tier = bill.upgrade.tier
            name = tier.name_zh if self._language == "zh" else tier.name_en
            text = self.tr(
                "Upgrade to %1: %2, the difference in annual fees; its discount applies."
            )
            lines.append(text.replace("%1", name).replace("%2", money(bill.upgrade.fee)))
        if bill.top_up is not None:
            text = self.tr("Top-up %1 earns a bonus of %2 (the best top-up rule reached).")
            lines.append(
                text.replace("%1", money(bill.top_up.amount)).replace(
                    "%2", money(bill.top_up.bonus)
                )
            )
        earned = bill.points_earned(0)
        if earned:
            text = self.tr("Points to earn: %1 (on %2 paid for food, before stored-value bonus).")
            lines.append(text.replace("%1", f"{earned:,}").replace("%2", money(bill.earn_base(0))))
        if outlook is not None and outlook.next_tier is not None:
            tier = outlook.next_tier
            name = tier.name_zh if self._language == "zh" else tier.name_en
            text = self.tr("Spend %1 more for %2.").replace("%2", name)
            lines.append(text.replace("%1", money(outlook.missing_for_next_tier)))
        if self._member is None and savings_as_member:
            text = self.tr("As a member this order would save %1.")
            lines.append(text.replace("%1", money(savings_as_member)))
        lines.append(self.tr("To pay: %1").replace("%1", money(bill.due)))
        return lines

    def _line(self, line: PricedLine) -> str:
        text = self._tier_rule(line)
        if line.offer_discount:
            offers = self.tr("; offers −%1").replace("%1", self._money(line.offer_discount))
            text += offers
        if line.manual_discount:
            staff = self.tr("; staff discount −%1").replace("%1", self._money(line.manual_discount))
            text += staff
        return text

    def _manual(self, applied: AppliedManualDiscount) -> str:
        discount = applied.discount
        request = discount.request
        if request.kind is DiscountKind.PERCENT:
            given = discount_label_percent(request.value)
        else:
            given = self.tr("%1 off").replace("%1", self._money(request.value))
        text = self.tr("Staff discount %1 (%2), approved by %3 up to %4: −%5")
        return (
            text.replace("%1", given)
            .replace("%2", reason_text(request.reason))
            .replace("%3", discount.approver_name)
            .replace("%4", self._money(discount.limit))
            .replace("%5", self._money(applied.amount))
        )

    def _tier_rule(self, line: PricedLine) -> str:
        name = line.item.name_zh if self._language == "zh" else line.item.name_en
        head = f"{name} ×{line.quantity}  {self._money(line.gross)}: "
        tier = self._member.tier if self._member else None
        tier_name = (tier.name_zh if self._language == "zh" else tier.name_en) if tier else ""
        if line.rule is DiscountRule.TIER:
            text = self.tr("%1 tier discount %2, −%3")
            return head + text.replace("%1", tier_name).replace(
                "%2", self._rate(line.discount_bp)
            ).replace("%3", self._money(line.discount))
        if line.rule is DiscountRule.CATEGORY_EXCLUDED:
            return head + self.tr("no discount: %1 excludes this category").replace("%1", tier_name)
        if line.rule is DiscountRule.MEMBERSHIP_EXPIRED:
            return head + self.tr("no discount: the membership has expired (renew to restore it)")
        if line.rule is DiscountRule.REPLACED_BY_OFFER:
            return head + self.tr("no tier discount: an offer saves more (exclusive policy)")
        if line.rule is DiscountRule.TIER_HAS_NO_DISCOUNT:
            return head + self.tr("no discount: %1 has no discount").replace("%1", tier_name)
        return head + self.tr("no discount: guest (not a member)")
