"""The proposal document: plain, frozen data that the renderer turns into a PDF.

It knows nothing about the database. The services layer builds a `ProposalDoc` from a saved
proposal (and decides, by the viewer's role, which client fields are sensitive and what
their masked form is); the renderer only reads it. Sequences are stored as tuples so a
document cannot change after it is built; callers may pass lists.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from kamdesk.proposals.money import as_decimal

__all__ = [
    "BankBlock",
    "ClientKind",
    "ClientSummary",
    "Need",
    "ProductLine",
    "ProposalDoc",
    "ProposalStatus",
    "RMContact",
    "SummaryField",
    "Watermark",
    "risk_exceeds_tolerance",
]

_RISK_LEVEL = re.compile(r"R[1-5]")
_RISK_TOLERANCE = re.compile(r"C[1-5]")

# Investor categories of the CBIRC/CSRC suitability rules, by tolerance C1..C5.
TOLERANCE_LABELS = {"C1": "保守型", "C2": "稳健型", "C3": "平衡型", "C4": "成长型", "C5": "进取型"}
RISK_LEVEL_LABELS = {"R1": "低风险", "R2": "中低风险", "R3": "中风险", "R4": "中高风险", "R5": "高风险"}


class ProposalStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "issued": "已出具", "accepted": "已接受", "rejected": "已拒绝"}[self.value]


class ClientKind(StrEnum):
    CORPORATE = "corporate"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        return {"corporate": "对公客户", "individual": "个人客户"}[self.value]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _freeze(obj: object, name: str) -> None:
    """Store the named sequence attribute of a frozen dataclass as a tuple."""
    object.__setattr__(obj, name, tuple(getattr(obj, name)))


def risk_exceeds_tolerance(risk_level: str, risk_tolerance: str) -> bool:
    """True when a product's risk level (R1..R5) is above a client's tolerance (C1..C5)."""
    return int(risk_level[1]) > int(risk_tolerance[1])


@dataclass(frozen=True)
class BankBlock:
    """The issuing bank as printed on the cover and in the header."""

    name: str
    branch: str = ""
    address: str = ""
    hotline: str = ""
    website: str = ""


@dataclass(frozen=True)
class SummaryField:
    """One line of the client summary. A sensitive field must carry its masked form; which
    of the two is printed is decided by the template's recipient policy."""

    label: str
    value: str
    sensitive: bool = False
    masked_value: str | None = None

    def __post_init__(self) -> None:
        _check(
            not self.sensitive or bool(self.masked_value),
            f"sensitive summary field {self.label!r} needs a masked_value",
        )


@dataclass(frozen=True)
class ClientSummary:
    client_name: str
    client_kind: ClientKind
    tier: str
    risk_tolerance: str
    assessment_date: date
    fields: tuple[SummaryField, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "client_kind", ClientKind(self.client_kind))
        _check(bool(self.client_name.strip()), "client_name must not be empty")
        _check(
            bool(_RISK_TOLERANCE.fullmatch(self.risk_tolerance)),
            f"risk_tolerance must be C1..C5, got {self.risk_tolerance!r}",
        )
        _freeze(self, "fields")

    @property
    def tolerance_label(self) -> str:
        return TOLERANCE_LABELS[self.risk_tolerance]


@dataclass(frozen=True)
class Need:
    title: str
    detail: str
    source: str = ""  # e.g. "拜访纪要 2026-11-02", "大客户调研表"


@dataclass(frozen=True)
class ProductLine:
    """One recommended product. Amounts are in 元."""

    code: str
    name: str
    product_type: str
    risk_level: str
    amount: Decimal
    term_months: int | None
    rate_or_fee: str  # e.g. "年化 2.85%"
    expected_annual_yield: Decimal | None
    annual_cost: Decimal | None
    reason: str
    disclosure: str

    def __post_init__(self) -> None:
        _check(bool(_RISK_LEVEL.fullmatch(self.risk_level)), f"{self.code}: risk_level must be R1..R5")
        object.__setattr__(self, "amount", as_decimal(self.amount, what=f"{self.code} amount"))
        _check(self.amount >= 0, f"{self.code}: amount must not be negative")
        for name in ("expected_annual_yield", "annual_cost"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_decimal(value, what=f"{self.code} {name}"))
        _check(
            self.term_months is None or self.term_months > 0,
            f"{self.code}: term_months must be positive or None",
        )

    @property
    def risk_label(self) -> str:
        return RISK_LEVEL_LABELS[self.risk_level]


@dataclass(frozen=True)
class RMContact:
    name: str
    title: str
    branch: str
    phone: str
    email: str


@dataclass(frozen=True)
class Watermark:
    """Who rendered the proposal and when; printed diagonally on every page."""

    rm_name: str
    rendered_at: datetime
    proposal_id: str

    @property
    def text(self) -> str:
        return f"{self.rm_name} {self.rendered_at:%Y-%m-%d %H:%M} {self.proposal_id}"


@dataclass(frozen=True)
class ProposalDoc:
    """A proposal as printed. `general_disclosures` and `terms` are the proposal's own items;
    the renderer adds the template's fixed disclaimer and terms after them (once each)."""

    proposal_id: str
    version: int
    status: ProposalStatus
    title: str
    created_at: datetime
    valid_until: date
    client: ClientSummary
    rm: RMContact
    needs: tuple[Need, ...] = ()
    products: tuple[ProductLine, ...] = ()
    general_disclosures: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    suitability_notes: tuple[str, ...] = ()  # e.g. an approved override and its reason
    bank: BankBlock | None = None  # None: the template's bank block
    watermark: Watermark | None = None  # None: this RM, rendered now

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", ProposalStatus(self.status))
        _check(bool(self.proposal_id.strip()), "proposal_id must not be empty")
        _check(self.version >= 1, "version must be 1 or more")
        for name in ("needs", "products", "general_disclosures", "terms", "suitability_notes"):
            _freeze(self, name)

    def watermark_now(self) -> Watermark:
        """The watermark to print: the document's own, or one stamped with the current time."""
        return self.watermark or Watermark(self.rm.name, datetime.now().replace(microsecond=0), self.proposal_id)

    @property
    def products_over_tolerance(self) -> tuple[ProductLine, ...]:
        return tuple(
            p for p in self.products if risk_exceeds_tolerance(p.risk_level, self.client.risk_tolerance)
        )

    @property
    def total_amount(self) -> Decimal:
        return sum((p.amount for p in self.products), Decimal(0))

    @property
    def total_expected_yield(self) -> Decimal:
        return sum((p.expected_annual_yield or Decimal(0) for p in self.products), Decimal(0))

    @property
    def total_annual_cost(self) -> Decimal:
        return sum((p.annual_cost or Decimal(0) for p in self.products), Decimal(0))
