"""Opportunity pipeline and team selling (商机管理与团队协同营销).

Stages lead → qualified → proposal → negotiation → won/lost, each with a default win probability
(the table below); moving an opportunity appends to its stage history; a lost opportunity needs a
reason. Team members carry a role and a credit split that must add up to 100 %. A team lead sees a
per-RM roll-up of counts, amounts, weighted value and won/lost.

Note: this module defines `list` (the pipeline listing, as the UI calls it); internally use
`list_opportunities`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.common.i18n import N_, _
from kamdesk.models import Client, Opportunity, OpportunityMember, OpportunityStage, User
from kamdesk.models.work import OPPORTUNITY_STAGES
from kamdesk.services.scope import client_clause, require_client_visible

STAGE_PROBABILITY = {"lead": 10, "qualified": 25, "proposal": 50, "negotiation": 75, "won": 100, "lost": 0}
STAGE_LABELS = {"lead": N_("线索"), "qualified": N_("已确认需求"), "proposal": N_("方案"), "negotiation": N_("谈判"),
                "won": N_("赢单"), "lost": N_("输单")}
CLOSED = ("won", "lost")
MEMBER_ROLES = {"lead": N_("主办"), "support": N_("协办"), "product_specialist": N_("产品经理")}


def stage_label(stage: str) -> str:
    return _(STAGE_LABELS.get(stage, stage))


@dataclass(frozen=True)
class MemberRow:
    user_id: str
    user_name: str
    role: str
    share_pct: Decimal  # percent of the credit, 0–100


@dataclass(frozen=True)
class OpportunityRow:
    id: str
    client_id: str
    client_name: str
    owner_id: str
    owner_name: str
    name: str
    stage: str
    stage_label: str
    amount: Decimal
    probability: int
    weighted: Decimal
    expected_close_on: dt.date | None
    closed_reason: str = ""
    members: tuple[MemberRow, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items() if k != "members"}
        d["amount"], d["weighted"] = str(self.amount), str(self.weighted)
        d["expected_close_on"] = self.expected_close_on.isoformat() if self.expected_close_on else None
        d["members"] = [{"user_id": m.user_id, "user_name": m.user_name, "role": m.role, "share_pct": str(m.share_pct)}
                        for m in self.members]
        return d


@dataclass(frozen=True)
class StageTotal:
    stage: str
    label: str
    count: int
    amount: Decimal
    weighted: Decimal


@dataclass(frozen=True)
class Board:
    columns: dict[str, tuple[OpportunityRow, ...]]
    totals: dict[str, StageTotal]
    open_amount: Decimal
    open_weighted: Decimal

    def __getitem__(self, stage: str) -> tuple[OpportunityRow, ...]:
        return self.columns[stage]


@dataclass(frozen=True)
class RepRollup:
    owner_id: str
    owner_name: str
    open_count: int
    open_amount: Decimal
    weighted: Decimal
    won_count: int
    won_amount: Decimal
    lost_count: int
    credited_won: Decimal = field(default=Decimal(0))  # won amount credited to this banker through member splits

    @property
    def win_rate(self) -> float | None:
        closed = self.won_count + self.lost_count
        return self.won_count / closed if closed else None


def _q2(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"))


def _weighted(amount: Decimal, prob: int) -> Decimal:
    return _q2(amount * Decimal(prob) / Decimal(100))


def _require_write(book: Any) -> None:
    if not book.policy.can_write(book.user.role, "opportunities"):
        raise PermissionDenied(_("修改商机"))


def _rows(session: Any, book: Any, where: list[Any], *, with_members: bool = False) -> list[OpportunityRow]:
    users = dict(session.execute(select(User.id, User.display_name)).all())
    q = (select(Opportunity, Client.name).join(Client, Client.id == Opportunity.client_id)
         .where(Opportunity.deleted.is_(False), client_clause(book), *where)
         .order_by(Opportunity.expected_close_on.is_(None), Opportunity.expected_close_on, Opportunity.id))
    found = session.execute(q).all()
    members: dict[str, list[MemberRow]] = {}
    if with_members and found:
        ids = [o.id for o, _n in found]
        for m in session.scalars(select(OpportunityMember).where(OpportunityMember.opportunity_id.in_(ids),
                                                                  OpportunityMember.deleted.is_(False))):
            members.setdefault(m.opportunity_id, []).append(
                MemberRow(m.user_id, users.get(m.user_id, ""), m.role, _q2(Decimal(m.credit_share) * 100)))
    out = []
    for o, cname in found:
        amount = Decimal(o.amount or 0)
        out.append(OpportunityRow(o.id, o.client_id, cname, o.owner_id, users.get(o.owner_id, ""), o.name, o.stage,
                                  stage_label(o.stage), amount, int(o.probability), _weighted(amount, int(o.probability)),
                                  o.expected_close_on, o.closed_reason or "",
                                  tuple(sorted(members.get(o.id, []), key=lambda m: (m.role != "lead", m.user_id)))))
    return out


def create(book: Any, client_id: str, name: str, amount: Decimal | str | int, *, owner_id: str | None = None,
           expected_close_on: dt.date | None = None, product_ids: tuple[str, ...] | None = None,
           stage: str = "lead", note: str = "") -> OpportunityRow:
    """Open an opportunity for a visible client (owner defaults to the user)."""
    _require_write(book)
    if stage not in OPPORTUNITY_STAGES or stage in CLOSED:
        raise ValidationError("stage", _("新商机的阶段无效"))
    name = (name or "").strip()
    if not name:
        raise ValidationError("name", _("请填写商机名称"))
    try:
        amt = Decimal(str(amount))
    except InvalidOperation:
        raise ValidationError("amount", _("金额格式无效")) from None
    if amt < 0:
        raise ValidationError("amount", _("金额不能为负数"))
    with book.session_scope(write=True) as s:
        require_client_visible(s, book, client_id)
        o = Opportunity(client_id=client_id, owner_id=owner_id or book.user.id, name=name, stage=stage, amount=amt,
                        probability=STAGE_PROBABILITY[stage], expected_close_on=expected_close_on,
                        product_ids=[*(product_ids or ())])
        s.add(o)
        s.add(OpportunityStage(opportunity_id=o.id, client_id=client_id, from_stage=None, to_stage=stage,
                               by_user_id=book.user.id, at=dt.datetime.now(dt.UTC).replace(tzinfo=None), note=note))
        s.flush()
        return _rows(s, book, [Opportunity.id == o.id])[0]


def list_opportunities(book: Any, *, stage: str | None = None, owner: str | None = None) -> list[OpportunityRow]:
    """Opportunities of the clients the user may see, with probability-weighted value."""
    if stage is not None and stage not in OPPORTUNITY_STAGES:
        raise ValidationError("stage", _("未知阶段 {s}").format(s=stage))
    where: list[Any] = []
    if stage:
        where.append(Opportunity.stage == stage)
    if owner:
        where.append(Opportunity.owner_id == owner)
    with book.session_scope() as s:
        return _rows(s, book, where, with_members=True)


def get(book: Any, opp_id: str) -> OpportunityRow:
    with book.session_scope() as s:
        rows = _rows(s, book, [Opportunity.id == opp_id], with_members=True)
    if not rows:
        raise NotFound(_("商机不存在或不在您的权限范围内"))
    return rows[0]


def board(book: Any, *, owner: str | None = None) -> Board:
    """The pipeline by stage (every stage present, possibly empty) with per-stage totals."""
    rows = list_opportunities(book, owner=owner)
    cols: dict[str, tuple[OpportunityRow, ...]] = {}
    totals: dict[str, StageTotal] = {}
    for st in OPPORTUNITY_STAGES:
        r = tuple(x for x in rows if x.stage == st)
        cols[st] = r
        totals[st] = StageTotal(st, stage_label(st), len(r), sum((x.amount for x in r), Decimal(0)),
                                sum((x.weighted for x in r), Decimal(0)))
    open_rows = [x for x in rows if x.stage not in CLOSED]
    return Board(cols, totals, sum((x.amount for x in open_rows), Decimal(0)),
                 sum((x.weighted for x in open_rows), Decimal(0)))


def _load(session: Any, book: Any, opp_id: str) -> Opportunity:
    o = session.scalars(select(Opportunity).where(Opportunity.id == opp_id, Opportunity.deleted.is_(False))).first()
    if o is None:
        raise NotFound(_("商机不存在或不在您的权限范围内"))
    require_client_visible(session, book, o.client_id)
    return o


def move(book: Any, opp_id: str, to_stage: str, *, note: str = "", reason: str = "",
         probability: int | None = None) -> OpportunityRow:
    """Move to another stage (history appended; probability from the stage table unless given).
    Lost needs a reason; a closed (won/lost) opportunity does not move again."""
    _require_write(book)
    if to_stage not in OPPORTUNITY_STAGES:
        raise ValidationError("stage", _("未知阶段 {s}").format(s=to_stage))
    reason = (reason or "").strip()
    if to_stage == "lost" and not reason:
        raise ValidationError("reason", _("输单需要填写原因"))
    if probability is not None and not 0 <= probability <= 100:
        raise ValidationError("probability", _("赢单概率应在 0–100 之间"))
    with book.session_scope(write=True) as s:
        o = _load(s, book, opp_id)
        if o.stage in CLOSED:
            raise ValidationError("stage", _("商机已{s}，不能再变更阶段").format(s=stage_label(o.stage)))
        if o.stage == to_stage:
            raise ValidationError("stage", _("商机已处于该阶段"))
        history_note = note.strip()
        if reason:
            history_note = (history_note + "\n" if history_note else "") + _("原因：{r}").format(r=reason)
        s.add(OpportunityStage(opportunity_id=o.id, client_id=o.client_id, from_stage=o.stage, to_stage=to_stage,
                               by_user_id=book.user.id, at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                               note=history_note))
        o.stage = to_stage
        o.probability = STAGE_PROBABILITY[to_stage] if probability is None or to_stage in CLOSED else probability
        if to_stage in CLOSED:
            o.closed_reason = reason
        s.flush()
        return _rows(s, book, [Opportunity.id == o.id], with_members=True)[0]


@dataclass(frozen=True)
class StageChange:
    from_stage: str | None
    to_stage: str
    by_user_id: str
    at: dt.datetime
    note: str


def history(book: Any, opp_id: str) -> list[StageChange]:
    with book.session_scope() as s:
        o = _load(s, book, opp_id)
        rows = s.scalars(select(OpportunityStage).where(OpportunityStage.opportunity_id == o.id,
                                                        OpportunityStage.deleted.is_(False))
                         .order_by(OpportunityStage.at, OpportunityStage.id))
        return [StageChange(r.from_stage, r.to_stage, r.by_user_id, r.at, r.note) for r in rows]


def set_members(book: Any, opp_id: str, members: list[tuple[str, str, Decimal | int | str]]) -> tuple[MemberRow, ...]:
    """Replace the opportunity's team: [(user_id, role, share in percent)]. Exactly one `lead`;
    shares are 0–100 and must add up to 100. Removed members are tombstoned (they sync)."""
    _require_write(book)
    if not members:
        raise ValidationError("members", _("至少需要一名成员"))
    clean: dict[str, tuple[str, Decimal]] = {}
    for user_id, role, share in members:
        if role not in MEMBER_ROLES:
            raise ValidationError("role", _("未知成员角色 {r}").format(r=role))
        try:
            pct = Decimal(str(share))
        except InvalidOperation:
            raise ValidationError("share", _("分成比例格式无效")) from None
        if not 0 <= pct <= 100:
            raise ValidationError("share", _("分成比例应在 0–100% 之间"))
        if pct != pct.to_integral_value():  # stored as a fraction with two decimals
            raise ValidationError("share", _("分成比例精确到 1%"))
        if user_id in clean:
            raise ValidationError("members", _("同一成员不能重复出现"))
        clean[user_id] = (role, pct)
    if sum(p for _r, p in clean.values()) != 100:
        raise ValidationError("share", _("业绩分成合计应为 100%（当前 {t}%）").format(
            t=sum(p for _r, p in clean.values()).normalize()))
    if sum(1 for r, _p in clean.values() if r == "lead") != 1:
        raise ValidationError("role", _("应有且仅有一名主办"))
    with book.session_scope(write=True) as s:
        o = _load(s, book, opp_id)
        existing = {m.user_id: m for m in s.scalars(select(OpportunityMember).where(
            OpportunityMember.opportunity_id == o.id))}
        for uid, m in existing.items():
            if uid not in clean and not m.deleted:
                m.deleted = True
        for uid, (role, pct) in clean.items():
            share = pct / Decimal(100)
            m = existing.get(uid)
            if m is None:
                s.add(OpportunityMember(opportunity_id=o.id, client_id=o.client_id, user_id=uid, role=role,
                                        credit_share=share))
            else:
                m.deleted, m.role, m.credit_share = False, role, share
        s.flush()
        return _rows(s, book, [Opportunity.id == o.id], with_members=True)[0].members


def rollup(book: Any) -> list[RepRollup]:
    """Per-RM figures for a team lead: open count/amount/weighted value, won and lost, and the won
    amount credited to each banker through the member splits."""
    book.policy.require(book.user.role, "team.view", _("查看团队商机汇总"))
    with book.session_scope() as s:
        users = dict(s.execute(select(User.id, User.display_name)).all())
        rows = _rows(s, book, [], with_members=True)
    acc: dict[str, dict[str, Any]] = {}

    def slot(uid: str) -> dict[str, Any]:
        return acc.setdefault(uid, {"open_count": 0, "open_amount": Decimal(0), "weighted": Decimal(0), "won_count": 0,
                                    "won_amount": Decimal(0), "lost_count": 0, "credited_won": Decimal(0)})

    for r in rows:
        a = slot(r.owner_id)
        if r.stage == "won":
            a["won_count"] += 1
            a["won_amount"] += r.amount
            if not r.members:
                a["credited_won"] += r.amount
            for m in r.members:
                slot(m.user_id)["credited_won"] += _q2(r.amount * m.share_pct / 100)
        elif r.stage == "lost":
            a["lost_count"] += 1
        else:
            a["open_count"] += 1
            a["open_amount"] += r.amount
            a["weighted"] += r.weighted
    out = [RepRollup(uid, users.get(uid, ""), **v) for uid, v in acc.items()]
    out.sort(key=lambda x: (-x.weighted, -x.won_amount, x.owner_id))
    return out


list = list_opportunities  # noqa: A001 — the public name the UI and CLI use

__all__ = ["Board", "MemberRow", "OpportunityRow", "RepRollup", "STAGE_LABELS", "STAGE_PROBABILITY", "StageChange",
           "StageTotal", "board", "create", "get", "history", "list", "list_opportunities", "move", "rollup",
           "set_members", "stage_label"]
