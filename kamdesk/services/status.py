"""What the status bar shows: pending local changes (the outbox), the last sync, the server.
(The conflict inbox is `kamdesk.services.conflicts`.)"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from kamdesk.models import Client, Meta, Outbox
from kamdesk.services.conflicts import count_open
from kamdesk.services.scope import client_clause
from kamdesk.sync import quarantine

# Meta keys the sync engine keeps (read defensively: a demo book has none of them).
# (kamdesk.sync.engine: META_LAST = "sync_last_round" {"at": iso, ...}, META_SERVER = "sync_server".)
# Only these keys are read: the sync refresh token and device key never leave the file here.
LAST_SYNC_KEYS = ("sync_last_round", "last_sync_at")
SERVER_KEYS = ("sync_server", "server_url")
PASSWORD_CHANGE_KEY = "sync_password_change_required"  # set by the engine while the server withholds the keys
STATUS_KEYS = (*LAST_SYNC_KEYS, *SERVER_KEYS, PASSWORD_CHANGE_KEY)


@dataclass(frozen=True)
class BookStatus:
    pending_changes: int
    last_sync_at: dt.datetime | None
    server_url: str | None
    user_name: str
    role: str
    open_conflicts: int = 0  # as the conflict inbox counts them: one per field of a record
    last_round: dict[str, Any] | None = None  # the sync engine's summary of its last round (counts only)
    password_change_required: bool = False  # an administrator reset the password: the user must set their own
    quarantined: tuple[Any, ...] = ()  # pulled records the engine could not apply (kamdesk.sync.quarantine.Held)

    @property
    def connected(self) -> bool:
        return bool(self.server_url)


def _first(meta: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        if meta.get(k):
            return meta[k]
    return None


def book_status(book: Any) -> BookStatus:
    with book.session_scope() as s:
        pending = s.scalar(select(func.count()).select_from(Outbox)) or 0
        conflicts = count_open(s)
        meta = {m.key: m.value for m in s.scalars(select(Meta).where(Meta.key.in_(STATUS_KEYS)))}
        held = tuple(quarantine.held(s))
    raw = _first(meta, LAST_SYNC_KEYS)
    last_round = raw if isinstance(raw, dict) else None
    if isinstance(raw, dict):
        raw = raw.get("at")
    last: dt.datetime | None = None
    if isinstance(raw, str):
        try:
            last = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            last = None
    server = _first(meta, SERVER_KEYS)
    return BookStatus(pending_changes=int(pending), last_sync_at=last,
                      server_url=server if isinstance(server, str) else None,
                      user_name=book.user.display_name, role=book.user.role, open_conflicts=int(conflicts),
                      last_round={k: v for k, v in last_round.items() if isinstance(v, (int, float, str))}
                      if last_round else None,
                      password_change_required=bool(server and meta.get(PASSWORD_CHANGE_KEY)),
                      quarantined=held)


@dataclass(frozen=True)
class PendingChange:
    """One local change waiting to be uploaded (field names only, never values)."""

    table: str
    record_id: str
    record_label: str
    fields: tuple[str, ...]
    created_at: dt.datetime | None


def pending_changes(book: Any, limit: int = 200) -> list[PendingChange]:
    """The newest outbox entries, labelled with the client they concern when the user may see it."""
    with book.session_scope() as s:
        rows = list(s.scalars(select(Outbox).order_by(Outbox.seq.desc()).limit(limit)))
        client_ids = {o.record_id for o in rows if o.table_name == "clients"}
        names = dict(s.execute(select(Client.id, Client.name).where(Client.id.in_(client_ids), client_clause(book))).all()) \
            if client_ids else {}
        return [PendingChange(table=o.table_name, record_id=o.record_id, record_label=names.get(o.record_id, ""),
                              fields=tuple(str(f) for f in (o.fields or [])), created_at=o.created_at) for o in rows]
