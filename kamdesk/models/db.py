"""Opening the SQLCipher client file through SQLAlchemy, and plain SQLite for comparison.

We issue `PRAGMA key = "x'<hex>'"` ourselves in a connection creator (a raw 256-bit key:
no per-open KDF), pin `cipher_compatibility = 4` and silence SQLCipher's stderr logging.
"""
from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

PAGE_CACHE_KIB = 32768
_HEX = re.compile(r"^[0-9a-f]{64}$")


def _pragma_key(file_key: bytes) -> str:
    hexkey = file_key.hex()
    if not _HEX.match(hexkey):  # never interpolate anything but 64 hex digits
        raise ValueError("file key must be 32 bytes")
    return f"PRAGMA key = \"x'{hexkey}'\""


def connect_raw(path: Path | str, file_key: bytes) -> Any:
    """A DB-API connection to the encrypted file (sqlcipher3), keyed and configured."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_pragma_key(file_key))
    conn.execute("PRAGMA cipher_compatibility = 4")
    return conn


def _configure(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")  # an acknowledged commit survives power loss
    cur.execute("PRAGMA busy_timeout = 10000")
    # Decrypted pages are what a warm as-you-type search reads; SQLite's 2 MB default evicts the
    # search index between keystrokes at 20,000 clients. 32 MB per pooled connection.
    cur.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    cur.close()


def _begin(conn: Any) -> None:
    # The driver runs in autocommit mode, so we emit BEGIN ourselves: write units of work take
    # the write lock up front (BEGIN IMMEDIATE), so two writers never deadlock on lock upgrade.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("kd_write") else "BEGIN")


def make_engine(path: Path | str, file_key: bytes | None, *, pool_size: int = 4) -> Engine:
    """An engine over the encrypted file (or plain SQLite when file_key is None, for benchmarks).
    Bound parameters never appear in SQLAlchemy's exceptions or logs (they may hold names, masks
    or blind indexes): `hide_parameters=True`."""
    if file_key is not None:
        key = bytes(file_key)

        def creator() -> Any:
            return connect_raw(path, key)

        engine = create_engine("sqlite://", creator=creator, module=sqlcipher3, poolclass=QueuePool,
                               pool_size=pool_size, max_overflow=2, hide_parameters=True)
    else:
        engine = create_engine(f"sqlite:///{path}", poolclass=QueuePool, pool_size=pool_size, max_overflow=2,
                               hide_parameters=True,
                               connect_args={"check_same_thread": False, "isolation_level": None})
    event.listen(engine, "connect", _configure)
    event.listen(engine, "begin", _begin)
    return engine


def is_plain_sqlite(path: Path | str) -> bool:
    """True if the stdlib sqlite3 can read the file (i.e. it is NOT encrypted)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchall()
            return True
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
