"""The same sync on SQLite and PostgreSQL, and concurrent pushers on PostgreSQL."""
from __future__ import annotations

import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.models import Client, Contact
from kamdesk.sync import keywrap
from kamdesk.sync import protocol as p


def test_two_devices_converge_on_both_databases(any_bank: Any, connect: Any, sync: Any) -> None:
    srv, users = any_bank
    a1, a2 = connect(srv, users, "rm11", "a1.kdb"), connect(srv, users, "rm11", "a2.kdb")
    with a1.session_scope() as s:
        cid = s.scalars(select(Client.id).order_by(Client.id)).first()
    with a1.session_scope(write=True) as s:
        s.add(Contact(client_id=cid, name="甲"))
        s.get(Client, cid).city = "杭州"
    with a2.session_scope(write=True) as s:
        s.add(Contact(client_id=cid, name="乙"))
        s.get(Client, cid).address = "西湖区"
    for b in (a1, a2, a1):
        sync(b)
    for b in (a1, a2):
        with b.session_scope() as s:
            names = {c.name for c in s.scalars(select(Contact).where(Contact.client_id == cid))}
            c = s.get(Client, cid)
            assert {"甲", "乙"} <= names and c.city == "杭州" and c.address == "西湖区"


def _login(srv: Any, users: dict[str, Any], name: str) -> tuple[httpx.Client, str]:
    _priv, pub = keywrap.new_device_key()
    c = httpx.Client(base_url=srv.url + p.API_PREFIX, timeout=60)
    body = c.post("/auth/login", json={"username": name, "password": users[name]["password"],
                                       "device_public_key": pub}).json()
    dev = body["device_id"]
    c.headers["Authorization"] = f"Bearer {body['access_token']}"
    return c, dev


@pytest.mark.pg
def test_concurrent_pushers_never_make_a_puller_skip(pg_bank: Any) -> None:
    """Two devices push many small batches at once while a third device pulls incrementally:
    every change must reach the puller through its incremental pulls (a skipped seq would never
    be delivered afterwards, since the checkpoint has moved past it)."""
    srv, users = pg_bank
    pushers = [_login(srv, users, "rm11"), _login(srv, users, "rm11")]
    puller, _dev = _login(srv, users, "lead1")
    with srv.state.store.read() as conn:
        from kamdesk.server import storage as st

        client_id = conn.execute(select(st.records.c.record_id).where(
            st.records.c.tbl == "clients", st.records.c.p_owner == users["rm11"]["id"])).scalars().first()
    # the puller first catches up with the seeded bank
    state = {"seq": 0, "gen": 0}
    seen: set[str] = set()

    def pull_once() -> bool:
        r = puller.post("/sync/pull", json={"since_seq": state["seq"], "since_gen": state["gen"],
                                            "limit": 50}).json()
        seen.update(x["id"] for x in r["records"] if x["table"] == "contacts")
        state["seq"], state["gen"] = r["next_seq"], r["next_gen"]
        return r["has_more"]

    while pull_once():
        pass
    pushed: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def push_many(client: httpx.Client, dev: str) -> None:
        clock = HybridClock(dev.replace("-", ""))
        for _ in range(40):
            ids = [new_id() for _ in range(3)]
            changes = []
            for rid in ids:
                st_ = clock.now()
                changes.append({"table": "contacts", "id": rid, "stamps": {"client_id": st_, "name": st_},
                                "fields": {"client_id": client_id, "name": "并发"}})
            r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": changes})
            assert r.status_code == 200 and r.json()["accepted"] == 3
            with lock:
                pushed.extend(ids)

    def pull_loop() -> None:
        while not stop.is_set():
            pull_once()

    puller_thread = threading.Thread(target=pull_loop)
    puller_thread.start()
    threads = [threading.Thread(target=push_many, args=pc) for pc in pushers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    puller_thread.join()
    while pull_once():
        pass
    assert len(pushed) == 240
    assert set(pushed) <= seen
