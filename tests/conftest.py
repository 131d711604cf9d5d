"""Shared fixtures: real temporary client files (cheap KDF), a PostgreSQL DSN when one is reachable."""
from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kamdesk.services.book import Book, UserInfo, create_book  # noqa: E402

# Cheap scrypt for tests only; the product default (~0.3 s) is measured in bench/.
FAST_KDF = {"name": "scrypt", "n": 2**10, "r": 8, "p": 1}
PASSPHRASE = "test-passphrase-1"

USERS = {
    "rm": UserInfo(id="00000000-0000-7000-8000-000000000001", username="wangxm", display_name="王晓明", role="rm",
                   team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "rm2": UserInfo(id="00000000-0000-7000-8000-000000000002", username="lina", display_name="李娜", role="rm",
                    team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "team_lead": UserInfo(id="00000000-0000-7000-8000-000000000003", username="zhaolei", display_name="赵磊",
                          role="team_lead", team_id="00000000-0000-7000-8000-0000000000a1", branch="上海分行"),
    "risk_officer": UserInfo(id="00000000-0000-7000-8000-000000000004", username="sunli", display_name="孙丽",
                             role="risk_officer", team_id=None, branch="上海分行"),
    "compliance_officer": UserInfo(id="00000000-0000-7000-8000-000000000005", username="zhoujie",
                                   display_name="周杰", role="compliance_officer", team_id=None, branch="上海分行"),
}


@pytest.fixture
def make_book(tmp_path: Path) -> Iterator[Callable[..., Book]]:
    """make_book(role="rm", name="book.kdb") -> an open Book on a fresh encrypted file."""
    opened: list[Book] = []

    def factory(role: str = "rm", name: str | None = None, passphrase: str = PASSPHRASE) -> Book:
        path = tmp_path / (name or f"{role}-{len(opened)}.kdb")
        book = create_book(path, passphrase, user=USERS[role], team_name="公司业务一部", kdf=FAST_KDF)
        opened.append(book)
        return book

    yield factory
    for b in opened:
        b.close()


@pytest.fixture
def book(make_book: Callable[..., Book]) -> Book:
    return make_book("rm")


def _pg_dsn() -> str | None:
    dsn = os.environ.get("KAMDESK_TEST_PG_DSN")
    if dsn:
        return dsn
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=0.5):
            return "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    except OSError:
        return None


@pytest.fixture(scope="session")
def pg_dsn() -> str:
    dsn = _pg_dsn()
    if dsn is None:
        pytest.skip("PostgreSQL not reachable: set KAMDESK_TEST_PG_DSN or run one at 127.0.0.1:5432")
    return dsn
