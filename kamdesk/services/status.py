"""What the status bar shows: pending local changes (the outbox), the last sync, the server."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from kamdesk.models import Conflict, Meta, Outbox

# Meta keys the sync engine keeps (read defensively: a demo book has none of them).
# (kamdesk.sync.engine: META_LAST = "sync_last_round" {"at": iso, ...}, META_SERVER = "sync_server".)
# Only these keys are read: the sync refresh token and device key never leave the file here.
LAST_SYNC_KEYS = ("sync_last_round", "last_sync_at")
SERVER_KEYS = ("sync_server", "server_url")


@dataclass(frozen=True)
class BookStatus:
    pending_changes: int
    last_sync_at: dt.datetime | None
    server_url: str | None
    user_name: str
    role: str
    open_conflicts: int = 0
    last_round: dict[str, Any] | None = None  # the sync engine's summary of its last round (counts only)

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
        conflicts = s.scalar(select(func.count()).select_from(Conflict).where(Conflict.status == "open")) or 0
        meta = {m.key: m.value for m in s.scalars(select(Meta).where(Meta.key.in_(LAST_SYNC_KEYS + SERVER_KEYS)))}
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
                      if last_round else None)
