"""The warm-up at unlock builds one client 360 and writes nothing: no outbox entry, no audit event."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from kamdesk.models import AuditEvent, Client, Outbox
from kamdesk.services.warmup import warm_up


def _counts(book: Any) -> tuple[int, int]:
    with book.session_scope() as s:
        return (s.scalar(select(func.count()).select_from(Outbox)) or 0,
                s.scalar(select(func.count()).select_from(AuditEvent)) or 0)


def test_warm_up_builds_a_360_and_writes_nothing(make_book: Any) -> None:
    book = make_book("rm")
    assert warm_up(book) == 0.0  # no client yet: nothing to warm
    with book.session_scope(write=True) as s:
        s.add(Client(kind="corporate", name="华东医药科技有限公司", tier="key", industry="医药", lifecycle_stage="growth",
                     city="杭州", total_assets=Decimal(56_000_000), owner_id=book.user.id, team_id=book.user.team_id,
                     branch=book.user.branch))
    before = _counts(book)
    assert warm_up(book) > 0
    assert _counts(book) == before

