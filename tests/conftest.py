"""Shared fixtures: real temporary client files (cheap KDF), a PostgreSQL DSN when one is reachable."""
from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the passphrase-failure ledger (kamdesk.security.failures) of test files stays out of the real home
if "KAMDESK_STATE_DIR" not in os.environ:
    import tempfile

    os.environ["KAMDESK_STATE_DIR"] = tempfile.mkdtemp(prefix="kamdesk-state-")

from kamdesk.services.book import Book, create_book  # noqa: E402
from tests.support import FAST_KDF, PASSPHRASE, USERS  # noqa: E402,F401

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
