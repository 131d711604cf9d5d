"""Hole 11 (export): `kamdesk export clients --reveal` wrote every ID, phone, account number and net
worth of the whole book to a plain xlsx. Now a clear-text export needs `export.clients_clear` (not
an RM's by default) and an approval by someone else, holds only the approved clients, and is an
encrypted xlsx whose password is shown once; it is audited with the file's SHA-256."""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import msoffcrypto
from msoffcrypto.exceptions import InvalidKeyError
import openpyxl
import pytest

from kamdesk.cli import main
from kamdesk.common.errors import PermissionDenied
from kamdesk.services import approvals, audit, clearexport
from tests.services.conftest import add_client, add_users, decide_remotely
from tests.support import PASSPHRASE

PHONES = {"甲公司": "13900000001", "乙公司": "13900000002", "丙公司": "13900000003"}


def _seed(book) -> dict[str, str]:
    add_users(book)
    return {name: add_client(book, name=name, phone=phone, net_worth="88000000") for name, phone in PHONES.items()}


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    rc = main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def _decrypt(path: Path, password: str) -> list[list]:
    f = msoffcrypto.OfficeFile(io.BytesIO(path.read_bytes()))
    f.load_key(password=password)
    buf = io.BytesIO()
    f.decrypt(buf)
    ws = openpyxl.load_workbook(buf).active
    return [[c.value for c in r] for r in ws.iter_rows()]


def test_rm_cannot_export_the_book_in_clear(book, monkeypatch, capsys, tmp_path):
    _seed(book)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "all.xlsx"
    rc, so, se = _run(capsys, "export", "clients", "--reveal", "--out", str(out), "--file", str(book.path))
    assert rc != 0 and not out.exists() and len(se.strip().splitlines()) == 1
    assert not any(p in so + se for p in PHONES.values())
    # nor may the RM even ask for one (the permission is not an RM's by default)
    rc, so, se = _run(capsys, "approvals", "request-export", "--reason", "客户资料核对", "--file", str(book.path))
    assert rc != 0 and "明文" in se
    with book.session_scope() as s:
        assert audit.events(s, action="export") == [] and audit.events(s, action="approval.request") == []


def test_lead_export_needs_someone_elses_approval_and_is_encrypted(make_book, monkeypatch, capsys, tmp_path):
    lead = make_book("team_lead")
    ids = _seed(lead)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(lead.path)
    wanted = f"{ids['甲公司']},{ids['乙公司']}"
    rc, so, _se = _run(capsys, "approvals", "request-export", "--ids", wanted, "--reason", "年度客户资料核对",
                       "--json", "--file", f)
    assert rc == 0
    req = json.loads(so)
    assert req["status"] == "pending" and req["clients"] == 2
    out = tmp_path / "clear.xlsx"
    # pending: refused
    rc, _so, se = _run(capsys, "export", "clients", "--reveal", "--approval", req["id"], "--out", str(out), "--file", f)
    assert rc != 0 and "尚未审批" in se and not out.exists()
    # maker = checker: refused
    rc, _so, se = _run(capsys, "approvals", "approve", req["id"], "--reason", "同意", "--file", f)
    assert rc != 0 and "双人复核" in se
    # a compliance officer approves it on her device; the decision arrives by sync
    decide_remotely(lead, req["id"], by="compliance_officer", reason="核对必要，同意")
    rc, so, _se = _run(capsys, "export", "clients", "--reveal", "--approval", req["id"], "--out", str(out),
                       "--json", "--file", f)
    assert rc == 0
    res = json.loads(so)
    raw = out.read_bytes()
    assert raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OLE container, not a zip
    assert not any(p.encode() in raw for p in PHONES.values())
    with pytest.raises(InvalidKeyError):
        _decrypt(out, "wrong-password")
    rows = _decrypt(out, res["password"])
    body = {r[0]: dict(zip(rows[0], r)) for r in rows[1:]}
    assert set(body) == {"甲公司", "乙公司"}  # only the approved clients
    assert body["甲公司"]["联系电话"] == PHONES["甲公司"]
    assert res["rows"] == 2 and res["sha256"] == hashlib.sha256(raw).hexdigest()
    with lead.session_scope() as s:
        ev = audit.events(s, action="export")[0]
    d = json.loads(ev["detail"])
    assert d["sha256"] == res["sha256"] and d["approval"] == req["id"] and d["rows"] == 2
    assert res["password"] not in json.dumps(audit_all(lead))


def audit_all(book) -> list[dict]:
    with book.session_scope() as s:
        return audit.events(s, limit=10_000)


@pytest.fixture
def rm_may_export_clear(tmp_path, monkeypatch):
    """A deployment that grants the RM role `export.clients_clear`."""
    from kamdesk.security.policy import default_policy

    src = json.loads((Path(__file__).parents[2] / "kamdesk/resources/policy.json").read_text("utf-8"))
    src["roles"]["rm"]["actions"].append("export.clients_clear")
    path = tmp_path / "policy.json"
    path.write_text(json.dumps(src, ensure_ascii=False), "utf-8")
    monkeypatch.setenv("KAMDESK_POLICY", str(path))
    return default_policy()


def test_rm_with_the_permission_exports_only_after_a_lead_approves(book, rm_may_export_clear, tmp_path):
    book.policy = rm_may_export_clear
    ids = _seed(book)
    req = approvals.request_bulk_export(book, "客户资料核对", client_ids=[ids["丙公司"]])
    with pytest.raises(PermissionDenied):
        clearexport.export_clients_clear(book, req.batch_id, tmp_path / "a.xlsx")
    decide_remotely(book, req.batch_id, by="rm")  # a self-approval that somehow arrived: worthless
    with pytest.raises(PermissionDenied):
        clearexport.export_clients_clear(book, req.batch_id, tmp_path / "a.xlsx")
    decide_remotely(book, req.batch_id, by="team_lead")
    res = clearexport.export_clients_clear(book, req.batch_id, tmp_path / "a.xlsx")
    assert res.rows == 1 and "password" not in repr(res) and res.password not in repr(res)
    rows = _decrypt(tmp_path / "a.xlsx", res.password)
    assert [r[0] for r in rows[1:]] == ["丙公司"]
    rejected = approvals.request_bulk_export(book, "再次核对", client_ids=[ids["甲公司"]])
    decide_remotely(book, rejected.batch_id, by="team_lead", status="rejected", reason="没有必要")
    with pytest.raises(PermissionDenied, match="驳回"):
        clearexport.export_clients_clear(book, rejected.batch_id, tmp_path / "b.xlsx")
    assert not (tmp_path / "b.xlsx").exists()
