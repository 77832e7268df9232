"""Words printed on receipts, in Simplified Chinese and English (app/ has no Qt)."""

from __future__ import annotations

from typing import Literal

Language = Literal["zh", "en"]

_TEXT: dict[str, dict[Language, str]] = {
    "order": {"zh": "单号", "en": "Order"},
    "time": {"zh": "时间", "en": "Time"},
    "till": {"zh": "收银台", "en": "Till"},
    "offline": {"zh": "离线", "en": "offline"},
    "cashier": {"zh": "收银员", "en": "Cashier"},
    "table": {"zh": "桌号", "en": "Table"},
    "guests": {"zh": "人数", "en": "Guests"},
    "takeaway": {"zh": "外带", "en": "Takeaway"},
    "service": {"zh": "就餐方式", "en": "Service"},
    "dine_in": {"zh": "堂食", "en": "Dine-in"},
    "subtotal": {"zh": "小计", "en": "Subtotal"},
    "discount": {"zh": "会员优惠", "en": "Member discount"},
    "manual_discount": {"zh": "店内折让", "en": "Staff discount"},
    "total": {"zh": "应付", "en": "Total"},
    "cash": {"zh": "现金", "en": "Cash"},
    "card_terminal": {"zh": "刷卡", "en": "Card"},
    "change": {"zh": "找零", "en": "Change"},
    "member": {"zh": "会员号", "en": "Member"},
    "phone": {"zh": "手机", "en": "Phone"},
    "tier": {"zh": "等级", "en": "Tier"},
    "points_earned": {"zh": "本次积分", "en": "Points earned"},
    "points_balance": {"zh": "积分余额", "en": "Points balance"},
    "stored_value_balance": {"zh": "储值余额", "en": "Stored value"},
    "expires": {"zh": "会员有效期至", "en": "Membership valid until"},
    "expired": {"zh": "会员已过期", "en": "Membership expired"},
    "excluded": {"zh": "不参与折扣", "en": "no discount on this category"},
    "thanks": {"zh": "谢谢光临，欢迎再来！", "en": "Thank you, see you again!"},
    "reference": {"zh": "参考号", "en": "Ref"},
    "stored_value": {"zh": "储值支付", "en": "Stored value"},
    "points": {"zh": "积分抵扣", "en": "Points"},
    "points_used": {"zh": "{points} 积分", "en": "{points} points"},
    "of_which_bonus": {"zh": "其中赠送金额", "en": "of which bonus"},
    "renewal": {"zh": "会员续费", "en": "Membership renewal"},
    "renewal_detail": {"zh": "有效期至 {date}", "en": "valid until {date}"},
    "upgrade": {"zh": "升级至{tier}", "en": "Upgrade to {tier}"},
    "upgrade_detail": {"zh": "年费差价", "en": "annual fee difference"},
    "top_up": {"zh": "储值充值", "en": "Stored-value top-up"},
    "top_up_bonus": {"zh": "赠送 {bonus}", "en": "bonus {bonus}"},
    "due": {"zh": "实付", "en": "To pay"},
    "upgraded": {"zh": "恭喜升级为 {tier}！", "en": "Congratulations: you are now {tier}!"},
    "refund_title": {"zh": "退款单", "en": "REFUND"},
    "refund_of": {"zh": "原单号", "en": "Refund of"},
    "approved_by": {"zh": "批准人", "en": "Approved by"},
    "money_back": {"zh": "退还", "en": "Paid back"},
    "stored_value_back": {"zh": "退回储值", "en": "Back to stored value"},
    "points_change": {"zh": "积分变动", "en": "Points"},
    "stored_value_change": {"zh": "储值变动", "en": "Stored value"},
    "expiry_restored": {"zh": "会员有效期恢复为", "en": "Membership back to"},
    "renew_soon": {
        "zh": "会员将于 {date} 到期，续费可继续享受会员优惠。",
        "en": "Your membership ends on {date}: renew to keep your benefits.",
    },
    "renew_lapsed": {
        "zh": "会员已于 {date} 到期，续费即可恢复会员优惠。",
        "en": "Your membership ended on {date}: renew to get your benefits back.",
    },
    "allergy_note": {
        "zh": "过敏提醒：含{allergens}，会员过敏",
        "en": "ALLERGY: contains {allergens}, member allergic",
    },
    "allergen_peanut": {"zh": "花生", "en": "peanut"},
    "allergen_tree_nuts": {"zh": "坚果", "en": "tree nuts"},
    "allergen_shellfish": {"zh": "贝类", "en": "shellfish"},
    "allergen_fish": {"zh": "鱼", "en": "fish"},
    "allergen_egg": {"zh": "蛋", "en": "egg"},
    "allergen_milk": {"zh": "奶", "en": "milk"},
    "allergen_soy": {"zh": "大豆", "en": "soy"},
    "allergen_wheat_gluten": {"zh": "麸质", "en": "wheat/gluten"},
    "allergen_sesame": {"zh": "芝麻", "en": "sesame"},
}


def text(key: str, language: Language) -> str:
    return _TEXT[key][language]
