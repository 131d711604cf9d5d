"""Visits offline (拜访): plan, take notes (autosaved), fill the needs questionnaire (大客户调研表),
finish with an outcome and follow-up tasks.

* `plan` needs the policy action ``visit.plan`` and a client the user may see.
* `save_notes` is the autosave path: one small write of the notes and their save time; the UI calls
  it every few seconds after typing stops, so a crash loses nothing typed before the last save.
* `questionnaire_for` picks the newest template for the client's kind (corporate/individual); when
  the file has none yet (a fresh book before its first sync) the template bundled with the app is
  installed locally. `save_answers` checks every answer against the template's question types.
* `finish` marks the visit done, moves the client's last contact date and creates the follow-up
  tasks (source ``visit``) in the same unit of work; `suggest_follow_ups` proposes them from the notes.

Note: this module defines `list` (the visit listing, as the UI calls it); internally use
`list_visits`.
"""
from __future__ import annotations

import builtins
import datetime as dt
import json
import re
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from importlib import resources
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import Client, QuestionnaireResponse, QuestionnaireTemplate, User, Visit
from kamdesk.models.visit import VISIT_KINDS, VISIT_STATUSES
from kamdesk.services import tasks as task_service
from kamdesk.services.scope import client_clause, require_client_visible
from kamdesk.services.tasks import TaskInfo

KINDS = VISIT_KINDS
KIND_LABELS = {"visit": N_("上门拜访"), "call": N_("电话沟通"), "meeting": N_("行内会谈"), "event": N_("客户活动")}
STATUSES = VISIT_STATUSES
STATUS_LABELS = {"planned": N_("计划中"), "done": N_("已完成"), "cancelled": N_("已取消")}
QUESTION_TYPES = ("text", "choice", "multi", "number", "date")
MAX_NOTES = 200_000  # characters; a visit's notes are prose, not attachments
MAX_TEXT_ANSWER = 2000
_TEMPLATE_NS = uuid.UUID("6f1c3f0e-8a47-4c1e-9d2b-4b7a64d1c0de")


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


# ---- values handed to the UI and the CLI ------------------------------------------------------------


@dataclass(frozen=True)
class VisitInfo:
    id: str
    client_id: str
    client_name: str
    client_kind: str
    owner_id: str
    owner_name: str
    kind: str
    planned_at: dt.datetime  # local wall time, naive
    duration_minutes: int
    place: str
    attendees: tuple[str, ...]
    agenda: str
    notes: str
    notes_saved_at: dt.datetime | None  # aware (UTC)
    outcome: str
    status: str

    @property
    def ends_at(self) -> dt.datetime:
        return self.planned_at + dt.timedelta(minutes=self.duration_minutes)

    def as_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["attendees"] = builtins.list(self.attendees)
        d["planned_at"] = self.planned_at.isoformat()
        d["notes_saved_at"] = self.notes_saved_at.isoformat() if self.notes_saved_at else None
        return d


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    type: str  # text/choice/multi/number/date
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateInfo:
    id: str
    code: str
    name: str
    version: int
    for_kind: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


@dataclass(frozen=True)
class ResponseInfo:
    id: str
    client_id: str
    template_id: str
    visit_id: str | None
    answers: dict[str, Any]
    completed_at: dt.datetime | None
    updated_at: dt.datetime | None

    @property
    def completed(self) -> bool:
        return self.completed_at is not None


@dataclass(frozen=True)
class Questionnaire:
    template: TemplateInfo
    response: ResponseInfo | None  # the latest answers for this client and template, if any

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.response.answers) if self.response else {}

    def __iter__(self):  # noqa: ANN204 - `template, answers = questionnaire_for(...)`
        return iter((self.template, self.answers))


@dataclass(frozen=True)
class FollowUp:
    title: str
    due_on: dt.date | None = None
    detail: str = field(default="", compare=False)


# ---- helpers --------------------------------------------------------------------------------------


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _require_read(book: Any) -> None:
    if not book.policy.can_read(book.user.role, "visits"):
        raise PermissionDenied(_("查看拜访"))


def _require_write(book: Any) -> None:
    if not book.policy.can_write(book.user.role, "visits"):
        raise PermissionDenied(_("记录拜访"))


def _info(v: Visit, c: Client | None, owner_name: str) -> VisitInfo:
    return VisitInfo(id=v.id, client_id=v.client_id, client_name=c.name if c else "", client_kind=c.kind if c else "",
                     owner_id=v.owner_id, owner_name=owner_name, kind=v.kind or "visit", planned_at=v.planned_at,
                     duration_minutes=int(v.duration_minutes or 0), place=v.place or "",
                     attendees=tuple(str(a) for a in (v.attendees or ())), agenda=v.agenda or "", notes=v.notes or "",
                     notes_saved_at=_aware(v.notes_saved_at), outcome=v.outcome or "", status=v.status or "planned")


_LIST_COLUMNS = (Visit.id, Visit.client_id, Visit.owner_id, Visit.kind, Visit.planned_at, Visit.duration_minutes,
                 Visit.place, Visit.attendees, Visit.agenda, Visit.notes, Visit.notes_saved_at, Visit.outcome,
                 Visit.status)


def _row_info(r: Any, owner_name: str) -> VisitInfo:
    return VisitInfo(id=r.id, client_id=r.client_id, client_name=r.client_name or "", client_kind=r.client_kind or "",
                     owner_id=r.owner_id, owner_name=owner_name, kind=r.kind or "visit", planned_at=r.planned_at,
                     duration_minutes=int(r.duration_minutes or 0), place=r.place or "",
                     attendees=tuple(str(a) for a in (r.attendees or ())), agenda=r.agenda or "", notes=r.notes or "",
                     notes_saved_at=_aware(r.notes_saved_at), outcome=r.outcome or "", status=r.status or "planned")


def _owner_name(s: Any, user_id: str) -> str:
    return s.scalar(select(User.display_name).where(User.id == user_id)) or ""


def _load(s: Any, book: Any, visit_id: str) -> tuple[Visit, Client]:
    row = s.execute(select(Visit, Client).join(Client, Client.id == Visit.client_id)
                    .where(Visit.id == visit_id, Visit.deleted.is_not(True), client_clause(book))).first()
    if row is None:
        raise NotFound(_("拜访记录不存在或不在您的权限范围内"))
    return row[0], row[1]


def _clean_attendees(attendees: Any) -> builtins.list[str]:
    if isinstance(attendees, str):
        attendees = re.split(r"[,，、;；\n]", attendees)
    out: builtins.list[str] = []
    for a in attendees or ():
        a = str(a).strip()
        if a and a not in out:
            if len(a) > 50:
                raise ValidationError("attendees", _("参加人员姓名过长"))
            out.append(a)
    if len(out) > 30:
        raise ValidationError("attendees", _("参加人员不能超过 30 人"))
    return out


def check_plan(planned_at: Any, duration_minutes: int, place: str, kind: str) -> None:
    """The plan's own rules (also used by the plan dialog before it submits)."""
    if not isinstance(planned_at, dt.datetime):
        raise ValidationError("planned_at", _("请选择拜访时间"))
    if kind not in KINDS:
        raise ValidationError("kind", _("未知的拜访方式 {k}").format(k=kind))
    if not isinstance(duration_minutes, int) or not 5 <= duration_minutes <= 720:
        raise ValidationError("duration_minutes", _("拜访时长应在 5 分钟到 12 小时之间"))
    if len(place or "") > 200:
        raise ValidationError("place", _("地点不能超过 200 个字"))


# ---- visits ---------------------------------------------------------------------------------------


def plan(book: Any, client_id: str, planned_at: dt.datetime, *, duration_minutes: int = 60, place: str = "",
         attendees: Any = (), agenda: str = "", kind: str = "visit") -> VisitInfo:
    """Plan a visit to a client the user may see; the user owns it."""
    book.policy.require(book.user.role, "visit.plan", _("计划拜访"))
    _require_write(book)
    check_plan(planned_at, duration_minutes, place, kind)
    people = _clean_attendees(attendees)
    if planned_at.tzinfo is not None:
        planned_at = planned_at.astimezone().replace(tzinfo=None)  # stored as local wall time
    planned_at = planned_at.replace(second=0, microsecond=0)
    with book.session_scope(write=True) as s:
        c = require_client_visible(s, book, client_id)
        v = Visit(client_id=c.id, owner_id=book.user.id, kind=kind, planned_at=planned_at,
                  duration_minutes=duration_minutes, place=(place or "").strip(), attendees=people,
                  agenda=(agenda or "").strip(), notes="", outcome="", status="planned")
        s.add(v)
        s.flush()
        return _info(v, c, _owner_name(s, v.owner_id))


def list_visits(book: Any, *, status: str | tuple[str, ...] | None = None, from_: dt.datetime | dt.date | None = None,
                to: dt.datetime | dt.date | None = None, client_id: str | None = None,
                owner_id: str | None = None, limit: int | None = None, descending: bool = False) -> builtins.list[VisitInfo]:
    """Visits of the clients the user may see, by planned time; `from_`/`to` bound `planned_at`
    (a date `to` includes that whole day)."""
    _require_read(book)
    statuses = (status,) if isinstance(status, str) else tuple(status or ())
    for st in statuses:
        if st not in STATUSES:
            raise ValidationError("status", _("未知拜访状态 {s}").format(s=st))
    where: builtins.list[Any] = [Visit.deleted.is_not(True), client_clause(book)]
    if statuses:
        where.append(Visit.status.in_(statuses))
    if from_ is not None:
        start = from_ if isinstance(from_, dt.datetime) else dt.datetime.combine(from_, dt.time())
        where.append(Visit.planned_at >= start)
    if to is not None:
        end = to if isinstance(to, dt.datetime) else dt.datetime.combine(to + dt.timedelta(days=1), dt.time())
        where.append(Visit.planned_at < end if not isinstance(to, dt.datetime) else Visit.planned_at <= end)
    if client_id:
        where.append(Visit.client_id == client_id)
    if owner_id:
        where.append(Visit.owner_id == owner_id)
    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        # Drive the join from visits (`client_id || ''` keeps SQLite from walking every visible
        # client through ix_visits_client_id) and check each visit's client row on the way: on an
        # encrypted file every page touched costs a decryption, and a scope of 20,000 clients
        # made the client-first plan 5-10x slower (bench/bench_visits.py).
        # Plain columns, not ORM entities: a list of thousands of visits is built in a fraction of the time.
        q = select(*_LIST_COLUMNS, Client.name.label("client_name"), Client.kind.label("client_kind")).join(
            Client, Client.id == Visit.client_id.concat("")).where(*where)
        if limit:  # the newest/oldest few: walk ix_visits_planned_at and stop early
            order = (Visit.planned_at.desc(), Visit.id) if descending else (Visit.planned_at, Visit.id)
            rows = s.execute(q.order_by(*order).limit(limit)).all()
        else:  # everything: scan in storage order and sort here (no random row fetches)
            rows = sorted(s.execute(q).all(), key=lambda r: (r.planned_at, r.id), reverse=descending)
        return [_row_info(r, users.get(r.owner_id, "")) for r in rows]


list = list_visits  # noqa: A001 - the public name the UI and CLI use


def get(book: Any, visit_id: str) -> VisitInfo:
    _require_read(book)
    with book.session_scope() as s:
        v, c = _load(s, book, visit_id)
        return _info(v, c, _owner_name(s, v.owner_id))


def save_notes(book: Any, visit_id: str, notes: str) -> dt.datetime:
    """Autosave: store the notes now (one small write); returns the save time (aware, UTC).
    Unchanged notes are not written again."""
    _require_write(book)
    notes = notes or ""
    if len(notes) > MAX_NOTES:
        raise ValidationError("notes", _("纪要过长（超过 {n} 字），请分次记录").format(n=MAX_NOTES))
    with book.session_scope(write=True) as s:
        v, _c = _load(s, book, visit_id)
        if v.status == "cancelled":
            raise ValidationError("status", _("拜访已取消，不能再记录纪要"))
        if (v.notes or "") == notes and v.notes_saved_at is not None:
            return _aware(v.notes_saved_at)  # type: ignore[return-value]
        now = _utcnow()
        v.notes = notes
        v.notes_saved_at = now
    return now.replace(tzinfo=dt.UTC)


def cancel(book: Any, visit_id: str, reason: str = "") -> VisitInfo:
    _require_write(book)
    with book.session_scope(write=True) as s:
        v, c = _load(s, book, visit_id)
        if v.status != "planned":
            raise ValidationError("status", _("只能取消计划中的拜访"))
        v.status = "cancelled"
        if reason.strip():
            v.outcome = _("取消原因：{r}").format(r=reason.strip())
        s.flush()
        return _info(v, c, _owner_name(s, v.owner_id))


def finish(book: Any, visit_id: str, outcome: str, follow_ups: Any = (), *, notes: str | None = None,
           today: dt.date | None = None) -> builtins.list[TaskInfo]:
    """End a visit: status done, the outcome recorded, the client's last contact date moved, and
    one open task (source "visit") per follow-up, all in one unit of work."""
    _require_write(book)
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError("outcome", _("请填写拜访成果"))
    items = [f if isinstance(f, FollowUp) else FollowUp(**f) for f in follow_ups or ()]
    for f in items:
        task_service.check_title(f.title)
    day = today or dt.date.today()
    with book.session_scope(write=True) as s:
        v, c = _load(s, book, visit_id)
        if v.status == "cancelled":
            raise ValidationError("status", _("拜访已取消，不能结束"))
        if v.status == "done":
            raise ValidationError("status", _("拜访已经结束"))
        if notes is not None and notes != (v.notes or ""):
            v.notes = notes
            v.notes_saved_at = _utcnow()
        v.status = "done"
        v.outcome = outcome
        contact = min(v.planned_at.date(), day)
        if c.last_contact_on is None or c.last_contact_on < contact:
            c.last_contact_on = contact
        created = [task_service.add_task(s, book, f.title, client_id=c.id, due_on=f.due_on, detail=f.detail,
                                          source="visit", visit_id=v.id) for f in items]
        s.flush()
        return [task_service._info(t, c.name, day) for t in created]


# ---- follow-ups from the notes --------------------------------------------------------------------

_MARKER = re.compile(
    r"^\s*(?:[-*•]\s*)?(?:\d+[.、)]\s*)?"
    r"(?:(?:跟进|待办|下一步|后续)\s*[:：]|TODO\b[:：]?|\[\s?\]|【待办】)\s*(?P<rest>.*)$", re.IGNORECASE)
_DATE_PATTERNS = [
    re.compile(r"(?P<y>20\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*[日号]?"),
    re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"),
]
_RELATIVE = re.compile(r"(?P<word>明天|明日|后天|下周|本周内?|月底|年底)|(?P<n>\d{1,3})\s*(?:个)?(?:天|日)内"
                       r"|(?P<w>\d{1,2})\s*(?:个)?(?:周|星期)内")


def _relative_day(word: str, today: dt.date) -> dt.date:
    if word in ("明天", "明日"):
        return today + dt.timedelta(days=1)
    if word == "后天":
        return today + dt.timedelta(days=2)
    if word == "下周":  # the Friday of next week
        return today + dt.timedelta(days=7 - today.weekday() + 4)
    if word.startswith("本周"):  # this Friday (today when the week's working days are over)
        return today + dt.timedelta(days=max(0, 4 - today.weekday()))
    if word == "月底":
        nxt = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return nxt - dt.timedelta(days=1)
    return dt.date(today.year, 12, 31)  # 年底
_DEADLINE_TAIL = r"\s*(?:之前|以前|前)?"
_TRIM = " \t,，。;；:：、-—"


def _parse_due(text: str, today: dt.date) -> tuple[dt.date | None, str]:
    """The first date in `text` and the text without it (and its 前/之前)."""
    for pat in _DATE_PATTERNS:
        m = pat.search(text)
        if not m:
            continue
        y = int(m.group("y")) if "y" in pat.groupindex and m.group("y") else None
        try:
            if y is None:
                due = dt.date(today.year, int(m.group("m")), int(m.group("d")))
                if due < today:
                    due = dt.date(today.year + 1, due.month, due.day)
            else:
                due = dt.date(y, int(m.group("m")), int(m.group("d")))
        except ValueError:
            return None, text  # 2月30日: not a date, keep the text as written
        return due, _strip_span(text, m)
    m = _RELATIVE.search(text)
    if m:
        if m.group("word"):
            due = _relative_day(m.group("word"), today)
        elif m.group("n"):
            due = today + dt.timedelta(days=int(m.group("n")))
        else:
            due = today + dt.timedelta(weeks=int(m.group("w")))
        return due, _strip_span(text, m)
    return None, text


def _strip_span(text: str, m: re.Match[str]) -> str:
    head, tail = text[:m.start()], text[m.end():]
    tail = re.sub("^" + _DEADLINE_TAIL, "", tail)
    out = head.rstrip() + (" " if head.strip() and tail.strip() and head.rstrip()[-1:].isascii() else "") + tail.lstrip()
    out = re.sub(r"[（(]\s*[）)]", "", out)  # "（）" left by a date in brackets
    return out


def suggest_follow_ups(notes: str, *, today: dt.date | None = None) -> builtins.list[FollowUp]:
    """Follow-ups written in the notes: lines starting with 跟进：/待办：/下一步：/TODO/- [ ] …, each
    with an optional deadline (2026-12-05, 2026年12月5日, 11月30日前, 明天, 3天内, 下周, 本周内, 月底前,
    年底前) as its due date."""
    day = today or dt.date.today()
    out: builtins.list[FollowUp] = []
    seen: set[str] = set()
    for line in (notes or "").splitlines():
        m = _MARKER.match(line)
        if not m:
            continue
        due, rest = _parse_due(m.group("rest"), day)
        title = rest.strip(_TRIM)[: task_service.MAX_TITLE]
        if not title or title in seen:
            continue
        seen.add(title)
        out.append(FollowUp(title=title, due_on=due))
    return out


# ---- the needs questionnaire ----------------------------------------------------------------------


def _template_info(t: QuestionnaireTemplate) -> TemplateInfo:
    qs = tuple(Question(key=str(q["key"]), text=str(q.get("text", q["key"])), type=str(q.get("type", "text")),
                        options=tuple(str(o) for o in q.get("options", ()) or ())) for q in (t.questions or ()))
    return TemplateInfo(id=t.id, code=t.code, name=t.name, version=int(t.version or 1), for_kind=t.for_kind,
                        questions=qs)


def _response_info(r: QuestionnaireResponse) -> ResponseInfo:
    return ResponseInfo(id=r.id, client_id=r.client_id, template_id=r.template_id, visit_id=r.visit_id,
                        answers=dict(r.answers or {}), completed_at=r.completed_at, updated_at=r.updated_at)


def bundled_templates() -> builtins.list[dict[str, Any]]:
    """The templates shipped with the app (used until the bank's arrive by sync)."""
    text = resources.files("kamdesk.resources").joinpath("demo", "questionnaires.json").read_text("utf-8")
    return json.loads(text)


def _find_template(s: Any, kind: str) -> QuestionnaireTemplate | None:
    return s.scalars(select(QuestionnaireTemplate).where(QuestionnaireTemplate.for_kind == kind,
                                                         QuestionnaireTemplate.deleted.is_not(True))
                     .order_by(QuestionnaireTemplate.version.desc(), QuestionnaireTemplate.created_at.desc())).first()


def _install_bundled_template(book: Any, kind: str) -> None:
    spec = next((x for x in bundled_templates() if x.get("for_kind") == kind), None)
    if spec is None:
        raise NotFound(_("没有适用于此类客户的调研表模板"))
    tid = str(uuid.uuid5(_TEMPLATE_NS, f"{spec['code']}:{spec.get('version', 1)}"))
    # Templates are the bank's reference data (a global table the server owns): installed locally
    # without an outbox entry, exactly as a sync would apply them.
    with book.session_scope(applying_remote=True) as s:
        if s.get(QuestionnaireTemplate, tid) is None:
            s.add(QuestionnaireTemplate(id=tid, code=spec["code"], name=spec["name"], version=spec.get("version", 1),
                                        for_kind=kind, questions=spec["questions"]))


def questionnaire_for(book: Any, client_id: str) -> Questionnaire:
    """The template for the client's kind and the client's latest answers to it (draft or completed)."""
    _require_read(book)
    with book.session_scope() as s:
        kind = require_client_visible(s, book, client_id).kind
        missing = _find_template(s, kind) is None
    if missing:
        _install_bundled_template(book, kind)
    with book.session_scope() as s:
        t = _find_template(s, kind)
        if t is None:
            raise NotFound(_("没有适用于此类客户的调研表模板"))
        r = s.scalars(select(QuestionnaireResponse).where(
            QuestionnaireResponse.client_id == client_id, QuestionnaireResponse.template_id == t.id,
            QuestionnaireResponse.deleted.is_not(True))
            .order_by(QuestionnaireResponse.updated_at.desc(), QuestionnaireResponse.id.desc())).first()
        return Questionnaire(_template_info(t), _response_info(r) if r else None)


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, (builtins.list, tuple, set)) and not value)


def validate_answers(template: TemplateInfo, answers: dict[str, Any], *, completed: bool = False) -> dict[str, Any]:
    """Answers checked and normalised against the template (numbers as int/float, dates as ISO
    text, multi as a list in the template's order); unanswered questions are left out. Raises
    ValidationError(question key, a message naming the question)."""
    out: dict[str, Any] = {}
    for key, value in (answers or {}).items():
        q = template.question(key)
        if q is None:
            raise ValidationError(str(key), _("调研表中没有这个问题（{k}）").format(k=key))
        if _empty(value):
            continue
        out[key] = _check_answer(q, value)
    if completed:
        missing = [q for q in template.questions if q.type != "text" and q.key not in out]
        if missing:
            raise ValidationError(missing[0].key, _("提交前请回答“{q}”").format(q=missing[0].text))
    return out


def _check_answer(q: Question, value: Any) -> Any:
    if q.type == "number":
        if isinstance(value, bool):
            raise ValidationError(q.key, _("“{q}”应填写数字").format(q=q.text))
        try:
            num = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            raise ValidationError(q.key, _("“{q}”应填写数字").format(q=q.text)) from None
        if not num.is_finite():
            raise ValidationError(q.key, _("“{q}”应填写数字").format(q=q.text))
        if num < 0:
            raise ValidationError(q.key, _("“{q}”不能为负数").format(q=q.text))
        return int(num) if num == num.to_integral_value() else float(num)
    if q.type == "choice":
        if not isinstance(value, str) or value not in q.options:
            raise ValidationError(q.key, _("“{q}”只能从给定选项中选择").format(q=q.text))
        return value
    if q.type == "multi":
        if isinstance(value, str) or not isinstance(value, (builtins.list, tuple, set, frozenset)):
            raise ValidationError(q.key, _("“{q}”应为多选（选项列表）").format(q=q.text))
        bad = [v for v in value if v not in q.options]
        if bad:
            raise ValidationError(q.key, _("“{q}”含有不在选项中的值").format(q=q.text))
        return [o for o in q.options if o in set(value)]
    if q.type == "date":
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise ValidationError(q.key, _("“{q}”应填写日期（如 2026-12-05）").format(q=q.text)) from None
    # text (and any type this version does not know: kept as text)
    text = str(value).strip()
    if len(text) > MAX_TEXT_ANSWER:
        raise ValidationError(q.key, _("“{q}”的回答不能超过 {n} 个字").format(q=q.text, n=MAX_TEXT_ANSWER))
    return text


def save_answers(book: Any, client_id: str, template_id: str, answers: dict[str, Any], visit_id: str | None = None,
                 completed: bool = False) -> ResponseInfo:
    """Save the questionnaire as a draft (or completed). Updates this visit's response, else the
    client's open draft, else starts a new response (a completed one is never overwritten)."""
    _require_write(book)
    if not book.policy.can_write(book.user.role, "questionnaire_responses"):
        raise PermissionDenied(_("填写调研表"))
    with book.session_scope(write=True) as s:
        c = require_client_visible(s, book, client_id)
        t = s.get(QuestionnaireTemplate, template_id)
        if t is None or t.deleted:
            raise NotFound(_("调研表模板不存在"))
        if t.for_kind != c.kind:
            raise ValidationError("template_id", _("此调研表模板不适用于该类客户"))
        clean = validate_answers(_template_info(t), answers, completed=completed)
        if visit_id is not None:
            v, _vc = _load(s, book, visit_id)
            if v.client_id != client_id:
                raise ValidationError("visit_id", _("拜访与客户不一致"))
        base = select(QuestionnaireResponse).where(
            QuestionnaireResponse.client_id == client_id, QuestionnaireResponse.template_id == template_id,
            QuestionnaireResponse.deleted.is_not(True), QuestionnaireResponse.completed_at.is_(None))
        r = None
        if visit_id is not None:
            r = s.scalars(base.where(QuestionnaireResponse.visit_id == visit_id)).first()
        if r is None:
            r = s.scalars(base.order_by(QuestionnaireResponse.updated_at.desc())).first()
        if r is None:
            r = QuestionnaireResponse(client_id=client_id, template_id=template_id, visit_id=visit_id, answers={})
            s.add(r)
        r.answers = clean
        if visit_id is not None:
            r.visit_id = visit_id
        if completed:
            r.completed_at = _utcnow()
        s.flush()
        return _response_info(r)
