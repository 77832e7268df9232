"""Words in the reports, in Simplified Chinese and English (app/ has no Qt)."""

from __future__ import annotations

from app.exports.model import Language

_TEXT: dict[str, dict[Language, str]] = {
    # parameters
    "day": {"zh": "营业日", "en": "Business day"},
    "till": {"zh": "收银台", "en": "Till"},
    "as_of": {"zh": "统计日", "en": "As of"},
    "group": {"zh": "分组", "en": "Group"},
    "new_days": {"zh": "新会员天数", "en": "New within days"},
    "expiring_months": {"zh": "到期月数", "en": "Expiring within months"},
    "lapsed_within_days": {"zh": "过期天数内（0=全部）", "en": "Lapsed within days (0 = all)"},
    "consented_only": {"zh": "仅同意营销者", "en": "Marketing consent only"},
    # tenure
    "tenure_title": {"zh": "会员周期报表", "en": "Membership tenure"},
    "all": {"zh": "全部", "en": "All"},
    "new": {"zh": "新会员", "en": "New"},
    "expiring": {"zh": "即将到期", "en": "Expiring"},
    "lapsed": {"zh": "已过期", "en": "Lapsed"},
    "member_no": {"zh": "会员号", "en": "Member no"},
    "name": {"zh": "姓名", "en": "Name"},
    "phone": {"zh": "手机", "en": "Phone"},
    "tier": {"zh": "等级", "en": "Tier"},
    "joined": {"zh": "入会日", "en": "Joined"},
    "expires": {"zh": "到期日", "en": "Expires"},
    "last_visit": {"zh": "最近到店", "en": "Last visit"},
    "spend": {"zh": "累计消费", "en": "Spend"},
    "consent": {"zh": "营销同意", "en": "Consent"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "action": {"zh": "建议行动", "en": "Suggested action"},
    "introduce_benefits": {"zh": "介绍会员权益（{tier}）", "en": "Introduce the benefits ({tier})"},
    "renew_free": {"zh": "已达消费门槛，可免费续费", "en": "Spend reached: renews free"},
    "spend_to_renew_free": {
        "zh": "再消费 {missing} 即可免费续费",
        "en": "Spend {missing} more to renew free",
    },
    "or_renew_now": {"zh": "，或现在续费 {fee}", "en": ", or renew now at {fee}"},
    "renew_early": {"zh": "提前续费优惠 {fee}", "en": "Early renewal offer {fee}"},
    "early_opens": {
        "zh": "{day} 起可享提前续费 {fee}",
        "en": "Early renewal at {fee} from {day}",
    },
    "renew_grace": {
        "zh": "宽限期续费 {fee}（至 {until}）",
        "en": "Grace renewal at {fee} (until {until})",
    },
    "win_back": {"zh": "回归优惠：续费 {fee}", "en": "Win-back offer: renew at {fee}"},
    "remind": {"zh": "提醒会员续费", "en": "Remind about renewal"},
    # end of day
    "eod_title": {"zh": "日结报表（Z）", "en": "End of day (Z report)"},
    "all_tills": {"zh": "全部收银台", "en": "all tills"},
    "summary": {"zh": "销售汇总", "en": "Sales"},
    "item": {"zh": "项目", "en": "Item"},
    "count": {"zh": "笔数", "en": "Count"},
    "amount": {"zh": "金额", "en": "Amount"},
    "orders": {"zh": "订单数", "en": "Orders"},
    "guests": {"zh": "人数", "en": "Guests"},
    "subtotal": {"zh": "菜品小计", "en": "Subtotal"},
    "tier_discount": {"zh": "会员折扣", "en": "Tier discounts"},
    "offer_discount": {"zh": "优惠活动", "en": "Offers"},
    "manual_discount": {"zh": "店内折让", "en": "Manual discounts"},
    "net_sales": {"zh": "菜品净额", "en": "Net food sales"},
    "points_value": {"zh": "积分抵扣", "en": "Points redeemed (value)"},
    "renewals": {"zh": "会员续费", "en": "Renewals"},
    "upgrades": {"zh": "等级升级", "en": "Upgrades"},
    "top_ups": {"zh": "储值充值", "en": "Top-ups"},
    "due": {"zh": "应收合计", "en": "Taken by tenders"},
    "refunds": {"zh": "退款", "en": "Refunds"},
    "net_taken": {"zh": "净收", "en": "Net taken"},
    "by_tier": {"zh": "各等级折扣", "en": "Discounts by tier"},
    "non_member": {"zh": "非会员", "en": "Non-members"},
    "payments": {"zh": "支付方式", "en": "Payments by method"},
    "method": {"zh": "方式", "en": "Method"},
    "taken": {"zh": "收款", "en": "Taken"},
    "refunded": {"zh": "退款", "en": "Refunded"},
    "net": {"zh": "净额", "en": "Net"},
    "cash": {"zh": "现金", "en": "Cash"},
    "card_terminal": {"zh": "刷卡", "en": "Card"},
    "stored_value": {"zh": "储值支付", "en": "Stored value"},
    "points": {"zh": "积分抵扣", "en": "Points"},
    "stored_value_section": {"zh": "储值", "en": "Stored value"},
    "top_up_bonus": {"zh": "充值赠送", "en": "Top-up bonus given"},
    "liability_principal": {"zh": "日终储值余额（本金）", "en": "Liability at close: principal"},
    "liability_bonus": {"zh": "日终储值余额（赠送）", "en": "Liability at close: bonus"},
    "liability_note": {"zh": "余额为全部收银台合计", "en": "balances: all tills together"},
    "points_section": {"zh": "积分", "en": "Points"},
    "points_issued": {"zh": "发放积分", "en": "Points issued"},
    "points_redeemed": {"zh": "兑换积分", "en": "Points redeemed"},
    "points_reversed": {"zh": "退款冲回积分", "en": "Points reversed by refunds"},
    "renewals_section": {"zh": "会员续费明细", "en": "Renewals sold"},
    "order_no": {"zh": "单号", "en": "Order"},
    "kind": {"zh": "类型", "en": "Kind"},
    "offer": {"zh": "方案", "en": "Offer"},
    "fee": {"zh": "费用", "en": "Fee"},
    "new_expiry": {"zh": "新到期日", "en": "New expiry"},
    "later_refunded": {"zh": "（已退款）", "en": " (refunded)"},
    "voids_section": {"zh": "作废订单", "en": "Voids"},
    "time": {"zh": "时间", "en": "Time"},
    "staff": {"zh": "员工", "en": "Staff"},
    "subject": {"zh": "对象", "en": "Subject"},
    "refunds_section": {"zh": "退款明细", "en": "Refunds"},
    "reason": {"zh": "原因", "en": "Reason"},
    "approver": {"zh": "批准人", "en": "Approved by"},
    "kind_early": {"zh": "提前续费", "en": "early"},
    "kind_grace": {"zh": "宽限期续费", "en": "grace"},
    "kind_win_back": {"zh": "回归续费", "en": "win-back"},
    "kind_free_by_spend": {"zh": "消费免费续费", "en": "free by spend"},
    "guest": {"zh": "散客", "en": "guest"},
    "z_generated": {"zh": "打印时间", "en": "Printed"},
    # refund reasons (app.domain.approvals.ReasonCode)
    "reason_wrong_items": {"zh": "上错菜", "en": "wrong items"},
    "reason_guest_complaint": {"zh": "客人投诉", "en": "guest complaint"},
    "reason_duplicate_charge": {"zh": "重复收费", "en": "duplicate charge"},
    "reason_guest_changed_mind": {"zh": "客人改变主意", "en": "guest changed mind"},
    "reason_correction": {"zh": "更正", "en": "correction"},
    "reason_goodwill": {"zh": "善意补偿", "en": "goodwill"},
    "reason_other": {"zh": "其他", "en": "other"},
}


def text(key: str, language: Language) -> str:
    return _TEXT[key][language]


def maybe_text(key: str, language: Language, fallback: str | None = None) -> str:
    """The word for ``key``, or ``fallback`` (``key`` itself) when there is none: a code
    added later (a new payment method) still shows, as its code."""
    if key in _TEXT:
        return _TEXT[key][language]
    return key if fallback is None else fallback
