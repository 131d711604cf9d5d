"""File modes of the server's data: every file 0600 in a 0700 directory, set when created and
re-checked (tightened) on every start.

SQLite creates its -wal and -shm files with the mode of the database file, so creating the
database 0600 before SQLite opens it is what keeps them private too. The server writes no log
files of its own (JSON lines go to stderr, to the service manager's journal).
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path | str, *, tighten: bool = True) -> Path:
    """Create `path` (and missing parents) 0700; tighten an existing one we own."""
    path = Path(path)
    if not path.exists():
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask
    elif tighten and path.stat().st_uid == os.getuid() and stat.S_IMODE(path.stat().st_mode) & 0o077:
        os.chmod(path, DIR_MODE)
    return path


def private_file(path: Path | str) -> Path:
    """Create `path` empty 0600 if missing (never truncating it); tighten it to 0600 if looser."""
    path = Path(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        pass
    if stat.S_IMODE(path.stat().st_mode) & 0o077:
        os.chmod(path, FILE_MODE)
    return path


def private_sqlite(db: Path | str) -> None:
    """The database file 0600 before SQLite opens it (its -wal and -shm follow its mode), and any
    -wal, -shm or -journal a looser earlier run left tightened."""
    db = Path(db)
    new_dir = not db.parent.exists()
    private_dir(db.parent, tighten=new_dir)
    private_file(db)
    for suffix in ("-wal", "-shm", "-journal"):
        side = db.with_name(db.name + suffix)
        if side.exists():
            private_file(side)
