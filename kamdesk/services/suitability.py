"""Suitability (适当性): may this client be offered these products?

Rules (data below, one place): the client's risk assessment must be current (valid one year from
`risk_assessed_on`); the product's risk level may not exceed what the client's tolerance allows
(C1→R1 … C5→R5); a product made for corporate clients is not offered to individuals and vice versa.
A product above the client's tolerance may be offered only through an exception (例外审批): a
reasoned request the RM files and an approver — never the requester — approves (maker-checker,
kamdesk.services.approvals; it syncs like any record, so it can be filed and decided offline).
An expired assessment or a kind mismatch cannot be excepted (reassess / pick another).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import NotFound, ValidationError
from kamdesk.common.i18n import _
from kamdesk.models import Product, User
from kamdesk.models.approval import PENDING, SUITABILITY_EXCEPTION, Approval
from kamdesk.services import approvals
from kamdesk.services.scope import require_client_visible

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # the bank's wall time, printed on the PDF

ASSESSMENT_VALID_DAYS = 365
ASSESSMENT_WARN_DAYS = 30
MAX_RISK_LEVEL = {"C1": "R1", "C2": "R2", "C3": "R3", "C4": "R4", "C5": "R5"}
_LEVEL = {"R1": 1, "R2": 2, "R3": 3, "R4": 4, "R5": 5}

OK = "ok"
BLOCKED_EXPIRED = "blocked_expired_assessment"
BLOCKED_ABOVE = "blocked_above_tolerance"
BLOCKED_KIND = "blocked_kind_mismatch"
OVERRIDABLE = frozenset({BLOCKED_ABOVE})


def assessment_valid_until(assessed_on: dt.date | None) -> dt.date | None:
    return None if assessed_on is None else assessed_on + dt.timedelta(days=ASSESSMENT_VALID_DAYS)


@dataclass(frozen=True)
class ProductCheck:
    product_id: str
    code: str
    name: str
    risk_level: str
    status: str
    reason: str
    overridden: bool = False  # an approved exception covers it
    pending: bool = False  # an exception was requested and awaits a decision

    @property
    def ok(self) -> bool:
        return self.status == OK or self.overridden

    @property
    def overridable(self) -> bool:
        return self.status in OVERRIDABLE


@dataclass(frozen=True)
class SuitabilityResult:
    client_id: str
    client_name: str
    client_kind: str
    risk_tolerance: str | None
    assessed_on: dt.date | None
    valid_until: dt.date | None
    assessment_current: bool
    items: tuple[ProductCheck, ...]

    @property
    def ok(self) -> bool:
        return all(i.ok for i in self.items)

    def item(self, product_id: str) -> ProductCheck:
        for i in self.items:
            if i.product_id == product_id:
                return i
        raise KeyError(product_id)


def _check_one(p: Any, kind: str, tolerance: str | None, current: bool, valid_until: dt.date | None) -> tuple[str, str]:
    if p.for_kind not in ("any", "", None) and p.for_kind != kind:
        want = _("对公客户") if p.for_kind == "corporate" else _("个人客户")
        return BLOCKED_KIND, _("产品「{n}」仅面向{w}").format(n=p.name, w=want)
    if not current:
        if valid_until is None:
            return BLOCKED_EXPIRED, _("客户尚未完成风险承受能力评估，请先评估")
        return BLOCKED_EXPIRED, _("客户风险评估已于 {d} 过期，请重新评估").format(d=valid_until.isoformat())
    max_level = MAX_RISK_LEVEL.get(tolerance or "")
    if max_level is None or _LEVEL.get(p.risk_level, 9) > _LEVEL[max_level]:
        return BLOCKED_ABOVE, _("产品风险等级 {r} 高于客户风险承受能力 {c}（最高可购买 {m}）").format(
            r=p.risk_level, c=tolerance or _("未知"), m=max_level or "-")
    return OK, _("产品风险等级 {r} 与客户风险承受能力 {c} 匹配").format(r=p.risk_level, c=tolerance)


def _matches(a: Approval, tolerance: str | None, current: str | None) -> bool:
    d = a.detail or {}
    return d.get("risk_tolerance") == tolerance and d.get("assessed_on") == current


def exceptions(session: Any, book: Any, client_id: str, tolerance: str | None,
               assessed_on: dt.date | None) -> tuple[dict[str, Approval], set[str]]:
    """Approved exceptions by product, and products with a pending request, against the client's
    CURRENT assessment: a new risk assessment (or a changed tolerance) voids earlier ones."""
    current = assessed_on.isoformat() if assessed_on else None
    approved = {a.product_id or "": a for a in approvals.approved_rows(
        session, book, SUITABILITY_EXCEPTION, client_id=client_id) if _matches(a, tolerance, current)}
    pending = {a.product_id or "" for a in session.scalars(select(Approval).where(
        Approval.kind == SUITABILITY_EXCEPTION, Approval.client_id == client_id, Approval.status == PENDING,
        Approval.deleted.is_(False))) if _matches(a, tolerance, current)}
    return approved, pending


def check(book: Any, client_id: str, product_ids: list[str] | tuple[str, ...], *, today: dt.date,
          include_overrides: bool = True) -> SuitabilityResult:
    """Check each product for the client. With `include_overrides`, a product blocked only for being
    above tolerance counts as ok (`overridden=True`) when an approved exception covers it."""
    with book.session_scope() as s:
        c = require_client_visible(s, book, client_id)
        products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(list(product_ids)),
                                                                      Product.deleted.is_(False)))}
        missing = [pid for pid in product_ids if pid not in products]
        if missing:
            raise NotFound(_("产品不存在：{n} 个").format(n=len(missing)))
        valid_until = assessment_valid_until(c.risk_assessed_on)
        current = valid_until is not None and today < valid_until
        approved, pending = exceptions(s, book, client_id, c.risk_tolerance, c.risk_assessed_on)
        overridden = set(approved) if include_overrides else set()
        items = []
        for pid in product_ids:
            p = products[pid]
            status, reason = _check_one(p, c.kind, c.risk_tolerance, current, valid_until)
            ov = status in OVERRIDABLE and pid in overridden
            waiting = status in OVERRIDABLE and not ov and pid in pending
            if ov:
                reason += _("；例外申请已获批准")
            elif waiting:
                reason += _("；例外申请待审批")
            items.append(ProductCheck(p.id, p.code, p.name, p.risk_level, status, reason, ov, waiting))
        return SuitabilityResult(c.id, c.name, c.kind, c.risk_tolerance, c.risk_assessed_on, valid_until, current,
                                 tuple(items))


def request_exception(book: Any, client_id: str, product_id: str, reason: str, *, proposal_id: str | None = None,
                      today: dt.date | None = None) -> "approvals.ApprovalInfo":
    """File an exception request (例外申请) for a product above the client's risk tolerance: it needs
    the policy's request action and a reason, and counts only once an approver has approved it.
    A pending request for the same product and assessment is returned instead of a second one."""
    book.policy.require(book.user.role, book.policy.approvals[SUITABILITY_EXCEPTION]["request"], _("适当性例外申请"))
    today = today or dt.date.today()
    res = check(book, client_id, [product_id], today=today, include_overrides=False)
    item = res.items[0]
    if item.status == OK:
        raise ValidationError("product", _("该产品与客户风险承受能力匹配，无需例外审批"))
    if item.status not in OVERRIDABLE:
        raise ValidationError("product", _("此项不能例外放行：{r}").format(r=item.reason))
    current = res.assessed_on.isoformat() if res.assessed_on else None
    with book.session_scope(write=True) as s:
        for a in s.scalars(select(Approval).where(
                Approval.kind == SUITABILITY_EXCEPTION, Approval.client_id == client_id,
                Approval.product_id == product_id, Approval.status == PENDING, Approval.deleted.is_(False))):
            if _matches(a, res.risk_tolerance, current):
                batch = a.batch_id
                break
        else:
            batch = approvals.file_request(s, book, SUITABILITY_EXCEPTION, [client_id], reason,
                                           proposal_id=proposal_id, product_id=product_id, detail={
                                               "product_code": item.code, "product_name": item.name,
                                               "risk_level": item.risk_level, "risk_tolerance": res.risk_tolerance,
                                               "assessed_on": current})
    return approvals.get(book, batch)


def exception_notes(s: Any, book: Any, c: Any, products: dict[str, Any]) -> list[str]:
    """The approved suitability exceptions of this proposal's products, in words (who asked, who
    approved and when, why, the product and the two risk levels)."""
    approved, _pending = exceptions(s, book, c.id, c.risk_tolerance, c.risk_assessed_on)
    names = dict(s.execute(select(User.id, User.display_name)).all())
    notes = []
    for pid, a in approved.items():
        prod = products.get(pid)
        if prod is None:
            continue
        d = a.detail or {}
        when = (a.decided_at or a.requested_at).replace(tzinfo=dt.UTC).astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M")
        notes.append(_("适当性例外审批：产品「{p}」（{code}）风险等级 {r} 高于客户风险承受能力 {t}。"
                       "客户经理{req}申请，原因：{why}。{who}于 {when} 批准，审批意见：{note}。").format(
            p=prod.name, code=prod.code, r=d.get("risk_level") or prod.risk_level, t=d.get("risk_tolerance") or _("未知"),
            req=names.get(a.requester_id, ""), why=a.reason, who=names.get(a.decided_by or "", ""), when=when,
            note=a.decision_reason))
    return notes


__all__ = ["ASSESSMENT_VALID_DAYS", "BLOCKED_ABOVE", "BLOCKED_EXPIRED", "BLOCKED_KIND", "MAX_RISK_LEVEL", "OK",
           "ProductCheck", "SuitabilityResult", "assessment_valid_until", "check", "exception_notes", "exceptions",
           "request_exception"]
