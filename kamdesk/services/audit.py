"""Writing and verifying the local audit log (hash chain in kamdesk.security.audit)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kamdesk.common.ids import new_id
from kamdesk.models import AuditEvent
from kamdesk.models.session import SessionContext
from kamdesk.security.audit import GENESIS, ChainReport, canonical_detail, entry_hash, verify_chain


def record(session: Session, ctx: SessionContext, action: str, entity: str = "", entity_id: str = "",
           detail: dict[str, Any] | None = None) -> AuditEvent:
    """Append one audit event in the caller's unit of work (so it commits with the change it records).
    The session must be a write scope (one writer at a time keeps the chain linear). Never put a
    C2 value or a secret in `detail`."""
    last = session.execute(select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    entry = {
        "id": new_id(),
        "at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": ctx.user_id,
        "device_id": ctx.device_id,
        "action": action,
        "entity": entity,
        "entity_id": entity_id or "",
        "detail": canonical_detail(detail),
    }
    ev = AuditEvent(seq=seq, prev_hash=prev, hash=entry_hash(prev, entry), **entry)
    session.add(ev)
    session.flush()
    return ev


def _as_dict(e: AuditEvent) -> dict[str, Any]:
    return {"seq": e.seq, "id": e.id, "at": e.at, "actor_id": e.actor_id, "device_id": e.device_id,
            "action": e.action, "entity": e.entity, "entity_id": e.entity_id, "detail": e.detail,
            "prev_hash": e.prev_hash, "hash": e.hash}


def verify(session: Session) -> ChainReport:
    rows = session.scalars(select(AuditEvent).order_by(AuditEvent.seq)).yield_per(1000)
    return verify_chain(_as_dict(e) for e in rows)


def events(session: Session, *, action: str | None = None, entity_id: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    q = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if action:
        q = q.where(AuditEvent.action == action)
    if entity_id:
        q = q.where(AuditEvent.entity_id == entity_id)
    return [_as_dict(e) for e in session.scalars(q)]


def count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEvent)) or 0
