"""A demo restaurant: menu, tiers, staff and N realistic members, generated deterministically.

Members are inserted with bulk ``executemany`` in batches, so a million-member database
for benchmarks builds in seconds rather than hours.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, sessionmaker

from app.demo_history import HISTORY_DAYS, seed_history
from app.demo_offers import record_offer_launch, seed_coupons, seed_offers
from app.domain.staff import StoredBadge, hash_pin
from app.setup.marker import DEMO_MARKER_KEY, DEMO_MARKER_VALUE
from db.ledgers import append_in_bulk
from db.models import (
    CardRow,
    MemberRow,
    MenuCategoryRow,
    MenuItemRow,
    RenewalOfferRow,
    SettingRow,
    StaffRow,
    StoreRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)
from db.stores import name_default_store

BATCH = 20_000

DEMO_MANAGER_BADGE = "6600000000009999"
"""The demo manager's staff card: swiping it approves like their PIN."""

DEMO_STAFF = (
    # username, display name, role, PIN, badge
    ("wangfang", "王芳", "cashier", "1111", None),
    ("manager", "李经理", "manager", "9999", DEMO_MANAGER_BADGE),
    ("zhaomin", "赵敏", "trainee", "2222", None),
)

_MENU: dict[tuple[str, str, str], list[tuple[str, str, int]]] = {
    ("HOT", "热菜", "Hot dishes"): [
        ("宫保鸡丁", "Kung Pao Chicken", 3800),
        ("麻婆豆腐", "Mapo Tofu", 2600),
        ("水煮鱼", "Sichuan Boiled Fish", 8800),
        ("回锅肉", "Twice-cooked Pork", 4250),
        ("鱼香肉丝", "Yu-Xiang Shredded Pork", 3450),
        ("干煸四季豆", "Dry-fried Green Beans", 2990),
    ],
    ("COLD", "凉菜", "Cold dishes"): [
        ("口水鸡", "Mouth-watering Chicken", 3200),
        ("夫妻肺片", "Fuqi Feipian", 3600),
        ("拍黄瓜", "Smashed Cucumber", 1500),
        ("皮蛋豆腐", "Century Egg Tofu", 1850),
    ],
    ("STAPLE", "主食", "Staples"): [
        ("米饭", "Steamed Rice", 300),
        ("担担面", "Dan Dan Noodles", 1800),
        ("蛋炒饭", "Egg Fried Rice", 1600),
        ("钟水饺", "Zhong Dumplings", 2100),
    ],
    ("DRINK", "饮品", "Drinks"): [
        ("酸梅汤", "Sour Plum Drink", 1200),
        ("可乐", "Cola", 800),
        ("菊花茶", "Chrysanthemum Tea", 2800),
        ("青岛啤酒", "Tsingtao Beer", 1500),
    ],
    ("SET", "套餐", "Set menus"): [
        ("双人套餐", "Set for Two", 16800),
        ("商务午餐", "Business Lunch", 5900),
        ("家庭套餐", "Family Set for Four", 32800),
    ],
}

# code, rank, zh, en, discount bp, excluded category codes, points multiplier bp, fee,
# qualifying spend in the window, birthday benefit (zh, en)
_TIERS = (
    ("SILVER", 1, "银卡会员", "Silver", 500, ("DRINK", "SET"), 10_000, 0, 0, ("", "")),
    (
        "GOLD",
        2,
        "金卡会员",
        "Gold",
        1000,
        ("DRINK",),
        15_000,
        19_900,
        300_000,
        ("生日当月赠送长寿面一份", "A bowl of longevity noodles in the birthday month"),
    ),
    (
        "PLATINUM",
        3,
        "铂金会员",
        "Platinum",
        1500,
        ("SET",),
        20_000,
        49_900,
        1_000_000,
        ("生日当天整单双倍积分", "Double points on the birthday"),
    ),
)

# code, kind, fee, window days, min spend
RENEWAL_OFFERS = (
    ("EARLY-90", "early", 9_900, 90, 0),
    ("GRACE-30", "grace", 12_900, 30, 0),
    ("WINBACK", "win_back", 7_900, 0, 0),  # capped at the early fee: never cheaper to lapse
    ("FREE-2000", "free_by_spend", 0, 0, 200_000),
)
# top up at least, bonus
TOP_UP_RULES = ((50_000, 3_000), (100_000, 10_000), (200_000, 26_000))

LOYALTY_SETTINGS = {
    "loyalty.points_fen_per_point": "1",
    "loyalty.points_min_redeem": "100",
    "loyalty.points_max_share_bp": "5000",
    "loyalty.points_life_days": "730",
    "loyalty.stored_value_consumption": "proportional",
    "loyalty.qualification_window": "rolling_12_months",
    "loyalty.grace_keeps_discount": "0",
    "loyalty.upgrade_for_fee_difference": "1",
}

# Includes surnames read unlike their common reading (单 Shan, 解 Xie, 曾 Zeng, 覃 Qin).
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤单解"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华红建国玉梅文斌辉鑫宇浩然子涵欣怡梓轩一诺"
    "雨桐思远佳琪晨曦俊杰婷婷"
)
_LATIN_FIRST = ("Emily", "David", "Grace", "Kevin", "Linda", "Jason", "Amy", "Tony", "Cathy", "Leo")
_LATIN_LAST = ("Chen", "Wong", "Smith", "Lee", "Garcia", "Tan", "Ng", "Müller", "O'Brien", "Lam")
_PREFERENCES = ("", "", "", "不吃香菜 No coriander", "少辣 Mild spice", "靠窗座位 Window seat")
_ALLERGIES = ("", "", "", "", "花生过敏 Peanut allergy", "海鲜过敏 Shellfish allergy")
_MOBILE_PREFIXES = (
    "130",
    "131",
    "135",
    "136",
    "138",
    "139",
    "150",
    "152",
    "158",
    "186",
    "188",
    "199",
)

FeaturedMember = tuple[str, str, str, str, str, int, int, int]
"""Member no, name, phone, card, tier code, expiry offset days, points, stored value fen."""


FEATURED_MEMBERS: tuple[FeaturedMember, ...] = (
    # member no, name, phone, card, tier code, expiry offset days, points, stored value fen
    ("M0000001", "张伟", "13800138000", "8800000000000001", "GOLD", 200, 1280, 50_000),
    ("M0000002", "Emily Chen", "13912345678", "8800000000000002", "PLATINUM", 30, 5600, 0),
    ("M0000003", "李娜", "13698765432", "8800000000000003", "SILVER", -20, 90, 0),
    # Same last four digits as 张伟 (8000), and surnames read unlike the common reading.
    ("M0000004", "单雄信", "13512348000", "8800000000000004", "GOLD", 120, 300, 0),
    ("M0000005", "曾小贤", "18600008000", "8800000000000005", "SILVER", 60, 0, 20_000),
)
LOST_CARDS = (
    # card reported lost (blocked), member no: Emily Chen's old card
    ("8899000000000002", "M0000002"),
)


DEMO_NAME = "川味小馆 Sichuan Bistro"
DEMO_ADDRESS = "北京市朝阳区建国路88号"


def seed_demo(
    sessions: sessionmaker[Session],
    members: int,
    today: date,
    seed: int = 7,
    history_days: int = HISTORY_DAYS,
) -> None:
    """Fill an empty, migrated database with the demo restaurant, ``members`` members
    and ``history_days`` of past (``app.demo_history``)."""
    rng = random.Random(seed)
    # Members, cards and opening balances are there before the past that follows them.
    opened = today - timedelta(days=history_days)
    now = datetime.combine(opened, datetime.min.time()).replace(hour=9)
    with sessions.begin() as session:
        _name_the_store(session)
        session.add_all(
            SettingRow(key=key, value=value)
            for key, value in {
                "restaurant_name": DEMO_NAME,
                "receipt_header": "北京市朝阳区建国路88号\nTel 010-6588 1234",
                "receipt_footer": "",
                "receipt_logo": "demo-logo.png",
                "currency": "CNY",
                DEMO_MARKER_KEY: DEMO_MARKER_VALUE,
            }.items()
        )
        session.add_all(SettingRow(key=k, value=v) for k, v in LOYALTY_SETTINGS.items())
        session.add_all(
            RenewalOfferRow(
                code=code, kind=kind, fee_fen=fee, window_days=days, min_spend_fen=spend
            )
            for code, kind, fee, days, spend in RENEWAL_OFFERS
        )
        session.add_all(TopUpRuleRow(minimum_fen=m, bonus_fen=b) for m, b in TOP_UP_RULES)
        category_ids = _seed_menu(session)
        tier_ids = _seed_tiers(session, category_ids)
        seed_offers(session, category_ids, tier_ids)
        session.add_all(
            StaffRow(username=u, display_name=n, role=r, pin_hash=hash_pin(pin), **_badge(badge))
            for u, n, r, pin, badge in DEMO_STAFF
        )
    with sessions.begin() as session:
        rows = synthetic_members(rng, members, tier_ids, today, now, FEATURED_MEMBERS)
        for batch in batches(rows, BATCH):
            insert_members(session, batch, now)
        _insert_lost_cards(session, now)
        seed_coupons(session, today, now)
    if history_days:
        with sessions.begin() as session:
            seed_history(session.connection(), today, seed, len(FEATURED_MEMBERS), history_days)
            record_offer_launch(session, datetime.combine(today, datetime.min.time()))


def _name_the_store(session: Session) -> None:
    """The store the migration made as "Main store" becomes the demo restaurant. Not
    audited, as nothing the demo seeds is (a demo database starts with an empty audit
    log, whose chains the tests and ``pos audit verify`` read from the start)."""
    name_default_store(session, DEMO_NAME, DEMO_ADDRESS)


def _insert_lost_cards(session: Session, now: datetime) -> None:
    numbers = [member_no for _, member_no in LOST_CARDS]
    query = select(MemberRow.member_no, MemberRow.id).where(MemberRow.member_no.in_(numbers))
    owners = {member_no: member_id for member_no, member_id in session.execute(query)}
    session.add_all(
        CardRow(card_no=card, member_id=owners[member_no], status="blocked", issued_at=now)
        for card, member_no in LOST_CARDS
        if member_no in owners
    )


def _seed_menu(session: Session) -> dict[str, int]:
    ids: dict[str, int] = {}
    for position, ((code, zh, en), items) in enumerate(_MENU.items()):
        category = MenuCategoryRow(code=code, name_zh=zh, name_en=en, sort_order=position)
        session.add(category)
        session.flush()
        ids[code] = category.id
        session.add_all(
            MenuItemRow(
                code=f"{code}-{n:02d}",
                category_id=category.id,
                name_zh=item_zh,
                name_en=item_en,
                price_fen=price,
                sort_order=n,
            )
            for n, (item_zh, item_en, price) in enumerate(items, start=1)
        )
    return ids


def _seed_tiers(session: Session, category_ids: dict[str, int]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for code, rank, zh, en, bp, excluded, multiplier, fee, spend, birthday in _TIERS:
        tier = TierRow(
            code=code,
            rank=rank,
            name_zh=zh,
            name_en=en,
            discount_bp=bp,
            points_multiplier_bp=multiplier,
            annual_fee_fen=fee,
            qualify_spend_fen=spend,
            birthday_benefit_zh=birthday[0],
            birthday_benefit_en=birthday[1],
            excluded=[TierExcludedCategoryRow(category_id=category_ids[c]) for c in excluded],
        )
        session.add(tier)
        session.flush()
        ids[code] = tier.id
    return ids


MemberSeed = tuple[dict[str, object], str, int, int]
"""A member row to insert, with its card number, opening points and stored value."""


def synthetic_members(
    rng: random.Random,
    count: int,
    tier_ids: dict[str, int],
    today: date,
    now: datetime,
    featured: tuple[FeaturedMember, ...],
    member_no_prefix: str = "M",
) -> Iterator[MemberSeed]:
    """``featured`` first, then realistic random members up to ``count`` in all; most in
    the lowest tier (``tier_ids`` in rank order), a few near or past their expiry."""
    used_phones = {m[2] for m in featured}
    tier_codes = list(tier_ids)
    weights = [((70, 25, 5)[rank] if rank < 3 else 1) for rank in range(len(tier_codes))]
    for index in range(count):
        number = index + 1
        if index < len(featured):
            member_no, name, phone, card, tier, expiry_days, points, stored = featured[index]
            expires_on = today + timedelta(days=expiry_days)
        else:
            member_no, card = f"{member_no_prefix}{number:07d}", f"88{number:014d}"
            name = _random_name(rng)
            phone = _unique_phone(rng, used_phones)
            tier = rng.choices(tier_codes, weights=weights)[0]
            expires_on = today + timedelta(days=rng.randint(-400, 365))
            points = rng.choice((0, 0, rng.randint(1, 5000)))
            stored = rng.choice((0, 0, 0, rng.randint(1, 200) * 1000))
        birthday = date(rng.randint(1955, 2005), rng.randint(1, 12), rng.randint(1, 28))
        yield (
            {
                "member_no": member_no,
                "name": name,
                "phone": phone,
                "phone_last4": phone[-4:],
                "tier_id": tier_ids[tier],
                "joined_on": expires_on - timedelta(days=365),
                "expires_on": expires_on,
                "birthday": birthday,
                "birth_month": birthday.month,
                "preferences": rng.choice(_PREFERENCES) if index else "不吃香菜 No coriander",
                "allergies": rng.choice(_ALLERGIES) if index else "花生过敏 Peanut allergy",
                "marketing_consent": rng.random() < 0.6,
                "source_channel": "demo",
                "created_at": now,
            },
            card,
            points,
            stored,
        )


def insert_members(session: Session, batch: list[MemberSeed], now: datetime) -> None:
    store = session.scalar(select(func.min(StoreRow.id)))  # the demo's one store
    session.execute(insert(MemberRow), [{**row, "joined_store_id": store} for row, *_ in batch])
    numbers = [str(row["member_no"]) for row, *_ in batch]
    id_by_number = {
        member_no: member_id
        for member_no, member_id in session.execute(
            select(MemberRow.member_no, MemberRow.id).where(MemberRow.member_no.in_(numbers))
        )
    }
    cards: list[dict[str, object]] = []
    points: list[dict[str, object]] = []
    stored: list[dict[str, object]] = []
    for row, card, opening_points, opening_stored in batch:
        member_id = id_by_number[str(row["member_no"])]
        cards.append(
            {"card_no": card, "member_id": member_id, "status": "active", "issued_at": now}
        )
        if opening_points:
            points.append(
                {
                    "member_id": member_id,
                    "delta": opening_points,
                    "reason": "opening_balance",
                    "created_at": now,
                }
            )
        if opening_stored:
            stored.append(
                {
                    "member_id": member_id,
                    "principal_delta_fen": opening_stored,
                    "bonus_delta_fen": 0,
                    "reason": "opening_balance",
                    "created_at": now,
                }
            )
    session.execute(insert(CardRow), cards)
    append_in_bulk(session, points=points, stored_value=stored)


def _random_name(rng: random.Random) -> str:
    if rng.random() < 0.85:
        given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
        return rng.choice(_SURNAMES) + given
    return f"{rng.choice(_LATIN_FIRST)} {rng.choice(_LATIN_LAST)}"


def _unique_phone(rng: random.Random, used: set[str]) -> str:
    while True:
        phone = rng.choice(_MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if phone not in used:
            used.add(phone)
            return phone


def batches(rows: Iterator[MemberSeed], size: int) -> Iterator[list[MemberSeed]]:
    batch: list[MemberSeed] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _badge(number: str | None) -> dict[str, str | None]:
    """A demo badge as the staff table stores it: hashed, with its last four digits."""
    if number is None:
        return {"badge_hash": None, "badge_last4": None}
    badge = StoredBadge.of(number)
    return {"badge_hash": badge.digest, "badge_last4": badge.last4}
