"""The hash-chained audit log: tampering, removal and reordering are reported."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, update

from kamdesk.cli import main
from kamdesk.models import AuditEvent
from kamdesk.services import audit
from tests.support import PASSPHRASE


@pytest.fixture
def logged(book):
    with book.session_scope(write=True) as s:
        for i in range(6):
            audit.record(s, book.ctx, "reveal", "clients", f"c{i}", {"field": "phone"})
    return book


def _verify(book):
    with book.session_scope() as s:
        return audit.verify(s)


def test_intact_chain(logged):
    r = _verify(logged)
    assert r.ok and r.checked == 6


def test_tampered_entry_reported(logged):
    with logged.session_scope(write=True) as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 4).values(detail='{"field":"nothing"}'))
    r = _verify(logged)
    assert not r.ok and r.first_bad_seq == 4 and "篡改" in r.problem


def test_removed_entry_reported(logged):
    with logged.session_scope(write=True) as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 3))
    r = _verify(logged)
    assert not r.ok and r.first_bad_seq == 3


def test_removed_last_and_renumbered_entries_reported(logged):
    # delete entry 3 and renumber the rest so the sequence looks contiguous
    with logged.session_scope(write=True) as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 3))
        for seq in (4, 5, 6):
            s.execute(update(AuditEvent).where(AuditEvent.seq == seq).values(seq=seq - 1))
    r = _verify(logged)
    assert not r.ok and r.first_bad_seq == 3 and "链接" in r.problem


def test_reordered_entries_reported(logged):
    with logged.session_scope(write=True) as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(seq=100))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 5).values(seq=2))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 100).values(seq=5))
    r = _verify(logged)
    assert not r.ok and r.first_bad_seq == 2


def test_cli_audit_verify(logged, monkeypatch, capsys):
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    path = str(logged.path)
    assert main(["audit", "verify", "--file", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["checked"] == 6
    with logged.session_scope(write=True) as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(action="export"))
    assert main(["audit", "verify", "--file", path]) == 5
    err = capsys.readouterr().err
    assert "第 2 条" in err and "Traceback" not in err
