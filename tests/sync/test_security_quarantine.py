"""Issue #10, hole 4 (client side): one value a client cannot decode (`established_on:
"not-a-date"`, written into the server store around the push validation) failed every sync round
of every colleague who could see the record. The engine now quarantines that record, applies the
rest, keeps syncing, and shows the quarantine in `kamdesk sync status`."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from kamdesk.cli import main
from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.models import Client
from kamdesk.server import storage as st
from kamdesk.server.syncsvc import server_write
from kamdesk.services.status import book_status
from kamdesk.sync import protocol as p
from tests.support import PASSPHRASE


def _server_write(srv: Any, table: str, rid: str, **fields: Any) -> None:
    with srv.state.store.write() as conn:
        alloc = st.SeqAllocator(conn)
        server_write(conn, alloc, table, rid, fields)
        alloc.flush()


def test_an_undecodable_pulled_value_quarantines_its_record_and_sync_goes_on(
        bank: Any, connect: Any, sync: Any, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    srv, users = bank
    book = connect(srv, users, "rm11", name="rm11.kdb")
    with book.session_scope() as s:
        bad_id, good_id = s.scalars(select(Client.id).order_by(Client.id).limit(2)).all()
    _server_write(srv, "clients", bad_id, established_on="not-a-date", notes="never applied")
    _server_write(srv, "clients", good_id, notes="applied despite the bad neighbour")
    result = sync(book)  # used to fail with an internal error, every round
    assert result.repaired == []
    with book.session_scope() as s:
        assert s.get(Client, good_id).notes == "applied despite the bad neighbour"
        assert s.get(Client, bad_id).notes != "never applied"
    assert [(h.record_id, h.fields) for h in book_status(book).quarantined] == [(bad_id, ("established_on",))]
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    book_path = str(Path(book.path))
    assert main(["sync", "status", "--file", book_path, "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["quarantined"] == 1
    held = status["quarantined_records"][0]
    assert (held["table"], held["record_id"], held["fields"]) == ("clients", bad_id, ["established_on"])
    assert held["reason"] == "established_on: expected a date YYYY-MM-DD" and "not-a-date" not in json.dumps(status)
    assert main(["sync", "status", "--file", book_path]) == 0
    assert bad_id in capsys.readouterr().out
    # the next round goes on normally (no endless repair of the table for the held record)
    again = sync(book)
    assert again.repaired == [] and again.pulled == 0
    # the owner corrects the value over raw HTTP: the next round applies it and releases the record
    lead = httpx.Client(base_url=srv.url + p.API_PREFIX, timeout=30)
    r = lead.post("/auth/login", json={"username": "lead1", "password": users["lead1"]["password"]})
    lead.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    stamp = HybridClock(r.json()["device_id"].replace("-", "")).now()
    fix = {"established_on": "2001-02-03", "notes": "corrected"}
    r = lead.post("/sync/push", json={"idempotency_key": new_id(), "changes": [
        {"table": "clients", "id": bad_id, "fields": fix, "stamps": {k: stamp for k in fix}}]}).json()
    assert r["accepted"] == 1, r
    sync(book)
    with book.session_scope() as s:
        assert s.get(Client, bad_id).notes == "corrected"
    assert main(["sync", "status", "--file", book_path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["quarantined"] == 0
