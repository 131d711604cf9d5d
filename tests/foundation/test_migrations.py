"""The Alembic migrations build exactly the schema the models declare, with one head."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from kamdesk.models import Base
from kamdesk.models.db import make_engine
from kamdesk.models.migrate import alembic_config, backup_paths, current_revision, head_revision, upgrade


def test_single_head():
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"


def test_migrations_match_models(tmp_path):
    engine = make_engine(tmp_path / "m.db", None)
    upgrade(engine, None)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    # FTS shadow tables or other objects created by raw SQL are not in the metadata
    diff = [d for d in diff if not (d[0] == "remove_table" and getattr(d[1], "name", "").startswith(("search_", "fts")))]
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].table.name.startswith("search_"))]
    assert diff == [], f"models and migrations differ: run scripts/new-migration.sh — {diff}"


def test_upgrade_runs_in_a_transaction_after_a_backup(book):
    # pretend the file is one revision behind: stamp back, then reopen through the normal path
    scripts = ScriptDirectory.from_config(alembic_config())
    revs = list(scripts.walk_revisions())
    assert current_revision(book.engine) == head_revision()
    if len(revs) < 2:
        # only the initial revision exists: the backup path is exercised with a fake older stamp
        with book.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        try:
            upgrade(book.engine, book.path)
        except Exception as exc:  # unknown revision: migration refuses, file untouched
            assert "older" in str(exc)
        assert len(backup_paths(book.path)) == 1
    else:
        with book.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :r"), {"r": revs[1].revision})
        # downgrade-free check: the backup is made before anything runs
        try:
            upgrade(book.engine, book.path)
        except Exception:
            pass
        assert len(backup_paths(book.path)) == 1
