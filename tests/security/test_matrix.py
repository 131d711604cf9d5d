"""The permission matrix as a test: every role x table x field x action of the generated table
(tests/security/matrix.py) is tried through the real server over HTTP -- read clear, read masked
(one pull per role of records planted in one client partition) and write (a push of every field of
those records as that role) -- and reveal / export through the client services; the outcome must
equal the table."""
from __future__ import annotations

import datetime as dt

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kamdesk.common.errors import PermissionDenied
from kamdesk.common.ids import new_id
from kamdesk.security.fieldcrypto import blind_index, encrypt_value
from kamdesk.security.masking import mask
from kamdesk.security.policy import default_policy
from kamdesk.server import storage as st
from kamdesk.services import clients as client_svc
from kamdesk.services.book import Book
from kamdesk.services.importexport import export_clients
from kamdesk.sync.protocol import encode_value
from tests.security import matrix as mx
from tests.security.redteam import ROLES, Attacker, as_role

POLICY = default_policy()
COLUMNS = mx.columns(POLICY)
SEEDED = {"clients", "contacts", "contributions", "products"}  # the demo seed writes these
FIGURES: dict[str, int] = {}


def _writer(table: str) -> str | None:
    for role in ("rm", "team_lead", "risk_officer"):
        if POLICY.can_write(role, table) and POLICY.can(role, "sync"):
            return role
    return None


def _record(who: Attacker, table: str, rid: str, client_id: str) -> dict[str, Any]:
    ring = who.keyring()
    fields: dict[str, Any] = {}
    for n, col in enumerate(COLUMNS[table]):
        if col.domain:
            continue
        fields[col.name] = mx.sample_value(col, n=n)
    for col in COLUMNS[table]:
        if col.part == "ciphertext" and ring.has(col.domain or ""):
            plain = "13800138000"
            fields[col.name] = encode_value(encrypt_value(ring, col.domain or "", plain, table=table, column=col.name,
                                                          record_id=rid))
            for other in COLUMNS[table]:
                if other.field == col.field and other.part == "mask":
                    fields[other.name] = mask(col.mask or "phone", plain)
                if other.field == col.field and other.part == "blind_index":
                    fields[other.name] = blind_index(ring, col.domain or "", col.mask or "phone", plain)
    for name in ("client_id",):
        if name in fields:
            fields[name] = client_id
    for name in ("owner_id", "user_id", "author_id", "created_by"):
        if name in fields:
            fields[name] = who.user_id
    fields["deleted"] = False
    if table == "approvals":  # a request as its requester files it (tests/server: approvalrules)
        fields.update(kind="suitability_exception", status="pending", requester_id=who.user_id, decided_by=None,
                      decided_at=None, decision_reason="", requested_at=dt.datetime.now(dt.UTC).isoformat())
    return fields


@pytest.fixture(scope="module")
def planted(module_bank: Any) -> dict[str, Any]:
    """One record of every table in the partition of a corporate client of rm11: table -> record id."""
    srv, _users = module_bank
    rm = as_role(module_bank, "rm")
    recs, _raw = rm.pull_all()
    client = next(r for r in recs if r["table"] == "clients" and r["fields"]["owner_id"] == rm.user_id)
    ids: dict[str, str] = {"clients": client["id"]}
    for table in ("contacts", "contributions", "products"):
        ids[table] = next(r["id"] for r in recs if r["table"] == table
                          and (table == "products" or r["fields"].get("client_id") == client["id"]))
    for table in sorted(set(COLUMNS) - SEEDED):
        role = _writer(table)
        if role is None:
            continue
        who = rm if role == "rm" else as_role(module_bank, role)
        rid = new_id()
        r = who.push_record(table, rid, _record(who, table, rid, client["id"]))
        assert r.status_code == 200 and r.json()["accepted"] == 1, (table, r.text)
        ids[table] = rid
    stored = {}
    with srv.state.store.read() as conn:
        for table, rid in ids.items():
            row = conn.execute(select(st.records).where(st.records.c.tbl == table, st.records.c.record_id == rid)).one()
            stored[table] = dict(row.fields)
    return {"ids": ids, "stored": stored}


def _observed_read(rec: dict[str, Any] | None, name: str, stored: Any) -> str:
    if rec is None or name not in rec["fields"]:
        return "none"
    return "clear" if rec["fields"][name] == stored else "masked"


def test_matrix_reads_and_writes_over_http(module_bank: Any, planted: dict[str, Any]) -> None:
    ids, stored = planted["ids"], planted["stored"]
    cells = 0
    wrong: list[tuple[str, str, str, str, Any, Any]] = []
    sessions = {role: as_role(module_bank, role) for role in ROLES}
    for role, who in sessions.items():  # every read first: the writes below must not change what is read
        received: dict[tuple[str, str], dict[str, Any]] = {}
        if POLICY.can(role, "sync"):
            recs, _raw = who.pull_all()
            received = {(r["table"], r["id"]): r for r in recs}
        else:
            assert who.pull_raw().status_code == 403
        for table, rid in ids.items():
            for col in COLUMNS[table]:
                if col.name not in stored[table]:
                    continue
                want = mx.expected_read(POLICY, role, col)
                if col.part == "mask" and want == "masked":
                    want = "clear"  # a mask column arrives as stored: that is the masked read
                got = _observed_read(received.get((table, rid)), col.name, stored[table][col.name])
                cells += 1
                if got != want:
                    wrong.append((role, table, col.name, "read", want, got))
    for role, who in sessions.items():
        for table, rid in ids.items():
            fields = {c.name: stored[table][c.name] for c in COLUMNS[table] if c.name in stored[table]}
            r = who.push_record(table, rid, fields)
            refused = ({x["field"] for x in r.json()["rejected"]} if r.status_code == 200 else set(fields))
            for name in fields:
                col = next(c for c in COLUMNS[table] if c.name == name)
                want, got = mx.expected_write(POLICY, role, col), name not in refused
                cells += 1
                if got != want:
                    wrong.append((role, table, name, "write", want, got))
    FIGURES["http"] = cells
    print(f"permission matrix over HTTP: {cells} cells checked, {len(wrong)} wrong; tables {sorted(ids)}")
    assert wrong == []


def test_matrix_name_bearing_fields_of_individuals(module_bank: Any) -> None:
    """Roles that see individuals' names masked receive every may-carry-name field of an individual
    client's records masked or withheld: the full name never arrives."""
    rm = as_role(module_bank, "rm")
    name = "欧阳" + new_id()[-6:].upper()
    cid = new_id()
    client = {"kind": "individual", "name": name, "short_name": name, "owner_id": rm.user_id, "team_id": rm.team_id,
              "branch": "上海分行", "tier": "general", "status": "active", "notes": f"{name}的备注", "deleted": False}
    assert rm.push_record("clients", cid, client).json()["rejected"] == []
    ids = {"clients": cid}
    for table in sorted(set(COLUMNS) - SEEDED):
        text_cols = [c for c in COLUMNS[table] if c.may_carry_name and c.type == "str"]
        if not text_cols or _writer(table) != "rm":
            continue
        rid = new_id()
        fields = _record(rm, table, rid, cid)
        fields.update({c.name: f"{name}:{c.name}" for c in text_cols})
        r = rm.push_record(table, rid, fields).json()
        assert r["accepted"] == 1, r
        ids[table] = rid
    cells = 0
    leaked = []
    for role in ROLES:
        if not POLICY.masks_individual_names(role):
            continue
        recs, _raw = as_role(module_bank, role).pull_all()
        got = {(r["table"], r["id"]): r for r in recs}
        for table, rid in ids.items():
            for col in COLUMNS[table]:
                if not col.may_carry_name or col.type != "str":
                    continue
                cells += 1
                rec = got.get((table, rid))
                if rec is not None and name in str(rec["fields"].get(col.name, "")):
                    leaked.append((role, table, col.name))
    FIGURES["names"] = cells
    print(f"permission matrix, name-bearing fields of an individual: {cells} cells checked, {len(leaked)} leaked")
    assert cells > 0 and leaked == []


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_matrix_reveal_and_export_through_the_services(make_book: Callable[..., Book], tmp_path: Path,
                                                       role: str) -> None:
    book = make_book(role)
    cells = 0
    for col in COLUMNS["clients"] + COLUMNS["contacts"]:
        if col.part != "ciphertext":
            continue
        mode = POLICY.display_mode(role, col.domain or "")
        want = POLICY.holds_key(role, col.domain or "") and (
            mode == "plain" or (mode == "reveal" and POLICY.can(role, "reveal")))
        assert client_svc.may_reveal(book, col.field or "", table=col.table) == want, (role, col.name)
        cells += 1
    if POLICY.can(role, "export.clients"):
        export_clients(book, tmp_path / "masked.xlsx")
    else:
        with pytest.raises(PermissionDenied):
            export_clients(book, tmp_path / "masked.xlsx")
    cells += 1
    print(f"permission matrix through the services as {role}: {cells} cells checked")


@pytest.mark.parametrize("kind", sorted(POLICY.approvals))
def test_matrix_approve(module_bank: Any, kind: str) -> None:
    """The approve column: every role tries to decide a pending request filed on a client of an
    RM's book by the first role that may file it. Allowed exactly when the role holds the kind's
    decide action, sees the client and is not the requester (maker-checker)."""
    rm = as_role(module_bank, "rm")
    client = next(r for r in rm.pull_all()[0] if r["table"] == "clients" and r["fields"]["owner_id"] == rm.user_id)
    maker_role = next(r for r in ROLES if POLICY.can(r, "sync") and POLICY.can(r, POLICY.approvals[kind]["request"]))
    maker = rm if maker_role == "rm" else as_role(module_bank, maker_role)
    cells = 0
    wrong = []
    for role in ROLES:
        who = maker if role == maker_role else as_role(module_bank, role)
        rid = new_id()
        fields = _record(maker, "approvals", rid, client["id"])
        fields.update(kind=kind, reason="matrix: approve cell")
        filed = maker.push_record("approvals", rid, fields).json()
        assert filed["accepted"] == 1, filed
        sees = POLICY.can(role, "sync") and any(r["table"] == "clients" and r["id"] == client["id"]
                                                 for r in who.pull_all()[0])
        want = POLICY.can(role, POLICY.approvals[kind]["decide"]) and sees and who.user_id != maker.user_id
        decision = {"status": "approved", "decided_by": who.user_id, "decided_at": dt.datetime.now(dt.UTC).isoformat(),
                    "decision_reason": "matrix: decided"}
        r = who.push_record("approvals", rid, decision)
        got = r.status_code == 200 and r.json()["accepted"] == 1 and not r.json()["rejected"]
        cells += 1
        if got != want:
            wrong.append((role, kind, want, got, r.text[:200]))
    FIGURES[f"approve-{kind}"] = cells
    print(f"permission matrix, approve {kind}: {cells} cells checked, {len(wrong)} wrong")
    assert cells == len(ROLES) and wrong == []
