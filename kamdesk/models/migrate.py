"""Schema migrations of the client file: Alembic, run on open, inside one transaction, after a
backup (VACUUM INTO, encrypted under the same key)."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).with_name("migrations")
BACKUPS_KEPT = 3


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_paths(db_path: Path) -> list[Path]:
    """Existing backups of a client file, newest first."""
    return sorted(db_path.parent.glob(db_path.name + ".bak-*"), reverse=True)


def backup(engine: Engine, db_path: Path) -> Path:
    """A consistent, encrypted copy of the file beside it; keeps the newest few."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = db_path.with_name(f"{db_path.name}.bak-{stamp}")
    # 0600 from the first byte: VACUUM INTO writes into an existing empty file and keeps its mode
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    raw = engine.raw_connection()  # VACUUM cannot run inside the BEGIN that SQLAlchemy would emit
    try:
        raw.driver_connection.execute("VACUUM INTO ?", (str(target),))
    finally:
        raw.close()
    target.chmod(0o600)  # as private as the file itself
    for old in backup_paths(db_path)[BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return target


def upgrade(engine: Engine, db_path: Path | None) -> bool:
    """Bring the file to the head revision. Returns True if anything ran."""
    current, head = current_revision(engine), head_revision()
    if current == head:
        return False
    if current is not None and db_path is not None:
        backup(engine, db_path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return True


def schema_is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one() == 0
