"""Warm a freshly opened book before its first window: the client 360 of one visible client is
built once and dropped, so its ~15 statements and the grading are compiled (SQLAlchemy's
statement cache, SQLite's pages) before the user opens a 360. Cold, that first build is 60-90 ms
of Python on a worker, and the GUI thread, sharing the GIL with it, stalled 60-80 ms.

Read-only: nothing is written or audited. Called on the worker that opens the book."""
from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import KamdeskError
from kamdesk.models import Client
from kamdesk.services.scope import client_clause

log = logging.getLogger("kamdesk.services")


def warm_up(book: Any) -> float:
    """Build and drop one client 360; seconds spent (0 when the user sees no client)."""
    from kamdesk.services.client360 import client_360

    start = time.perf_counter()
    try:
        with book.session_scope() as s:
            cid = s.scalar(select(Client.id).where(client_clause(book)).limit(1))
        if cid is None:
            return 0.0
        client_360(book, cid)
    except KamdeskError as exc:  # a role without clients: nothing to warm
        log.debug("warm-up skipped: %s", type(exc).__name__)
        return 0.0
    return time.perf_counter() - start
