"""The RM's task list (任务): follow-ups by due date, created by hand or from a visit's outcome.

A task may hang off a client (then it is visible exactly when the client is) or stand alone (then
only its owner sees it). Tasks are never hard-deleted: cancelling sets the status.

Note: this module defines `list` (the task listing, as the UI calls it); internally use
`list_tasks`.
"""
from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import Client, Task, User
from kamdesk.services.scope import client_clause, require_client_visible

STATUSES = ("open", "done", "cancelled")
STATUS_LABELS = {"open": N_("待办"), "done": N_("已完成"), "cancelled": N_("已取消")}
SOURCE_LABELS = {"manual": N_("手工"), "visit": N_("拜访跟进"), "agenda": N_("日程")}
MAX_TITLE = 200


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


def source_label(source: str) -> str:
    return _(SOURCE_LABELS.get(source, source))


@dataclass(frozen=True)
class TaskInfo:
    id: str
    title: str
    detail: str
    due_on: dt.date | None
    status: str
    source: str
    client_id: str | None
    client_name: str
    owner_id: str
    visit_id: str | None
    done_at: dt.datetime | None
    overdue: bool  # open and due before today
    due_today: bool  # open and due today
    owner_name: str = ""

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["due_on"] = self.due_on.isoformat() if self.due_on else None
        d["done_at"] = self.done_at.isoformat() if self.done_at else None
        return d


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _info(t: Any, client_name: str, today: dt.date, owner_name: str = "") -> TaskInfo:
    """From a Task row or a result row with the same column names."""
    is_open = t.status == "open"
    return TaskInfo(id=t.id, title=t.title, detail=t.detail or "", due_on=t.due_on, status=t.status,
                    source=t.source or "manual", client_id=t.client_id, client_name=client_name or "",
                    owner_id=t.owner_id, visit_id=t.visit_id, done_at=t.done_at,
                    overdue=is_open and t.due_on is not None and t.due_on < today,
                    due_today=is_open and t.due_on == today, owner_name=owner_name)


def _require_read(book: Any) -> None:
    if not book.policy.can_read(book.user.role, "tasks"):
        raise PermissionDenied(_("查看任务"))


def _require_write(book: Any) -> None:
    if not book.policy.can_write(book.user.role, "tasks"):
        raise PermissionDenied(_("修改任务"))


def _visible(book: Any) -> Any:
    """Tasks of visible clients, plus the user's own tasks without a client. Used with the task
    LEFT JOIN its client (`_with_client`): the scope is checked on the joined client row, so a
    large book is never expanded into an IN-list first (measured: 0.8 s at 20,000 clients)."""
    return and_(Task.deleted.is_not(True),
                or_(and_(Task.client_id.is_not(None), Client.id.is_not(None), client_clause(book)),
                    and_(Task.client_id.is_(None), Task.owner_id == book.user.id)))


_COLUMNS = (Task.id, Task.title, Task.detail, Task.due_on, Task.status, Task.source, Task.client_id, Task.owner_id,
            Task.visit_id, Task.done_at, Task.created_at)


def _with_client() -> Any:
    """Plain columns (not ORM entities) of the task and its client's name: thousands of rows load fast."""
    return select(*_COLUMNS, Client.name.label("client_name")).outerjoin(Client, Client.id == Task.client_id)


def check_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError("title", _("请填写任务内容"))
    if len(title) > MAX_TITLE:
        raise ValidationError("title", _("任务内容不能超过 {n} 个字").format(n=MAX_TITLE))
    return title


def add_task(session: Any, book: Any, title: str, *, client_id: str | None, due_on: dt.date | None, detail: str = "",
             owner_id: str | None = None, source: str = "manual", visit_id: str | None = None) -> Task:
    """Insert one task inside the caller's unit of work (the visit finish uses this)."""
    t = Task(client_id=client_id, owner_id=owner_id or book.user.id, title=check_title(title), detail=detail or "",
             due_on=due_on, status="open", source=source, visit_id=visit_id)
    session.add(t)
    return t


def _load(session: Any, book: Any, task_id: str) -> tuple[Task, str]:
    row = session.execute(select(Task, Client.name).outerjoin(Client, Client.id == Task.client_id)
                          .where(Task.id == task_id, _visible(book))).first()
    if row is None:
        raise NotFound(_("任务不存在或不在您的权限范围内"))
    return row[0], row[1] or ""


def create(book: Any, title: str, *, client_id: str | None = None, due_on: dt.date | None = None, detail: str = "",
           owner_id: str | None = None, today: dt.date | None = None) -> TaskInfo:
    """A manual task (for a visible client, or standalone)."""
    _require_write(book)
    title = check_title(title)
    with book.session_scope(write=True) as s:
        cname = ""
        if client_id:
            cname = require_client_visible(s, book, client_id).name
        t = add_task(s, book, title, client_id=client_id, due_on=due_on, detail=detail, owner_id=owner_id)
        s.flush()
        return _info(t, cname, _today(today))


def list_tasks(book: Any, *, status: str | None = "open", owner_id: str | None = None, client_id: str | None = None,
               today: dt.date | None = None) -> builtins.list[TaskInfo]:
    """Tasks the user may see, by due date (undated last); `status=None` lists every status."""
    _require_read(book)
    if status is not None and status not in STATUSES:
        raise ValidationError("status", _("未知任务状态 {s}").format(s=status))
    where: builtins.list[Any] = [_visible(book)]
    if status:
        where.append(Task.status == status)
    if owner_id:
        where.append(Task.owner_id == owner_id)
    if client_id:
        where.append(Task.client_id == client_id)
    day = _today(today)
    with book.session_scope() as s:
        rows = s.execute(_with_client().where(*where)).all()
        users = dict(s.execute(select(User.id, User.display_name)).all())
    rows.sort(key=lambda r: (r.due_on is None, r.due_on or day, r.created_at, r.id))
    return [_info(r, r.client_name or "", day, users.get(r.owner_id, "")) for r in rows]


list = list_tasks  # noqa: A001 - the public name the UI and CLI use


def get(book: Any, task_id: str, *, today: dt.date | None = None) -> TaskInfo:
    _require_read(book)
    with book.session_scope() as s:
        t, cname = _load(s, book, task_id)
        return _info(t, cname, _today(today))


def _change(book: Any, task_id: str, fn: Any, today: dt.date | None) -> TaskInfo:
    _require_write(book)
    with book.session_scope(write=True) as s:
        t, cname = _load(s, book, task_id)
        fn(t)
        s.flush()
        return _info(t, cname, _today(today))


def complete(book: Any, task_id: str, *, today: dt.date | None = None) -> TaskInfo:
    def apply(t: Task) -> None:
        if t.status == "cancelled":
            raise ValidationError("status", _("已取消的任务不能标记完成"))
        if t.status != "done":
            t.status = "done"
            t.done_at = _now()

    return _change(book, task_id, apply, today)


def reopen(book: Any, task_id: str, *, today: dt.date | None = None) -> TaskInfo:
    """A done (or cancelled) task back to open, its completion time cleared; needs write access to
    tasks, like every task change (none of which is audited). An open task stays as it is."""

    def apply(t: Task) -> None:
        t.status = "open"
        t.done_at = None

    return _change(book, task_id, apply, today)


def reschedule(book: Any, task_id: str, due_on: dt.date | None, *, today: dt.date | None = None) -> TaskInfo:
    def apply(t: Task) -> None:
        if t.status != "open":
            raise ValidationError("status", _("只能改期待办中的任务"))
        t.due_on = due_on

    return _change(book, task_id, apply, today)


def cancel(book: Any, task_id: str, *, today: dt.date | None = None) -> TaskInfo:
    def apply(t: Task) -> None:
        if t.status == "done":
            raise ValidationError("status", _("已完成的任务不能取消"))
        t.status = "cancelled"

    return _change(book, task_id, apply, today)
