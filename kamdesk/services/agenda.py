"""The service agenda (服务日程): what the RM should do next, generated from the book.

Sources: product maturities (30/7/1 days before; only the nearest threshold shows), contact
birthdays, individual clients' birthdays and company anniversaries, KYC reviews falling due, risk
assessments expiring, overdue follow-up tasks, breached request/complaint SLAs, service-plan
touchpoints per tier (`service_plans.json`) and clients without contact for longer than their tier
allows. Each item has a stable key; what the user did with it (done/snoozed/dismissed) is kept in
AgendaState (which syncs), so nothing is shown twice.

Items are ordered by priority (`priority_key`: severity, then the client's tier, then the amount
at stake, then due date) and fall into the groups the Today screen shows (`group_of`: overdue,
today, this week, later); `kind_filter`/`matches` are the screen's filters. All Qt-free.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import and_, func, or_, select

from kamdesk.common.errors import PermissionDenied, ValidationError
from kamdesk.common.i18n import _
from kamdesk.models import (AgendaState, Client, Contact, Holding, Product, RelationshipMember, ServiceRequest, Task,
                            User, Visit)
from kamdesk.services.scope import client_clause
from kamdesk.services.suitability import ASSESSMENT_VALID_DAYS

_STATE_NS = uuid.UUID("6f1c2a4e-3b7d-5e8f-9a0b-1c2d3e4f5a6b")  # namespace of agenda-state record ids
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}
STATES = ("done", "snoozed", "dismissed")
KINDS = ("maturity", "birthday", "anniversary", "kyc", "risk_assessment", "task", "sla", "plan_visit", "plan_review",
         "no_contact")
TIER_RANK = {"strategic": 0, "core": 1, "key": 2, "general": 3}
GROUPS = ("overdue", "today", "week", "later")
WEEK_DAYS = 7
# The Today screen's kind filter: one entry per thing an RM thinks of, each covering agenda kinds.
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "maturity": ("maturity",), "birthday": ("birthday", "anniversary"), "kyc": ("kyc",),
    "risk_assessment": ("risk_assessment",), "task": ("task",), "sla": ("sla",),
    "plan": ("plan_visit", "plan_review", "no_contact"),
}


@lru_cache(maxsize=1)
def service_plans() -> dict[str, Any]:
    return json.loads(resources.files("kamdesk.resources").joinpath("service_plans.json").read_text("utf-8"))


@dataclass(frozen=True)
class AgendaItem:
    key: str
    kind: str
    client_id: str | None
    client_name: str
    due: dt.date
    title: str
    detail: str
    severity: str  # high/medium/low
    owner_id: str | None = None
    owner_name: str = ""
    ref_id: str | None = None  # the holding/contact/task/request/visit this item is about
    tier: str = ""  # the client's tier ("" without a client)
    amount: Decimal | None = None  # the item's own amount (a maturing holding's)
    overdue: bool = False  # its deadline has passed (SLA breached, KYC/risk expired, contact gap exceeded...)
    client_assets: Decimal | None = None  # the client's assets with the bank: the stake of an item without amount

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["due"] = self.due.isoformat()
        d["amount"] = None if self.amount is None else str(self.amount)
        d["client_assets"] = None if self.client_assets is None else str(self.client_assets)
        return d


def priority_key(it: AgendaItem) -> tuple[Any, ...]:
    """Most pressing first: severity, then key clients (tier), then the larger stake (the item's
    amount, else the client's assets), then the earlier due date; the key breaks ties so the order
    is stable."""
    stake = it.amount if it.amount is not None else it.client_assets
    return (SEVERITY_ORDER.get(it.severity, 9), TIER_RANK.get(it.tier, len(TIER_RANK)), -(stake or 0), it.due, it.key)


def group_of(it: AgendaItem, today: dt.date) -> str:
    """overdue (deadline passed), today, week (the next 7 days) or later."""
    if it.overdue or it.due < today:
        return "overdue"
    days = (it.due - today).days
    if days == 0:
        return "today"
    return "week" if days <= WEEK_DAYS else "later"


def grouped(items: Iterable[AgendaItem], today: dt.date) -> list[tuple[str, list[AgendaItem]]]:
    """The non-empty groups in GROUPS order. The split keeps the order of `items`: given in
    priority order (as `agenda` returns them, or sorted by `priority_key`), each group is too;
    not sorting again saves ~0.1 s per 35,000 items on the screen's thread."""
    by: dict[str, list[AgendaItem]] = {g: [] for g in GROUPS}
    for it in items:
        by[group_of(it, today)].append(it)
    return [(g, by[g]) for g in GROUPS if by[g]]


_FILTER_OF = {k: f for f, kinds in KIND_FILTERS.items() for k in kinds}


def kind_filter(kind: str) -> str:
    """The KIND_FILTERS entry an agenda kind belongs to."""
    return _FILTER_OF.get(kind, kind)


def kind_counts(items: Iterable[AgendaItem]) -> dict[str, int]:
    counts = {f: 0 for f in KIND_FILTERS}
    for kind, n in Counter(it.kind for it in items).items():
        f = kind_filter(kind)
        counts[f] = counts.get(f, 0) + n
    return counts


def matches(it: AgendaItem, kind: str | None = None, text: str = "") -> bool:
    """Whether an item passes the screen's filters: a KIND_FILTERS key (None: all) and a piece of
    the client's name (case-insensitive)."""
    if kind and kind_filter(it.kind) != kind:
        return False
    text = text.strip().casefold()
    return not text or text in it.client_name.casefold()


def _next_anniversary(d: dt.date, today: dt.date) -> dt.date:
    for year in (today.year, today.year + 1):
        try:
            cand = d.replace(year=year)
        except ValueError:  # 29 February in a common year
            cand = dt.date(year, 2, 28)
        if cand >= today:
            return cand
    return today  # unreachable


def _owner_filter(book: Any, user_id: str | None, team: bool) -> Any:
    """Extra restriction beyond the policy scope: the user's own clients unless in team mode."""
    if team:
        return None
    uid = user_id or book.user.id
    members = select(RelationshipMember.client_id).where(RelationshipMember.user_id == uid,
                                                         RelationshipMember.deleted.is_(False))
    return or_(Client.owner_id == uid, Client.id.in_(members))


def agenda(book: Any, *, today: dt.date, horizon_days: int = 30, user_id: str | None = None, team: bool = False,
           now: dt.datetime | None = None, kinds: tuple[str, ...] | None = None) -> list[AgendaItem]:
    """The agenda for the signed-in user (or, for a team lead, `user_id`'s, or with `team=True` the
    whole team's with owner names), for items due up to `horizon_days` ahead. Sorted by
    `priority_key`. `now` (naive UTC) decides SLA breaches; it defaults to the start of `today`."""
    role = book.user.role
    if (team or (user_id and user_id != book.user.id)) and not book.policy.can(role, "team.view"):
        raise PermissionDenied(_("查看团队日程"))
    if horizon_days < 0 or horizon_days > 366:
        raise ValidationError("horizon_days", _("日程范围应在 0–366 天之间"))
    plans = service_plans()
    now = now or dt.datetime.combine(today, dt.time.min)
    horizon = today + dt.timedelta(days=horizon_days)
    clause = client_clause(book)
    extra = _owner_filter(book, user_id, team)
    if extra is not None:
        clause = and_(clause, extra)
    want = set(kinds or KINDS)
    items: list[AgendaItem] = []

    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        clients = {r.id: r for r in s.execute(select(
            Client.id, Client.name, Client.kind, Client.tier, Client.owner_id, Client.established_on, Client.kyc_due_on,
            Client.risk_assessed_on, Client.last_contact_on, Client.total_assets).where(clause))}

        def add(key: str, kind: str, client_id: str | None, due: dt.date, title: str, detail: str, severity: str,
                ref_id: str | None = None, owner_id: str | None = None, *, amount: Decimal | None = None,
                overdue: bool = False) -> None:
            c = clients.get(client_id) if client_id else None
            oid = owner_id or (c.owner_id if c else None)
            items.append(AgendaItem(key, kind, client_id, c.name if c else "", due, title, detail, severity, oid,
                                    users.get(oid, "") if oid else "", ref_id, (c.tier or "general") if c else "",
                                    amount, overdue or due < today, c.total_assets if c else None))

        # product maturities: only the nearest threshold shows
        if "maturity" in want:
            thresholds = sorted(int(t) for t in plans["maturity_reminder_days"])
            last_day = today + dt.timedelta(days=min(max(thresholds), horizon_days))
            q = (select(Holding.id, Holding.client_id, Holding.maturity_on, Holding.amount, Product.name)
                 .join(Product, Product.id == Holding.product_id, isouter=True)
                 .where(Holding.deleted.is_(False), Holding.status == "active", Holding.maturity_on >= today,
                        Holding.maturity_on <= last_day))
            for hid, cid, mat, amount, pname in s.execute(q):
                if cid not in clients:
                    continue
                days = (mat - today).days
                t = next(x for x in thresholds if x >= days)
                sev = "high" if t <= thresholds[0] else ("medium" if len(thresholds) > 1 and t <= thresholds[1] else "low")
                add(f"maturity:{hid}:{t}", "maturity", cid, mat,
                    _("产品到期：{p}").format(p=pname or _("未知产品")),
                    _("{d} 天后到期（{m}），请联系客户安排续作或赎回").format(d=days, m=mat.isoformat()), sev, hid,
                    amount=amount)

        # birthdays of contacts
        if "birthday" in want:
            q = select(Contact.id, Contact.client_id, Contact.name, Contact.birthday).where(
                Contact.deleted.is_(False), Contact.birthday.is_not(None))
            for cid_, client_id, name, bday in s.execute(q):
                if client_id not in clients:
                    continue
                nxt = _next_anniversary(bday, today)
                if nxt <= horizon:
                    add(f"birthday:{cid_}:{nxt.year}", "birthday", client_id, nxt, _("联系人生日：{n}").format(n=name),
                        _("{d} 生日，可送上祝福").format(d=nxt.strftime("%m-%d")), "low", cid_)

        for c in clients.values():
            # individual's birthday / company anniversary
            if c.established_on and ("birthday" in want or "anniversary" in want):
                nxt = _next_anniversary(c.established_on, today)
                if nxt <= horizon:
                    if c.kind == "individual" and "birthday" in want:
                        add(f"birthday:client:{c.id}:{nxt.year}", "birthday", c.id, nxt,
                            _("客户生日：{n}").format(n=c.name), _("{d} 生日，可送上祝福").format(d=nxt.strftime("%m-%d")),
                            "low")
                    elif c.kind == "corporate" and "anniversary" in want:
                        years = nxt.year - c.established_on.year
                        if years > 0:
                            add(f"anniversary:{c.id}:{nxt.year}", "anniversary", c.id, nxt,
                                _("成立 {y} 周年：{n}").format(y=years, n=c.name),
                                _("{d} 为公司成立 {y} 周年").format(d=nxt.isoformat(), y=years), "low")
            # KYC review falling due
            if "kyc" in want and c.kyc_due_on and c.kyc_due_on <= today + dt.timedelta(days=plans["kyc_warn_days"]):
                overdue = c.kyc_due_on < today
                add(f"kyc:{c.id}:{c.kyc_due_on.isoformat()}", "kyc", c.id, c.kyc_due_on,
                    _("KYC 复核已逾期") if overdue else _("KYC 复核即将到期"),
                    _("到期日 {d}，请更新客户身份资料").format(d=c.kyc_due_on.isoformat()), "high" if overdue else "medium")
            # risk assessment expiring
            if "risk_assessment" in want and c.risk_assessed_on:
                expiry = c.risk_assessed_on + dt.timedelta(days=ASSESSMENT_VALID_DAYS)
                if expiry <= today + dt.timedelta(days=plans["risk_assessment_warn_days"]):
                    expired = expiry <= today
                    add(f"risk:{c.id}:{expiry.isoformat()}", "risk_assessment", c.id, expiry,
                        _("风险评估已过期") if expired else _("风险评估即将过期"),
                        _("评估日 {a}，有效期至 {e}；过期后不能推荐理财产品").format(a=c.risk_assessed_on.isoformat(),
                                                                 e=expiry.isoformat()),
                        "high" if expired else "medium")

        # overdue (and due-today) follow-up tasks
        if "task" in want:
            if team:
                owner_ok = Task.owner_id.in_(select(User.id).where(User.team_id == book.user.team_id)) \
                    if book.user.team_id else Task.owner_id == book.user.id
            else:
                owner_ok = Task.owner_id == (user_id or book.user.id)
            q = select(Task.id, Task.client_id, Task.title, Task.due_on, Task.owner_id).where(
                Task.deleted.is_(False), Task.status == "open", Task.due_on.is_not(None), Task.due_on <= today, owner_ok)
            tasks = s.execute(q).all()
            others = {t.client_id for t in tasks if t.client_id and t.client_id not in clients}
            visible_others = set(s.scalars(select(Client.id).where(Client.id.in_(others), client_clause(book)))) \
                if others else set()
            for tid, cid, title, due, owner in tasks:
                if cid and cid not in clients and cid not in visible_others:
                    continue
                overdue = due < today
                add(f"task:{tid}", "task", cid, due, _("跟进任务逾期：{t}").format(t=title) if overdue
                    else _("今日跟进：{t}").format(t=title),
                    _("截止 {d}").format(d=due.isoformat()), "high" if overdue else "medium", tid, owner)

        # breached service-request / complaint SLAs
        if "sla" in want:
            q = select(ServiceRequest.id, ServiceRequest.client_id, ServiceRequest.kind, ServiceRequest.title,
                       ServiceRequest.sla_due_at, ServiceRequest.assignee_id).where(
                ServiceRequest.deleted.is_(False), ServiceRequest.status.in_(("open", "in_progress", "escalated")),
                ServiceRequest.sla_due_at.is_not(None), ServiceRequest.sla_due_at < now)
            for rid, cid, kind, title, due_at, assignee in s.execute(q):
                if cid not in clients:
                    continue
                label = _("投诉处理超时") if kind == "complaint" else _("服务请求超时")
                add(f"sla:{rid}", "sla", cid, due_at.date(), _("{l}：{t}").format(l=label, t=title),
                    _("时限 {d} 已过").format(d=due_at.strftime("%Y-%m-%d %H:%M")), "high", rid, overdue=True)

        # service-plan touchpoints and clients without contact. The related tables are read whole
        # and filtered against the client dict in Python: an IN (visible ids) subquery costs more.
        if {"plan_visit", "plan_review", "no_contact"} & want:
            done = (select(Visit.client_id, func.max(Visit.planned_at))
                    .where(Visit.deleted.is_(False), Visit.status == "done")
                    .group_by(Visit.client_id))
            last_visit = {cid: at.date() for cid, at in s.execute(done) if at is not None}
            reviews = (select(Visit.client_id, func.max(Visit.planned_at))
                       .where(Visit.deleted.is_(False), Visit.status == "done", Visit.kind == "meeting")
                       .group_by(Visit.client_id))
            last_review = {cid: at.date() for cid, at in s.execute(reviews) if at is not None}
            planned = set(s.scalars(select(Visit.client_id).where(
                Visit.deleted.is_(False), Visit.status == "planned",
                Visit.planned_at >= dt.datetime.combine(today, dt.time.min)).distinct()))
            tiers = plans["tiers"]
            for c in clients.values():
                plan = tiers.get(c.tier or "general") or tiers["general"]
                contacts = [d for d in (c.last_contact_on, last_visit.get(c.id)) if d]
                last = max(contacts) if contacts else None
                gap = plan.get("max_days_without_contact")
                silent = gap is not None and (last is None or (today - last).days > gap)
                if silent and "no_contact" in want:
                    # due on the first day past the allowed gap: "overdue N days" says by how much
                    since = last + dt.timedelta(days=gap + 1) if last else today
                    add(f"no_contact:{c.id}:{last.isoformat() if last else 'never'}", "no_contact", c.id, since,
                        _("长期未联系"),
                        (_("已 {d} 天未联系（{t}客户要求不超过 {g} 天）").format(d=(today - last).days, t=_(plan["label"]), g=gap)
                         if last else _("尚无联系记录（{t}客户要求每 {g} 天至少联系一次）").format(t=_(plan["label"]), g=gap)),
                        "high", overdue=True)
                every = plan.get("visit_every_days")
                if every and "plan_visit" in want and not silent and c.id not in planned:
                    base = last_visit.get(c.id) or c.last_contact_on
                    due = (base + dt.timedelta(days=every)) if base else today
                    if due <= horizon:
                        add(f"plan_visit:{c.id}:{due.isoformat()}", "plan_visit", c.id, max(due, today),
                            _("按服务计划安排拜访"),
                            _("{t}客户每 {e} 天拜访一次").format(t=_(plan["label"]), e=every),
                            "medium" if due <= today else "low", overdue=due < today)
                rev = plan.get("review_every_days")
                if rev and "plan_review" in want:
                    base = last_review.get(c.id)
                    due = (base + dt.timedelta(days=rev)) if base else None
                    if due is not None and due <= horizon:
                        add(f"plan_review:{c.id}:{due.isoformat()}", "plan_review", c.id, max(due, today),
                            _("服务回顾会到期：{n}").format(n=c.name),
                            _("{t}客户每 {e} 天进行一次综合服务回顾").format(t=_(plan["label"]), e=rev),
                            "medium" if due <= today else "low", overdue=due < today)

        prefix = f"{book.user.id}|"
        states = {k[len(prefix):]: (st, until) for k, st, until in s.execute(
            select(AgendaState.key, AgendaState.state, AgendaState.snooze_until).where(
                AgendaState.deleted.is_(False), AgendaState.user_id == book.user.id)) if k.startswith(prefix)}

    seen: set[str] = set()
    out: list[AgendaItem] = []
    for it in items:
        if it.key in seen or (it.due > horizon and it.kind != "no_contact"):
            continue
        seen.add(it.key)
        st = states.get(it.key)
        if st is not None:
            state, until = st
            if state in ("done", "dismissed"):
                continue
            if state == "snoozed" and until is not None and until > today:
                continue
        out.append(it)
    out.sort(key=priority_key)
    return out


def mark(book: Any, key: str, state: str, snooze_until: dt.date | None = None, *, client_id: str | None = None,
         today: dt.date | None = None) -> None:
    """Remember what the user did with an agenda item (syncs). Done and dismissed items never show
    again; a snoozed item hides until `snooze_until`."""
    mark_many(book, [(key, client_id)], state, snooze_until, today=today)


def _check_key(key: str) -> str:
    key = (key or "").strip()
    if not key or len(key) > 160 or ":" not in key or "|" in key:
        raise ValidationError("key", _("日程条目标识无效"))
    return key


def mark_many(book: Any, keys: list[tuple[str, str | None]], state: str, snooze_until: dt.date | None = None, *,
              today: dt.date | None = None) -> None:
    """`mark` for several (key, client id) items at once, in one unit of work: all or none."""
    if state not in STATES:
        raise ValidationError("state", _("状态应为 done、snoozed 或 dismissed"))
    checked = [(_check_key(k), cid) for k, cid in keys]
    today = today or dt.date.today()
    if state == "snoozed":
        if snooze_until is None:
            snooze_until = today + dt.timedelta(days=1)
        if snooze_until <= today:
            raise ValidationError("snooze_until", _("推迟日期应晚于今天"))
    else:
        snooze_until = None
    if not book.policy.can_write(book.user.role, "agenda_states"):
        raise PermissionDenied(_("处理日程"))
    with book.session_scope(write=True) as s:
        for key, client_id in checked:
            _store(s, book.user.id, key, state, snooze_until, client_id)


def _store(s: Any, user_id: str, key: str, state: str, snooze_until: dt.date | None, client_id: str | None) -> None:
    stored = f"{user_id}|{key}"
    # One record per user and item, with an id derived from both: two devices of the same user
    # marking the same item write the same record (merged per field by sync), never two rows
    # fighting over the unique key; users do not hide each other's items.
    rid = str(uuid.uuid5(_STATE_NS, stored))
    row = s.get(AgendaState, rid) or s.scalars(select(AgendaState).where(AgendaState.key == stored)).first()
    if row is None:
        s.add(AgendaState(id=rid, key=stored, user_id=user_id, client_id=client_id, state=state,
                          snooze_until=snooze_until))
    else:
        row.state = state
        row.snooze_until = snooze_until
        row.deleted = False
        if client_id:
            row.client_id = client_id


__all__ = ["GROUPS", "KIND_FILTERS", "AgendaItem", "KINDS", "STATES", "agenda", "group_of", "grouped", "kind_counts",
           "kind_filter", "mark", "mark_many", "matches", "priority_key", "service_plans"]
