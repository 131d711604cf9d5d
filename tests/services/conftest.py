"""Fixtures for the workflow service tests (grading, agenda, suitability, pipeline, requests,
import/export): a small client file seeded through the ORM, so outbox and encryption run."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from kamdesk.models import Client, RelationshipMember, User
from kamdesk.services.book import Book

from tests.conftest import USERS  # noqa: F401  (re-exported for the tests)

TODAY = dt.date(2026, 6, 15)


def add_users(book: Book) -> None:
    """Every fixture user known to the file (the organisation normally arrives by sync)."""
    from tests.conftest import USERS as users

    with book.session_scope(applying_remote=True) as s:
        for u in users.values():
            if s.get(User, u.id) is None:
                s.add(User(id=u.id, username=u.username, display_name=u.display_name, role=u.role,
                           team_id=u.team_id, branch=u.branch))


def add_client(book: Book, **kw: Any) -> str:
    """Insert one client through the ORM (sensitive fields given as plaintext); returns its id."""
    from tests.conftest import USERS as users

    rm = users["rm"]
    defaults: dict[str, Any] = dict(kind="corporate", name="上海测试科技有限公司", industry="制造业",
                                    owner_id=rm.id, team_id=rm.team_id, branch=rm.branch, tier="general",
                                    lifecycle_stage="mature")
    defaults.update(kw)
    sensitive = {k: defaults.pop(k) for k in list(defaults) if k in (
        "id_number", "credit_code", "phone", "account_no", "net_worth", "annual_revenue", "credit_rating",
        "credit_limit")}
    members = defaults.pop("members", [])
    with book.session_scope(applying_remote=True) as s:
        c = Client(**defaults)
        for k, v in sensitive.items():
            setattr(c, k, v)
        s.add(c)
        for uid in members:
            s.add(RelationshipMember(client_id=c.id, user_id=uid, role="assistant_rm"))
        s.flush()
        return c.id


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def seeded(make_book: Callable[..., Book]) -> Callable[..., Book]:
    """seeded(role) -> a book for `role` with all fixture users present."""
    def factory(role: str = "rm") -> Book:
        b = make_book(role)
        add_users(b)
        return b
    return factory


DEC = Decimal


def decide_remotely(book: Book, batch_id: str, *, by: str = "team_lead", status: str = "approved",
                    reason: str = "同意，已核实") -> None:
    """A decision made on another device (the approver's), as a pull applies it to this file."""
    import datetime as dt

    from sqlalchemy import select

    from kamdesk.models import Approval
    from tests.conftest import USERS as users

    add_users(book)
    with book.session_scope(applying_remote=True) as s:
        for a in s.scalars(select(Approval).where(Approval.batch_id == batch_id)):
            a.status, a.decided_by, a.decision_reason = status, users[by].id, reason
            a.decided_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
