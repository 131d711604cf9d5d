"""Issue #10, hole 3: a stamp whose millisecond part is longer than 13 digits (here with an
underscore, which Python's int() accepts) passed the numeric "at most a day ahead" check but won
every string comparison, pinning the field for good. Stamps are parsed strictly and compared parsed."""
from __future__ import annotations

import time
from typing import Any

import httpx

from kamdesk.common.hlc import Stamp
from kamdesk.common.ids import new_id
from tests.server.test_api import login, server_records


def _push(client: httpx.Client, rec: Any, value: str, stamp: str) -> dict[str, Any]:
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [
        {"table": "clients", "id": rec.record_id, "fields": {"notes": value}, "stamps": {"notes": stamp},
         "base_seq": rec.seq}]})
    assert r.status_code == 200, r.text
    return r.json()


def _notes(srv: Any, record_id: str) -> str:
    return next(x for x in server_records(srv, "clients") if x.record_id == record_id).fields["notes"]


def test_a_long_millisecond_part_is_refused_and_later_edits_still_win(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    lead, lb, _ = login(srv, users, "lead1")
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    tag = rb["device_id"].replace("-", "")
    now = f"{int(time.time() * 1000):013d}"
    for bad_ms in (now[0] + "_" + now[1:], "0" + now, now + "0"):  # 14 characters, numerically near now or not
        r = _push(rm, own, "pinned", f"{bad_ms}.00000.{tag}")
        assert r["accepted"] == 0 and r["rejected"][0]["reason"] == "malformed HLC stamp", r
    for bad in (f"{now}.0000.{tag}", f"{now}.00000.{tag}.x", f"{now}.00000.", f"{now}.00000.{tag}\u0661"):
        r = _push(rm, own, "pinned", bad)
        assert r["accepted"] == 0 and r["rejected"][0]["reason"] == "malformed HLC stamp", r
    assert _notes(srv, own.record_id) != "pinned"
    # a later normal edit of the RM wins, and so does the lead's after it
    later = Stamp(int(time.time() * 1000), 1, tag).encode()
    assert _push(rm, own, "rm edit", later)["accepted"] == 1
    assert _notes(srv, own.record_id) == "rm edit"
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    lead_stamp = Stamp(Stamp.decode(later).ms + 1, 0, lb["device_id"].replace("-", "")).encode()
    assert _push(lead, row, "lead edit", lead_stamp)["accepted"] == 1
    assert _notes(srv, own.record_id) == "lead edit"
