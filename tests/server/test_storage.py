"""The server schema: Alembic migrations on SQLite and PostgreSQL match the table definitions."""
from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from kamdesk.server.storage import VERSION_TABLE, Store, current_revision, metadata
from kamdesk.server.testing import temporary_pg_database


def _check(url: str) -> None:
    store = Store.open(url)
    try:
        assert current_revision(store.engine)
        with store.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE}),
                                    metadata) == []
        Store.open(url).close()  # upgrading an up-to-date database is a no-op
    finally:
        store.close()


def test_migrations_match_tables_on_sqlite(tmp_path: Path) -> None:
    _check(f"sqlite:///{tmp_path / 'srv.db'}")


@pytest.mark.pg
def test_migrations_match_tables_on_postgresql(pg_dsn: str) -> None:
    with temporary_pg_database(pg_dsn) as url:
        _check(url)
