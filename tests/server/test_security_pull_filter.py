"""Issue #10, hole 7 and the pull side of hole 1: every byte a pull returns passes the user's
visibility and field filter. A compliance officer (names of individuals masked) read full names
through visit notes, opportunity names, request details and proposal titles; and a device whose
tag matched a stored conflict received it, whatever the record — including another team's
client's phone ciphertext."""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
from sqlalchemy import select

from kamdesk.common.hlc import HybridClock
from kamdesk.common.ids import new_id
from kamdesk.server import storage as st
from tests.server.test_api import login, pull_all, server_records

NAME = "欧阳娜娜"


def _change(table: str, rid: str, stamp: str, **fields: Any) -> dict[str, Any]:
    return {"table": table, "id": rid, "fields": fields, "stamps": {k: stamp for k in fields}, "base_seq": None}


def seed_individual_with_free_text(srv: Any, users: dict[str, Any]) -> tuple[str, httpx.Client]:
    """rm11 creates an individual client named NAME and writes the name into every kind of free
    text a compliance officer can read; returns (client id, rm11's HTTP client)."""
    rm, rb, _ = login(srv, users, "rm11")
    clock = HybridClock(rb["device_id"].replace("-", ""))
    uid, cid, now = users["rm11"]["id"], new_id(), dt.datetime(2026, 12, 1, 10, 0).isoformat()
    changes = [
        _change("clients", cid, clock.now(), kind="individual", name=NAME, short_name=NAME, owner_id=uid,
                branch="上海分行", notes=f"{NAME}的家人也在本行开户", deleted=False),
        _change("contacts", new_id(), clock.now(), client_id=cid, name=NAME, preferences=f"{NAME}喜欢下午茶"),
        _change("visits", new_id(), clock.now(), client_id=cid, owner_id=uid, planned_at=now,
                notes=f"与{NAME}面谈", agenda=f"{NAME}：资产配置", outcome=f"{NAME}同意", place=f"{NAME}家中",
                attendees=[NAME]),
        _change("opportunities", new_id(), clock.now(), client_id=cid, owner_id=uid, name=f"{NAME}理财配置",
                closed_reason=f"{NAME}暂缓"),
        _change("service_requests", new_id(), clock.now(), client_id=cid, category="账户", title=f"{NAME}挂失",
                detail=f"{NAME}来电要求挂失", opened_at=now, resolution=f"已为{NAME}办理"),
        _change("proposals", new_id(), clock.now(), client_id=cid, owner_id=uid, series_id=new_id(),
                title=f"{NAME}财富规划方案", data={"client_name": NAME}, change_summary=f"按{NAME}意见修改"),
    ]
    for batch in (changes[:1], changes[1:]):  # the client first: a batch sees the book as it began
        r = rm.post("/sync/push", json={"idempotency_key": new_id(), "changes": batch}).json()
        assert r["rejected"] == [] and r["accepted"] == len(batch), r
    return cid, rm


def test_compliance_never_receives_an_individuals_name_through_free_text(bank: Any) -> None:
    srv, users = bank
    cid, rm = seed_individual_with_free_text(srv, users)
    comp, _b, _ = login(srv, users, "compliance1")
    recs, raw = pull_all(comp)
    assert "娜娜" not in raw and "\\u5a1c\\u5a1c" not in raw  # neither as text nor escaped
    mine = {x["table"]: x["fields"] for x in recs if x["id"] == cid or x["fields"].get("client_id") == cid}
    assert set(mine) == {"clients", "contacts", "visits", "opportunities", "service_requests", "proposals"}
    assert mine["opportunities"]["name"].startswith("欧阳*") and mine["proposals"]["title"].startswith("欧阳*")
    assert mine["service_requests"]["title"].startswith("欧阳*") and mine["contacts"]["name"] == "欧阳**"
    assert "notes" not in mine["visits"] and "detail" not in mine["service_requests"]
    assert "data" not in mine["proposals"] and "notes" not in mine["clients"]
    # the RM who owns the client still receives everything
    own, raw_rm = pull_all(rm)
    assert raw_rm.count(NAME) >= 15


def _insert_conflict(srv: Any, table: str, record_id: str, field: str, value: Any, tag: str) -> str:
    cid = new_id()
    with srv.state.store.write() as conn:
        conn.execute(st.conflicts.insert().values(
            id=cid, tbl=table, record_id=record_id, field=field, winner_value=value, loser_value=value,
            winner_hlc=f"{1:013d}.00000.{tag}", loser_hlc=f"{1:013d}.00000.other", device_a=tag, device_b="other",
            seq=1))
    return cid


def _conflicts(client: httpx.Client) -> tuple[list[dict[str, Any]], str]:
    seq = gen = 0
    found, raw = [], []
    while True:
        page = client.post("/sync/pull", json={"since_seq": seq, "since_gen": gen, "limit": 100})
        assert page.status_code == 200, page.text
        raw.append(page.text)
        body = page.json()
        found += body["conflicts"]
        seq, gen = body["next_seq"], body["next_gen"]
        if not body["has_more"]:
            return found, "\n".join(raw)


def test_a_conflict_reaches_only_devices_whose_user_may_see_the_record_and_field(bank: Any) -> None:
    srv, users = bank
    rm, rb, _ = login(srv, users, "rm21")  # team 2
    tag = rb["device_id"].replace("-", "")
    clients = server_records(srv, "clients")
    theirs = next(r for r in clients if r.fields["owner_id"] == users["rm11"]["id"] and r.fields.get("phone_ct"))
    mine = next(r for r in clients if r.fields["owner_id"] == users["rm21"]["id"])
    # a stored conflict that names rm21's device tag but concerns team 1's client (a colliding tag)
    hidden = _insert_conflict(srv, "clients", theirs.record_id, "phone_ct", theirs.fields["phone_ct"], tag)
    shown = _insert_conflict(srv, "clients", mine.record_id, "notes", "冲突备注", tag)
    found, raw = _conflicts(rm)
    assert [c["id"] for c in found] == [shown]
    assert hidden not in raw and theirs.record_id not in raw
    assert theirs.fields["phone_ct"]["$b64"] not in raw
    # a role without the C2-ID key gets no conflict on that ciphertext even for a record it sees;
    # a conflict on the mask reaches it (the mask is what it may see)
    comp, cb, _ = login(srv, users, "compliance1")
    ctag = cb["device_id"].replace("-", "")
    _insert_conflict(srv, "clients", theirs.record_id, "phone_ct", theirs.fields["phone_ct"], ctag)
    masked = _insert_conflict(srv, "clients", theirs.record_id, "phone_mask", "138****5678", ctag)
    found, raw = _conflicts(comp)
    assert [c["id"] for c in found] == [masked] and theirs.fields["phone_ct"]["$b64"] not in raw
    with srv.state.store.read() as conn:  # the conflicts stay stored for whom they concern
        assert len(conn.execute(select(st.conflicts)).all()) == 4
    assert json.loads(json.dumps(found))[0]["winner_value"] == "138****5678"
