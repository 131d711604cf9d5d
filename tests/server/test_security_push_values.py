"""Issue #10, holes 4 and 8: the server validated nothing a client pushed into a writable field —
a `not-a-date` date, a plaintext phone in `phone_mask`, a blind index that is no HMAC, fields the
schema does not have. Every pushed value is now checked against the field dictionary."""
from __future__ import annotations

from typing import Any

import httpx

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from tests.server.test_api import login, server_records


def _push(client: httpx.Client, clock: HybridClock, table: str, rid: str, base: int | None,
          **fields: Any) -> dict[str, Any]:
    stamp = clock.now()
    r = client.post("/sync/push", json={"idempotency_key": new_id(), "changes": [
        {"table": table, "id": rid, "fields": fields, "stamps": {k: stamp for k in fields}, "base_seq": base}]})
    assert r.status_code == 200, r.text
    return r.json()


def test_invalid_values_unknown_fields_and_forged_masks_are_refused_with_a_reason(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    clock = HybridClock(rb["device_id"].replace("-", ""))
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    r = _push(rm, clock, "clients", own.record_id, own.seq, notes="valid note", established_on="not-a-date",
              lifecycle_stage="immortal", favourite_colour="red", phone_mask="13812345678",
              phone_bi="not-a-blind-index", name=None, address="x" * 301, total_assets="lots")
    reasons = {x["field"]: x["reason"] for x in r["rejected"]}
    assert reasons == {
        "established_on": "expected a date YYYY-MM-DD",
        "lifecycle_stage": "value not allowed (expected one of: startup, growth, mature, decline)",
        "favourite_colour": "unknown field",
        "phone_mask": "mask does not match the phone mask pattern",
        "phone_bi": "blind index must be 64 lowercase hex characters",
        "name": "field may not be empty (null)",
        "address": "text longer than 300 characters",
        "total_assets": "expected a decimal amount",
    }
    assert r["accepted"] == 1  # the valid field of the same change is applied
    row = next(x for x in server_records(srv, "clients") if x.record_id == own.record_id)
    assert row.fields["notes"] == "valid note"
    assert row.fields["established_on"] == own.fields.get("established_on")
    assert row.fields.get("phone_mask") == own.fields.get("phone_mask")
    assert "favourite_colour" not in row.fields
    # a proper mask is accepted; a mask that keeps too much is not
    assert _push(rm, clock, "clients", own.record_id, row.seq, phone_mask="138****5678")["accepted"] == 1
    r = _push(rm, clock, "clients", own.record_id, row.seq, phone_mask="1381234*5678")
    assert r["rejected"][0]["reason"] == "mask does not match the phone mask pattern"


def test_unknown_tables_and_incomplete_new_records_are_refused(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm11")
    clock = HybridClock(rb["device_id"].replace("-", ""))
    own = next(r for r in server_records(srv, "clients") if r.fields["owner_id"] == users["rm11"]["id"])
    r = _push(rm, clock, "contacts", new_id(), None, client_id=own.record_id, title="CFO")
    assert {x["reason"] for x in r["rejected"]} == {"a new record needs name"} and r["accepted"] == 0
    r = _push(rm, clock, "visits", new_id(), None, client_id=own.record_id, owner_id=users["rm11"]["id"],
              planned_at="2026-12-01T10:00:00", duration_minutes="sixty")
    assert {x["field"]: x["reason"] for x in r["rejected"]} == {"duration_minutes": "expected an integer"}
    assert r["accepted"] == 1
