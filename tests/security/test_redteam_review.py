"""Red-team review of the merged issue-10 fixes (branch tR): attacks that still get through.

Each test is an outside caller's request sequence against the real server (raw HTTP through
tests/security/redteam.py) and fails while the hole is open.
"""
from __future__ import annotations

import datetime as dt

from typing import Any

import httpx
import pytest

from kamdesk.common.ids import new_id
from kamdesk.sync import protocol as p
from tests.security.redteam import Attacker, as_role, login

NOW = dt.datetime.now(dt.UTC).isoformat()


def _own_client(who: Attacker, kind: str | None = None) -> dict[str, Any]:
    recs, _raw = who.pull_all()
    return next(r for r in recs if r["table"] == "clients" and r["fields"]["owner_id"] == who.user_id
                and (kind is None or r["fields"].get("kind") == kind))


def _file(maker: Attacker, kind: str, client_id: str, **extra: Any) -> str:
    rid = new_id()
    fields = {"kind": kind, "status": "pending", "requester_id": maker.user_id, "client_id": client_id,
              "batch_id": new_id(), "requested_at": NOW, "reason": "客户书面要求", "detail": {},
              "deleted": False, **extra}
    r = maker.push_record("approvals", rid, fields)
    assert r.status_code == 200 and r.json()["accepted"] == 1 and not r.json()["rejected"], r.text
    return rid


def _stored(srv: Any, rid: str) -> dict[str, Any]:
    from sqlalchemy import select

    from kamdesk.server import storage as st
    with srv.state.store.read() as conn:
        return dict(conn.execute(select(st.records.c.fields).where(st.records.c.tbl == "approvals",
                                                                     st.records.c.record_id == rid)).one()[0])


def test_compliance_decides_a_suitability_exception_by_naming_another_kind(bank: Any) -> None:
    """approvalrules.field_error looks the decide action up from the *pushed* kind merged over the
    stored one: a compliance officer (who may decide only bulk exports) pushes kind=bulk_export next
    to his decision on a suitability exception; `kind` is refused, but the decision is accepted.
    (The desktop's valid_decision still ignores it for issuing, but the server's record says
    approved by compliance, and the team lead can no longer decide the request: it is closed.)"""
    srv, _users = bank
    rm = as_role(bank, "rm")
    rid = _file(rm, "suitability_exception", _own_client(rm)["id"],
                detail={"product_code": "F1", "risk_level": "R5", "risk_tolerance": "C1"})
    comp = as_role(bank, "compliance_officer")
    decision = {"status": "approved", "decided_by": comp.user_id, "decided_at": NOW, "decision_reason": "同意同意"}
    plain = comp.push_record("approvals", rid, decision).json()
    assert plain["accepted"] == 0  # refused when asked honestly
    forged = comp.push_record("approvals", rid, {**decision, "kind": "bulk_export"}).json()
    assert _stored(srv, rid)["status"] == "pending", forged


def _rm_with_an_individual_client(bank: Any) -> tuple[Attacker, dict[str, Any]]:
    """rm11 and a new individual client of his own book (pushed as his client would)."""
    rm = as_role(bank, "rm")
    cid = new_id()
    fields = {"kind": "individual", "name": "欧阳明远", "owner_id": rm.user_id, "team_id": rm.team_id,
              "branch": rm.login_body["user"].get("branch") or "", "tier": "general", "deleted": False}
    r = rm.push_record("clients", cid, fields).json()
    assert r["accepted"] == 1, r
    return rm, {"id": cid, "fields": fields}


def test_masked_roles_read_a_full_name_through_approval_detail(bank: Any) -> None:
    """approvals.detail is a free JSON object classified may_carry_name=false: in records of an
    individual client it reaches compliance (names masked) in clear, whatever the RM wrote in it."""
    rm, client = _rm_with_an_individual_client(bank)
    name = client["fields"]["name"]
    rid = _file(rm, "suitability_exception", client["id"],
                detail={"product_name": f"为{name}定制", "product_code": "F1", "risk_level": "R5"})
    comp = as_role(bank, "compliance_officer")
    rec = comp.record("approvals", rid)
    assert rec is not None
    assert name not in str(rec["fields"]), "full name of an individual client sent to a masked role"


def test_a_decision_time_far_in_the_future_is_accepted(bank: Any) -> None:
    """decided_at is whatever the decider's client writes: a bulk-export approval dated 2099 never
    reaches the 24-hour validity of kamdesk.services.clearexport (checked against decided_at)."""
    srv, _users = bank
    lead = as_role(bank, "team_lead")
    rid = _file(lead, "bulk_export", _own_client(as_role(bank, "rm"))["id"], detail={"tier": None})
    comp = as_role(bank, "compliance_officer")
    comp.push_record("approvals", rid, {"status": "approved", "decided_by": comp.user_id,
                                        "decided_at": "2099-12-31T00:00:00", "decision_reason": "同意导出"})
    assert _stored(srv, rid).get("decided_at") != "2099-12-31T00:00:00"


def test_x_forwarded_for_rotates_the_source_of_the_login_throttle(bank: Any) -> None:
    """uvicorn trusts X-Forwarded-For from 127.0.0.1 by default (proxy_headers, forwarded_allow_ips),
    and the server never turned that off: a caller on the host (or behind a same-host proxy that
    passes the header on) names a new source per guess, so the (account, source) counter never
    reaches 5 and the per-source counter never counts."""
    srv, _users = bank
    with httpx.Client(base_url=srv.url + p.API_PREFIX, timeout=30) as http:
        codes = [http.post("/auth/login", json={"username": "rm11", "password": f"guess-{i}-xx",
                                                "device_name": "x"},
                           headers={"X-Forwarded-For": f"203.0.113.{i}"}).status_code for i in range(8)]
    assert 429 in codes, codes


def test_a_lead_hands_a_client_to_another_teams_rm_by_push(bank: Any) -> None:
    """POST /admin/clients/reassign lets a lead move a client only to a member of his own team, but
    the lead's role may write clients.owner_id and team_id through sync: the push is checked only
    against what the lead saw before it, so the client lands in another team's RM's book."""
    srv, users = bank
    lead = as_role(bank, "team_lead")
    other_rm = next(n for n, u in sorted(users.items()) if u["role"] == "rm" and u["team"] != users["lead1"]["team"])
    outsider = login(srv, users, other_rm)
    client = next(r for r in lead.pull_all()[0] if r["table"] == "clients")
    api = lead.http.post("/admin/clients/reassign", json={"client_id": client["id"], "owner": other_rm})
    assert api.status_code == 403  # the API holds the rule
    assert outsider.record("clients", client["id"]) is None
    lead.push_record("clients", client["id"], {"owner_id": outsider.user_id, "team_id": outsider.team_id},
                     base_seq=client["seq"])
    assert outsider.record("clients", client["id"]) is None, "another team's RM received the lead's client"


def test_a_lead_unmasks_an_individual_by_turning_it_corporate(bank: Any) -> None:
    """An individual client's kind decides whether masked roles see its name (pullfilter) and whether
    the risk officer sees it at all (branch_corporate): the lead's role may rewrite `kind`, so one
    push hands compliance the full name (and the risk officer the whole record)."""
    _rm, client = _rm_with_an_individual_client(bank)
    comp = as_role(bank, "compliance_officer")
    assert comp.record("clients", client["id"])["fields"]["name"] != "欧阳明远"  # masked while individual
    lead = as_role(bank, "team_lead")
    lead.push_record("clients", client["id"], {"kind": "corporate"})
    assert comp.record("clients", client["id"])["fields"]["name"] != "欧阳明远"


PHONE = "13900001111"


@pytest.mark.parametrize("reason", ["\u3164\u3164", "\u115f\u1160", "\uffa0\uffa0"])
def test_cli_reveal_with_an_invisible_reason(book: Any, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str], reason: str) -> None:
    """services/reasons.clean_reason counts str.isalnum() characters, and the Hangul fillers
    (U+3164, U+115F, U+1160, U+FFA0) are letters (Lo) that print as blanks: a reveal is accepted
    and audited with a reason nobody can read."""
    from kamdesk.cli import main
    from tests.services.conftest import add_client, add_users
    from tests.support import PASSPHRASE

    add_users(book)
    cid = add_client(book, phone=PHONE)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    rc = main(["client", "show", cid, "--reveal", "phone", "--reason", reason, "--file", str(book.path)])
    out = capsys.readouterr()
    assert rc != 0 and PHONE not in out.out, "revealed with a blank-looking reason"


def test_masked_roles_read_a_full_name_through_opportunity_product_ids(bank: Any) -> None:
    """opportunities.product_ids is a JSON list of anything, classified may_carry_name=false: a
    name written into it reaches compliance in clear, while the opportunity's name is masked."""
    rm, client = _rm_with_an_individual_client(bank)
    oid = new_id()
    r = rm.push_record("opportunities", oid, {"client_id": client["id"], "name": "欧阳明远 定投",
                                              "owner_id": rm.user_id, "product_ids": ["欧阳明远"], "deleted": False})
    assert r.json()["accepted"] == 1, r.text
    comp = as_role(bank, "compliance_officer")
    rec = comp.record("opportunities", oid)
    assert rec is not None and rec["fields"].get("name") != "欧阳明远 定投"  # the name column is masked
    assert "欧阳明远" not in str(rec["fields"]), "full name of an individual client sent to a masked role"


def test_masked_roles_read_a_full_name_through_id_code_and_status_columns(bank: Any) -> None:
    """The push check validates type, length and enum only: columns that hold ids (batch_id,
    product_id, proposal_id, request_id, assignee_id, by_user_id, series_id), hashes (pdf_sha256)
    and codes without an enum in the field dictionary (proposals.status, visits.kind/status,
    service_requests.kind/priority/channel/category, contacts.role, service_request_events.action)
    accept any text, are classified may_carry_name=false and reach compliance in clear."""
    import json

    from kamdesk.security.fielddict import field_dictionary

    rm, client = _rm_with_an_individual_client(bank)
    name = "欧阳明远"
    fd = field_dictionary()
    plain = {"contacts": ["role"], "visits": ["kind", "status"], "proposals": ["status", "series_id", "pdf_sha256"],
             "service_requests": ["kind", "priority", "channel", "category", "assignee_id"],
             "service_request_events": ["action", "request_id", "by_user_id"],
             "approvals": ["batch_id", "product_id", "proposal_id"]}
    planted: dict[str, str] = {}
    for table, cols in plain.items():
        fields: dict[str, Any] = {"client_id": client["id"], "deleted": False}
        for col in fd.required(table):
            spec = fd.column(table, col)
            if col in fields or spec is None:
                continue
            fields[col] = {"str": "x" * 4, "datetime": NOW, "date": "2026-12-04", "int": 1, "bool": False,
                           "decimal": "1", "json": {}}[spec.type]
            if spec.type == "str" and spec.enum:
                fields[col] = spec.enum[0]
        for col in ("owner_id", "requester_id", "author_id", "created_by", "user_id"):
            if fd.column(table, col) is not None:
                fields[col] = rm.user_id
        if table == "approvals":
            fields.update(kind="suitability_exception", status="pending", decision_reason="", requested_at=NOW)
        fields.update({c: name for c in cols})
        rid = new_id()
        r = rm.push_record(table, rid, fields).json()
        # stored, or refused because each planted column is refused for its own value (a required
        # id column that must be a UUID cannot hold a name, so such a record cannot be created)
        own = {x["field"] for x in r["rejected"] if not x["reason"].startswith("a new record needs")}
        assert r["accepted"] == 1 or set(cols) <= own, (table, r)
        planted[table] = rid
    comp = as_role(bank, "compliance_officer")
    recs, _raw = comp.pull_all()
    leaks = sorted(f"{r['table']}.{k}" for r in recs if r["id"] in planted.values()
                   for k, v in r["fields"].items() if name in json.dumps(v, ensure_ascii=False))
    assert leaks == [], f"full name of an individual client sent to compliance through {leaks}"


def _visit(rm: Attacker, client_id: str) -> dict[str, Any]:
    return {"client_id": client_id, "owner_id": rm.user_id, "planned_at": NOW, "deleted": False}


def test_an_overlong_idempotency_key_is_a_server_error_on_postgresql(any_bank: Any) -> None:
    """PushRequest.idempotency_key (and Change.id, Change.table) have no bound in the wire schema
    (kamdesk/sync/protocol.py); push_batches.idempotency_key is VARCHAR(64), so on PostgreSQL a
    65-character key ends the request with an unhandled DataError instead of a 422."""
    rm = as_role(any_bank, "rm")
    c = _own_client(rm)
    rid = new_id()
    try:
        r = rm.push([{"table": "visits", "id": rid, "fields": _visit(rm, c["id"]),
                      "stamps": {k: rm.stamp() for k in _visit(rm, c["id"])}}], idempotency_key="k" * 65)
        status = r.status_code
    except httpx.HTTPError:
        status = 599  # the connection was dropped
    assert status < 500, status


def test_an_overlong_record_id_is_stored_or_crashes(any_bank: Any) -> None:
    """Change.id is any string: a record id that is not a UUID (here 200 characters) is stored as is
    on SQLite (records.record_id is VARCHAR(36)), and on PostgreSQL ends the request with a 5xx."""
    rm = as_role(any_bank, "rm")
    c = _own_client(rm)
    try:
        r = rm.push_record("visits", "v" * 200, _visit(rm, c["id"]))
        status, body = r.status_code, (r.json() if r.status_code == 200 else {})
    except httpx.HTTPError:
        status, body = 599, {}
    assert status < 500, status
    assert body.get("accepted", 0) == 0, "a 200-character record id was stored"


def test_an_rm_issues_an_above_tolerance_proposal_without_an_approved_exception(bank: Any) -> None:
    """Hole 12 on the server: the issue check lives only in the desktop service. A raw push files a
    proposal `issued` for a C1 client with an R5 product and no approved suitability exception; the
    server stores it (docs/security.md lists the server-side check as a next step)."""
    rm = as_role(bank, "rm")
    recs, _raw = rm.pull_all()
    client = next(r for r in recs if r["table"] == "clients" and r["fields"]["owner_id"] == rm.user_id)
    risky = max((r for r in recs if r["table"] == "products"), key=lambda r: r["fields"].get("risk_level") or "")
    assert risky["fields"]["risk_level"] >= "R4"
    r = rm.push_record("clients", client["id"], {"risk_tolerance": "C1", "risk_assessed_on": "2026-12-01"})
    assert r.json()["accepted"] == 1, r.text
    pid = new_id()
    line = {"product_id": risky["id"], "code": risky["fields"]["code"], "amount": "500000.00", "term_months": 12,
            "reason": "客户要求"}
    r = rm.push_record("proposals", pid, {"client_id": client["id"], "owner_id": rm.user_id, "series_id": new_id(),
                                          "title": "配置方案", "status": "issued", "issued_at": NOW, "version": 1,
                                          "data": {"lines": [line], "needs": []}, "deleted": False})
    body = r.json()
    stored = body["accepted"] == 1 and not any(x["field"] == "status" for x in body["rejected"])
    assert not stored, "an above-tolerance proposal was issued without an approved exception"
