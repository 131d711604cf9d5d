"""Writing files that hold client data: private to the user (0600) from the first byte, atomic."""
from __future__ import annotations

import os
from pathlib import Path


def write_private(out: Path | str, data: bytes) -> Path:
    """Write `data` to `out` through a 0600 `.part` file renamed into place (a file that already
    exists with looser permissions is replaced, not reused). Returns the path."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)  # O_CREAT keeps an existing file's mode: start afresh
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out)
    return out
