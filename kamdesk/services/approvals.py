"""Maker-checker requests (双人复核) on the desktop: file, list and decide.

A request is one or more `Approval` rows sharing a `batch_id` (one per client). The policy's
`approvals` section names, per kind, the action that may file it and the action that may decide
it; the decider is never the requester. Everything is a local write with its outbox entry, so a
request or a decision made offline syncs later; the server checks the same rules again
(kamdesk/server/approvalrules.py) because a client cannot be trusted to have done so.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import KamdeskError, NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.common.ids import new_id
from kamdesk.models import Client, User
from kamdesk.models.approval import (APPROVED, BULK_EXPORT, PENDING, REJECTED, SUITABILITY_EXCEPTION, Approval)
from kamdesk.services import audit
from kamdesk.services.reasons import clean_reason
from kamdesk.services.scope import client_clause

KIND_LABELS = {SUITABILITY_EXCEPTION: N_("适当性例外"), BULK_EXPORT: N_("明文批量导出")}
STATUS_LABELS = {PENDING: N_("待审批"), APPROVED: N_("已批准"), REJECTED: N_("已驳回")}


@dataclass(frozen=True)
class ApprovalInfo:
    batch_id: str
    kind: str
    status: str
    requester_id: str
    requester_name: str
    requested_at: dt.datetime
    reason: str
    client_ids: tuple[str, ...]
    client_names: tuple[str, ...]
    proposal_id: str | None = None
    product_id: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)
    decided_by: str | None = None
    decider_name: str = ""
    decided_at: dt.datetime | None = None
    decision_reason: str = ""
    mine: bool = False
    can_decide: bool = False

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))

    @property
    def status_label(self) -> str:
        return _(STATUS_LABELS.get(self.status, self.status))

    @property
    def subject(self) -> str:
        """What is asked, in words (for lists and the PDF)."""
        if self.kind == SUITABILITY_EXCEPTION:
            d = self.detail
            return _("{c}：{p}（产品风险 {r}，客户风险承受能力 {t}）").format(
                c=self.client_names[0] if self.client_names else "", p=d.get("product_name") or d.get("product_code", ""),
                r=d.get("risk_level", "?"), t=d.get("risk_tolerance") or _("未知"))
        shown = "、".join(self.client_names[:3])
        more = len(self.client_ids) - 3
        return _("{n} 位客户：{s}").format(n=len(self.client_ids), s=shown) + (_(" 等 {k} 位").format(k=more) if more > 0 else "")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def actions_for(book: Any, kind: str) -> dict[str, str]:
    try:
        return book.policy.approvals[kind]
    except KeyError:
        raise ValidationError("kind", _("未知的审批类型")) from None


def may_decide(book: Any, kind: str) -> bool:
    return book.policy.can(book.user.role, actions_for(book, kind)["decide"])


def may_request(book: Any, kind: str) -> bool:
    return book.policy.can(book.user.role, actions_for(book, kind)["request"])


def file_request(session: Any, book: Any, kind: str, client_ids: Iterable[str], reason: str, *,
                 proposal_id: str | None = None, product_id: str | None = None,
                 detail: dict[str, Any] | None = None) -> str:
    """Add the rows of one request in the caller's write scope (clients already checked visible);
    returns its batch id. Audited (`approval.request`)."""
    acts = actions_for(book, kind)
    book.policy.require(book.user.role, acts["request"], _("提交{k}申请").format(k=_(KIND_LABELS[kind])))
    reason = clean_reason(reason)
    ids = list(dict.fromkeys(client_ids))
    if not ids:
        raise ValidationError("clients", _("没有可申请的客户"))
    batch, now = new_id(), _now()
    for cid in ids:
        session.add(Approval(kind=kind, batch_id=batch, client_id=cid, requester_id=book.user.id, requested_at=now,
                             reason=reason, proposal_id=proposal_id, product_id=product_id, detail=dict(detail or {}),
                             status=PENDING, decision_reason=""))
    session.flush()
    audit.record(session, book.ctx, "approval.request", "approvals", batch,
                 {"kind": kind, "clients": len(ids), "reason": reason, "product_id": product_id,
                  "proposal_id": proposal_id})
    return batch


def request_bulk_export(book: Any, reason: str, *, client_ids: list[str] | None = None,
                        tier: str | None = None) -> ApprovalInfo:
    """File a request to export these visible clients (or every visible one of `tier`, or the whole
    visible book) with their C2 values in clear."""
    with book.session_scope(write=True) as s:
        where = [client_clause(book)]
        if tier:
            where.append(Client.tier == tier)
        if client_ids is not None:
            where.append(Client.id.in_(client_ids))
        ids = list(s.scalars(select(Client.id).where(*where).order_by(Client.name, Client.id)))
        if client_ids is not None and len(ids) != len(set(client_ids)):
            raise NotFound(_("有 {n} 位客户不存在或不在您的客户范围内").format(n=len(set(client_ids)) - len(ids)))
        batch = file_request(s, book, BULK_EXPORT, ids, reason, detail={"tier": tier})
    return get(book, batch)


def _rows(s: Any, book: Any, batch_id: str) -> list[Approval]:
    """The rows of one request among the clients this user may see."""
    rows = list(s.scalars(select(Approval).where(
        Approval.batch_id == batch_id, Approval.deleted.is_(False),
        Approval.client_id.in_(select(Client.id).where(client_clause(book))))))
    if not rows:
        raise NotFound(_("审批申请不存在"))
    return rows


def _info(book: Any, rows: list[Approval], names: dict[str, str], users: dict[str, str]) -> ApprovalInfo:
    a = rows[0]
    # a batch is decided as a whole; a row still pending (not yet synced) keeps it pending
    status = PENDING if any(r.status == PENDING for r in rows) else a.status
    decided = next((r for r in rows if r.status != PENDING), None)
    return ApprovalInfo(
        batch_id=a.batch_id, kind=a.kind, status=status, requester_id=a.requester_id,
        requester_name=users.get(a.requester_id, ""), requested_at=a.requested_at, reason=a.reason,
        client_ids=tuple(r.client_id for r in rows), client_names=tuple(names.get(r.client_id, "") for r in rows),
        proposal_id=a.proposal_id, product_id=a.product_id, detail=dict(a.detail or {}),
        decided_by=decided.decided_by if decided else None,
        decider_name=users.get(decided.decided_by or "", "") if decided else "",
        decided_at=decided.decided_at if decided else None,
        decision_reason=decided.decision_reason if decided else "",
        mine=a.requester_id == book.user.id,
        can_decide=(status == PENDING and a.requester_id != book.user.id and a.kind in book.policy.approvals
                    and may_decide(book, a.kind)))


def list_approvals(book: Any, *, pending_only: bool = False, kind: str | None = None) -> list[ApprovalInfo]:
    """The requests on the clients this user may see, newest first; a decider's pending ones first."""
    with book.session_scope() as s:
        q = select(Approval, Client.name).join(Client, Client.id == Approval.client_id).where(
            Approval.deleted.is_(False), client_clause(book))
        if kind:
            q = q.where(Approval.kind == kind)
        groups: dict[str, list[Approval]] = {}
        names: dict[str, str] = {}
        for a, name in s.execute(q.order_by(Approval.requested_at.desc(), Client.name)):
            groups.setdefault(a.batch_id, []).append(a)
            names[a.client_id] = name
        users = dict(s.execute(select(User.id, User.display_name)).all())
        out = [_info(book, rows, names, users) for rows in groups.values()]
    if pending_only:
        out = [i for i in out if i.status == PENDING]
    return sorted(out, key=lambda i: (not i.can_decide, i.status != PENDING, -i.requested_at.timestamp()))


def get(book: Any, batch_id: str) -> ApprovalInfo:
    with book.session_scope() as s:
        rows = _rows(s, book, batch_id)
        names = dict(s.execute(select(Client.id, Client.name).where(Client.id.in_([r.client_id for r in rows]))).all())
        users = dict(s.execute(select(User.id, User.display_name)).all())
        return _info(book, rows, names, users)


def decide(book: Any, batch_id: str, approve: bool, reason: str) -> ApprovalInfo:
    """Approve or reject a pending request (every row of it), as a user who holds the kind's decide
    action and is not the requester. Audited (`approval.approve` / `approval.reject`)."""
    with book.session_scope(write=True) as s:
        rows = _rows(s, book, batch_id)
        kind = rows[0].kind
        book.policy.require(book.user.role, actions_for(book, kind)["decide"],
                            _("审批{k}申请").format(k=_(KIND_LABELS.get(kind, kind))))
        if any(r.requester_id == book.user.id for r in rows):
            raise PermissionDenied(_("不能审批自己提交的申请（双人复核）"))
        if any(r.status != PENDING for r in rows):
            raise KamdeskError(_("该申请已审批，不能重复审批"))
        reason = clean_reason(reason)
        now = _now()
        for r in rows:
            r.status, r.decided_by, r.decided_at, r.decision_reason = (APPROVED if approve else REJECTED), \
                book.user.id, now, reason
        audit.record(s, book.ctx, "approval.approve" if approve else "approval.reject", "approvals", batch_id,
                     {"kind": kind, "clients": len(rows), "reason": reason, "requester_id": rows[0].requester_id})
    return get(book, batch_id)


def valid_decision(a: Approval, policy: Any, deciders: dict[str, str]) -> bool:
    """An approved row counts only when it was decided by someone else whose role may decide that
    kind (defence in depth: the server already refuses any other decision)."""
    acts = policy.approvals.get(a.kind)
    role = deciders.get(a.decided_by or "")
    return (a.status == APPROVED and acts is not None and bool(a.decided_by) and a.decided_by != a.requester_id
            and role is not None and policy.can(role, acts["decide"]))


def approved_rows(session: Any, book: Any, kind: str, **where: Any) -> list[Approval]:
    q = select(Approval).where(Approval.kind == kind, Approval.status == APPROVED, Approval.deleted.is_(False))
    for k, v in where.items():
        q = q.where(getattr(Approval, k) == v)
    rows = list(session.scalars(q))
    roles = dict(session.execute(select(User.id, User.role).where(
        User.id.in_([r.decided_by for r in rows if r.decided_by]))).all())
    return [r for r in rows if valid_decision(r, book.policy, roles)]


__all__ = ["ApprovalInfo", "KIND_LABELS", "STATUS_LABELS", "approved_rows", "decide", "file_request", "get",
           "list_approvals", "may_decide", "may_request", "request_bulk_export", "valid_decision"]
