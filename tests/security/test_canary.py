"""Canary scan: unique values planted in every C2 field and in free text of one client go through a
whole cycle -- the bank's core system loads the client (every C2 field), an RM's device edits C2 and
free text, a second device of the same RM syncs both ways, a team lead reassigns the client to a
colleague whose device syncs, the RM reveals a value (audited), builds a proposal PDF and a masked
export, a service raises with a canary in its input, every logger at DEBUG -- and then the bytes
of everything written are scanned.

Where a canary may appear in clear (the policy, docs/security.md "Canary scan"):
- C2 canaries: nowhere -- not in the client files (encrypted), the server database (SQLite bytes
  and a pg_dump), the logs, the PDF (text, metadata, bytes) or the masked export;
- free-text (C1) canaries: in the server database (C1 is stored in clear on the server, protected by
  its 0600 files and the database's access control), in the proposal PDF and the export (documents
  made for the client / the RM), never in a log and never in the client files' bytes (encrypted).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import logging
import os
import random
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from stdnum import luhn
from stdnum.cn import ric, uscc

from kamdesk.common.errors import ValidationError
from kamdesk.common.ids import new_id
from kamdesk.server import demo
from kamdesk.server import storage as st
from kamdesk.server.syncsvc import bulk_insert
from kamdesk.services import clients as client_svc
from kamdesk.services import pipeline, proposals, tasks, visits
from kamdesk.services.importexport import export_clients
from tests.security.redteam import login

RNG = random.Random(20261204)


def _digits(n: int) -> str:
    return "".join(RNG.choice("0123456789") for _ in range(n))


def _token() -> str:
    return "".join(RNG.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(10))


def c2_canaries() -> dict[str, str]:
    """Valid, unique values for every C2 field of clients and contacts (plaintext)."""
    rid = "110105" + f"19{RNG.randint(60, 99)}{RNG.randint(1, 12):02d}{RNG.randint(10, 28):02d}" + _digits(3)
    code = "91310000" + "".join(RNG.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(9))
    acct = "6222" + _digits(14)
    return {
        "id_number": rid + ric.calc_check_digit(rid),
        "credit_code": code + uscc.calc_check_digit(code),
        "phone": "139" + _digits(8),
        "account_no": acct + luhn.calc_check_digit(acct),
        "net_worth": f"9{_digits(8)}.17",
        "annual_revenue": f"8{_digits(8)}.29",
        "credit_rating": "AA" + _token()[:4],
        "credit_limit": f"7{_digits(8)}.31",
        "contact_phone": "137" + _digits(8),
    }


def _forms(value: str) -> list[str]:
    """The spellings a value could take in a file: as is, JSON-escaped (the server's JSON columns
    store CJK as \\uXXXX), its unique ASCII token alone, and an amount with thousands separators."""
    out = [value, json.dumps(value)[1:-1]]
    out += [t for t in re.findall(r"[A-Z0-9]{6,}", value) if not t.isdigit()]
    if "." in value and value.replace(".", "").isdigit():
        whole, frac = value.split(".")
        out += [f"{int(whole):,}.{frac}", whole]
    return out


def _found(value: str, data: bytes) -> bool:
    return any(form.encode() in data for form in _forms(value))


@pytest.fixture
def debug_log(tmp_path: Path) -> Iterator[Path]:
    """Every logger of the process (client and in-process server) at DEBUG into one file."""
    path = tmp_path / "logs" / "debug.log"
    path.parent.mkdir()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s %(args)s"))
    root = logging.getLogger()
    old = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in ("kamdesk", "kamdesk.server", "kamdesk.sync"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        root.removeHandler(handler)
        root.setLevel(old)
        handler.close()


def _core_system_load(srv: Any, owner: dict[str, Any], c2: dict[str, str], name: str, notes: str) -> str:
    """The bank's core system loads an individual client of `owner` with every C2 field set."""
    cid, xid = new_id(), new_id()
    with srv.state.store.write() as conn:
        ring = srv.state.keys.keyring(conn)
        team = conn.execute(st.users.select().where(st.users.c.id == owner["id"])).one().team_id
        fields: dict[str, Any] = {
            "kind": "individual", "name": name, "short_name": name, "parent_id": None, "industry": "",
            "lifecycle_stage": "mature", "tier": "key", "owner_id": owner["id"], "team_id": team, "branch": "上海分行",
            "status": "active", "city": "上海", "address": "", "established_on": "1980-01-01",
            "kyc_reviewed_on": None, "kyc_due_on": None, "risk_assessed_on": None, "risk_tolerance": "C3",
            "total_assets": "1000000.00", "last_contact_on": None, "notes": notes, "deleted": False}
        fields.update(demo.encrypt_fields(ring, "clients", cid, {k: c2[k] for k in demo.SENSITIVE_FIELDS["clients"]}))
        contact = {"client_id": cid, "name": name + "的财务", "title": "财务", "role": "finance", "birthday": None,
                   "email": "", "preferences": "", "is_primary": True, "deleted": False}
        contact.update(demo.encrypt_fields(ring, "contacts", xid, {"phone": c2["contact_phone"]}))
        alloc = st.SeqAllocator(conn)
        bulk_insert(conn, alloc, [("clients", cid, fields), ("contacts", xid, contact)])
        alloc.flush()
    return cid


def _server_db_bytes(srv: Any, tmp_path: Path) -> tuple[bytes, str]:
    url = srv.settings.db_url
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        return b"".join(Path(path + s).read_bytes() for s in ("", "-wal", "-shm") if os.path.exists(path + s)), "sqlite"
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.skip("pg_dump is missing (Debian package postgresql-client, which ./dev test installs): the "
                    "PostgreSQL database cannot be scanned for canaries")
    u = make_url(url)
    env = {**os.environ, **({"PGPASSWORD": u.password} if u.password else {})}
    out = subprocess.run([pg_dump, "-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres",
                          "-d", u.database or "", "--no-owner"], capture_output=True, check=True, env=env, timeout=120)
    return out.stdout, "pg_dump"


def _pdf_texts(pdf: Path) -> bytes:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout
    info = subprocess.run(["pdfinfo", "-enc", "UTF-8", str(pdf)], capture_output=True, check=True, timeout=60).stdout
    return pdf.read_bytes() + b"\n" + text + b"\n" + info


def _xlsx_texts(xlsx: Path) -> bytes:
    with zipfile.ZipFile(io.BytesIO(xlsx.read_bytes())) as z:
        return xlsx.read_bytes() + b"".join(z.read(n) for n in z.namelist())


def test_canaries_never_leak(any_bank: Any, connect: Any, sync: Any, debug_log: Path, tmp_path: Path) -> None:
    srv, users = any_bank
    c2 = c2_canaries()
    tok = _token()
    free = {"name": f"林{tok[:6]}", "notes": f"备注{_token()}", "address": f"上海市{_token()}路1号",
            "visit_notes": f"拜访纪要{_token()}", "task": f"待办{_token()}", "opportunity": f"商机{_token()}",
            "proposal": f"方案{_token()}"}
    cid = _core_system_load(srv, users["rm11"], c2, free["name"], free["notes"])

    # an RM's two devices: A edits C2 and free text, B edits the address; both ways
    a = connect(srv, users, "rm11", "a.kdb")
    b = connect(srv, users, "rm11", "b.kdb")
    c2["phone2"], c2["account_no2"] = "135" + _digits(8), "6228" + _digits(16)
    client_svc.update_client(a, cid, {"phone": c2["phone2"], "account_no": c2["account_no2"]})
    v = visits.plan(a, cid, dt.datetime(2026, 12, 20, 10, 0), place="客户办公室")
    visits.save_notes(a, v.id, free["visit_notes"])
    tasks.create(a, free["task"], client_id=cid)
    pipeline.create(a, cid, free["opportunity"], Decimal("1000000"))
    sync(a)
    sync(b)
    client_svc.update_client(b, cid, {"address": free["address"]})
    sync(b)
    sync(a)
    assert client_svc.get_client(a, cid).address == free["address"]

    # a reveal (audited, never the value), a proposal PDF, a masked export
    assert client_svc.reveal(a, cid, "phone", reason="核对客户来电") == c2["phone2"]
    product = proposals.product_by_code(a, "DEP-12M")
    prop = proposals.create(a, cid, [proposals.LineInput(product, Decimal("500000"))], title=free["proposal"])
    pdf = tmp_path / "out" / "proposal.pdf"
    pdf.parent.mkdir()
    proposals.render(a, prop.id, purpose="export", out=pdf)
    xlsx = tmp_path / "out" / "clients.xlsx"
    export_clients(a, xlsx)
    # a service that fails with a canary in its input; the app logs such failures with the traceback
    try:
        client_svc.update_client(a, cid, {"phone": c2["phone"] + "0"})
    except ValidationError:
        logging.getLogger("kamdesk.ui").exception("operation failed")
    else:
        raise AssertionError("an invalid phone was accepted")
    sync(a)

    # the lead reassigns the client to a colleague, whose device receives it
    lead = login(srv, users, "lead1")
    assert lead.http.post("/admin/clients/reassign", json={"client_id": cid, "owner": "rm12"}).status_code == 204
    c = connect(srv, users, "rm12", "c.kdb")
    assert client_svc.get_client(c, cid).name == free["name"]
    sync(a)
    for book in (a, b, c):
        book.close()

    # -- the scan ------------------------------------------------------------------------------------
    db_bytes, db_kind = _server_db_bytes(srv, tmp_path)
    targets: dict[str, tuple[bytes, bool]] = {}  # name -> (bytes, free text allowed)
    for f in sorted(tmp_path.glob("*.kdb*")):
        targets[f"client file {f.name}"] = (f.read_bytes(), False)
    targets[f"server database ({db_kind})"] = (db_bytes, True)
    logs = [debug_log, *sorted(Path(srv.settings.data_dir).rglob("*.log"))]
    for f in logs:
        targets[f"log {f.name}"] = (f.read_bytes(), False)
    targets["proposal PDF (bytes, text, metadata)"] = (_pdf_texts(pdf), True)
    targets["masked export"] = (_xlsx_texts(xlsx), True)

    planted = {**{f"C2 {k}": (v, False) for k, v in c2.items()}, **{f"free text {k}": (v, True) for k, v in free.items()}}
    leaks = []
    for what, (value, is_free) in planted.items():
        for where, (data, free_ok) in targets.items():
            if is_free and free_ok:
                continue
            if _found(value, data):
                leaks.append(f"{what} in {where}")
    print(f"canary scan ({db_kind}): {len(planted)} canaries planted, {len(targets)} targets scanned, "
          f"{len(leaks)} leaks")
    assert len(debug_log.read_bytes()) > 0 and sum(1 for k in targets if k.startswith("client file")) >= 3
    # positive controls: the scan does see what each target holds in clear
    assert free["proposal"] in _pdf_texts(pdf).decode("utf-8", "replace")
    assert all(_found(free[k], db_bytes) for k in ("visit_notes", "address", "task", "opportunity", "notes"))
    assert b"operation failed" in debug_log.read_bytes() and b"/sync/push" in debug_log.read_bytes()
    assert leaks == []
