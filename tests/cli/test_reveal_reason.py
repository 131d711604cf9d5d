"""Hole 11 (reveal): `kamdesk client show --reveal` needs a real reason, kept in the audit log."""
from __future__ import annotations

import json

import pytest

from kamdesk.cli import main
from kamdesk.common.errors import ValidationError
from kamdesk.services import audit, clients
from tests.services.conftest import add_client, add_users
from tests.support import PASSPHRASE

PHONE = "13900001111"


@pytest.fixture
def cli_book(book, monkeypatch):
    add_users(book)
    cid = add_client(book, phone=PHONE)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    return book, cid


def _reveals(book) -> list[dict]:
    with book.session_scope() as s:
        return [json.loads(e["detail"]) for e in audit.events(s, action="reveal")]


@pytest.mark.parametrize("reason", [None, "", "   ", "\t\n", "x", "。。"])
def test_cli_reveal_without_a_real_reason_is_refused(cli_book, capsys, reason):
    book, cid = cli_book
    argv = ["client", "show", cid, "--reveal", "phone", "--file", str(book.path)]
    if reason is not None:
        argv += ["--reason", reason]
    assert main(argv) != 0
    out = capsys.readouterr()
    assert PHONE not in out.out + out.err
    assert "原因" in out.err and len(out.err.strip().splitlines()) == 1
    assert _reveals(book) == []


def test_cli_reveal_with_a_reason_is_audited_with_it(cli_book, capsys):
    book, cid = cli_book
    assert main(["client", "show", cid, "--reveal", "phone", "--reason", " 核实开户信息 ", "--file", str(book.path)]) == 0
    assert PHONE in capsys.readouterr().out
    assert _reveals(book) == [{"field": "phone", "reason": "核实开户信息"}]


def test_service_reveal_needs_a_reason(cli_book):
    book, cid = cli_book
    with pytest.raises(ValidationError):
        clients.reveal(book, cid, "phone", reason="  ")
    assert clients.reveal(book, cid, "phone", reason="回电客户") == PHONE
