"""Server-side rule for issuing a proposal (适当性, maker-checker): a proposal whose products are
above the client's risk tolerance is issued only with an approved exception for each of them.

The client refuses to issue such a proposal (kamdesk.services.proposals.issue), but a client can
be modified: the server checks again when a push moves a proposal's `status` to `issued`. For
every line of the proposal (`data.lines[].product_id`) whose product's risk level (R1–R5) is above
the client's tolerance (C1–C5) there must be an `approvals` row of the client's partition of kind
`suitability_exception` for that product, approved by someone other than its requester whose role
holds the kind's decide action, against the client's current assessment (tolerance and date).
A client without an assessed tolerance may be issued R1 products only. Called from syncsvc's field
check; returns the reason the field is refused, or None.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from kamdesk.security.policy import Policy
from kamdesk.server import storage as st

KIND = "suitability_exception"


def _level(code: Any) -> int | None:
    """'R3' / 'C3' -> 3 (None for anything else)."""
    if isinstance(code, str) and len(code) == 2 and code[0] in "RC" and code[1] in "12345":
        return int(code[1])
    return None


def _fields(conn: Connection, table: str, record_id: Any) -> dict[str, Any]:
    r = st.records
    row = conn.execute(select(r.c.fields).where(r.c.tbl == table, r.c.record_id == str(record_id))).first()
    return dict(row[0]) if row else {}


def _approved(conn: Connection, policy: Policy, client_id: str, product_id: str, tolerance: Any,
              assessed_on: Any) -> bool:
    r = st.records
    decide = (policy.approvals.get(KIND) or {}).get("decide")
    rows = conn.execute(select(r.c.fields).where(r.c.tbl == "approvals", r.c.client_id == client_id,
                                                 r.c.deleted.is_(False)))
    for (f,) in rows:
        d = f.get("detail") or {}
        if (f.get("kind") != KIND or f.get("product_id") != product_id or f.get("status") != "approved"
                or d.get("risk_tolerance") != tolerance or d.get("assessed_on") != assessed_on):
            continue
        decider = f.get("decided_by")
        if not decider or decider == f.get("requester_id") or not decide:
            continue
        role = conn.execute(select(st.users.c.role).where(st.users.c.id == decider)).scalar()
        if role is not None and policy.can(role, decide):
            return True
    return False


def field_error(conn: Connection, policy: Policy, table: str, name: str, value: Any, old: dict[str, Any],
                pushed: dict[str, Any]) -> str | None:
    if table != "proposals" or name != "status" or value != "issued" or old.get("status") == "issued":
        return None
    merged = {**old, **pushed}
    client_id = str(merged.get("client_id") or "")
    client = _fields(conn, "clients", client_id)
    tolerance, assessed_on = client.get("risk_tolerance"), client.get("risk_assessed_on")
    allowed = _level(tolerance) or 1
    for line in (merged.get("data") or {}).get("lines") or []:
        product_id = line.get("product_id") if isinstance(line, dict) else None
        level = _level(_fields(conn, "products", product_id).get("risk_level"))
        if level is None:
            return "a proposal line names an unknown product"
        if level > allowed and not _approved(conn, policy, client_id, str(product_id), tolerance, assessed_on):
            return "a product above the client's risk tolerance needs an approved suitability exception"
    return None
