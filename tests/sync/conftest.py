"""A real sync server on a free loopback port, seeded with a small demo bank."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kamdesk.server.testing import RunningServer, temporary_pg_database
from tests.server_fixtures import _start, any_bank, bank  # noqa: F401  (shared with tests/server)
from tests.support import FAST_KDF, PASSPHRASE


@pytest.fixture
def connect(tmp_path: Path) -> Iterator[Any]:
    """connect(srv, users, username, name=None) -> a Book created from the server (first sync done)."""
    from kamdesk.sync.engine import create_book_from_server

    opened: list[Any] = []

    def factory(srv: RunningServer, users: dict[str, Any], username: str, name: str | None = None) -> Any:
        path = tmp_path / (name or f"{username}-{len(opened)}.kdb")
        book = create_book_from_server(path, PASSPHRASE, srv.url, username, users[username]["password"], kdf=FAST_KDF)
        opened.append(book)
        return book

    yield factory
    for b in opened:
        b.close()


@pytest.fixture
def engine_for() -> Any:
    """engine_for(book, **kw) -> a SyncEngine that does not really sleep between retries."""
    from kamdesk.sync.engine import SyncEngine

    def factory(book: Any, **kw: Any) -> Any:
        kw.setdefault("sleep", lambda s: None)
        return SyncEngine(book, **kw)

    return factory


@pytest.fixture
def sync(engine_for: Any) -> Any:
    """sync(book, **kw) -> RoundResult of one full round."""

    def run(book: Any, **kw: Any) -> Any:
        eng = engine_for(book, **kw)
        try:
            return eng.sync_round()
        finally:
            eng.close()

    return run


@pytest.fixture
def pg_bank(pg_dsn: str, tmp_path: Path) -> Iterator[tuple[RunningServer, dict[str, Any]]]:
    """A small bank on a throw-away PostgreSQL database."""
    with temporary_pg_database(pg_dsn) as url:
        yield from _start(tmp_path, url, 6)
