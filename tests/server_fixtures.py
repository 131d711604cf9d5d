"""Shared by tests/server and tests/sync: a real sync server on a free loopback port, seeded with a small demo bank."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kamdesk.server import demo
from kamdesk.server.app import build_state
from kamdesk.server.settings import Settings
from kamdesk.server.testing import RunningServer, run_server, temporary_pg_database


def _start(tmp_path: Path, db_url: str | None, clients: int) -> Iterator[tuple[RunningServer, dict[str, Any]]]:
    settings = Settings.load(data_dir=tmp_path / "server", db_url=db_url, dev_mode=True, port=0)
    state = build_state(settings)
    with state.store.write() as conn:
        seeded = demo.seed(conn, state.keys, clients=clients, seed_value=7)
    users = {u["username"]: u for u in seeded["users"]}
    with run_server(settings, state=state) as srv:
        yield srv, users


@pytest.fixture
def bank(tmp_path: Path) -> Iterator[tuple[RunningServer, dict[str, Any]]]:
    """(server, users by name with passwords) on SQLite."""
    yield from _start(tmp_path, None, 12)


@pytest.fixture(params=["sqlite", "pg"])
def any_bank(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[RunningServer, dict[str, Any]]]:
    """The same bank on SQLite and (when reachable) PostgreSQL."""
    if request.param == "sqlite":
        yield from _start(tmp_path, None, 12)
        return
    dsn = request.getfixturevalue("pg_dsn")
    with temporary_pg_database(dsn) as url:
        yield from _start(tmp_path, url, 12)
