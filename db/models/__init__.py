"""SQLAlchemy 2.x typed models: the till's schema, portable between SQLite and PostgreSQL.

Every table is imported here, so ``Base.metadata`` always holds the whole schema.
"""

from db.models.base import NAMING, Base, Money
from db.models.campaigns import CampaignMemberRow, CampaignRow
from db.models.change_feed import ChangeFeedRow
from db.models.core import (
    AuditEventRow,
    ChainHeadRow,
    MenuCategoryRow,
    MenuItemRow,
    PrintJobRow,
    SettingRow,
    StaffRow,
)
from db.models.crm import (
    ComplaintRow,
    ContactRow,
    FeedbackRow,
    MemberChangeRow,
    NoShowRow,
    SavedFilterRow,
)
from db.models.loyalty import (
    MemberCouponRow,
    MembershipRenewalRow,
    OfferCategoryRow,
    OfferItemRow,
    OfferRow,
    OfferTierRow,
    PointsLedgerRow,
    PublicHolidayRow,
    RenewalOfferRow,
    StoredValueLedgerRow,
    TierChangeRow,
    TierExcludedCategoryRow,
    TierRow,
    TopUpRuleRow,
)
from db.models.members import (
    CardRow,
    MemberMergeRow,
    MemberRow,
    MemberSearchKeyRow,
)
from db.models.offline import OfflineOverdraftRow
from db.models.orders import (
    ManualDiscountGrantRow,
    OrderLineRow,
    OrderOfferRow,
    OrderRow,
    PaymentRow,
    RefundLineRow,
    RefundRow,
)
from db.models.request_keys import RequestKeyRow
from db.models.stores import OfferStoreExclusionRow, StoreRow, TillRow

__all__ = [
    "NAMING",
    "AuditEventRow",
    "Base",
    "CampaignMemberRow",
    "CampaignRow",
    "CardRow",
    "ChainHeadRow",
    "ChangeFeedRow",
    "ComplaintRow",
    "ContactRow",
    "FeedbackRow",
    "ManualDiscountGrantRow",
    "MemberChangeRow",
    "MemberCouponRow",
    "MemberMergeRow",
    "MemberRow",
    "MemberSearchKeyRow",
    "MembershipRenewalRow",
    "MenuCategoryRow",
    "MenuItemRow",
    "Money",
    "NoShowRow",
    "OfferCategoryRow",
    "OfferItemRow",
    "OfferRow",
    "OfferStoreExclusionRow",
    "OfferTierRow",
    "OfflineOverdraftRow",
    "OrderLineRow",
    "OrderOfferRow",
    "OrderRow",
    "PaymentRow",
    "PointsLedgerRow",
    "PrintJobRow",
    "PublicHolidayRow",
    "RefundLineRow",
    "RefundRow",
    "RenewalOfferRow",
    "RequestKeyRow",
    "SavedFilterRow",
    "SettingRow",
    "StaffRow",
    "StoreRow",
    "StoredValueLedgerRow",
    "TierChangeRow",
    "TierExcludedCategoryRow",
    "TierRow",
    "TillRow",
    "TopUpRuleRow",
]
