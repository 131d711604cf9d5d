"""A client's change history (变更历史): its field changes — made on this device or arrived by
sync, recorded by the flush hook and the sync engine in the local-only `change_log` table — merged
with the audit events about the client (reveal, export, print, override…), newest first, paged.

Sensitive (C2) changes hold no value at all, so nothing here can show one. Names of individual
clients are masked for roles whose policy masks them; entries of tables the role may not read are
left out. Whoever may view the client may view its history; anyone else gets PermissionDenied.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select

from kamdesk.common.errors import NotFound, PermissionDenied
from kamdesk.common.i18n import N_, _
from kamdesk.models import AuditEvent, ChangeLog, Client, Proposal, User
from kamdesk.security.masking import mask_name
from kamdesk.services.clients import FIELD_LABELS, KIND_LABELS, LIFECYCLE_LABELS, TIER_LABELS
from kamdesk.services.scope import require_client_visible

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

TABLE_LABELS = {
    "clients": N_("客户"), "contacts": N_("联系人"), "relationship_team": N_("关系团队"), "contributions": N_("贡献度"),
    "risk_notes": N_("风险提示"), "holdings": N_("持仓"), "visits": N_("拜访"),
    "questionnaire_responses": N_("问卷"), "tasks": N_("任务"), "opportunities": N_("商机"),
    "opportunity_members": N_("商机成员"), "opportunity_stages": N_("商机阶段"), "service_requests": N_("服务请求"),
    "service_request_events": N_("服务请求进展"), "proposals": N_("方案"),
}
# Field labels of the tables other than `clients` (which uses the clients service's labels).
OTHER_FIELD_LABELS = {
    "name": N_("名称"), "title": N_("标题"), "status": N_("状态"), "phone": N_("手机号"), "email": N_("邮箱"),
    "role": N_("角色"), "planned_at": N_("计划时间"), "place": N_("地点"), "agenda": N_("议程"),
    "outcome": N_("成果"), "kind": N_("类型"), "amount": N_("金额"), "stage": N_("阶段"), "due_on": N_("截止日期"),
    "priority": N_("优先级"), "deleted": N_("删除"), "version": N_("版本"), "data": N_("内容"),
    "birthday": N_("生日"), "preferences": N_("偏好"), "probability": N_("赢率"), "note": N_("说明"),
}
CHOICE_LABELS = {"tier": TIER_LABELS, "kind": KIND_LABELS, "lifecycle_stage": LIFECYCLE_LABELS}
AUDIT_LABELS = {
    "reveal": N_("查看明文"), "export": N_("导出"), "proposal.issue": N_("方案已出具"),
    "proposal.print": N_("方案已打印"), "proposal.save": N_("方案已导出为 PDF"), "proposal.export": N_("方案已导出为 PDF"),
    "approval.request": N_("提交审批申请"), "approval.approve": N_("审批通过"), "approval.reject": N_("审批驳回"),
    "grading.apply": N_("调整客户分层"),
}


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime  # UTC
    who: str  # display name ("" when unknown, e.g. a change made on another device)
    source: str  # local / sync / audit
    what: str  # readable field label or action
    old: str | None
    new: str | None
    sensitive: bool  # a C2 field: it changed, its values are never shown
    table: str
    record_id: str
    field: str
    action: str  # create / update / the audit action


@dataclass(frozen=True)
class HistoryPage:
    client_id: str
    entries: tuple[HistoryEntry, ...]
    offset: int
    limit: int
    has_more: bool


def source_label(code: str) -> str:
    return {"local": _("本机"), "sync": _("同步"), "audit": _("审计")}.get(code, code)


def change_text(e: HistoryEntry) -> str:
    """Old → new as the history shows it (a sensitive field only says that it changed)."""
    if e.sensitive:
        return _("已修改（敏感信息不显示）")
    if e.old is None and e.new is None:
        return ""
    if e.old is None:
        return e.new or ""
    return f"{e.old} → {e.new if e.new is not None else _('（空）')}"


def field_label(table: str, field: str) -> str:
    if table == "clients":
        return _(FIELD_LABELS.get(field, OTHER_FIELD_LABELS.get(field, field)))
    label = _(OTHER_FIELD_LABELS.get(field, field))
    return f"{_(TABLE_LABELS.get(table, table))}·{label}"


def _value(row: ChangeLog, value: str | None, masked_name: bool) -> str | None:
    if value is None:
        return None
    if row.table_name == "clients":
        choices = CHOICE_LABELS.get(row.field)
        if choices and value in choices:
            return _(choices[value])
        if row.field == "name" and masked_name:
            return mask_name(value)
    if row.field == "deleted":
        return _("是") if value == "1" else _("否")
    return value


def _change_entry(row: ChangeLog, who: str, masked_name: bool) -> HistoryEntry:
    if row.action == "create":
        what = _("新增{t}").format(t=_(TABLE_LABELS.get(row.table_name, row.table_name)))
        new = None if row.table_name == "clients" and masked_name else row.new_value
        return HistoryEntry(row.at, who, row.source, what, None, new, False, row.table_name, row.record_id, "",
                            "create")
    return HistoryEntry(row.at, who, row.source, field_label(row.table_name, row.field),
                        None if row.sensitive else _value(row, row.old_value, masked_name),
                        None if row.sensitive else _value(row, row.new_value, masked_name),
                        bool(row.sensitive), row.table_name, row.record_id, row.field, row.action)


def _audit_entry(ev: AuditEvent, who: str) -> HistoryEntry:
    try:
        detail = json.loads(ev.detail or "{}")
    except ValueError:
        detail = {}
    what = _(AUDIT_LABELS.get(ev.action, ev.action))
    if ev.action == "reveal" and detail.get("field"):
        what = f"{what}：{_(FIELD_LABELS.get(detail['field'], detail['field']))}"
    reason = detail.get("reason") or detail.get("justification") or ""
    at = dt.datetime.fromisoformat(ev.at).astimezone(dt.UTC).replace(tzinfo=None) if ev.at else dt.datetime.min
    return HistoryEntry(at, who, "audit", what, None, _("原因：{r}").format(r=reason) if reason else None, False,
                        ev.entity, ev.entity_id, str(detail.get("field", "")), ev.action)


def _require_visible(s: Any, book: Any, client_id: str) -> Client:
    try:
        return require_client_visible(s, book, client_id)
    except (NotFound, PermissionDenied):
        raise PermissionDenied(_("查看该客户的变更历史（客户不存在或不在您的权限范围内）")) from None


def _names(s: Any, ids: set[str]) -> dict[str, str]:
    ids.discard("")
    if not ids:
        return {}
    return dict(s.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all())


def client_history(book: Any, client_id: str, *, limit: int = DEFAULT_LIMIT, offset: int = 0) -> HistoryPage:
    """One page of the client's timeline, newest first: field changes and audit events."""
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    role = book.user.role
    want = offset + limit + 1  # one more than shown tells whether there is more
    with book.session_scope() as s:
        client = _require_visible(s, book, client_id)
        readable = [t for t in TABLE_LABELS if book.policy.can_read(role, t)]
        changes = list(s.scalars(select(ChangeLog).where(ChangeLog.client_id == client_id,
                                                         ChangeLog.table_name.in_(readable))
                                 .order_by(ChangeLog.seq.desc()).limit(want)))
        proposal_ids = select(Proposal.id).where(Proposal.client_id == client_id)
        events = list(s.scalars(select(AuditEvent).where(or_(
            AuditEvent.entity_id == client_id,
            and_(AuditEvent.entity == "proposals", AuditEvent.entity_id.in_(proposal_ids))))
            .order_by(AuditEvent.seq.desc()).limit(want)))
        names = _names(s, {c.user_id for c in changes} | {e.actor_id for e in events})
        masked = client.kind == "individual" and book.policy.masks_individual_names(role)
        merged = [_change_entry(c, names.get(c.user_id, ""), masked) for c in changes]
        merged += [_audit_entry(e, names.get(e.actor_id, "")) for e in events]
    merged.sort(key=lambda e: e.at, reverse=True)
    page = merged[offset:offset + limit]
    return HistoryPage(client_id=client_id, entries=tuple(page), offset=offset, limit=limit,
                       has_more=len(merged) > offset + limit)
