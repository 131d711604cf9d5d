"""The demo bank: a pure, deterministic generator; a fast encrypted demo book; `kamdesk demo`."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from stdnum import luhn
from stdnum.cn import ric, uscc

from kamdesk.common.errors import KamdeskError
from kamdesk.demodata import SENSITIVE_FIELDS, TABLES, generate_bank
from kamdesk.demodata.generator import org_code_check
from kamdesk.models import (OPPORTUNITY_STAGES, PRODUCT_TYPES, RISK_LEVELS, SENSITIVE, Base, Client, Contact,
                            Contribution, Outbox, RelationshipMember, User)
from kamdesk.security import validators
from kamdesk.services.book import open_book
from kamdesk.services.demo import DEMO_PASSPHRASE, STAGE_LABELS, build_demo_book, focus_on

from tests.conftest import FAST_KDF

TODAY = dt.date(2026, 6, 15)
N = 200
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


@pytest.fixture(scope="module")
def bank():  # noqa: ANN201
    return generate_bank(N, 7, today=TODAY)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201
    """One demo book for the module: (path, the bank it was built from, the progress calls)."""
    path = tmp_path_factory.mktemp("demo") / "demo.kdb"
    calls: list[tuple[int, int, str]] = []
    book = build_demo_book(path, DEMO_PASSPHRASE, clients=N, seed=7, today=TODAY, kdf=FAST_KDF,
                           progress=lambda d, t, s: calls.append((d, t, s)))
    book.close()
    bank = generate_bank(N, 7, today=TODAY)
    focus_on(bank, bank.busiest_rm())
    return path, bank, calls


# -- the generator ------------------------------------------------------------------------------

def test_same_seed_same_bank_different_seed_different_bank(bank) -> None:  # noqa: ANN001
    again = generate_bank(N, 7, today=TODAY)
    assert again.tables == bank.tables
    other = generate_bank(N, 8, today=TODAY)
    assert [c["name"] for c in other.clients] != [c["name"] for c in bank.clients]
    assert {c["id"] for c in other.clients}.isdisjoint({c["id"] for c in bank.clients})
    moved = generate_bank(N, 7, today=TODAY + dt.timedelta(days=1))
    # another reference date shifts the dates, not the choices
    assert [c["name"] for c in moved.clients] == [c["name"] for c in bank.clients]
    assert {m["kyc_due_on"] - b["kyc_due_on"] for m, b in zip(moved.clients, bank.clients)} == {dt.timedelta(days=1)}


def test_output_does_not_depend_on_hash_randomization() -> None:
    code = ("import hashlib, datetime as dt, kamdesk.demodata as d; "
            "b = d.generate_bank(60, 11, today=dt.date(2026, 3, 1)); "
            "print(hashlib.sha256(repr(sorted(b.tables.items())).encode()).hexdigest())")
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
        assert res.returncode == 0, res.stderr
        digests.add(res.stdout.strip())
    assert len(digests) == 1


def test_generator_is_pure() -> None:
    code = ("import sys, kamdesk.demodata as d, datetime as dt; d.generate_bank(20, 1, today=dt.date(2026, 1, 1)); "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'PySide6')"
            " or m.startswith('kamdesk.services')];"
            "print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr


def _ok(check) -> bool:  # noqa: ANN001
    try:
        return bool(check())
    except Exception:  # noqa: BLE001 - a validator's error counts as invalid
        return False


def test_identity_numbers_have_valid_check_digits(bank) -> None:  # noqa: ANN001
    # Failures report row indexes only: C2 values (even fictional ones) stay out of test output.
    bad: dict[str, list[int]] = {}
    for i, c in enumerate(bank.clients):
        checks: dict[str, Callable[[], bool]] = {
            "account": lambda c=c: len(c["account_no"]) == 19 and luhn.is_valid(c["account_no"])
            and validators.account_number(c["account_no"]) == c["account_no"],
            "phone": lambda c=c: _MOBILE.match(c["phone"]) is not None,
        }
        if c["kind"] == "corporate":
            checks["credit_code"] = lambda c=c: (
                uscc.is_valid(c["credit_code"]) and validators.credit_code(c["credit_code"]) == c["credit_code"]
                and org_code_check(c["credit_code"][8:16]) == c["credit_code"][16]  # embedded GB 11714 code
                and c["id_number"] is None)
        else:
            checks["id_number"] = lambda c=c: (  # check digit, birth date and place
                ric.is_valid(c["id_number"]) and validators.resident_id(c["id_number"]) == c["id_number"]
                and ric.get_birth_date(c["id_number"]) == c["established_on"] and c["credit_code"] is None)
        for name, check in checks.items():
            if not _ok(check):
                bad.setdefault(name, []).append(i)
    bad_contacts = [i for i, k in enumerate(bank["contacts"]) if not _MOBILE.match(k["phone"])]
    assert not bad and not bad_contacts, f"invalid rows: {bad}, contacts {bad_contacts[:10]}"
    assert sum(c["kind"] == "individual" for c in bank.clients) > 0
    ids = [c["credit_code"] or c["id_number"] for c in bank.clients]
    assert len(set(ids)) == len(ids), "duplicate identity numbers"


def test_records_match_the_models(bank) -> None:  # noqa: ANN001
    tables = Base.metadata.tables
    for name in TABLES:
        columns = set(tables[name].columns.keys())
        allowed = columns | set(SENSITIVE_FIELDS.get(name, ()))
        assert set(SENSITIVE_FIELDS.get(name, ())) <= set(SENSITIVE.get(name, {}))
        required = {c.name for c in tables[name].columns if not c.nullable and c.default is None and not c.primary_key}
        for row in bank[name]:
            assert set(row) <= allowed, (name, set(row) - allowed)
            assert required <= set(row), (name, required - set(row))


def test_counts_and_proportions(bank) -> None:  # noqa: ANN001
    clients = bank.clients
    assert len(clients) == N
    kinds = Counter(c["kind"] for c in clients)
    assert kinds["corporate"] == 160 and kinds["individual"] == 40
    tiers = Counter(c["tier"] for c in clients)
    assert tiers["strategic"] < tiers["core"] < tiers["general"]
    assert set(c["lifecycle_stage"] for c in clients if c["kind"] == "corporate") >= {"growth", "mature"}
    assert {c["risk_tolerance"] for c in clients} <= {"C1", "C2", "C3", "C4", "C5"}
    assert len({c["industry"] for c in clients if c["kind"] == "corporate"}) >= 8
    assert len({c["name"] for c in clients}) == N
    # 集团 groups: parents with 2-8 subsidiaries sharing the group's name prefix
    by_id = {c["id"]: c for c in clients}
    subs = Counter(c["parent_id"] for c in clients if c["parent_id"])
    assert subs and all(2 <= n <= 8 for n in subs.values())
    for c in clients:
        if c["parent_id"]:
            parent = by_id[c["parent_id"]]
            brand = parent["short_name"].removesuffix("集团")
            assert c["name"].startswith(brand) and brand
    # organisation
    roles = Counter(u["role"] for u in bank.users)
    assert roles["rm"] == 3 and roles["team_lead"] == len(bank.teams)
    assert roles["risk_officer"] >= 1 and roles["compliance_officer"] == 1 and roles["admin"] == 1
    names = [u["username"] for u in bank.users]
    assert len(set(names)) == len(names) and all(re.fullmatch(r"[a-z]+\d*", n) for n in names)
    assert {t["name"] for t in bank.teams} >= {"公司业务一部", "私人银行部"}
    # product shelf
    products = bank.products
    assert len(products) >= 40 and len({p["code"] for p in products}) == len(products)
    assert {p["risk_level"] for p in products} == set(RISK_LEVELS)
    assert {p["product_type"] for p in products} <= set(PRODUCT_TYPES)
    assert all(p["disclosure"] and p["for_kind"] in ("any", "corporate", "individual") for p in products)
    # per-client records
    contacts = Counter(k["client_id"] for k in bank["contacts"])
    assert all(2 <= contacts[c["id"]] <= 4 for c in clients if c["kind"] == "corporate")
    months = Counter(r["client_id"] for r in bank["contributions"])
    assert set(months.values()) == {12}
    assert len({r["month"] for r in bank["contributions"]}) == 12
    maturities = [h["maturity_on"] for h in bank["holdings"] if h["maturity_on"]]
    soon = [m for m in maturities if TODAY < m <= TODAY + dt.timedelta(days=365)]
    assert len({m.month for m in soon}) == 12  # spread over the next 12 months
    assert any(t["status"] == "open" and t["due_on"] < TODAY for t in bank["tasks"])  # overdue
    assert any(v["status"] == "planned" and v["planned_at"].date() >= TODAY for v in bank["visits"])
    assert any(v["status"] == "done" and v["notes"] for v in bank["visits"])
    assert any(c["kyc_due_on"] < TODAY for c in clients) and any(
        TODAY <= c["kyc_due_on"] <= TODAY + dt.timedelta(days=30) for c in clients)
    now = dt.datetime.combine(TODAY, dt.time(9))
    assert any(r["status"] in ("open", "in_progress") and r["sla_due_at"] < now for r in bank["service_requests"])
    assert any(r["kind"] == "complaint" for r in bank["service_requests"])
    assert {o["stage"] for o in bank["opportunities"]} >= {"lead", "won"}
    assert {q["for_kind"] for q in bank["questionnaire_templates"]} == {"corporate", "individual"}
    assert bank["questionnaire_responses"]


def test_history_is_past_and_plans_are_future(bank) -> None:  # noqa: ANN001
    now = dt.datetime.combine(TODAY, dt.time(9))
    assert all(v["planned_at"] <= now for v in bank["visits"] if v["status"] == "done")
    assert all(v["planned_at"].date() >= TODAY for v in bank["visits"] if v["status"] == "planned")
    assert all(s["at"] <= now for s in bank["opportunity_stages"])
    assert all(e["at"] <= now for e in bank["service_request_events"])
    assert all(8 <= r["opened_at"].hour <= 19 for r in bank["service_requests"])
    assert all(r["month"] < TODAY.strftime("%Y-%m") for r in bank["contributions"])
    assert all(h["start_on"] <= TODAY for h in bank["holdings"])
    assert all(h["maturity_on"] is None or h["maturity_on"] > TODAY for h in bank["holdings"])
    assert all(c["kyc_reviewed_on"] <= TODAY and c["risk_assessed_on"] <= TODAY for c in bank.clients)
    assert all(c["last_contact_on"] is None or c["last_contact_on"] <= TODAY for c in bank.clients)
    assert all(t["done_at"] is None or t["done_at"] <= now for t in bank["tasks"])


def test_opportunity_stage_history_is_consistent(bank) -> None:  # noqa: ANN001
    history: dict[str, list[dict]] = {}
    for st in bank["opportunity_stages"]:
        history.setdefault(st["opportunity_id"], []).append(st)
    for opp in bank["opportunities"]:
        steps = sorted(history[opp["id"]], key=lambda s: s["at"])
        assert steps[0]["from_stage"] is None and steps[0]["to_stage"] == "lead"
        assert steps[-1]["to_stage"] == opp["stage"]
        assert all(a["to_stage"] == b["from_stage"] for a, b in zip(steps, steps[1:]))
        assert all(s["to_stage"] in OPPORTUNITY_STAGES for s in steps)


def test_rm_count_follows_the_book_size() -> None:
    small = generate_bank(50, 1, today=TODAY)
    assert Counter(u["role"] for u in small.users)["rm"] == 3
    sized = generate_bank(50, 1, today=TODAY, rms=12)
    assert Counter(u["role"] for u in sized.users)["rm"] == 12
    with pytest.raises(ValueError):
        generate_bank(0, 1, today=TODAY)


# -- the built book -----------------------------------------------------------------------------

def test_built_book_opens_with_all_clients_readable_by_the_rm(built) -> None:  # noqa: ANN001
    path, bank, calls = built
    rm = bank.busiest_rm()
    book = open_book(path, DEMO_PASSPHRASE)
    try:
        assert book.user.id == rm["id"] and book.user.role == "rm" and book.user.display_name == rm["display_name"]
        from kamdesk.services.scope import client_clause

        with book.session_scope() as s:
            assert s.scalar(select(func.count()).select_from(Client).where(client_clause(book))) == N
            assert s.scalar(select(func.count()).select_from(Outbox)) == 0  # never pushed
            assert s.scalar(select(func.count()).select_from(User)) == len(bank.users)
            assert s.scalar(select(func.count()).select_from(Contribution)) == 12 * N
            expected = {c["id"]: c for c in bank.clients}
            mismatched = []  # ids only: no C2 value in the test output
            for c in s.scalars(select(Client)):
                e = expected[c.id]
                same = (c.owner_id == rm["id"] and c.clock == {} and not c.deleted
                        and (c.name, c.credit_code, c.id_number, c.phone, c.account_no)
                        == (e["name"], e["credit_code"], e["id_number"], e["phone"], e["account_no"])
                        and c.net_worth == str(e["net_worth"]) and c.credit_rating == e["credit_rating"]
                        and c.credit_limit == (None if e["credit_limit"] is None else str(e["credit_limit"]))
                        and c.established_on == e["established_on"] and c.total_assets == e["total_assets"]
                        and c.phone_mask == e["phone"][:3] + "****" + e["phone"][-4:])
                if not same:
                    mismatched.append(c.id)
            assert not mismatched, f"{len(mismatched)} clients differ from the generated ones: {mismatched[:5]}"
            k = s.scalars(select(Contact)).first()
            assert k is not None and k.phone is not None and _MOBILE.match(k.phone) is not None, "contact phone"
            primary = s.scalars(select(RelationshipMember).where(RelationshipMember.role == "primary_rm")).all()
            assert len(primary) == N and {m.user_id for m in primary} == {rm["id"]}
        assert book.integrity_check() == []
    finally:
        book.close()
    stages = [s for _d, _t, s in calls]
    assert stages[0] == "generate" and stages[-1] == "done" and set(stages) <= set(STAGE_LABELS)
    done = [d for d, _t, s in calls if s not in ("generate",)]
    assert done == sorted(done) and calls[-1][0] == calls[-1][1]


def test_lookup_by_blind_index_and_search(built) -> None:  # noqa: ANN001
    path, bank, _calls = built
    from kamdesk.security.fieldcrypto import blind_index
    from kamdesk.services.search import search

    book = open_book(path, DEMO_PASSPHRASE)
    try:
        target = next(c for c in bank.clients if c["kind"] == "corporate" and not c["parent_id"])
        bi = blind_index(book.ctx.keyring, "C2-ID", "credit_code", target["credit_code"])
        with book.session_scope() as s:
            assert s.scalar(select(Client.id).where(Client.credit_code_bi == bi)) == target["id"]
            stale = s.execute(text("SELECT count(*) FROM search_index WHERE py IS NULL")).scalar()
            assert stale == 0
        hits = search(book, target["name"])
        assert target["id"] in {h.client_id for h in hits}
    finally:
        book.close()


def test_bulk_search_index_equals_a_rebuilt_one(tmp_path: Path) -> None:
    from kamdesk.services.search import has_stale, rebuild_index

    book = build_demo_book(tmp_path / "s.kdb", DEMO_PASSPHRASE, clients=40, seed=2, today=TODAY, kdf=FAST_KDF)
    terms = text("SELECT src_id, field, client_id, term, py, ini, tier_rank, cname FROM search_index "
                 "ORDER BY src_id, field")
    grams = text("SELECT g.gram, g.fr, g.tier_rank, g.cname, si.src_id, si.field, g.client_id, g.term "
                 "FROM search_gram g JOIN search_index si ON si.id = g.si_id ORDER BY 1, 2, 3, 4, 5, 6")
    try:
        with book.session_scope() as s:
            assert not has_stale(s)  # complete right after the build: the first search pays nothing
            bulk = s.execute(terms).all(), s.execute(grams).all()
            fts = s.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"), {"q": "有限公"}).scalar()
        assert bulk[0] and bulk[1] and fts
        rebuild_index(book)
        with book.session_scope() as s:
            assert (s.execute(terms).all(), s.execute(grams).all()) == bulk
            assert s.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :q"),
                             {"q": "有限公"}).scalar() == fts
        with pytest.raises(KamdeskError, match="文件已存在"):  # an existing file is never overwritten
            build_demo_book(tmp_path / "s.kdb", DEMO_PASSPHRASE, clients=5, today=TODAY, kdf=FAST_KDF)
    finally:
        book.close()
    assert (tmp_path / "s.kdb").exists()


def test_no_plaintext_in_the_file_and_sqlite_cannot_open_it(built) -> None:  # noqa: ANN001
    path, bank, _calls = built
    blobs = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
    assert len(blobs) > 100_000
    samples: list[str] = []
    for c in bank.clients[:: max(1, N // 40)]:
        samples += [c["name"], c["phone"], c["account_no"], c["credit_code"] or c["id_number"]]
        if c["short_name"]:
            samples.append(c["short_name"])
    samples += [k["name"] for k in bank["contacts"][:20]] + [k["phone"] for k in bank["contacts"][:20]]
    samples += [bank.busiest_rm()["display_name"], bank.products[0]["name"], "有限公司", "客户"]
    leaked = [i for i, s in enumerate(samples) if s.encode("utf-8") in blobs]
    assert not leaked, f"{len(leaked)} plaintext samples found in the file (indexes {leaked[:5]})"
    assert b"SQLite format 3" not in blobs[:100]
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        conn = sqlite3.connect(str(path))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
        finally:
            conn.close()


def test_whole_bank_false_keeps_only_what_the_rm_may_see(tmp_path: Path) -> None:
    book = build_demo_book(tmp_path / "own.kdb", DEMO_PASSPHRASE, clients=120, seed=3, today=TODAY, kdf=FAST_KDF,
                           whole_bank=False)
    try:
        bank = generate_bank(120, 3, today=TODAY)
        rm = bank.busiest_rm()
        shared = {m["client_id"] for m in bank["relationship_team"] if m["user_id"] == rm["id"]}
        own = {c["id"] for c in bank.clients if c["owner_id"] == rm["id"]}
        with book.session_scope() as s:
            ids = set(s.scalars(select(Client.id)))
            orphans = s.execute(text("SELECT count(*) FROM contacts WHERE client_id NOT IN (SELECT id FROM clients)"))
            assert orphans.scalar() == 0
        assert ids == own | shared and 0 < len(ids) < 120
    finally:
        book.close()


def test_a_failed_build_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kamdesk.services.demo as demo

    def boom(*_a, **_kw) -> None:  # noqa: ANN002, ANN003
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo, "_insert_all", boom)
    path = tmp_path / "broken.kdb"
    with pytest.raises(RuntimeError):
        build_demo_book(path, DEMO_PASSPHRASE, clients=10, today=TODAY, kdf=FAST_KDF)
    assert list(tmp_path.iterdir()) == []


def test_a_progress_callback_can_cancel_the_build(tmp_path: Path) -> None:
    class Cancelled(Exception):
        pass

    seen: list[str] = []

    def progress(done: int, total: int, stage: str) -> None:
        seen.append(stage)
        if stage == "contacts":
            raise Cancelled

    with pytest.raises(Cancelled):
        build_demo_book(tmp_path / "cancelled.kdb", DEMO_PASSPHRASE, clients=30, today=TODAY, kdf=FAST_KDF,
                        progress=progress)
    assert list(tmp_path.iterdir()) == []
    assert seen.count("generate") > 2 and "clients" in seen  # the generation reports its stages too


# -- the command --------------------------------------------------------------------------------

def test_kamdesk_demo_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.cli import main

    monkeypatch.delenv("KAMDESK_PASSPHRASE", raising=False)
    path = tmp_path / "cli.kdb"
    args = ["demo", "--file", str(path), "--clients", "40", "--seed", "5", "--today", TODAY.isoformat()]
    assert main(args + ["--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["counts"]["clients"] == 40 and doc["passphrase"] == DEMO_PASSPHRASE and doc["user"]["role"] == "rm"
    assert main(args) == 1  # exists: refuses without --force
    assert "--force" in capsys.readouterr().err
    monkeypatch.setenv("KAMDESK_PASSPHRASE", "another-secret-9")
    assert main(args + ["--force"]) == 0
    out = capsys.readouterr().out
    assert "clients" in out and "another-secret-9" not in out and DEMO_PASSPHRASE not in out
    book = open_book(path, "another-secret-9")
    try:
        with book.session_scope() as s:
            assert s.scalar(select(func.count()).select_from(Client)) == 40
    finally:
        book.close()
    assert main(["demo", "--file", str(tmp_path / "x.kdb"), "--clients", "0"]) == 1


def test_every_demo_message_has_english() -> None:
    import ast
    import string

    root = Path(__file__).resolve().parents[2]
    from kamdesk.common.i18n import catalogue as load

    catalogue = {source: text for (source, _d), text in load("en").items()}
    missing, mismatched = [], []
    for mod in ("kamdesk/services/demo.py", "kamdesk/cli/demo.py"):
        for n in ast.walk(ast.parse((root / mod).read_text("utf-8"))):
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in ("_", "N_") and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                zh = n.args[0].value
                if zh not in catalogue:
                    missing.append(zh)
                    continue

                def fields(s: str) -> set[str]:
                    return {f for _t, f, _s, _c in string.Formatter().parse(s) if f is not None}

                if fields(zh) != fields(catalogue[zh]):
                    mismatched.append(zh)
    assert missing == [] and mismatched == []


def test_every_client_has_a_history_within_the_retention(built) -> None:  # noqa: ANN001
    """The 历史 tab of a demo client is not empty: when the relationship began, KYC reviews, tier
    changes by the team lead…; C2 changes carry no values; nothing older than the retention (the
    first write would prune it)."""
    from kamdesk.models import ChangeLog
    from kamdesk.models.local import CHANGE_LOG_RETENTION_DAYS
    from kamdesk.services.history import client_history

    path, bank, _calls = built
    book = open_book(path, DEMO_PASSPHRASE)
    try:
        with book.session_scope() as s:
            rows = list(s.scalars(select(ChangeLog)))
        assert {r.client_id for r in rows} == {c["id"] for c in bank.clients}
        assert all((r.old_value, r.new_value) == (None, None) for r in rows if r.sensitive)
        oldest = dt.datetime.combine(TODAY, dt.time()) - dt.timedelta(days=CHANGE_LOG_RETENTION_DAYS)
        assert all(oldest < r.at < dt.datetime.combine(TODAY, dt.time()) for r in rows if r.table_name == "clients")
        assert {r.table_name for r in rows} == {"clients", "proposals", "approvals"}  # and the samples were made
        tiered = next(r for r in rows if r.field == "tier")
        entries = client_history(book, tiered.client_id).entries
        tier = next(e for e in entries if e.field == "tier")
        labels = {"strategic": "战略", "core": "核心", "key": "重点", "general": "一般"}
        below = {"strategic": "core", "core": "key", "key": "general"}
        assert (tier.old, tier.new) == (labels[below[tiered.new_value]], labels[tiered.new_value])
        assert tier.source == "sync" and tier.who  # made by the team lead, on the lead's device
        assert entries[-1].action == "create"  # newest first: the relationship's start comes last
    finally:
        book.close()


def test_the_largest_clients_have_sample_proposals_in_every_state(built) -> None:  # noqa: ANN001
    from kamdesk.services import proposals

    path, _bank, _calls = built
    book = open_book(path, DEMO_PASSPHRASE)
    try:
        listed = proposals.list_proposals(book)
        assert {p.status for p in listed} == {"draft", "issued", "accepted", "rejected"}
        assert any(p.version == 2 for p in listed)  # a revised one
        assert all(proposals.check(book, p.id, today=TODAY).ok for p in listed if p.status != "draft")
        with book.session_scope() as s:
            assert s.scalar(select(func.count()).select_from(Outbox)) == 0  # as it stands after a sync
    finally:
        book.close()


def test_the_demo_book_has_exceptions_in_every_state(built) -> None:  # noqa: ANN001
    """One pending, one approved and one rejected suitability exception, filed by the book's RM,
    decided by the team's lead (not the RM), in the past and in order (filed before decided)."""
    from kamdesk.models import Approval, User

    path, _bank, _calls = built
    book = open_book(path, DEMO_PASSPHRASE)
    try:
        with book.session_scope() as s:
            rows = list(s.scalars(select(Approval)))
            lead = s.scalar(select(User.id).where(User.role == "team_lead", User.team_id == book.user.team_id))
        assert sorted(r.status for r in rows) == ["approved", "pending", "rejected"]
        assert all(r.requester_id == book.user.id and r.kind == "suitability_exception" for r in rows)
        decided = [r for r in rows if r.status != "pending"]
        assert all(r.decided_by == lead != book.user.id and r.requested_at < r.decided_at for r in decided)
        assert all(r.requested_at.date() < TODAY for r in rows)
    finally:
        book.close()
