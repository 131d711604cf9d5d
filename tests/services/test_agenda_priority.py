"""Agenda priority and groups (Qt-free): severity, then tier, then amount, then due date; overdue
(incl. breached SLAs and passed deadlines), today, this week, later; the Today screen's filters."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kamdesk.services import agenda as ag

from tests.services.test_agenda import TODAY, _seed

D = dt.timedelta


def _item(key: str, *, sev: str = "medium", tier: str = "general", amount: int | None = None, days: int = 3,
          kind: str = "maturity", name: str = "客户", overdue: bool = False, assets: int | None = None) -> ag.AgendaItem:
    return ag.AgendaItem(key, kind, "c", name, TODAY + D(days=days), "t", "d", sev, tier=tier,
                         amount=None if amount is None else Decimal(amount), overdue=overdue,
                         client_assets=None if assets is None else Decimal(assets))


def test_priority_severity_then_tier_then_amount_then_due() -> None:
    items = [
        _item("low-strategic", sev="low", tier="strategic", amount=10**9),
        _item("med-general-big", tier="general", amount=10**8),
        _item("med-key-small", tier="key", amount=1),
        _item("med-key-big-late", tier="key", amount=500, days=6),
        _item("med-key-big-early", tier="key", amount=500, days=2),
        _item("med-key-rich-client", tier="key", kind="kyc", assets=400),  # no amount: the client's assets count
        _item("high-none", sev="high", tier=""),
    ]
    assert [i.key for i in sorted(items, key=ag.priority_key)] == [
        "high-none", "med-key-big-early", "med-key-big-late", "med-key-rich-client", "med-key-small", "med-general-big",
        "low-strategic"]


def test_groups_and_their_order() -> None:
    items = [_item("later", days=8), _item("week", days=7), _item("tomorrow", days=1), _item("today", days=0),
             _item("past", days=-1), _item("breached", days=0, overdue=True)]
    assert [ag.group_of(i, TODAY) for i in items] == ["later", "week", "week", "today", "overdue", "overdue"]
    assert [(g, [i.key for i in its]) for g, its in ag.grouped(sorted(items, key=ag.priority_key), TODAY)] == [
        ("overdue", ["past", "breached"]), ("today", ["today"]), ("week", ["tomorrow", "week"]), ("later", ["later"])]
    assert [g for g, _i in ag.grouped(items[:1], TODAY)] == ["later"]  # empty groups are left out


def test_filters_and_counts() -> None:
    items = [_item("a", kind="maturity", name="上海远航物流"), _item("b", kind="anniversary", name="王芳"),
             _item("c", kind="no_contact", name="沉默客户"), _item("d", kind="plan_visit", name="Acme Ltd")]
    counts = ag.kind_counts(items)
    assert counts["maturity"] == 1 and counts["birthday"] == 1 and counts["plan"] == 2 and counts["sla"] == 0
    assert [i.key for i in items if ag.matches(i, "plan")] == ["c", "d"]
    assert [i.key for i in items if ag.matches(i, None, " 远航 ")] == ["a"]
    assert [i.key for i in items if ag.matches(i, "plan", "acme")] == ["d"]


def test_agenda_items_carry_tier_amount_and_overdue(book) -> None:  # noqa: ANN001
    from kamdesk.models import Client

    ids = _seed(book)
    with book.session_scope(write=True) as s:
        s.get(Client, ids["c"]).total_assets = Decimal("88000000")
    items = ag.agenda(book, today=TODAY, horizon_days=30)
    by_key = {i.key: i for i in items}
    mat = by_key[f"maturity:{ids['h5']}:7"]
    assert mat.tier == "strategic" and mat.amount == Decimal("1000000") and not mat.overdue
    kyc = next(i for i in items if i.kind == "kyc" and i.client_id == ids["c"])
    assert kyc.amount is None and kyc.client_assets == Decimal("88000000")
    sla = by_key[f"sla:{ids['sr']}"]
    assert sla.overdue and ag.group_of(sla, TODAY) == "overdue"
    silent = next(i for i in items if i.kind == "no_contact" and i.client_id == ids["silent"])
    assert silent.overdue and silent.tier == "core"
    gap = ag.service_plans()["tiers"]["core"]["max_days_without_contact"]
    assert silent.due == TODAY - dt.timedelta(days=100) + dt.timedelta(days=gap + 1)  # when it became overdue
    assert silent.title == "长期未联系"  # the client is in its own column
    assert items == sorted(items, key=ag.priority_key)
    assert Decimal(mat.as_dict()["amount"]) == Decimal("1000000")


def test_mark_many_hides_all_in_one_go(book) -> None:  # noqa: ANN001
    ids = _seed(book)
    before = ag.agenda(book, today=TODAY, horizon_days=30)
    chosen = [(i.key, i.client_id) for i in before if i.client_id == ids["c"]][:3]
    ag.mark_many(book, chosen, "done", today=TODAY)
    after = {i.key for i in ag.agenda(book, today=TODAY, horizon_days=30)}
    assert not ({k for k, _c in chosen} & after) and len(after) == len(before) - 3
