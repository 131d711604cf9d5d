"""Clients (corporate and individual, with 集团 group trees), contacts, relationship teams,
contribution history and risk notes."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Sensitive, Syncable

CLIENT_KINDS = ("corporate", "individual")
LIFECYCLE_STAGES = ("startup", "growth", "mature", "decline")  # 初创/成长/成熟/衰退
TIERS = ("strategic", "core", "key", "general")  # 战略/核心/重点/一般
RISK_TOLERANCES = ("C1", "C2", "C3", "C4", "C5")


class Client(Syncable, Base):
    __tablename__ = "clients"
    __table_args__ = (
        Index("ix_clients_owner_tier", "owner_id", "tier"),
        # Covering index for lists and search (services.clients/search use it with INDEXED BY): the
        # scope and ranking columns without touching the wide rows (ciphertexts, blind indexes).
        Index("ix_clients_scope", "id", "deleted", "owner_id", "team_id", "kind", "branch", "tier", "name",
              "industry", "lifecycle_stage", "parent_id", "city", "risk_tolerance", "last_contact_on",
              "total_assets"),
    )

    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(100), default="")
    parent_id: Mapped[str | None] = mapped_column(String(36), index=True)
    industry: Mapped[str] = mapped_column(String(64), default="")
    lifecycle_stage: Mapped[str] = mapped_column(String(16), default="mature")
    tier: Mapped[str] = mapped_column(String(16), default="general", index=True)
    owner_id: Mapped[str | None] = mapped_column(String(36), index=True)
    team_id: Mapped[str | None] = mapped_column(String(36), index=True)
    branch: Mapped[str] = mapped_column(String(100), default="")
    status: Mapped[str] = mapped_column(String(16), default="active")
    city: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    established_on: Mapped[dt.date | None]  # company founding date / individual's birthday
    kyc_reviewed_on: Mapped[dt.date | None]
    kyc_due_on: Mapped[dt.date | None]
    risk_assessed_on: Mapped[dt.date | None]
    risk_tolerance: Mapped[str | None] = mapped_column(String(2))
    total_assets: Mapped[Decimal | None]  # assets under management with the bank (C1: the bank's own book)
    last_contact_on: Mapped[dt.date | None]
    notes: Mapped[str] = mapped_column(Text, default="")

    # C2 identity and account data
    id_number_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    id_number_mask: Mapped[str | None] = mapped_column(String(64))
    id_number_bi: Mapped[str | None] = mapped_column(String(64), index=True)
    id_number = Sensitive("C2-ID", mask="id_number", blind_index=True)
    credit_code_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    credit_code_mask: Mapped[str | None] = mapped_column(String(64))
    credit_code_bi: Mapped[str | None] = mapped_column(String(64), index=True)
    credit_code = Sensitive("C2-ID", mask="credit_code", blind_index=True)
    phone_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_mask: Mapped[str | None] = mapped_column(String(64))
    phone_bi: Mapped[str | None] = mapped_column(String(64), index=True)
    phone = Sensitive("C2-ID", mask="phone", blind_index=True)
    account_no_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    account_no_mask: Mapped[str | None] = mapped_column(String(64))
    account_no_bi: Mapped[str | None] = mapped_column(String(64), index=True)
    account_no = Sensitive("C2-ID", mask="account", blind_index=True)
    # C2 financial data
    net_worth_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    net_worth_mask: Mapped[str | None] = mapped_column(String(64))
    net_worth = Sensitive("C2-FIN", mask="amount")
    annual_revenue_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    annual_revenue_mask: Mapped[str | None] = mapped_column(String(64))
    annual_revenue = Sensitive("C2-FIN", mask="amount")
    credit_rating_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    credit_rating_mask: Mapped[str | None] = mapped_column(String(64))
    credit_rating = Sensitive("C2-FIN", mask="rating")
    credit_limit_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    credit_limit_mask: Mapped[str | None] = mapped_column(String(64))
    credit_limit = Sensitive("C2-FIN", mask="amount")


class Contact(Syncable, Base):
    __tablename__ = "contacts"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(32), default="other")  # decision_maker/finance/operations/other
    birthday: Mapped[dt.date | None]
    email: Mapped[str] = mapped_column(String(128), default="")
    preferences: Mapped[str] = mapped_column(Text, default="")
    is_primary: Mapped[bool] = mapped_column(default=False)
    phone_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    phone_mask: Mapped[str | None] = mapped_column(String(64))
    phone_bi: Mapped[str | None] = mapped_column(String(64), index=True)
    phone = Sensitive("C2-ID", mask="phone", blind_index=True)


class RelationshipMember(Syncable, Base):
    """A banker on the client's relationship team (主办/协办/产品经理/风险经理)."""

    __tablename__ = "relationship_team"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(String(36), index=True)
    role: Mapped[str] = mapped_column(String(32))  # primary_rm/assistant_rm/product_specialist/risk_manager
    credit_share: Mapped[Decimal | None]  # share of contribution credited, 0–1


class Contribution(Syncable, Base):
    """The client's monthly contribution to the bank (deposit spread, loan interest, fee income)."""

    __tablename__ = "contributions"
    __table_args__ = (Index("ix_contributions_client_month", "client_id", "month", unique=True),)
    client_id: Mapped[str] = mapped_column(String(36))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    deposit_income: Mapped[Decimal] = mapped_column(default=Decimal(0))
    loan_income: Mapped[Decimal] = mapped_column(default=Decimal(0))
    fee_income: Mapped[Decimal] = mapped_column(default=Decimal(0))
    avg_deposit: Mapped[Decimal] = mapped_column(default=Decimal(0))
    avg_loan: Mapped[Decimal] = mapped_column(default=Decimal(0))


class RiskNote(Syncable, Base):
    __tablename__ = "risk_notes"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(16), default="info")
