"""Change history across devices: a change made on a second device arrives by sync as source
"sync" with the remote time; a bulk first download writes no history; evicting the client
deletes its history."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select

from kamdesk.common.hlc import Stamp
from kamdesk.models import ChangeLog, Client
from kamdesk.services.history import client_history

from tests.sync.test_engine import client_ids, own_client


def _history_count(book: Any, client_id: str | None = None) -> int:
    with book.session_scope() as s:
        q = select(func.count()).select_from(ChangeLog)
        if client_id is not None:
            q = q.where(ChangeLog.client_id == client_id)
        return s.scalar(q) or 0


def test_a_change_from_a_second_device_arrives_as_sync_and_eviction_deletes_history(
        bank: Any, connect: Any, sync: Any) -> None:
    from kamdesk.server import admin

    srv, users = bank
    a1, a2 = connect(srv, users, "rm11", "a1.kdb"), connect(srv, users, "rm11", "a2.kdb")
    assert _history_count(a1) == 0  # the first download is not history
    ca = own_client(a1)
    with a2.session_scope(write=True) as s:
        c = s.get(Client, ca)
        c.city = "苏州"
        c.phone = "13800138000"
    with a2.session_scope() as s:
        stamp = s.get(Client, ca).clock["city"]
    sync(a2)
    sync(a1)

    entries = client_history(a1, ca).entries
    city = next(e for e in entries if e.field == "city")
    assert city.source == "sync" and city.new == "苏州"
    remote_at = dt.datetime.fromtimestamp(Stamp.decode(stamp).ms / 1000, dt.UTC).replace(tzinfo=None)
    assert city.at == remote_at
    phone = next(e for e in entries if e.field == "phone")
    assert phone.sensitive and phone.old is None and phone.new is None and phone.source == "sync"
    with a1.session_scope() as s:
        raw = repr(s.execute(select(ChangeLog.__table__)).all())
    assert "13800138000" not in raw and "138****8000" not in raw
    # the device that made the change keeps it as local
    assert next(e for e in client_history(a2, ca).entries if e.field == "city").source == "local"

    with srv.state.store.write() as conn:
        admin.reassign_client(conn, ca, "rm21")
    assert sync(a1).evicted == 1 and ca not in client_ids(a1)
    assert _history_count(a1, ca) == 0
