"""Service requests and complaints (客户服务请求与投诉) with SLA tracking.

The SLA policy (`kamdesk/resources/sla_policy.json`) maps a category (投诉, 账户问题, …) to a
number of hours and a kind (request/complaint). Intake computes the due time; breached requests are
escalated automatically (`escalate_overdue`), one level per `escalate_every_hours` past the due
time. Every step is kept in ServiceRequestEvent (opened, assigned, escalated, commented, resolved,
closed). Times are naive UTC.

Note: this module defines `open` and `list` (the names the UI and CLI use); internally it uses
`open_request` and `list_requests`.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import Client, ServiceRequest, ServiceRequestEvent, User
from kamdesk.models.work import REQUEST_CHANNELS, REQUEST_PRIORITIES
from kamdesk.services.scope import client_clause, require_client_visible

ACTIVE = ("open", "in_progress", "escalated")
STATUS_LABELS = {"open": N_("待处理"), "in_progress": N_("处理中"), "escalated": N_("已升级"), "resolved": N_("已解决"),
                 "closed": N_("已关闭")}
SLA_LABELS = {"ok": N_("正常"), "due_soon": N_("即将超时"), "breached": N_("已超时")}
PRIORITIES = REQUEST_PRIORITIES


@lru_cache(maxsize=1)
def sla_policy() -> dict[str, Any]:
    return json.loads(resources.files("kamdesk.resources").joinpath("sla_policy.json").read_text("utf-8"))


def categories() -> list[str]:
    return [*sla_policy()["categories"]]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class RequestRow:
    id: str
    client_id: str
    client_name: str
    kind: str
    category: str
    title: str
    detail: str
    channel: str
    priority: str
    status: str
    status_label: str
    opened_at: dt.datetime
    sla_due_at: dt.datetime | None
    sla_state: str  # ok/due_soon/breached
    sla_label: str
    assignee_id: str | None
    assignee_name: str
    escalation_level: int
    resolution: str
    resolved_at: dt.datetime | None
    satisfaction: int | None

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("opened_at", "sla_due_at", "resolved_at"):
            d[k] = d[k].isoformat(timespec="minutes") if d[k] else None
        return d


@dataclass(frozen=True)
class RequestEvent:
    at: dt.datetime
    action: str
    by_user_id: str | None
    by_name: str
    note: str


def sla_state(r: Any, now: dt.datetime) -> str:
    """ok / due_soon / breached. A finished request is judged by when it was resolved."""
    if r.sla_due_at is None:
        return "ok"
    at = r.resolved_at if r.status not in ACTIVE and r.resolved_at else now
    if at > r.sla_due_at:
        return "breached"
    if r.status not in ACTIVE:
        return "ok"
    total = (r.sla_due_at - r.opened_at).total_seconds()
    left = (r.sla_due_at - now).total_seconds()
    if total > 0 and left <= total * float(sla_policy().get("due_soon_share", 0.25)):
        return "due_soon"
    return "ok"


def _row(r: ServiceRequest, cname: str, users: dict[str, str], now: dt.datetime) -> RequestRow:
    st = sla_state(r, now)
    return RequestRow(r.id, r.client_id, cname, r.kind, r.category, r.title, r.detail, r.channel, r.priority, r.status,
                      _(STATUS_LABELS.get(r.status, r.status)), r.opened_at, r.sla_due_at, st, _(SLA_LABELS[st]),
                      r.assignee_id, users.get(r.assignee_id or "", ""), r.escalation_level, r.resolution or "",
                      r.resolved_at, r.satisfaction)


def _require_write(book: Any) -> None:
    if not book.policy.can_write(book.user.role, "service_requests"):
        raise PermissionDenied(_("处理服务请求"))


def _load(s: Any, book: Any, request_id: str) -> tuple[ServiceRequest, str]:
    r = s.scalars(select(ServiceRequest).where(ServiceRequest.id == request_id, ServiceRequest.deleted.is_(False))).first()
    if r is None:
        raise NotFound(_("服务请求不存在或不在您的权限范围内"))
    c = require_client_visible(s, book, r.client_id)
    return r, c.name


def _event(s: Any, book: Any, r: ServiceRequest, action: str, note: str, now: dt.datetime, *, system: bool = False) -> None:
    s.add(ServiceRequestEvent(request_id=r.id, client_id=r.client_id, at=now, by_user_id=None if system else book.user.id,
                              action=action, note=note))


def _finish(s: Any, book: Any, r: ServiceRequest, cname: str, now: dt.datetime) -> RequestRow:
    s.flush()
    users = dict(s.execute(select(User.id, User.display_name)).all())
    return _row(r, cname, users, now)


def open_request(book: Any, client_id: str, category: str, title: str, *, detail: str = "", kind: str | None = None,
                 channel: str = "rm", priority: str = "normal", assignee_id: str | None = None,
                 now: dt.datetime | None = None) -> RequestRow:
    """Intake: the SLA due time comes from the category's hours in the SLA policy."""
    book.policy.require(book.user.role, "request.create", _("登记服务请求"))
    _require_write(book)
    pol = sla_policy()
    title = (title or "").strip()
    if not title:
        raise ValidationError("title", _("请填写请求标题"))
    cat = pol["categories"].get(category)
    if cat is None:
        raise ValidationError("category", _("未知类别「{c}」，可选：{a}").format(c=category, a="、".join(categories())))
    kind = kind or cat.get("kind", "request")
    if kind not in ("request", "complaint"):
        raise ValidationError("kind", _("类型应为 request 或 complaint"))
    if priority not in PRIORITIES:
        raise ValidationError("priority", _("优先级无效"))
    if channel not in REQUEST_CHANNELS:
        raise ValidationError("channel", _("渠道无效"))
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        c = require_client_visible(s, book, client_id)
        r = ServiceRequest(client_id=client_id, kind=kind, category=category, title=title, detail=detail, channel=channel,
                           priority=priority, opened_at=now,
                           sla_due_at=now + dt.timedelta(hours=float(cat.get("hours", pol["default_hours"]))),
                           status="in_progress" if assignee_id else "open", assignee_id=assignee_id,
                           escalation_level=0)
        s.add(r)
        _event(s, book, r, "opened", _("{k}登记：{c}").format(k=_("投诉") if kind == "complaint" else _("请求"), c=category),
               now)
        if assignee_id:
            _event(s, book, r, "assigned", assignee_id, now)
        return _finish(s, book, r, c.name, now)


def assign(book: Any, request_id: str, assignee_id: str, *, note: str = "", now: dt.datetime | None = None) -> RequestRow:
    _require_write(book)
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        r, cname = _load(s, book, request_id)
        if r.status not in ACTIVE:
            raise ValidationError("status", _("请求已{s}，不能再指派").format(s=_(STATUS_LABELS[r.status])))
        if s.get(User, assignee_id) is None:
            raise ValidationError("assignee", _("处理人不存在"))
        r.assignee_id = assignee_id
        if r.status == "open":
            r.status = "in_progress"
        _event(s, book, r, "assigned", note or "", now)
        return _finish(s, book, r, cname, now)


def escalate(book: Any, request_id: str, *, note: str = "", now: dt.datetime | None = None) -> RequestRow:
    """Manual escalation (needs the `request.escalate` action)."""
    book.policy.require(book.user.role, "request.escalate", _("升级服务请求"))
    _require_write(book)
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        r, cname = _load(s, book, request_id)
        if r.status not in ACTIVE:
            raise ValidationError("status", _("请求已{s}，不能升级").format(s=_(STATUS_LABELS[r.status])))
        r.escalation_level = (r.escalation_level or 0) + 1
        r.status = "escalated"
        _event(s, book, r, "escalated", note or _("人工升级至 {n} 级").format(n=r.escalation_level), now)
        return _finish(s, book, r, cname, now)


def escalate_overdue(book: Any, now: dt.datetime | None = None) -> list[RequestRow]:
    """Automatic escalation of breached requests: level 1 when the SLA is breached, one more level per
    `escalate_every_hours` after that (capped). Returns the requests whose level went up."""
    _require_write(book)
    now = now or _utcnow()
    pol = sla_policy()
    every = float(pol.get("escalate_every_hours", 24))
    cap = int(pol.get("max_escalation_level", 3))
    out: list[RequestRow] = []
    with book.session_scope(write=True) as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        q = (select(ServiceRequest, Client.name).join(Client, Client.id == ServiceRequest.client_id)
             .where(ServiceRequest.deleted.is_(False), ServiceRequest.status.in_(ACTIVE),
                    ServiceRequest.sla_due_at.is_not(None), ServiceRequest.sla_due_at < now, client_clause(book)))
        for r, cname in s.execute(q).all():
            over = (now - r.sla_due_at).total_seconds() / 3600
            level = min(cap, 1 + int(over // every))
            if level > (r.escalation_level or 0):
                r.escalation_level = level
                r.status = "escalated"
                _event(s, book, r, "escalated", _("超出时限 {h:.0f} 小时，自动升级至 {n} 级").format(h=over, n=level), now,
                       system=True)
                out.append((r, cname))  # type: ignore[arg-type]
        s.flush()
        return [_row(r, cname, users, now) for r, cname in out]  # type: ignore[misc]


def comment(book: Any, request_id: str, note: str, *, now: dt.datetime | None = None) -> RequestRow:
    _require_write(book)
    note = (note or "").strip()
    if not note:
        raise ValidationError("note", _("备注不能为空"))
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        r, cname = _load(s, book, request_id)
        if r.status == "closed":
            raise ValidationError("status", _("请求已关闭"))
        _event(s, book, r, "commented", note, now)
        return _finish(s, book, r, cname, now)


def resolve(book: Any, request_id: str, resolution: str, satisfaction: int | None = None, *,
            now: dt.datetime | None = None) -> RequestRow:
    _require_write(book)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError("resolution", _("请填写处理结果"))
    if satisfaction is not None and (not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5):
        raise ValidationError("satisfaction", _("满意度应为 1–5 分"))
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        r, cname = _load(s, book, request_id)
        if r.status not in ACTIVE:
            raise ValidationError("status", _("请求已{s}").format(s=_(STATUS_LABELS[r.status])))
        r.status, r.resolution, r.resolved_at, r.satisfaction = "resolved", resolution, now, satisfaction
        _event(s, book, r, "resolved", resolution, now)
        return _finish(s, book, r, cname, now)


def close(book: Any, request_id: str, *, note: str = "", now: dt.datetime | None = None) -> RequestRow:
    _require_write(book)
    now = now or _utcnow()
    with book.session_scope(write=True) as s:
        r, cname = _load(s, book, request_id)
        if r.status != "resolved":
            raise ValidationError("status", _("请先解决后再关闭"))
        r.status = "closed"
        _event(s, book, r, "closed", note, now)
        return _finish(s, book, r, cname, now)


def history(book: Any, request_id: str) -> list[RequestEvent]:
    with book.session_scope() as s:
        r, _cname = _load(s, book, request_id)
        users = dict(s.execute(select(User.id, User.display_name)).all())
        evs = s.scalars(select(ServiceRequestEvent).where(ServiceRequestEvent.request_id == r.id,
                                                          ServiceRequestEvent.deleted.is_(False))
                        .order_by(ServiceRequestEvent.at, ServiceRequestEvent.id))
        return [RequestEvent(e.at, e.action, e.by_user_id, users.get(e.by_user_id or "", _("系统")), e.note) for e in evs]


def list_requests(book: Any, *, status: str | tuple[str, ...] | None = None, kind: str | None = None,
                  client_id: str | None = None, now: dt.datetime | None = None) -> list[RequestRow]:
    """Requests of the visible clients, breached first then by due time, each with its SLA state.
    `status="active"` means open, in progress or escalated."""
    now = now or _utcnow()
    where: list[Any] = [ServiceRequest.deleted.is_(False), client_clause(book)]
    if status == "active":
        where.append(ServiceRequest.status.in_(ACTIVE))
    elif isinstance(status, str):
        if status not in STATUS_LABELS:
            raise ValidationError("status", _("未知状态 {s}").format(s=status))
        where.append(ServiceRequest.status == status)
    elif status:
        where.append(ServiceRequest.status.in_(status))
    if kind:
        if kind not in ("request", "complaint"):
            raise ValidationError("kind", _("类型应为 request 或 complaint"))
        where.append(ServiceRequest.kind == kind)
    if client_id:
        where.append(ServiceRequest.client_id == client_id)
    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        rows = [_row(r, cname, users, now) for r, cname in s.execute(
            select(ServiceRequest, Client.name).join(Client, Client.id == ServiceRequest.client_id).where(*where))]
    order = {"breached": 0, "due_soon": 1, "ok": 2}
    far = dt.datetime.max
    rows.sort(key=lambda x: (x.status not in ACTIVE, order[x.sla_state], x.sla_due_at or far, x.id))
    return rows


open = open_request  # noqa: A001 — public names used by the UI and CLI
list = list_requests  # noqa: A001

__all__ = ["RequestEvent", "RequestRow", "assign", "categories", "close", "comment", "escalate", "escalate_overdue",
           "history", "list", "list_requests", "open", "open_request", "resolve", "sla_policy", "sla_state"]
