"""Client 360: everything about one client on one screen, assembled in one read unit of work with
a handful of indexed queries (no scan over the book).

Profile (with role masks), the 集团 group tree with combined exposure, contacts with their next
birthday, the relationship team, holdings with maturities in the next 90 days flagged, the last
12 months' contribution, recent visits and open follow-ups, open opportunities, open requests and
complaints with their SLA state, and the grade with its reasons (from the grading service when
it is installed; else the tier alone).
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from kamdesk.common.i18n import N_, _
from kamdesk.models import (Client, Contact, Contribution, Holding, Opportunity, Product, RelationshipMember,
                            ServiceRequest, Task, User, Visit)
from kamdesk.services.clients import TIER_LABELS, _detail
from kamdesk.services.dto import (Client360, ContactInfo, ContributionMonth, ContributionSummary, GradeInfo,
                                  GroupMember, GroupTree, HoldingInfo, OpportunityInfo, RequestInfo, TaskInfo,
                                  TeamMemberInfo, VisitInfo)
from kamdesk.services.scope import require_client_visible
from kamdesk.services.search import visible_among

MATURITY_WINDOW_DAYS = 90
LOAN_TYPES = ("loan", "trade_finance")
OPEN_REQUEST_STATUSES = ("open", "in_progress", "escalated")
CLOSED_STAGES = ("won", "lost")
MAX_GROUP_DEPTH = 8
TEAM_ROLE_LABELS = {"primary_rm": N_("主办客户经理"), "assistant_rm": N_("协办客户经理"),
                    "product_specialist": N_("产品经理"), "risk_manager": N_("风险经理")}
ZERO = Decimal(0)


def next_birthday(birthday: dt.date | None, today: dt.date) -> dt.date | None:
    """The next anniversary on or after `today` (29 February falls on 28 February in common years)."""
    if birthday is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            day = birthday.replace(year=year)
        except ValueError:
            day = dt.date(year, 2, 28)
        if day >= today:
            return day
    return None  # pragma: no cover


def last_months(today: dt.date, n: int = 12) -> list[str]:
    """The last n months as YYYY-MM, oldest first, ending with today's month."""
    y, m = today.year, today.month
    out = []
    for _i in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return list(reversed(out))


def _sla_state(r: ServiceRequest, now: dt.datetime) -> str:
    try:
        from kamdesk.services.requests import sla_state
    except ImportError:  # pragma: no cover - the requests service is part of the product
        sla_state = None
    if sla_state is not None:
        return sla_state(r, now)
    if r.sla_due_at is None:  # pragma: no cover
        return "ok"
    if now > r.sla_due_at:  # pragma: no cover
        return "breached"
    return "due_soon" if r.sla_due_at - now <= dt.timedelta(hours=24) else "ok"  # pragma: no cover


def _group(s: Any, book: Any, client: Client) -> GroupTree | None:
    """The group around `client`: up to the root, then every descendant (breadth by level)."""
    if client.parent_id is None:
        has_children = s.scalar(select(Client.id).where(Client.parent_id == client.id, Client.deleted.is_not(True)).limit(1))
        if has_children is None:
            return None
    root_id, cur, seen = client.id, client.parent_id, {client.id}
    while cur and cur not in seen and len(seen) <= MAX_GROUP_DEPTH:
        seen.add(cur)
        row = s.execute(select(Client.id, Client.parent_id, Client.deleted).where(Client.id == cur)).first()
        if row is None or row.deleted:
            break
        root_id, cur = row.id, row.parent_id
    # every member (id, parent, depth), level by level
    members: dict[str, tuple[str | None, int]] = {root_id: (None, 0)}
    frontier = [root_id]
    for depth in range(1, MAX_GROUP_DEPTH + 1):
        if not frontier:
            break
        rows = s.execute(select(Client.id, Client.parent_id).where(Client.parent_id.in_(frontier),
                                                                  Client.deleted.is_not(True))).all()
        frontier = [r.id for r in rows if r.id not in members]
        for r in rows:
            members.setdefault(r.id, (r.parent_id, depth))
    ids = list(members)
    seen = visible_among(s, book, ids)
    visible = {r.id: r for r in s.execute(select(Client.id, Client.name, Client.tier, Client.parent_id)
                                          .where(Client.id.in_([i for i in ids if i in seen])))}
    totals: dict[str, list[Decimal]] = {i: [ZERO, ZERO] for i in visible}
    rows = s.execute(select(Holding.client_id, Holding.amount, Product.product_type)
                     .outerjoin(Product, Product.id == Holding.product_id)
                     .where(Holding.client_id.in_(list(visible)), Holding.deleted.is_not(True),
                            Holding.status == "active"))
    for cid, amount, ptype in rows:
        totals[cid][1 if ptype in LOAN_TYPES else 0] += amount or ZERO
    ordered: list[GroupMember] = []

    def walk(node: str) -> None:
        if node in visible:
            v = visible[node]
            ordered.append(GroupMember(id=node, name=v.name, parent_id=v.parent_id, depth=members[node][1],
                                       tier=v.tier, holdings_total=totals[node][0], loans_total=totals[node][1],
                                       is_current=node == client.id))
        for child in sorted((i for i, (p, _d) in members.items() if p == node),
                            key=lambda i: visible[i].name if i in visible else "~"):
            walk(child)

    walk(root_id)
    root_name = visible[root_id].name if root_id in visible else ""
    return GroupTree(root_id=root_id, root_name=root_name, members=ordered,
                     hidden_members=len(members) - len(visible),
                     holdings_total=sum((t[0] for t in totals.values()), ZERO),
                     loans_total=sum((t[1] for t in totals.values()), ZERO))


def _contacts(s: Any, book: Any, client_id: str, today: dt.date) -> list[ContactInfo]:
    mode = book.policy.display_mode(book.user.role, "C2-ID")
    out = []
    rows = s.scalars(select(Contact).where(Contact.client_id == client_id, Contact.deleted.is_not(True))
                     .order_by(Contact.is_primary.desc(), Contact.name))
    for c in rows:
        nb = next_birthday(c.birthday, today)
        if mode == "none" or c.phone_ct is None:
            phone = None
        elif mode == "plain":
            phone = c.phone
        else:
            phone = c.phone_mask
        out.append(ContactInfo(id=c.id, name=c.name, title=c.title or "", role=c.role or "", is_primary=bool(c.is_primary),
                               email=c.email or "", phone_display=phone, birthday=c.birthday, next_birthday=nb,
                               days_to_birthday=(nb - today).days if nb else None, preferences=c.preferences or ""))
    return out


def _team(s: Any, client_id: str) -> list[TeamMemberInfo]:
    rows = s.execute(select(RelationshipMember.user_id, RelationshipMember.role, RelationshipMember.credit_share,
                            User.display_name)
                     .outerjoin(User, User.id == RelationshipMember.user_id)
                     .where(RelationshipMember.client_id == client_id, RelationshipMember.deleted.is_not(True)))
    order = list(TEAM_ROLE_LABELS)
    out = [TeamMemberInfo(user_id=uid, name=name or "", role=role, role_label=_(TEAM_ROLE_LABELS.get(role, role)),
                          credit_share=share) for uid, role, share, name in rows]
    return sorted(out, key=lambda m: (order.index(m.role) if m.role in order else 9, m.name))


def _holdings(s: Any, client_id: str, today: dt.date) -> list[HoldingInfo]:
    rows = s.execute(select(Holding, Product.code, Product.name, Product.product_type, Product.risk_level)
                     .outerjoin(Product, Product.id == Holding.product_id)
                     .where(Holding.client_id == client_id, Holding.deleted.is_not(True), Holding.status == "active")
                     .order_by(Holding.maturity_on.is_(None), Holding.maturity_on, Holding.amount))
    horizon = today + dt.timedelta(days=MATURITY_WINDOW_DAYS)
    out = []
    for h, code, pname, ptype, risk in rows:
        days = (h.maturity_on - today).days if h.maturity_on else None
        out.append(HoldingInfo(id=h.id, product_id=h.product_id, product_code=code or "", product_name=pname or "",
                               product_type=ptype or "", risk_level=risk or "", amount=h.amount, rate=h.rate,
                               start_on=h.start_on, maturity_on=h.maturity_on, days_to_maturity=days,
                               maturing_soon=h.maturity_on is not None and today <= h.maturity_on <= horizon,
                               is_loan=ptype in LOAN_TYPES, status=h.status))
    return out


def _contribution(s: Any, client_id: str, today: dt.date) -> ContributionSummary:
    months = last_months(today)
    rows = {r.month: r for r in s.scalars(select(Contribution).where(
        Contribution.client_id == client_id, Contribution.deleted.is_not(True),
        Contribution.month >= months[0], Contribution.month <= months[-1]))}
    out = []
    for m in months:
        r = rows.get(m)
        out.append(ContributionMonth(month=m, deposit_income=r.deposit_income if r else ZERO,
                                     loan_income=r.loan_income if r else ZERO, fee_income=r.fee_income if r else ZERO))
    return ContributionSummary(months=out, deposit_income=sum((m.deposit_income for m in out), ZERO),
                               loan_income=sum((m.loan_income for m in out), ZERO),
                               fee_income=sum((m.fee_income for m in out), ZERO))


def _visit(v: Visit) -> VisitInfo:
    return VisitInfo(id=v.id, kind=v.kind, planned_at=v.planned_at, status=v.status, place=v.place or "",
                     agenda=v.agenda or "", outcome=v.outcome or "")


def _grade(book: Any, client: Any, today: dt.date) -> GradeInfo:
    tier = client.tier or "general"
    label = _(TIER_LABELS.get(tier, tier))
    try:
        from kamdesk.services import grading
        explain = getattr(grading, "explain")
    except (ImportError, AttributeError):
        return GradeInfo(tier=tier, tier_label=label, source="tier")
    try:
        explanation = explain(book, client.id, as_of=today)
    except TypeError:  # an explain() without as_of
        explanation = explain(book, client.id)
    except Exception:  # noqa: BLE001 - the 360 view must still open without a grade (no model, ...)
        import logging

        logging.getLogger(__name__).warning("grading.explain failed for a client", exc_info=True)
        return GradeInfo(tier=tier, tier_label=label, source="tier")
    return GradeInfo(tier=tier, tier_label=label, source="grading", explanation=explanation)


def client_360(book: Any, client_id: str, *, today: dt.date | None = None, now: dt.datetime | None = None,
               with_grade: bool = True) -> Client360:
    """Everything about one visible client (NotFound for a client outside the user's scope).
    `today` fixes the date for birthdays, maturities and the 12-month window; `now` the instant
    for SLA states and past/next visits (default: today at the current time of day)."""
    today = today or dt.date.today()
    if now is None:
        now = dt.datetime.combine(today, dt.datetime.now().time()) if today != dt.date.today() else dt.datetime.now()
    with book.session_scope() as s:
        client = require_client_visible(s, book, client_id)
        profile = _detail(book, s, client)
        group = _group(s, book, client)
        contacts = _contacts(s, book, client_id, today)
        team = _team(s, client_id)
        holdings = _holdings(s, client_id, today)
        contribution = _contribution(s, client_id, today)
        visits = s.scalars(select(Visit).where(Visit.client_id == client_id, Visit.deleted.is_not(True),
                                               Visit.planned_at <= now, Visit.status != "cancelled")
                           .order_by(Visit.planned_at.desc()).limit(5)).all()
        upcoming = s.scalars(select(Visit).where(Visit.client_id == client_id, Visit.deleted.is_not(True),
                                                 Visit.planned_at > now, Visit.status == "planned")
                             .order_by(Visit.planned_at).limit(1)).first()
        tasks = s.scalars(select(Task).where(Task.client_id == client_id, Task.deleted.is_not(True), Task.status == "open")
                          .order_by(Task.due_on.is_(None), Task.due_on, Task.title)).all()
        opps = s.scalars(select(Opportunity).where(Opportunity.client_id == client_id, Opportunity.deleted.is_not(True),
                                                   Opportunity.stage.not_in(CLOSED_STAGES))
                         .order_by(Opportunity.expected_close_on.is_(None), Opportunity.expected_close_on)).all()
        reqs = s.scalars(select(ServiceRequest).where(ServiceRequest.client_id == client_id,
                                                      ServiceRequest.deleted.is_not(True),
                                                      ServiceRequest.status.in_(OPEN_REQUEST_STATUSES))
                         .order_by(ServiceRequest.sla_due_at.is_(None), ServiceRequest.sla_due_at)).all()
        requests = [RequestInfo(id=r.id, kind=r.kind, category=r.category, title=r.title, status=r.status,
                                priority=r.priority, opened_at=r.opened_at, sla_due_at=r.sla_due_at,
                                sla_state=_sla_state(r, now), escalation_level=r.escalation_level or 0) for r in reqs]
        task_infos = [TaskInfo(id=t.id, title=t.title, due_on=t.due_on, overdue=t.due_on is not None and t.due_on < today,
                               source=t.source) for t in tasks]
        opp_infos = [OpportunityInfo(id=o.id, name=o.name, stage=o.stage, amount=o.amount, probability=o.probability,
                                     expected_close_on=o.expected_close_on) for o in opps]
        last_visits = [_visit(v) for v in visits]
        next_visit = _visit(upcoming) if upcoming is not None else None
    grade = _grade(book, client, today) if with_grade else GradeInfo(
        tier=client.tier or "general", tier_label=_(TIER_LABELS.get(client.tier or "general", "")), source="tier")
    order = {"breached": 0, "due_soon": 1, "ok": 2}
    requests.sort(key=lambda r: order.get(r.sla_state, 3))
    return Client360(profile=profile, group=group, contacts=contacts, team=team, holdings=holdings,
                     maturing_soon=[h for h in holdings if h.maturing_soon], contribution=contribution,
                     last_visits=last_visits, next_visit=next_visit, open_tasks=task_infos, opportunities=opp_infos,
                     requests=requests, grade=grade, as_of=today)
