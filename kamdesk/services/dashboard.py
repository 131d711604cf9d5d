"""Dashboard figures that no other service already gives: the holdings maturing over the next
weeks (by week, count and amount) for the visible book, and the same per relationship manager for
a team lead. Independent of the agenda's horizon and of what the user did with agenda items."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from kamdesk.common.i18n import _
from kamdesk.models import Client, Holding, User
from kamdesk.services.scope import client_clause

MATURITY_DAYS = 90


@dataclass(frozen=True)
class MaturityWeek:
    start: dt.date  # first day of the week (today + 7·n)
    count: int
    amount: Decimal


@dataclass(frozen=True)
class MemberMaturities:
    owner_id: str
    owner_name: str
    count: int
    amount: Decimal


def _maturing(book: Any, today: dt.date, days: int) -> list[Any]:
    """(owner id, maturity date, amount) of the active holdings of visible clients maturing in
    [today, today + days]."""
    q = (select(Client.owner_id, Holding.maturity_on, Holding.amount)
         .join(Client, Client.id == Holding.client_id)
         .where(client_clause(book), Holding.deleted.is_not(True), Holding.status == "active",
                Holding.maturity_on >= today, Holding.maturity_on <= today + dt.timedelta(days=days)))
    with book.session_scope() as s:
        return list(s.execute(q).all())


def maturities_by_week(book: Any, today: dt.date, days: int = MATURITY_DAYS) -> list[MaturityWeek]:
    """One entry per week from today to the horizon (empty weeks included), in date order."""
    n_weeks = days // 7 + 1
    counts = [0] * n_weeks
    amounts = [Decimal(0)] * n_weeks
    for _owner, mat, amount in _maturing(book, today, days):
        w = (mat - today).days // 7
        counts[w] += 1
        amounts[w] += amount or Decimal(0)
    return [MaturityWeek(today + dt.timedelta(days=7 * w), counts[w], amounts[w]) for w in range(n_weeks)]


def maturities_by_member(book: Any, today: dt.date, days: int = MATURITY_DAYS) -> list[MemberMaturities]:
    """For a team lead: the maturities per client owner, largest amount first."""
    book.policy.require(book.user.role, "team.view", _("查看团队到期汇总"))
    acc: dict[str, tuple[int, Decimal]] = {}
    for owner, _mat, amount in _maturing(book, today, days):
        n, total = acc.get(owner or "", (0, Decimal(0)))
        acc[owner or ""] = (n + 1, total + (amount or Decimal(0)))
    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
    out = [MemberMaturities(uid, users.get(uid, ""), n, amt) for uid, (n, amt) in acc.items()]
    out.sort(key=lambda m: (-m.amount, m.owner_id))
    return out


__all__ = ["MATURITY_DAYS", "MaturityWeek", "MemberMaturities", "maturities_by_member", "maturities_by_week"]
