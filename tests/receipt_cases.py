"""Receipts as real counters produce them, for the golden slips and their pictures.

Each case is a real checkout (and refund) on the fake unit of work, turned into a
``ReceiptDocument`` by ``app.receipts``: long shop names and addresses, dish names with
curly quotes, ``……``, ``·``, traditional and rare characters and emoji, a card
terminal's long reference, a stored-value refund and a top-up on its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date, datetime

from app.domain.approvals import ReasonCode
from app.domain.bill import build_bill
from app.domain.draft import OrderDraft
from app.domain.loyalty import LoyaltyRules
from app.domain.members import MemberId, MemberSummary
from app.domain.menu import CategoryId, ItemId, MenuItem
from app.domain.money import CNY
from app.domain.payment import PaymentMethod, Tender
from app.domain.renewal import OfferKind, RenewalOffer, renewal_quote
from app.domain.staff import Role, StaffId, StaffMember
from app.domain.stored_value import TopUpRule
from app.domain.tiers import Tier, TierId
from app.receipt_text import Language
from app.receipts import build_receipt, build_refund_slip
from app.services.checkout import CheckoutService
from app.services.checkout_types import CompletedOrder
from app.services.refunds import RefundPreview, RefundService
from app.unit_of_work import UnitOfWork
from hardware.printing.document import ReceiptDocument
from tests.fakes import FakeClock, FakeStore, FakeUnits, staff_accounts

NOW = datetime(2026, 11, 22, 12, 30)
FOOD, DRINK = CategoryId(1), CategoryId(2)
CASHIER = StaffMember(StaffId(1), "wangfang", "欧阳·娜娜", Role.CASHIER)
MANAGER = StaffMember(StaffId(2), "manager", "李经理", Role.MANAGER)
GOLD = Tier(TierId(2), "GOLD", 2, "金卡会员", "Gold", 1_000, frozenset({DRINK}), 20_000, 0)
MEMBER = MemberSummary(MemberId(7), "M0000007", "刘䶮", "13800138000", GOLD,
                       date(2025, 1, 1), date(2027, 1, 1), 0, 0, "", "")  # fmt: skip
EARLY = RenewalOffer("EARLY-99", OfferKind.EARLY, 9_900, window_days=60)

DISHES = (
    MenuItem(ItemId(1), "SET-01", "家庭套餐（四人份，含饮料和甜点）“周末限定”",
             "Family set for four with drinks and dessert (weekends only)", FOOD, 32_800),
    MenuItem(ItemId(2), "HOT-01", "宫保鸡丁", "Kung Pao Chicken", FOOD, 3_800),
    MenuItem(ItemId(3), "HOT-02", "燒味雙拼·叉燒油雞", "Slow-roasted BBQ pork & soy chicken",
             FOOD, 6_800),
    MenuItem(ItemId(4), "HOT-03", "𠮷祥辣子鸡🌶️……", "Chongqing chilli chicken 🌶️", FOOD, 5_800),
    MenuItem(ItemId(5), "DRK-01", "菊花茶", "Crème brûlée chrysanthemum tea", DRINK, 2_800),
)  # fmt: skip

SETTINGS = {
    "restaurant_name": "川味小馆·Sichuan Bistro 建国路旗舰店",
    "receipt_header": "北京市朝阳区建国路88号 SOHO现代城一层底商 Unit 1-05, "
    "88 Jianguo Road, Chaoyang District, Beijing\nTel 010-6588 1234",
    "restaurant_tax_line": "统一社会信用代码 91110105MA01ABCD2X",
    "receipt_footer": "谢谢光临！“凭小票七日内可开发票”…… Thank you for dining with us, "
    "see you again soon!",
}
TERMINAL_REFERENCE = "UNIONPAY-TXN-202611221230-00004711-AUTH-839201"

CASES = ("sale", "refund_cash", "refund_stored_value", "top_up")
LANGUAGES: tuple[Language, ...] = ("zh", "en")


class _NoSlips:
    def enqueue(self, uow: UnitOfWork, order: CompletedOrder, order_id: int) -> None:
        pass

    def enqueue_refund(
        self, uow: UnitOfWork, refund: RefundPreview, staff: StaffMember,
        approver: StaffMember, at: datetime,
    ) -> None:  # fmt: skip
        pass

    def notify(self) -> None:
        pass


class _Manager:
    def authorise(self, approval: object, permission: object) -> StaffMember:
        return MANAGER

    def require(self, staff: StaffMember, permission: object) -> None:
        pass


def _services() -> tuple[FakeUnits, CheckoutService, RefundService]:
    store = FakeStore(members={MEMBER.member_id: MEMBER}, tiers={GOLD.tier_id: GOLD},
                      staff=staff_accounts(CASHIER, MANAGER))  # fmt: skip
    store.stored_value.append({"member_id": 7, "principal": 50_000, "bonus": 5_000})
    store.rules = LoyaltyRules(renewal_offers=(EARLY,), top_up_rules=(TopUpRule(50_000, 5_000),))
    units = FakeUnits(store)
    clock = FakeClock(NOW)
    checkout = CheckoutService(units, clock, "T1", _NoSlips())
    refunds = RefundService(units, clock, "T1", _Manager(), _NoSlips())  # type: ignore[arg-type]
    return units, checkout, refunds


def _draft(*lines: tuple[MenuItem, int]) -> OrderDraft:
    draft = OrderDraft()
    for item, quantity in lines:
        draft.set_quantity(item, quantity)
    draft.set_member(MEMBER)
    draft.open_table("A12", 4)
    return draft


def _sale(language: Language) -> ReceiptDocument:
    units, checkout, _ = _services()
    draft = _draft(*((dish, 1) for dish in DISHES), (DISHES[1], 2))
    draft.renewal = renewal_quote(date(2027, 1, 1), NOW.date(), 0, (EARLY,))
    tender = Tender(PaymentMethod.CARD_TERMINAL, 0, TERMINAL_REFERENCE)
    order = checkout.check_out(draft, _exact(units, draft, tender), CASHIER)
    return build_receipt(order, SETTINGS, language, CNY)


def _exact(units: FakeUnits, draft: OrderDraft, tender: Tender) -> Tender:
    with units() as uow:
        due = build_bill(draft, uow.programme.rules(), NOW).due
    return Tender(tender.method, due, tender.reference)


def _refund(language: Language, method: PaymentMethod) -> ReceiptDocument:
    units, checkout, refunds = _services()
    draft = _draft((DISHES[1], 2), (DISHES[2], 1), (DISHES[3], 1))
    order = checkout.check_out(draft, _exact(units, draft, Tender(method, 0)), CASHIER)
    refund = refunds.refund(order.order_no, MANAGER, ReasonCode.WRONG_ITEMS, units={1: 1, 3: 1})
    return build_refund_slip(refund, CASHIER, MANAGER, NOW, "T1", SETTINGS, language, CNY)


def _top_up(language: Language) -> ReceiptDocument:
    _, checkout, _ = _services()
    draft = _draft()
    draft.top_up_amount = 50_000
    order = checkout.check_out(draft, Tender(PaymentMethod.CASH, 50_000), CASHIER)
    return build_receipt(order, SETTINGS, language, CNY)


BUILDERS: dict[str, Callable[[Language], ReceiptDocument]] = {
    "sale": _sale,
    "refund_cash": lambda language: _refund(language, PaymentMethod.CASH),
    "refund_stored_value": lambda language: _refund(language, PaymentMethod.STORED_VALUE),
    "top_up": _top_up,
}


@functools.cache
def document(case: str, language: Language) -> ReceiptDocument:
    return BUILDERS[case](language)
