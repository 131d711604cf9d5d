"""Server-side rules of the `approvals` table (maker-checker requests, 双人复核).

The generic push path already checks the table-level write permission and the client partition
(an approval row lives in its client's partition). This adds what a generic rule cannot know:
- a request is filed only by its requester (`requester_id` is the pusher), whose role holds the
  kind's `request` action (policy `approvals`), and it starts `pending` with no decision;
- the request fields never change after filing;
- the decision fields are written once, from `pending` to `approved`/`rejected`, by a user whose
  role holds the kind's `decide` action and who is not the requester, naming himself as the
  decider.
Called from syncsvc's field check; returns the reason a field is refused, or None.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.security.policy import Policy

MAX_SKEW = dt.timedelta(days=1)  # as for HLC stamps: a device's clock may be off by up to a day


def _near_now(value: Any) -> bool:
    """An ISO time (naive: UTC) within MAX_SKEW of the server's clock."""
    try:
        at = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return False
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return abs(dt.datetime.now(dt.UTC) - at) <= MAX_SKEW

TABLE = "approvals"
DECISION_FIELDS = frozenset({"status", "decided_by", "decided_at", "decision_reason"})
DECISIONS = frozenset({"approved", "rejected"})


def field_error(policy: Policy, who: Any, table: str, name: str, value: Any, old: dict[str, Any],
                pushed: dict[str, Any]) -> str | None:
    """Why `name` = `value` may not be written to this approval row (None: it may). `old` is the
    stored row's fields ({} for a new row), `pushed` every field of the same change."""
    if table != TABLE:
        return None
    if old and name in old and old.get(name) == value:
        return None  # unchanged (a retried push, or the whole row echoed back)
    # what the request is comes from the stored row once it exists (a decider cannot rename the kind
    # next to his decision to borrow another kind's decide action)
    merged = {**pushed, **old} if old else dict(pushed)
    merged.update({k: v for k, v in pushed.items() if k in DECISION_FIELDS})
    acts = policy.approvals.get(str(merged.get("kind")))
    if acts is None:
        return "unknown approval kind"
    if name in ("requested_at", "decided_at") and value is not None and not _near_now(value):
        return f"{name} must be the time of the request or decision (within a day of the server's clock)"
    if not old:  # filing a new request
        if merged.get("requester_id") != who.user_id:
            return "a request is filed by its requester only"
        if not policy.can(who.role, acts["request"]):
            return f"role {who.role} may not file {merged.get('kind')} requests"
        if name == "status" and value != "pending":
            return "a new request is pending"
        if name in DECISION_FIELDS - {"status"} and value not in (None, ""):
            return "a new request carries no decision"
        if name == "deleted" and value:
            return "a request is not filed deleted"
        return None
    if name not in DECISION_FIELDS:
        return "a request cannot be changed after it was filed"
    if old.get("status") != "pending":
        return "the request was already decided"
    if not policy.can(who.role, acts["decide"]):
        return f"role {who.role} may not decide {merged.get('kind')} requests"
    if who.user_id == old.get("requester_id"):
        return "the requester may not decide his own request (maker-checker)"
    if name == "status" and value not in DECISIONS:
        return "a decision is approved or rejected"
    if name == "decided_by" and value != who.user_id:
        return "decided_by must be the deciding user"
    if name == "status" and merged.get("decided_by") != who.user_id:
        return "a decision names its decider"
    return None
