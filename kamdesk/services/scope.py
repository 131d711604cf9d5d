"""Which clients the signed-in user may see: the policy's scope as one SQL clause.

Every service that lists or touches client data restricts itself through here, so the rule lives
in one place:

- ``own_book``: clients the user owns, or where the user sits on the relationship team;
- ``team_book``: clients of the user's team (and, when the user has no team, their own);
- ``branch_corporate``: corporate clients of the user's branch;
- ``all``: every client in the file;
- ``none``: no client at all (PermissionDenied).

Tombstoned clients (and tombstoned relationship-team rows) never count.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from kamdesk.common.errors import NotFound, PermissionDenied
from kamdesk.common.i18n import _
from kamdesk.models import Client, RelationshipMember


def scope_of(book: Any) -> str:
    return book.policy.role(book.user.role).scope


def client_clause(book: Any) -> ColumnElement[bool]:
    """A WHERE clause over `Client` that keeps only the clients this user may see (not deleted).
    Raises PermissionDenied for a role whose scope is ``none``."""
    scope = scope_of(book)
    user = book.user
    # `IS NOT 1` rather than `IS 0`: SQLite's planner (without ANALYZE statistics) would otherwise pick
    # the low-selectivity index on `deleted` and walk every live row (measured: 250 ms at 20,000 clients).
    live = Client.deleted.is_not(True)
    if scope == "all":
        return live
    if scope == "own_book":
        team_rows = select(RelationshipMember.client_id).where(
            RelationshipMember.user_id == user.id, RelationshipMember.deleted.is_not(True))
        return and_(live, or_(Client.owner_id == user.id, Client.id.in_(team_rows)))
    if scope == "team_book":
        if user.team_id:
            return and_(live, or_(Client.team_id == user.team_id, Client.owner_id == user.id))
        return and_(live, Client.owner_id == user.id)
    if scope == "branch_corporate":
        if not user.branch:
            return false()
        return and_(live, Client.kind == "corporate", Client.branch == user.branch)
    raise PermissionDenied(_("当前角色不能查看客户数据"))


def visible_client_ids_select(book: Any) -> Select[Any]:
    """``SELECT clients.id`` restricted to the user's scope; use with ``X.client_id.in_(...)``."""
    return select(Client.id).where(client_clause(book))


def is_client_visible(session: Session, book: Any, client_id: str) -> bool:
    return session.scalar(select(Client.id).where(Client.id == client_id, client_clause(book))) is not None


def require_client_visible(session: Session, book: Any, client_id: str) -> Client:
    """The client row when the user may see it. A client outside the user's scope is reported
    exactly like a missing one (NotFound), so the message reveals nothing about other books."""
    client = session.scalars(select(Client).where(Client.id == client_id, client_clause(book))).first()
    if client is None:
        raise NotFound(_("客户不存在或不在您的权限范围内"))
    return client
