"""End-to-end sync: real server on loopback, real encrypted client files."""
from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from kamdesk.models import Client, Conflict, Contact, Outbox, Task, Visit, syncable_tables
from kamdesk.models.session import sync_columns
from kamdesk.sync.engine import (DeviceWiped, InsecureServer, Offline, SyncCancelled, SyncEngine, check_url,
                                 resolve_conflict)


def dump(book: Any, client_ids: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every syncable row's synced columns (and stamps), optionally limited to some clients."""
    out: dict[str, dict[str, Any]] = {}
    with book.session_scope() as s:
        for name, cls in syncable_tables().items():
            cols = sync_columns(cls)
            for row in s.scalars(select(cls)):
                if client_ids is not None:
                    cid = row.id if name == "clients" else getattr(row, "client_id", None)
                    if cid not in client_ids:
                        continue
                out[f"{name}:{row.id}"] = {c: getattr(row, c) for c in cols} | {"clock": dict(row.clock or {})}
    return out


def client_ids(book: Any) -> set[str]:
    with book.session_scope() as s:
        return set(s.scalars(select(Client.id)))


def own_client(book: Any) -> str:
    with book.session_scope() as s:
        return s.scalars(select(Client.id).where(Client.owner_id == book.user.id).order_by(Client.id)).first()


def test_first_sync_brings_own_book_with_c2_readable(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    srv, users = bank
    book = connect(srv, users, "rm11")
    with book.session_scope() as s:
        clients = list(s.scalars(select(Client)))
        assert clients and all(c.owner_id == users["rm11"]["id"] for c in clients)
        assert all(c.credit_code and c.credit_code.startswith("91") for c in clients)
        assert s.scalars(select(Contact)).first() is not None
    with book.session_scope() as s:
        assert s.query(Outbox).count() == 0  # applying remote changes queues nothing


def test_two_rms_team_lead_and_second_device_converge(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    srv, users = bank
    a1 = connect(srv, users, "rm11", "a1.kdb")
    a2 = connect(srv, users, "rm11", "a2.kdb")
    b = connect(srv, users, "rm12", "b.kdb")
    lead = connect(srv, users, "lead1", "lead.kdb")
    ca, cb = own_client(a1), own_client(b)
    assert client_ids(a1) == client_ids(a2)
    assert client_ids(a1) | client_ids(b) <= client_ids(lead)
    assert not client_ids(a1) & client_ids(b)

    # everyone edits offline
    with a1.session_scope(write=True) as s:
        c = s.get(Client, ca)
        c.notes = "A1 的备注"
        c.phone = "13800138000"
        s.add(Contact(client_id=ca, name="新联系人", title="财务经理"))
        s.add(Task(owner_id=a1.user.id, title="准备授信材料"))
    with a2.session_scope(write=True) as s:
        c = s.get(Client, ca)
        c.notes = "A2 的备注"  # concurrent edit of the same field
        c.city = "苏州"
    with b.session_scope(write=True) as s:
        s.get(Client, cb).notes = "B 的备注"
        s.add(Visit(client_id=cb, owner_id=b.user.id, planned_at=dt.datetime(2026, 12, 1, 10, 0), place="客户总部"))
    with lead.session_scope(write=True) as s:
        s.get(Client, ca).address = "浦东新区世纪大道 100 号"
        s.get(Client, cb).tier = "strategic"

    for book in (a1, b, a2, lead, a1, b, a2, lead, a1):
        sync(book)

    assert dump(a1) == dump(a2)
    assert dump(lead, client_ids(a1)) == dump(a1, client_ids(a1))
    assert dump(lead, client_ids(b)) == dump(b, client_ids(b))
    with a1.session_scope() as s:
        c = s.get(Client, ca)
        assert c.notes in ("A1 的备注", "A2 的备注") and c.city == "苏州" and c.address.startswith("浦东")
        assert c.phone == "13800138000"
        assert s.scalars(select(Task).where(Task.title == "准备授信材料")).first() is not None
    with b.session_scope() as s:
        assert s.get(Client, cb).tier == "strategic"
        assert s.scalars(select(Task)).first() is None  # rm11's personal task is not in rm12's file
    for book in (a1, a2):  # the concurrent edit is kept for review on both devices
        with book.session_scope() as s:
            conflicts = list(s.scalars(select(Conflict).where(Conflict.record_id == ca, Conflict.field == "notes")))
            assert len(conflicts) == 1
            assert {conflicts[0].local_value, conflicts[0].remote_value} == {"A1 的备注", "A2 的备注"}
    # resolving is itself a change that syncs: a1 keeps the value that lost
    with a1.session_scope() as s:
        lost = next(v for v in ("A1 的备注", "A2 的备注") if v != s.get(Client, ca).notes)
        conflict = s.scalars(select(Conflict).where(Conflict.record_id == ca)).one()
        keep = "local" if conflict.local_value == lost else "remote"
    resolve_conflict(a1, conflict.id, keep=keep)
    for book in (a1, a2):
        sync(book)
    for book in (a1, a2):
        with book.session_scope() as s:
            assert s.get(Client, ca).notes == lost
    with a1.session_scope() as s:
        assert s.get(Conflict, conflict.id).status == "resolved"


def test_rejected_field_is_reverted_and_the_rest_applies(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    with a.session_scope() as s:
        tier = s.get(Client, ca).tier
    with a.session_scope(write=True) as s:
        c = s.get(Client, ca)
        c.tier = "strategic" if tier != "strategic" else "general"  # read-only for an RM
        c.notes = "更新的备注"
    r = sync(a)
    assert [(x.field, x.reason) for x in r.rejected] == [("tier", "field is read-only for role rm")]
    sync(a)  # the rejected table is re-downloaded: the local value is reverted
    with a.session_scope() as s:
        assert s.get(Client, ca).tier == tier
        assert s.get(Client, ca).notes == "更新的备注"


def test_reassigned_client_is_evicted_and_arrives_at_new_owner(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    from kamdesk.server import admin

    srv, users = bank
    a, b = connect(srv, users, "rm11"), connect(srv, users, "rm21")
    ca = own_client(a)
    with srv.state.store.write() as conn:
        admin.reassign_client(conn, ca, "rm21")
    ra, rb = sync(a), sync(b)
    assert ra.evicted == 1 and ca not in client_ids(a)
    with a.session_scope() as s:
        assert s.scalars(select(Contact).where(Contact.client_id == ca)).first() is None
    assert ca in client_ids(b)
    with b.session_scope() as s:
        assert s.scalars(select(Contact).where(Contact.client_id == ca)).first() is not None
        assert s.get(Client, ca).credit_code  # C2 readable by the new owner
    assert rb.pulled > 0
    assert sync(a).evicted == 0  # the eviction is not repeated once stored


def test_revoked_device_wipes_its_file(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    from kamdesk.server import admin

    srv, users = bank
    book = connect(srv, users, "rm11")
    path = book.path
    with srv.state.store.write() as conn:
        admin.revoke_device(conn, book.device_id)
    with pytest.raises(DeviceWiped):
        sync(book)
    assert not path.exists()
    assert not book.vault._read().get("wrapped")  # the file key is destroyed too


def test_push_resent_after_lost_response_is_applied_once(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    """The server applied the batch but the response was lost (connection dropped, process
    killed): the resend carries the same idempotency key and is applied once."""
    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    with a.session_scope(write=True) as s:
        s.add(Contact(client_id=ca, name="只应出现一次"))

    class DropFirstPushResponse(httpx.HTTPTransport):
        dropped = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            resp = super().handle_request(request)
            if request.url.path.endswith("/sync/push") and not self.dropped:
                self.dropped += 1
                resp.read()
                raise httpx.ReadError("connection dropped", request=request)
            return resp

    transport = DropFirstPushResponse()
    eng = engine_for(a, transport=transport, max_retries=0)
    with pytest.raises(Offline):
        eng.sync_round()
    eng.close()
    with a.session_scope() as s:
        assert s.query(Outbox).count() == 1 and s.scalars(select(Outbox.batch_id)).first()
    r = sync(a)
    assert r.pushed == 1  # the replayed response
    seq_before = srv.state.store.engine.connect().exec_driver_sql("SELECT value FROM counters").scalar()
    sync(a)
    with srv.state.store.read() as conn:
        from sqlalchemy import text
        rows = conn.execute(text("SELECT fields FROM records WHERE tbl='contacts'")).all()
        assert sum(1 for (f,) in rows if (f if isinstance(f, dict) else json.loads(f))["name"] == "只应出现一次") == 1
        assert conn.execute(text("SELECT value FROM counters")).scalar() == seq_before
    b = connect(srv, users, "rm11")
    with b.session_scope() as s:
        assert len(list(s.scalars(select(Contact).where(Contact.name == "只应出现一次")))) == 1


def test_pull_resumes_after_interruption(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    srv, users = bank
    a = connect(srv, users, "lead1")
    before = dump(a)
    # a fresh device of the same user, pulling in small pages, interrupted after two pages
    from kamdesk.sync.engine import create_book_from_server

    fresh = create_book_from_server(a.path.with_name("fresh.kdb"), "test-passphrase-1", srv.url, "lead1",
                                    users["lead1"]["password"], kdf={"name": "scrypt", "n": 2**10, "r": 8, "p": 1},
                                    sync=False)
    try:
        cancel = threading.Event()
        pages = []

        def progress(phase: str, done: int, total: Any) -> None:
            pages.append(done)
            if len(pages) == 2:
                cancel.set()

        eng = engine_for(fresh, page_size=6, progress=progress, cancel=cancel)
        with pytest.raises(SyncCancelled):
            eng.sync_round()
        eng.close()
        assert 0 < len(client_ids(fresh)) < len(client_ids(a))
        sync(fresh, page_size=6)
        assert dump(fresh) == before
    finally:
        fresh.close()


def test_drift_is_detected_and_repaired(bank: Any, connect: Any, sync: Any, engine_for: Any) -> None:
    srv, users = bank
    a = connect(srv, users, "rm11")
    before = dump(a)
    victim = own_client(a)
    with a.session_scope(applying_remote=True) as s:  # simulate drift: a row lost locally
        s.delete(s.get(Client, victim))
    eng = engine_for(a)
    try:
        assert eng.verify() == ["clients"]
    finally:
        eng.close()
    assert dump(a) == before


def test_plain_http_refused_except_loopback() -> None:
    assert check_url("https://sync.bank.example/") == "https://sync.bank.example"
    assert check_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    with pytest.raises(InsecureServer):
        check_url("http://sync.bank.example")


def test_offline_is_reported_after_retries(book: Any, sync: Any, engine_for: Any) -> None:
    from kamdesk.server.testing import free_port

    book.set_meta("sync_refresh_token", "x")
    sleeps: list[float] = []
    eng = SyncEngine(book, f"http://127.0.0.1:{free_port()}", sleep=sleeps.append, max_retries=3)
    assert not eng.online()
    eng.access_token = "t"
    with pytest.raises(Offline):
        eng.sync_round()
    assert sleeps == [0.5, 1.0, 2.0]  # exponential back-off


_CHILD = r'''
import sys, time, httpx
from kamdesk.services.book import open_book
from kamdesk.sync.engine import SyncEngine
book = open_book(sys.argv[1], "test-passphrase-1")
mode = sys.argv[2]
seen = {"n": 0}
class KillPoint(httpx.HTTPTransport):
    def handle_request(self, request):
        resp = super().handle_request(request)
        if request.url.path.endswith("/sync/" + mode):
            seen["n"] += 1
            if seen["n"] == 2:  # the server has answered; the client has not stored the answer
                resp.read()
                print("KILLME", flush=True)
                time.sleep(120)
        return resp
SyncEngine(book, transport=KillPoint(), batch_size=5, page_size=20).sync_round()
print("DONE", flush=True)
'''


def _run_and_kill(path: Any, mode: str) -> None:
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), mode], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline().strip()  # type: ignore[union-attr]
        assert line == "KILLME", line
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.parametrize("mode", ["push", "pull"])
def test_sigkill_mid_sync_resumes_to_the_same_end_state(bank: Any, connect: Any, sync: Any, engine_for: Any,
                                                       mode: str) -> None:
    from kamdesk.services.book import open_book
    from kamdesk.sync.engine import create_book_from_server

    srv, users = bank
    ref = connect(srv, users, "rm11", "ref.kdb")
    if mode == "push":
        victim = connect(srv, users, "rm11", "victim.kdb")
        ca = own_client(victim)
        with victim.session_scope(write=True) as s:
            for i in range(23):
                s.add(Contact(client_id=ca, name=f"批量联系人{i}"))
    else:
        victim = create_book_from_server(ref.path.with_name("victim.kdb"), "test-passphrase-1", srv.url, "rm11",
                                         users["rm11"]["password"], kdf={"name": "scrypt", "n": 2**10, "r": 8, "p": 1},
                                         sync=False)
    path = victim.path
    victim.close()
    _run_and_kill(path, mode)
    resumed = open_book(path, "test-passphrase-1")
    try:
        sync(resumed)
        sync(ref)
        assert dump(resumed) == dump(ref)
        with ref.session_scope() as s:
            names = [c.name for c in s.scalars(select(Contact).where(Contact.name.like("批量联系人%")))]
        assert len(names) == (23 if mode == "push" else 0) and len(set(names)) == len(names)
    finally:
        resumed.close()


def test_audit_events_upload_with_their_chain_and_logs_hold_no_secrets(bank: Any, connect: Any, sync: Any,
                                                                       engine_for: Any) -> None:
    import io
    import logging

    from sqlalchemy import text

    from kamdesk.models import AuditEvent
    from kamdesk.server.logs import JsonFormatter
    from kamdesk.services import audit

    srv, users = bank
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("kamdesk.server").addHandler(handler)
    try:
        a = connect(srv, users, "rm11")
        ca = own_client(a)
        with a.session_scope(write=True) as s:
            audit.record(s, a.ctx, "reveal", "clients", ca, {"field": "credit_code"})
            audit.record(s, a.ctx, "export", "clients", "", {"rows": 3})
            s.get(Client, ca).phone = "13912345678"
        r = sync(a)
        assert r.audit_uploaded == 2
        with a.session_scope() as s:
            assert all(e.uploaded for e in s.scalars(select(AuditEvent)))
        with srv.state.store.read() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_events")).scalar() == 2
        assert sync(a).audit_uploaded == 0
    finally:
        logging.getLogger("kamdesk.server").removeHandler(handler)
    logs = stream.getvalue()
    assert '"event": "push"' in logs and '"path": "/api/v1/auth/login"' in logs
    for secret in (users["rm11"]["password"], "13912345678", a.meta("sync_refresh_token")):
        assert secret not in logs
    for line in logs.splitlines():
        json.loads(line)  # one JSON object per line


def test_key_rotation_reaches_devices_and_old_ciphertext_stays_readable(bank: Any, connect: Any, sync: Any,
                                                                         engine_for: Any) -> None:
    from kamdesk.security.fieldcrypto import parse_envelope
    from kamdesk.server import admin

    srv, users = bank
    a1, a2 = connect(srv, users, "rm11", "a1.kdb"), connect(srv, users, "rm11", "a2.kdb")
    ca = own_client(a1)
    with a1.session_scope() as s:
        old_code = s.get(Client, ca).credit_code
    with srv.state.store.write() as conn:
        assert admin.rotate_key(conn, srv.state.keys, "C2-ID") == 2
    sync(a1)
    assert a1.ctx.keyring.current("C2-ID").version == 2
    with a1.session_scope(write=True) as s:
        s.get(Client, ca).phone = "13700001111"
    sync(a1)
    sync(a2)
    with a2.session_scope() as s:
        c = s.get(Client, ca)
        assert parse_envelope(c.phone_ct)[2] == 2 and c.phone == "13700001111"
        assert parse_envelope(c.credit_code_ct)[2] == 1 and c.credit_code == old_code


def test_team_lead_reassigns_within_team_and_read_only_roles_cannot_write(bank: Any, connect: Any, sync: Any,
                                                                          engine_for: Any) -> None:
    srv, users = bank
    a, b, lead = connect(srv, users, "rm11"), connect(srv, users, "rm12"), connect(srv, users, "lead1")
    comp = connect(srv, users, "compliance1")
    ca = own_client(a)
    with lead.session_scope(write=True) as s:
        s.get(Client, ca).owner_id = users["rm12"]["id"]
    assert sync(lead).rejected == []
    assert sync(a).evicted == 1 and ca not in client_ids(a)
    sync(b)
    assert ca in client_ids(b)
    with comp.session_scope(write=True) as s:
        s.get(Client, ca).notes = "合规不应能改"
    r = sync(comp)
    assert {x.reason for x in r.rejected} == {"no write permission on clients"}
    sync(b)
    with b.session_scope() as s:
        assert s.get(Client, ca).notes != "合规不应能改"


def test_a_row_refused_by_a_local_unique_constraint_does_not_block_sync(bank: Any, connect: Any, sync: Any,
                                                                        engine_for: Any) -> None:
    from kamdesk.models import Contribution

    srv, users = bank
    a = connect(srv, users, "rm11")
    ca = own_client(a)
    with a.session_scope() as s:
        month = s.scalars(select(Contribution.month).where(Contribution.client_id == ca)).first()
    from kamdesk.common.ids import new_id

    with srv.state.store.write() as conn:  # the server accepts a duplicate (client, month) made elsewhere
        from kamdesk.server import storage as st
        from kamdesk.server.syncsvc import server_write

        alloc = st.SeqAllocator(conn)
        server_write(conn, alloc, "contributions", new_id(),
                     {"client_id": ca, "month": month, "deposit_income": "1.00", "loan_income": "0",
                      "fee_income": "0", "avg_deposit": "0", "avg_loan": "0", "deleted": False})
        server_write(conn, alloc, "clients", ca, {"notes": "之后的修改"})
        alloc.flush()
    sync(a)
    with a.session_scope() as s:
        assert s.get(Client, ca).notes == "之后的修改"
