"""Pipeline: create, list with weighted value, board totals, move with history, members and splits, roll-up."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Opportunity, OpportunityMember, Outbox
from kamdesk.services import pipeline

from tests.conftest import USERS
from tests.services.conftest import add_client, add_users

RM, RM2 = USERS["rm"].id, USERS["rm2"].id


def _seed(book):
    add_users(book)
    c1 = add_client(book, name="华东能源")
    c2 = add_client(book, name="李娜客户", owner_id=RM2)
    return c1, c2


def test_create_list_weighted(book):
    c1, _c2 = _seed(book)
    o = pipeline.create(book, c1, "流动资金贷款", Decimal("10000000"))
    assert o.stage == "lead" and o.probability == 10 and o.weighted == Decimal("1000000.00")
    assert o.owner_name == "王晓明" and o.client_name == "华东能源"
    pipeline.create(book, c1, "现金管理", 2000000, stage="proposal")
    rows = pipeline.list(book)
    assert len(rows) == 2
    assert [r.name for r in pipeline.list(book, stage="proposal")] == ["现金管理"]
    assert pipeline.list(book, owner=RM2) == []
    with pytest.raises(ValidationError):
        pipeline.list(book, stage="dreaming")
    with pytest.raises(ValidationError):
        pipeline.create(book, c1, "  ", 1)
    with pytest.raises(ValidationError):
        pipeline.create(book, c1, "负数", -5)


def test_invisible_client_and_missing_opportunity(book):
    _c1, c2 = _seed(book)
    with pytest.raises(NotFound):
        pipeline.create(book, c2, "越权", 1)
    with pytest.raises(NotFound):
        pipeline.move(book, "nope", "qualified")


def test_board_totals(book):
    c1, _ = _seed(book)
    pipeline.create(book, c1, "A", 100)
    pipeline.create(book, c1, "B", 300)
    pipeline.create(book, c1, "C", 1000, stage="negotiation")
    b = pipeline.board(book)
    assert set(b.columns) == {"lead", "qualified", "proposal", "negotiation", "won", "lost"}
    assert b.totals["lead"].count == 2 and b.totals["lead"].amount == Decimal(400)
    assert b.totals["lead"].weighted == Decimal("40.00") and b.totals["negotiation"].weighted == Decimal("750.00")
    assert b["won"] == () and b.open_amount == Decimal(1400) and b.open_weighted == Decimal("790.00")
    assert b.totals["lead"].label == "线索"


def test_move_history_and_rules(book):
    c1, _ = _seed(book)
    o = pipeline.create(book, c1, "贷款", 1000)
    r = pipeline.move(book, o.id, "qualified", note="已确认需求")
    assert r.stage == "qualified" and r.probability == 25
    r = pipeline.move(book, o.id, "proposal", probability=60)
    assert r.probability == 60
    with pytest.raises(ValidationError, match="原因"):
        pipeline.move(book, o.id, "lost")
    with pytest.raises(ValidationError):
        pipeline.move(book, o.id, "proposal")
    with pytest.raises(ValidationError):
        pipeline.move(book, o.id, "heaven")
    r = pipeline.move(book, o.id, "lost", reason="价格没有竞争力")
    assert r.probability == 0 and r.closed_reason == "价格没有竞争力"
    with pytest.raises(ValidationError, match="不能再变更"):
        pipeline.move(book, o.id, "won")
    h = pipeline.history(book, o.id)
    assert [(x.from_stage, x.to_stage) for x in h] == [(None, "lead"), ("lead", "qualified"), ("qualified", "proposal"),
                                                      ("proposal", "lost")]
    assert "价格没有竞争力" in h[-1].note
    with book.session_scope() as s:
        assert s.scalars(select(Outbox).where(Outbox.record_id == o.id)).first() is not None


def test_members_and_splits(book):
    c1, _ = _seed(book)
    o = pipeline.create(book, c1, "联合营销", 1000)
    with pytest.raises(ValidationError, match="100%"):
        pipeline.set_members(book, o.id, [(RM, "lead", 60), (RM2, "support", 30)])
    with pytest.raises(ValidationError, match="主办"):
        pipeline.set_members(book, o.id, [(RM, "support", 60), (RM2, "support", 40)])
    with pytest.raises(ValidationError):
        pipeline.set_members(book, o.id, [(RM, "lead", 100), (RM, "support", 0)])
    with pytest.raises(ValidationError):
        pipeline.set_members(book, o.id, [(RM, "boss", 100)])
    with pytest.raises(ValidationError):
        pipeline.set_members(book, o.id, [(RM, "lead", "33.3"), (RM2, "support", "66.7")])
    ms = pipeline.set_members(book, o.id, [(RM, "lead", 60), (RM2, "support", 40)])
    assert [(m.user_id, m.share_pct) for m in ms] == [(RM, Decimal("60.00")), (RM2, Decimal("40.00"))]
    ms = pipeline.set_members(book, o.id, [(RM, "lead", 100)])
    assert len(ms) == 1
    with book.session_scope() as s:
        rows = s.scalars(select(OpportunityMember).where(OpportunityMember.opportunity_id == o.id)).all()
        assert sorted(r.deleted for r in rows) == [False, True]  # removed member tombstoned, not deleted


def test_rollup_for_team_lead(make_book):
    lead = make_book("team_lead")
    c1, c2 = _seed(lead)
    a = pipeline.create(lead, c1, "A", 1000, owner_id=RM)
    pipeline.create(lead, c2, "B", 500, owner_id=RM2, stage="negotiation")
    w = pipeline.create(lead, c2, "W", 2000, owner_id=RM2)
    pipeline.set_members(lead, w.id, [(RM2, "lead", 75), (RM, "support", 25)])
    pipeline.move(lead, w.id, "won", reason="中标")
    pipeline.move(lead, a.id, "lost", reason="客户取消")
    roll = {r.owner_id: r for r in pipeline.rollup(lead)}
    assert roll[RM2].open_count == 1 and roll[RM2].weighted == Decimal("375.00")
    assert roll[RM2].won_count == 1 and roll[RM2].won_amount == Decimal(2000) and roll[RM2].credited_won == Decimal("1500.00")
    assert roll[RM].lost_count == 1 and roll[RM].credited_won == Decimal("500.00") and roll[RM].win_rate == 0.0
    assert roll[RM2].owner_name == "李娜"


def test_permissions(make_book, book):
    c1, _ = _seed(book)
    with pytest.raises(PermissionDenied):
        pipeline.rollup(book)
    co = make_book("compliance_officer")
    cid = add_client(co, name="合规可见")
    with pytest.raises(PermissionDenied):
        pipeline.create(co, cid, "x", 1)
    assert pipeline.list(co) == []


def test_cli_pipeline(book, monkeypatch, capsys):
    import json
    from kamdesk.cli import main
    from tests.conftest import PASSPHRASE
    c1, _ = _seed(book)
    o = pipeline.create(book, c1, "贷款", 1000)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(book.path)
    assert main(["pipeline", "--file", f, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lead"]["count"] == 1 and doc["lead"]["rows"][0]["id"] == o.id
    assert main(["pipeline", "move", o.id, "lost", "--file", f]) == 2  # lost needs a reason
    assert "原因" in capsys.readouterr().err
    assert main(["pipeline", "move", o.id, "qualified", "--file", f]) == 0
    assert "已确认需求" in capsys.readouterr().out
    assert main(["pipeline", "--file", f]) == 0
    assert "加权" in capsys.readouterr().out
