"""Approval requests (maker-checker, 双人复核) that travel like other records.

One request is one or more rows sharing `batch_id`: a suitability exception is one row (the
client, the product, the proposal); a clear-text bulk export is one row per requested client, so
every row lives in its client's partition (the server's visibility rules need nothing new) and
the export is limited to the rows that were approved. The requester writes the request fields
once; an approver (never the requester) writes the decision fields once. The server enforces
both (kamdesk/server/approvalrules.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Syncable

SUITABILITY_EXCEPTION = "suitability_exception"
BULK_EXPORT = "bulk_export"
APPROVAL_KINDS = (SUITABILITY_EXCEPTION, BULK_EXPORT)
PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"
APPROVAL_STATUSES = (PENDING, APPROVED, REJECTED)
DECISION_FIELDS = frozenset({"status", "decided_by", "decided_at", "decision_reason"})


class Approval(Syncable, Base):
    __tablename__ = "approvals"
    kind: Mapped[str] = mapped_column(String(32))
    batch_id: Mapped[str] = mapped_column(String(36), index=True)
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    requester_id: Mapped[str] = mapped_column(String(36))
    requested_at: Mapped[dt.datetime]
    reason: Mapped[str] = mapped_column(Text, default="")
    proposal_id: Mapped[str | None] = mapped_column(String(36))
    product_id: Mapped[str | None] = mapped_column(String(36))
    # the facts the approver decides on (suitability: product code, risk levels, assessment date)
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    decided_by: Mapped[str | None] = mapped_column(String(36))
    decided_at: Mapped[dt.datetime | None]
    decision_reason: Mapped[str] = mapped_column(Text, default="")
