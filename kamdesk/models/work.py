"""The RM's work items: tasks, agenda item states, opportunities and service requests."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Syncable

OPPORTUNITY_STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
REQUEST_STATUSES = ("open", "in_progress", "escalated", "resolved", "closed")
REQUEST_KINDS = ("request", "complaint")
REQUEST_PRIORITIES = ("low", "normal", "high", "urgent")
REQUEST_CHANNELS = ("rm", "branch", "phone", "ebank")
PROPOSAL_STATUSES = ("draft", "issued", "accepted", "rejected")
REQUEST_EVENT_ACTIONS = ("opened", "assigned", "escalated", "commented", "resolved", "closed")


class Task(Syncable, Base):
    __tablename__ = "tasks"
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    due_on: Mapped[dt.date | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open/done/cancelled
    source: Mapped[str] = mapped_column(String(16), default="manual")  # manual/visit/agenda
    visit_id: Mapped[str | None] = mapped_column(String(36))
    done_at: Mapped[dt.datetime | None]


class AgendaState(Syncable, Base):
    """What the user did with a generated agenda item (done/snoozed/dismissed), keyed by the item's
    stable key so the same reminder is never shown twice."""

    __tablename__ = "agenda_states"
    key: Mapped[str] = mapped_column(String(200), unique=True)
    user_id: Mapped[str] = mapped_column(String(36))
    client_id: Mapped[str | None] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(16))  # done/snoozed/dismissed
    snooze_until: Mapped[dt.date | None]


class Opportunity(Syncable, Base):
    __tablename__ = "opportunities"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(16), default="lead", index=True)
    amount: Mapped[Decimal] = mapped_column(default=Decimal(0))
    probability: Mapped[int] = mapped_column(Integer, default=10)  # percent
    expected_close_on: Mapped[dt.date | None]
    product_ids: Mapped[list[Any]] = mapped_column(default=list)
    closed_reason: Mapped[str] = mapped_column(Text, default="")


class OpportunityMember(Syncable, Base):
    __tablename__ = "opportunity_members"
    opportunity_id: Mapped[str] = mapped_column(String(36), index=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    user_id: Mapped[str] = mapped_column(String(36))
    role: Mapped[str] = mapped_column(String(32))  # lead/support/product_specialist
    credit_share: Mapped[Decimal] = mapped_column(default=Decimal(0))


class OpportunityStage(Syncable, Base):
    """Append-only stage history of an opportunity."""

    __tablename__ = "opportunity_stages"
    opportunity_id: Mapped[str] = mapped_column(String(36), index=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    from_stage: Mapped[str | None] = mapped_column(String(16))
    to_stage: Mapped[str] = mapped_column(String(16))
    by_user_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[dt.datetime]
    note: Mapped[str] = mapped_column(Text, default="")


class ServiceRequest(Syncable, Base):
    __tablename__ = "service_requests"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="request")  # request/complaint
    category: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(32), default="rm")
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    opened_at: Mapped[dt.datetime]
    sla_due_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    assignee_id: Mapped[str | None] = mapped_column(String(36))
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[dt.datetime | None]
    satisfaction: Mapped[int | None]


class ServiceRequestEvent(Syncable, Base):
    __tablename__ = "service_request_events"
    request_id: Mapped[str] = mapped_column(String(36), index=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    at: Mapped[dt.datetime]
    by_user_id: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(32))  # opened/assigned/escalated/commented/resolved/closed
    note: Mapped[str] = mapped_column(Text, default="")


class Proposal(Syncable, Base):
    __tablename__ = "proposals"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    owner_id: Mapped[str] = mapped_column(String(36))
    series_id: Mapped[str] = mapped_column(String(36), index=True)  # all versions share it
    version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft/issued/accepted/rejected
    valid_until: Mapped[dt.date | None]
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    change_summary: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime | None]
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
