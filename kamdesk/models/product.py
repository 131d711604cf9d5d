"""The product shelf and the clients' holdings."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Syncable

PRODUCT_TYPES = ("deposit", "wealth", "fund", "bond", "insurance", "loan", "trade_finance", "fx", "cash_management", "settlement")
# Display labels (Chinese source text; translated through kamdesk.common.i18n where shown).
PRODUCT_TYPE_LABELS = {"deposit": "存款", "wealth": "理财", "fund": "基金", "bond": "债券", "insurance": "保险",
                       "loan": "贷款", "trade_finance": "贸易融资", "fx": "外汇与避险", "cash_management": "现金管理",
                       "settlement": "结算与代发"}
RISK_LEVELS = ("R1", "R2", "R3", "R4", "R5")


class Product(Syncable, Base):
    __tablename__ = "products"
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    product_type: Mapped[str] = mapped_column(String(32))
    risk_level: Mapped[str] = mapped_column(String(2))
    term_months: Mapped[int | None]
    rate: Mapped[Decimal | None]  # annual rate or yield in percent
    fee: Mapped[str] = mapped_column(String(100), default="")
    min_amount: Mapped[Decimal | None]
    max_amount: Mapped[Decimal | None]
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    for_kind: Mapped[str] = mapped_column(String(16), default="any")  # corporate/individual/any
    on_shelf: Mapped[bool] = mapped_column(default=True)
    description: Mapped[str] = mapped_column(Text, default="")
    disclosure: Mapped[str] = mapped_column(Text, default="")


class Holding(Syncable, Base):
    __tablename__ = "holdings"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    product_id: Mapped[str] = mapped_column(String(36), index=True)
    amount: Mapped[Decimal]
    start_on: Mapped[dt.date | None]
    maturity_on: Mapped[dt.date | None] = mapped_column(index=True)
    rate: Mapped[Decimal | None]
    status: Mapped[str] = mapped_column(String(16), default="active")
