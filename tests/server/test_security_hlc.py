"""Security review, finding 6: pushed HLC stamps are bounded in time and bound to the pushing device."""
from __future__ import annotations

import time
from typing import Any

from kamdesk.common.hlc import HybridClock, Stamp
from kamdesk.common.ids import new_id
from tests.server.test_api import login, server_records


def _push(client: Any, rec: Any, value: str, stamp: str) -> dict[str, Any]:
    return client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [
        {"table": "clients", "id": rec.record_id, "fields": {"notes": value}, "stamps": {"notes": stamp},
         "base_seq": rec.seq}]}).json()


def test_a_stamp_far_in_the_future_cannot_pin_a_field(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    lead, lb, _ = login(srv, users, "lead1")
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    tag = rb["device_id"].replace("-", "")
    far = Stamp(9_999_999_999_999, 99_999, tag).encode()
    r = _push(rm, own, "pinned by rm", far)
    assert r["accepted"] == 0 and r["rejected"][0]["reason"] == "HLC stamp too far in the future"
    # a current stamp of the device's own is accepted (a stamp ahead but within the day would be too;
    # not pushed here: it would drag the process-wide server clock ahead for the following tests)
    now = Stamp(int(time.time() * 1000), 0, tag).encode()
    assert _push(rm, own, "rm, now", now)["accepted"] == 1
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    assert row.fields["notes"] == "rm, now"


def test_a_stamp_naming_another_device_is_refused(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    _lead, lb, _ = login(srv, users, "lead1")
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    forged = HybridClock(lb["device_id"].replace("-", "")).now()
    r = _push(rm, own, "as if from the lead", forged)
    assert r["accepted"] == 0 and r["rejected"][0]["reason"] == "HLC stamp of another device"
    # echoing a field with the stamp it already carries (a merged local row) is not refused
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    r = _push(rm, row, row.fields["notes"], row.stamps["notes"])
    assert r["rejected"] == []
