"""Frozen values the client services hand to the UI and the CLI (never live ORM objects).

C2 values appear here only as their display form for the signed-in role: a mask, a band, or
None. Plaintext leaves the services only through `clients.reveal`, which is audited.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MatchKind = str  # "exact" | "prefix" | "substring" | "pinyin" | "code"
SlaState = str  # "ok" | "due_soon" | "breached" | "none"


def to_jsonable(value: Any) -> Any:
    """A DTO (or a nest of them) as plain JSON types: Decimal and dates become strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class ClientFilter:
    """Client list filters; an empty tuple means any value."""

    tiers: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    lifecycle_stages: tuple[str, ...] = ()
    owner_ids: tuple[str, ...] = ()
    team_ids: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return not any(dataclasses.astuple(self))


@dataclass(frozen=True)
class ClientRow:
    id: str
    name: str
    short_name: str
    kind: str
    tier: str
    industry: str
    lifecycle_stage: str
    owner_name: str
    team_id: str | None
    city: str
    total_assets: Decimal | None
    risk_tolerance: str | None
    credit_code_display: str | None  # masked per role, or None
    last_contact_on: dt.date | None
    group_name: str


@dataclass(frozen=True)
class ClientPage:
    total: int
    rows: list[ClientRow]


@dataclass(frozen=True)
class SensitiveValue:
    """One C2 field as the role may see it."""

    display: str | None  # mask/band, plaintext for a `plain` role, or None when not shown
    domain: str  # "C2-ID" | "C2-FIN"
    mode: str  # plain/reveal/masked/none
    revealable: bool  # reveal() would return the plaintext (audited)
    has_value: bool


@dataclass(frozen=True)
class ClientDetail:
    id: str
    kind: str
    name: str
    short_name: str
    parent_id: str | None
    group_name: str
    industry: str
    lifecycle_stage: str
    tier: str
    owner_id: str | None
    owner_name: str
    team_id: str | None
    team_name: str
    branch: str
    status: str
    city: str
    address: str
    established_on: dt.date | None
    kyc_reviewed_on: dt.date | None
    kyc_due_on: dt.date | None
    risk_assessed_on: dt.date | None
    risk_tolerance: str | None
    total_assets: Decimal | None
    last_contact_on: dt.date | None
    notes: str
    updated_at: dt.datetime | None
    # C2 fields by name (id_number, credit_code, phone, account_no, net_worth, annual_revenue,
    # credit_rating, credit_limit)
    sensitive: dict[str, SensitiveValue] = field(default_factory=dict)
    editable_fields: tuple[str, ...] = ()

    @property
    def sensitive_fields(self) -> tuple[str, ...]:
        return tuple(self.sensitive)

    @property
    def revealable_fields(self) -> tuple[str, ...]:
        return tuple(k for k, v in self.sensitive.items() if v.revealable and v.has_value)

    def display(self, name: str) -> str | None:
        v = self.sensitive.get(name)
        return None if v is None else v.display


@dataclass(frozen=True)
class SearchHit:
    client_id: str
    name: str
    matched: str  # what matched: the client's name, short name, group or contact name, or a masked code
    kind_of_match: MatchKind
    score: float
    matched_field: str = "name"  # name/short/contact/group/credit_code/id_number/account_no/phone
    tier: str = ""


# ---- client 360 -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupMember:
    id: str
    name: str
    parent_id: str | None
    depth: int  # 0 = the group's root
    tier: str
    holdings_total: Decimal
    loans_total: Decimal
    is_current: bool


@dataclass(frozen=True)
class GroupTree:
    root_id: str
    root_name: str
    members: list[GroupMember]  # visible members, depth-first from the root
    hidden_members: int  # group members outside the user's scope (not summed, not named)
    holdings_total: Decimal  # across the visible group
    loans_total: Decimal

    @property
    def combined_exposure(self) -> Decimal:
        return self.holdings_total + self.loans_total


@dataclass(frozen=True)
class ContactInfo:
    id: str
    name: str
    title: str
    role: str
    is_primary: bool
    email: str
    phone_display: str | None
    birthday: dt.date | None
    next_birthday: dt.date | None
    days_to_birthday: int | None
    preferences: str


@dataclass(frozen=True)
class TeamMemberInfo:
    user_id: str
    name: str
    role: str
    role_label: str
    credit_share: Decimal | None


@dataclass(frozen=True)
class HoldingInfo:
    id: str
    product_id: str
    product_code: str
    product_name: str
    product_type: str
    risk_level: str
    amount: Decimal
    rate: Decimal | None
    start_on: dt.date | None
    maturity_on: dt.date | None
    days_to_maturity: int | None
    maturing_soon: bool  # matures within the next 90 days
    is_loan: bool
    status: str


@dataclass(frozen=True)
class ContributionMonth:
    month: str  # YYYY-MM
    deposit_income: Decimal
    loan_income: Decimal
    fee_income: Decimal

    @property
    def total(self) -> Decimal:
        return self.deposit_income + self.loan_income + self.fee_income


@dataclass(frozen=True)
class ContributionSummary:
    months: list[ContributionMonth]  # the last 12 months, oldest first, zero where no data
    deposit_income: Decimal
    loan_income: Decimal
    fee_income: Decimal

    @property
    def total(self) -> Decimal:
        return self.deposit_income + self.loan_income + self.fee_income


@dataclass(frozen=True)
class VisitInfo:
    id: str
    kind: str
    planned_at: dt.datetime
    status: str
    place: str
    agenda: str
    outcome: str


@dataclass(frozen=True)
class TaskInfo:
    id: str
    title: str
    due_on: dt.date | None
    overdue: bool
    source: str


@dataclass(frozen=True)
class OpportunityInfo:
    id: str
    name: str
    stage: str
    amount: Decimal
    probability: int
    expected_close_on: dt.date | None


@dataclass(frozen=True)
class RequestInfo:
    id: str
    kind: str  # request/complaint
    category: str
    title: str
    status: str
    priority: str
    opened_at: dt.datetime
    sla_due_at: dt.datetime | None
    sla_state: SlaState
    escalation_level: int


@dataclass(frozen=True)
class GradeInfo:
    tier: str
    tier_label: str
    source: str  # "grading" when the grading service explained it, else "tier"
    explanation: Any = None  # whatever kamdesk.services.grading.explain returned


@dataclass(frozen=True)
class Client360:
    profile: ClientDetail
    group: GroupTree | None
    contacts: list[ContactInfo]
    team: list[TeamMemberInfo]
    holdings: list[HoldingInfo]
    maturing_soon: list[HoldingInfo]
    contribution: ContributionSummary
    last_visits: list[VisitInfo]
    next_visit: VisitInfo | None
    open_tasks: list[TaskInfo]
    opportunities: list[OpportunityInfo]
    requests: list[RequestInfo]
    grade: GradeInfo
    as_of: dt.date
