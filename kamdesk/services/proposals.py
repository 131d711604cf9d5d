"""Proposals (方案/建议书) as data: draft, recommend, version, check, issue, render, audit.

A proposal is saved with the client (table `proposals`, JSON `data`), versioned within a
series (v1, v2 … each with what changed) and has a status (draft/issued/accepted/rejected).
Before issue every product is checked for suitability (an above-tolerance product needs an
audited override), amounts against product minimums and limits, and disclosures for
presence. Rendering builds a `ProposalDoc` (C2 data masked by the template's recipient policy)
and every print or export is audited with the PDF's SHA-256.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from kamdesk.common.errors import KamdeskError, NotFound, PermissionDenied, ValidationError
from kamdesk.common.files import write_private
from kamdesk.common.i18n import _
from kamdesk.common.ids import new_id
from kamdesk.models.product import PRODUCT_TYPE_LABELS
from kamdesk.models.work import PROPOSAL_STATUSES
from kamdesk.models import Client, Holding, Product, Proposal, QuestionnaireResponse, QuestionnaireTemplate, User, Visit
from kamdesk.services import audit, suitability
from kamdesk.security.masking import localize
from kamdesk.services.scope import require_client_visible

TIER_LABELS = {"strategic": "战略客户", "core": "核心客户", "key": "重点客户", "general": "一般客户"}
STATUSES = PROPOSAL_STATUSES
MAX_RECOMMENDATIONS = 5

# Needs → product types: (pattern over questionnaire answers and visit notes, product types, need title)
NEED_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (r"融资|贷款|资金缺口|流动资金|设备购置|项目建设|置换", ("loan",), "融资需求"),
    (r"现金管理|资金归集|归集|资金池", ("cash_management",), "现金管理与资金归集"),
    (r"汇率|外汇|套保|进出口|美元", ("fx",), "汇率风险管理"),
    (r"保函|投标|承兑|票据|供应链|上下游", ("trade_finance",), "贸易融资与供应链"),
    (r"代发|工资", ("settlement",), "代发工资与结算"),
    (r"闲置资金|理财|增值|收益|保值|财富|私人银行|家族信托", ("wealth", "deposit", "fund", "bond"), "资金保值增值"),
    (r"保险|保障|养老|子女教育", ("insurance",), "保障与传承规划"),
)


@dataclass(frozen=True)
class LineInput:
    """One product the RM puts into a proposal."""

    product_id: str
    amount: Decimal
    reason: str = ""
    term_months: int | None = None


@dataclass(frozen=True)
class Recommendation:
    product_id: str
    code: str
    name: str
    product_type: str
    risk_level: str
    amount: Decimal
    reason: str


@dataclass(frozen=True)
class NeedItem:
    title: str
    detail: str
    source: str


@dataclass(frozen=True)
class ProposalInfo:
    id: str
    series_id: str
    client_id: str
    client_name: str
    version: int
    status: str
    title: str
    valid_until: dt.date | None
    change_summary: str
    lines: tuple[dict[str, Any], ...]
    needs: tuple[dict[str, Any], ...]
    issued_at: dt.datetime | None
    pdf_sha256: str | None


@dataclass(frozen=True)
class CheckIssue:
    product_code: str
    kind: str  # suitability / amount / disclosure
    message: str
    overridable: bool = False  # an exception may be requested
    pending: bool = False  # an exception was requested and awaits its approver


@dataclass(frozen=True)
class ProposalCheck:
    proposal_id: str
    issues: tuple[CheckIssue, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return not self.issues


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    sha256: str
    pages: int


# ---------------------------------------------------------------------------------- helpers
def _money(value: Any, what: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError(what, _("金额格式无效")) from None
    if d <= 0:
        raise ValidationError(what, _("金额必须大于零"))
    return d.quantize(Decimal("0.01"))


def _info(p: Proposal, client_name: str) -> ProposalInfo:
    data = p.data or {}
    return ProposalInfo(p.id, p.series_id, p.client_id, client_name, p.version, p.status, p.title, p.valid_until,
                        p.change_summary, tuple(data.get("lines", [])), tuple(data.get("needs", [])), p.issued_at,
                        p.pdf_sha256)


def _require_write(book: Any) -> None:
    book.policy.require(book.user.role, "proposal.create", _("创建或修改方案"))


def _get(s: Any, book: Any, proposal_id: str) -> tuple[Proposal, Client]:
    p = s.get(Proposal, proposal_id)
    if p is None or p.deleted:
        raise NotFound(_("方案不存在"))
    return p, require_client_visible(s, book, p.client_id)


def _lines_json(s: Any, lines: list[LineInput]) -> list[dict[str, Any]]:
    if not lines:
        raise ValidationError("products", _("方案至少需要一个产品"))
    ids = [ln.product_id for ln in lines]
    products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))}
    out = []
    for ln in lines:
        p = products.get(ln.product_id)
        if p is None or p.deleted:
            raise ValidationError("products", _("未知产品：{p}").format(p=ln.product_id))
        out.append({"product_id": p.id, "code": p.code, "amount": str(_money(ln.amount, p.code)),
                    "term_months": ln.term_months or p.term_months, "reason": ln.reason})
    return out


def product_by_code(book: Any, code: str) -> str:
    with book.session_scope() as s:
        pid = s.scalar(select(Product.id).where(Product.code == code, Product.deleted.is_(False)))
    if pid is None:
        raise NotFound(_("未知产品代码：{c}").format(c=code))
    return pid


# ---------------------------------------------------------------------------------- needs and recommendations
def client_needs(book: Any, client_id: str, *, visits: int = 3) -> list[NeedItem]:
    """The needs on record: the latest questionnaire answers and recent visit notes and outcomes."""
    out: list[NeedItem] = []
    with book.session_scope() as s:
        require_client_visible(s, book, client_id)
        resp = s.scalars(select(QuestionnaireResponse).where(
            QuestionnaireResponse.client_id == client_id, QuestionnaireResponse.deleted.is_(False))
            .order_by(QuestionnaireResponse.completed_at.desc().nulls_last())).first()
        if resp is not None:
            tpl = s.get(QuestionnaireTemplate, resp.template_id)
            text = _answers_text(resp.answers, {q.get("key"): q.get("text", "") for q in (tpl.questions if tpl else [])})
            source = _("大客户调研表 {d}").format(d=resp.completed_at.date().isoformat() if resp.completed_at else "")
            for pattern, _types, title in NEED_RULES:
                hits = _matching_phrases(text, pattern)
                if hits:
                    out.append(NeedItem(_(title), "；".join(hits[:3]), source.strip()))
        for v in s.scalars(select(Visit).where(Visit.client_id == client_id, Visit.deleted.is_(False),
                                               Visit.status == "done").order_by(Visit.planned_at.desc()).limit(visits)):
            body = (v.outcome or v.notes or "").strip()
            if body:
                out.append(NeedItem(_("拜访反馈"), body[:300], _("拜访纪要 {d}").format(d=v.planned_at.date().isoformat())))
    return out


# Question keys of the standard 大客户调研表, for responses whose template carries no wording.
_QUESTION_WORDS = {"financing_need": "融资需求", "financing_purpose": "融资用途", "cash_management": "资金归集与现金管理",
                   "fx_hedging": "汇率避险", "fx_volume": "跨境收付", "payroll": "代发工资",
                   "executive_wealth": "高管财富管理", "goal": "投资目标", "interests": "财富管理领域"}


def _answers_text(answers: dict[str, Any], questions: dict[str, str]) -> str:
    parts = []
    for k, v in (answers or {}).items():
        if isinstance(v, list):
            v = "、".join(str(x) for x in v)
        if v in (None, "", 0):
            continue
        parts.append(f"{questions.get(k) or _QUESTION_WORDS.get(k, k)}:{v}")
    return "；".join(parts)


def _matching_phrases(text: str, pattern: str) -> list[str]:
    phrases = [p for p in re.split(r"[；;。\n]", text) if p and re.search(pattern, p)]
    # drop "no need" answers
    return [p for p in phrases if not re.search(r"无需求|暂无|:无$|无外汇敞口|不确定$", p)]


def recommend(book: Any, client_id: str, *, today: dt.date | None = None) -> list[Recommendation]:
    """What a good RM would put forward, each with the reason: renewals of maturing holdings,
    products answering recorded needs, all suitable for the client and on the shelf."""
    today = today or dt.date.today()
    needs = client_needs(book, client_id)
    need_text = "；".join(n.title + n.detail for n in needs)
    with book.session_scope() as s:
        c = require_client_visible(s, book, client_id)
        shelf = list(s.scalars(select(Product).where(Product.on_shelf.is_(True), Product.deleted.is_(False))
                               .order_by(Product.risk_level, Product.code)))
        holdings = list(s.execute(select(Holding, Product).join(Product, Product.id == Holding.product_id).where(
            Holding.client_id == client_id, Holding.deleted.is_(False), Holding.status == "active")))
        base = c.total_assets or sum((h.amount for h, _p in holdings), Decimal(0)) or Decimal("1000000")
    check = suitability.check(book, client_id, [p.id for p in shelf], today=today, include_overrides=False)
    suitable = {p.id: p for p in shelf if check.item(p.id).status == suitability.OK}
    picks: dict[str, Recommendation] = {}

    def add(p: Product, amount: Decimal, reason: str) -> None:
        if p.id in picks or len(picks) >= MAX_RECOMMENDATIONS:
            return
        lo, hi = p.min_amount or Decimal(0), p.max_amount
        amount = max(amount, lo)
        if hi is not None:
            amount = min(amount, hi)
        amount = (amount / 10000).quantize(Decimal(1)) * 10000 or lo
        picks[p.id] = Recommendation(p.id, p.code, p.name, p.product_type, p.risk_level, amount, reason)

    horizon = today + dt.timedelta(days=90)
    for h, hp in sorted(holdings, key=lambda hp_: hp_[0].maturity_on or dt.date.max):
        if h.maturity_on and today <= h.maturity_on <= horizon:
            same = [p for p in suitable.values() if p.product_type == hp.product_type]
            if same:
                add(same[0], h.amount, _("「{n}」{a} 元将于 {d} 到期，建议到期续作，保持资金收益连续").format(
                    n=hp.name, a=f"{h.amount:,.0f}", d=h.maturity_on.isoformat()))
    held_types = {hp.product_type for _h, hp in holdings}
    for pattern, types, title in NEED_RULES:
        if not re.search(pattern, need_text):
            continue
        for t in types:
            candidates = [p for p in suitable.values() if p.product_type == t]
            if candidates:
                p = candidates[0]
                add(p, base * Decimal("0.1"), _("回应客户{t}：{d}").format(
                    t=_(title), d=_("已有同类产品，建议加深合作") if t in held_types else _("客户尚未持有此类产品")))
                break
    if not picks:  # nothing recorded: a conservative starter suited to the client
        for p in suitable.values():
            add(p, base * Decimal("0.05"), _("与客户风险承受能力匹配的基础配置"))
            if len(picks) >= 2:
                break
    return list(picks.values())


# ---------------------------------------------------------------------------------- lifecycle
def create(book: Any, client_id: str, lines: list[LineInput], *, title: str | None = None,
           needs: list[NeedItem] | None = None, valid_days: int = 30, today: dt.date | None = None) -> ProposalInfo:
    """Save a new proposal series at v1 (draft)."""
    _require_write(book)
    today = today or dt.date.today()
    if needs is None:
        needs = client_needs(book, client_id)
    with book.session_scope(write=True) as s:
        c = require_client_visible(s, book, client_id)
        p = Proposal(client_id=c.id, owner_id=book.user.id, series_id=new_id(), version=1,
                     title=title or _("{n}综合金融服务方案").format(n=c.short_name or c.name), status="draft",
                     valid_until=today + dt.timedelta(days=valid_days),
                     data={"lines": _lines_json(s, lines), "needs": [n.__dict__ for n in needs]},
                     change_summary=_("初稿"))
        s.add(p)
        s.flush()
        return _info(p, c.name)


def revise(book: Any, proposal_id: str, *, lines: list[LineInput] | None = None, title: str | None = None,
           valid_until: dt.date | None = None, change_summary: str) -> ProposalInfo:
    """A new version in the same series; the previous one stays as it was."""
    _require_write(book)
    if not change_summary.strip():
        raise ValidationError("change_summary", _("请说明本版修改内容"))
    with book.session_scope(write=True) as s:
        old, c = _get(s, book, proposal_id)
        latest = s.scalar(select(func.max(Proposal.version)).where(Proposal.series_id == old.series_id)) or 1
        data = dict(old.data or {})
        if lines is not None:
            data["lines"] = _lines_json(s, lines)
        p = Proposal(client_id=old.client_id, owner_id=book.user.id, series_id=old.series_id, version=latest + 1,
                     title=title or old.title, status="draft", valid_until=valid_until or old.valid_until, data=data,
                     change_summary=change_summary.strip())
        s.add(p)
        s.flush()
        return _info(p, c.name)


def get(book: Any, proposal_id: str) -> ProposalInfo:
    with book.session_scope() as s:
        p, c = _get(s, book, proposal_id)
        return _info(p, c.name)


def list_for_client(book: Any, client_id: str) -> list[ProposalInfo]:
    with book.session_scope() as s:
        c = require_client_visible(s, book, client_id)
        rows = s.scalars(select(Proposal).where(Proposal.client_id == client_id, Proposal.deleted.is_(False))
                         .order_by(Proposal.created_at.desc(), Proposal.version.desc()))
        return [_info(p, c.name) for p in rows]


def check(book: Any, proposal_id: str, *, today: dt.date | None = None) -> ProposalCheck:
    """Suitability of every product, amounts within product limits, disclosures present."""
    today = today or dt.date.today()
    info = get(book, proposal_id)
    ids = [ln["product_id"] for ln in info.lines]
    result = suitability.check(book, info.client_id, ids, today=today)
    issues: list[CheckIssue] = []
    with book.session_scope() as s:
        products = {p.id: p for p in s.scalars(select(Product).where(Product.id.in_(ids)))}
    for ln in info.lines:
        p = products[ln["product_id"]]
        item = result.item(p.id)
        if not item.ok:
            issues.append(CheckIssue(p.code, "suitability", item.reason, item.overridable, item.pending))
        amount = Decimal(ln["amount"])
        if p.min_amount is not None and amount < p.min_amount:
            issues.append(CheckIssue(p.code, "amount", _("「{n}」金额低于起点金额 {m:,.2f} 元").format(n=p.name, m=p.min_amount)))
        if p.max_amount is not None and amount > p.max_amount:
            issues.append(CheckIssue(p.code, "amount", _("「{n}」金额超过上限 {m:,.2f} 元").format(n=p.name, m=p.max_amount)))
        if not (p.disclosure or "").strip():
            issues.append(CheckIssue(p.code, "disclosure", _("「{n}」缺少风险揭示内容").format(n=p.name)))
    return ProposalCheck(proposal_id, tuple(issues))


def issue(book: Any, proposal_id: str, *, today: dt.date | None = None) -> ProposalInfo:
    """Mark a draft issued, only when every check passes (an approved exception counts as passing)."""
    book.policy.require(book.user.role, "proposal.issue", _("出具方案"))
    result = check(book, proposal_id, today=today)
    if not result.ok:
        raise KamdeskError(_("方案未通过出具前检查：") + "；".join(i.message for i in result.issues))
    with book.session_scope(write=True) as s:
        p, c = _get(s, book, proposal_id)
        if p.status != "draft":
            raise KamdeskError(_("只有草稿可以出具（当前状态：{s}）").format(s=p.status))
        p.status = "issued"
        p.issued_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        audit.record(s, book.ctx, "proposal.issue", "proposals", p.id, {"version": p.version})
        return _info(p, c.name)


def set_outcome(book: Any, proposal_id: str, status: str) -> ProposalInfo:
    if status not in ("accepted", "rejected"):
        raise ValidationError("status", _("状态只能是 accepted 或 rejected"))
    _require_write(book)
    with book.session_scope(write=True) as s:
        p, c = _get(s, book, proposal_id)
        if p.status != "issued":
            raise KamdeskError(_("只有已出具的方案可以记录客户结果"))
        p.status = status
        return _info(p, c.name)


# ---------------------------------------------------------------------------------- rendering
def build_document(book: Any, proposal_id: str, *, template: Any = None, now: dt.datetime | None = None) -> Any:
    """The ProposalDoc to render. Sensitive client data is never read in clear here: the summary
    carries the stored masks, so a masked field cannot leak into the PDF."""
    from kamdesk.proposals import (BankBlock, ClientSummary, Need, ProductLine, ProposalDoc, RMContact,
                                   SummaryField, Watermark, default_template)
    from kamdesk.proposals.money import format_amount

    template = template or default_template()
    now = now or dt.datetime.now().replace(microsecond=0)
    with book.session_scope() as s:
        p, c = _get(s, book, proposal_id)
        rm = s.get(User, p.owner_id) or s.get(User, book.user.id)
        ids = [ln["product_id"] for ln in (p.data or {}).get("lines", [])]
        products = {x.id: x for x in s.scalars(select(Product).where(Product.id.in_(ids)))}
        fields = [SummaryField(_("所属行业"), c.industry or "—"), SummaryField(_("所在城市"), c.city or "—")]
        for label, mask_col in ((_("统一社会信用代码"), "credit_code_mask"), (_("证件号码"), "id_number_mask"),
                                (_("联系电话"), "phone_mask"), (_("年营业收入"), "annual_revenue_mask"),
                                (_("个人净资产"), "net_worth_mask")):
            masked = localize(getattr(c, mask_col))
            if masked:
                fields.append(SummaryField(label, masked, sensitive=True, masked_value=masked))
        if c.total_assets is not None:
            fields.append(SummaryField(_("在我行金融资产"), format_amount(c.total_assets)))
        lines = []
        for ln in (p.data or {}).get("lines", []):
            prod = products[ln["product_id"]]
            amount = Decimal(ln["amount"])
            rate = prod.rate
            is_loan = prod.product_type in ("loan", "trade_finance")
            yield_ = None if rate is None or is_loan else (amount * rate / 100).quantize(Decimal("0.01"))
            cost = (amount * rate / 100).quantize(Decimal("0.01")) if (rate is not None and is_loan) else None
            rate_text = (_("年利率 {r}%") if is_loan else _("年化 {r}%")).format(r=rate) if rate is not None else (prod.fee or "—")
            lines.append(ProductLine(prod.code, prod.name, _(PRODUCT_TYPE_LABELS.get(prod.product_type, prod.product_type)),
                                     prod.risk_level, amount,
                                     ln.get("term_months") or prod.term_months, rate_text, yield_, cost,
                                     ln.get("reason") or "", prod.disclosure or ""))
        notes = suitability.exception_notes(s, book, c, products)
        doc = ProposalDoc(
            proposal_id=p.id, version=p.version, status=p.status, title=p.title,
            created_at=p.created_at.replace(microsecond=0), valid_until=p.valid_until or now.date(),
            client=ClientSummary(c.name, c.kind, _(TIER_LABELS.get(c.tier, c.tier)), c.risk_tolerance or "C1",
                                 c.risk_assessed_on or now.date(), tuple(fields)),
            rm=RMContact(rm.display_name if rm else book.user.display_name, (rm.title if rm else "") or _("客户经理"),
                         (rm.branch if rm else "") or book.user.branch, (rm.phone if rm else "") or "—",
                         (rm.email if rm else "") or "—"),
            needs=tuple(Need(n["title"], n["detail"], n.get("source", "")) for n in (p.data or {}).get("needs", [])),
            products=tuple(lines),  # the template adds its own disclaimer and terms
            suitability_notes=tuple(notes), bank=None,
            watermark=Watermark(book.user.display_name, now, p.id))
    return doc


def render(book: Any, proposal_id: str, *, purpose: str = "preview", out: Path | None = None,
           template: Any = None) -> RenderResult:
    """Render to PDF. `purpose` print/export is audited with the PDF's SHA-256 (preview is not
    handed out and is not audited)."""
    from kamdesk.proposals import render_proposal

    if purpose not in ("preview", "print", "export"):
        raise ValidationError("purpose", _("未知用途"))
    if purpose == "preview" and out is not None:
        raise ValidationError("out", _("预览不写文件：保存 PDF 请使用导出（将记入审计）"))
    if purpose != "preview":
        book.policy.require(book.user.role, "proposal.print", _("打印或导出方案"))
    doc = build_document(book, proposal_id, template=template)
    pdf = render_proposal(doc, template=template)
    digest = hashlib.sha256(pdf).hexdigest()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    if out is not None:
        write_private(out, pdf)  # 0600: a proposal holds client data
    if purpose != "preview":
        with book.session_scope(write=True) as s:
            p, _c = _get(s, book, proposal_id)
            p.pdf_sha256 = digest
            audit.record(s, book.ctx, f"proposal.{purpose}", "proposals", p.id,
                         {"sha256": digest, "version": p.version, "pages": pages})
    return RenderResult(pdf, digest, pages)


def assert_can_view(book: Any) -> None:
    if not book.policy.can_read(book.user.role, "proposals"):
        raise PermissionDenied(_("查看方案"))


def list_proposals(book: Any, *, status: str | None = None, client_query: str | None = None,
                   limit: int = 1000) -> list[ProposalInfo]:
    """Proposals of every client the user may see, newest first; `client_query` filters clients
    like the search box (name, short name, pinyin initials)."""
    from kamdesk.services.scope import client_clause
    from kamdesk.services.search import matching_client_ids, refresh_index

    assert_can_view(book)
    if status is not None and status not in STATUSES:
        raise ValidationError("status", _("未知方案状态"))
    stmt = (select(Proposal, Client.name).join(Client, Client.id == Proposal.client_id)
            .where(Proposal.deleted.is_not(True), client_clause(book)))
    if status:
        stmt = stmt.where(Proposal.status == status)
    if client_query and client_query.strip():
        refresh_index(book)
        ids = matching_client_ids(book, client_query.strip())
        if ids is None:
            return []
        stmt = stmt.where(Proposal.client_id.in_(ids))
    stmt = stmt.order_by(Proposal.created_at.desc(), Proposal.version.desc()).limit(max(1, int(limit)))
    with book.session_scope() as s:
        return [_info(p, name) for p, name in s.execute(stmt)]
