"""Today: the agenda grouped overdue → today → this week → later, most pressing first; filters by
kind and client name with counts; done/snooze/dismiss on one or several items; opens the client."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest


TODAY = dt.date(2026, 3, 2)
D = dt.timedelta


@pytest.fixture
def agenda_book(client_book):  # noqa: ANN001, ANN201
    """KYC reviews due in 5 days for the five sample clients (this week); an overdue and a due-today
    follow-up and a breached complaint SLA for 华东医药 (overdue, today, overdue); two holdings
    maturing in 20 days (later): a small one of key-tier 欧阳明远, a large one of general-tier 张三."""
    from sqlalchemy import select

    from kamdesk.models import Client, Holding, Product, ServiceRequest, Task

    ids = client_book.sample_ids
    with client_book.session_scope(write=True) as s:
        for c in s.scalars(select(Client)):
            c.last_contact_on = TODAY - D(days=3)
            if c.id in ids.values():
                c.kyc_due_on = TODAY + D(days=5)
        p = Product(code="T1", name="七天通知存款", product_type="deposit", risk_level="R1")
        s.add(p)
        s.flush()
        s.add(Holding(client_id=ids["欧阳明远"], product_id=p.id, amount=Decimal("200000"),
                      maturity_on=TODAY + D(days=20)))
        s.add(Holding(client_id=ids["张三"], product_id=p.id, amount=Decimal("9000000"),
                      maturity_on=TODAY + D(days=20)))
        hd = ids["华东医药科技有限公司"]
        s.add(Task(client_id=hd, owner_id=client_book.user.id, title="寄送对账单", due_on=TODAY - D(days=2)))
        s.add(Task(client_id=hd, owner_id=client_book.user.id, title="提交授信材料", due_on=TODAY))
        s.add(ServiceRequest(client_id=hd, kind="complaint", category="投诉", title="回单延误",
                             opened_at=dt.datetime(2026, 2, 20, 9), sla_due_at=dt.datetime(2026, 3, 1, 9)))
    return client_book


@pytest.fixture
def today_screen(qtbot, agenda_book):  # noqa: ANN001, ANN201
    from kamdesk.ui.screens.today import TodayScreen
    from tests.support import show_screen

    return show_screen(qtbot, TodayScreen, agenda_book, today=TODAY)


def _table(screen) -> list[list[str]]:  # noqa: ANN001
    """Every row as the table shows it (group headers have text in the first column only)."""
    m = screen.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def _groups(screen) -> list[str]:  # noqa: ANN001
    """The group header rows as shown, without the fold mark."""
    return [r[0][2:] for r in _table(screen) if r[1] is None]


def _rows(screen, group: int) -> list[list[str]]:  # noqa: ANN001
    """The item rows under the `group`-th header."""
    out: list[list[list[str]]] = []
    for r in _table(screen):
        if r[1] is None:
            out.append([])
        else:
            out[-1].append(r)
    return out[group]


def test_groups_in_order_with_counts(today_screen) -> None:  # noqa: ANN001
    assert _groups(today_screen) == ["逾期 · 2 项", "今天 · 1 项", "本周（7 天内） · 5 项", "稍后 · 3 项"]
    overdue = _rows(today_screen, 0)
    # both high, same client: the earlier deadline first
    assert [(r[0], r[2]) for r in overdue] == [("逾期 2 天", "待办任务"), ("逾期 1 天", "服务时限")]
    assert _rows(today_screen, 1)[0][6] == "今日跟进：提交授信材料"
    assert {r[3] for r in _rows(today_screen, 2)} == {"中国石油化工股份有限公司上海分公司", "上海浦东发展建设集团有限公司",
                                                      "华东医药科技有限公司", "张三", "欧阳明远"}
    assert all(r[0] == "03-07（5 天后）" for r in _rows(today_screen, 2))
    assert today_screen.table.columnSpan(0, 0) == today_screen.model.columnCount()
    assert _table(today_screen)[0][0].startswith("▼ ")
    assert "共 11 项" in today_screen.heading.text()


def test_priority_key_tier_before_amount_and_tier_order_in_a_group(today_screen) -> None:  # noqa: ANN001
    later = _rows(today_screen, 3)
    maturities = [r[3] for r in later if r[2] == "产品到期"]
    assert maturities == ["欧阳明远", "张三"]  # same severity and day: the key client first, though smaller
    assert [(r[4], r[5]) for r in later if r[2] == "产品到期"] == [("重点", "20.00"), ("一般", "900.00")]
    week = [r[3] for r in _rows(today_screen, 2)]  # KYC, all medium: by tier strategic → core → key → general
    assert week[0] == "中国石油化工股份有限公司上海分公司" and week[1] == "上海浦东发展建设集团有限公司"
    assert week[-1] == "张三"


def test_filters_by_kind_and_name_with_counts(qtbot, today_screen) -> None:  # noqa: ANN001
    b = today_screen.kind_buttons
    assert b[None].text() == "全部 11" and b["maturity"].text() == "到期 2" and b["kyc"].text() == "证件 5"
    assert b["task"].text() == "任务 2" and b["sla"].text() == "服务时限 1"
    b["maturity"].click()
    assert _groups(today_screen) == ["稍后 · 2 项"]
    b["task"].click()
    assert _groups(today_screen) == ["逾期 · 1 项", "今天 · 1 项"]
    b[None].click()
    today_screen.search.setText("欧阳")  # (QTest cannot type CJK characters)
    qtbot.waitUntil(lambda: _groups(today_screen) == ["本周（7 天内） · 1 项", "稍后 · 1 项"], timeout=3000)
    assert b[None].text() == "全部 2" and b["kyc"].text() == "证件 1" and b["task"].text() == "任务 0"
    today_screen.search.clear()
    qtbot.waitUntil(lambda: len(_groups(today_screen)) == 4, timeout=3000)
    today_screen.search.setText("没有这个客户")
    qtbot.waitUntil(lambda: today_screen.empty.isVisible(), timeout=3000)
    assert not today_screen.table.isVisible()


def _key_of(screen, group: int, row: int) -> str:  # noqa: ANN001
    return screen.model.groups[group][1][row].key


@pytest.mark.parametrize("action", ["done", "snoozed", "dismissed"])
def test_done_snooze_dismiss_remove_the_item_and_update_counts(qtbot, today_screen, wait_idle,  # noqa: ANN001
                                                                action) -> None:  # noqa: ANN001
    key = _key_of(today_screen, 1, 0)  # the only item due today
    today_screen.select_keys({key})
    assert today_screen.done_button.isEnabled()
    today_screen.mark_selected(action, 3)
    wait_idle()
    assert _groups(today_screen) == ["逾期 · 2 项", "本周（7 天内） · 5 项", "稍后 · 3 项"]
    assert today_screen.kind_buttons["task"].text() == "任务 1"
    with qtbot.waitSignal(today_screen.loaded, timeout=20000):
        today_screen.reload()
    assert key not in {it.key for it in today_screen.model.items()}
    assert len(_groups(today_screen)) == 3


def test_several_selected_items_done_at_once(qtbot, today_screen, wait_idle, qtmodeltester) -> None:  # noqa: ANN001
    qtmodeltester.check(today_screen.model, force_py=True)  # stays attached: the in-place removals are checked too
    keys = {_key_of(today_screen, 2, r) for r in range(3)}
    today_screen.select_keys(keys)
    assert len(today_screen.selected_items()) == 3 and today_screen.selection_label.text() == "已选 3 项"
    today_screen.done_button.click()
    wait_idle()
    assert _groups(today_screen)[2] == "本周（7 天内） · 2 项"
    assert today_screen.kind_buttons["kyc"].text() == "证件 2"
    with qtbot.waitSignal(today_screen.loaded, timeout=20000):
        today_screen.reload()
    assert _groups(today_screen)[2] == "本周（7 天内） · 2 项"


def test_opens_the_client_and_group_rows_are_not_selectable(qtbot, today_screen, agenda_book) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    m = today_screen.model
    assert not (m.flags(m.index(0, 0)) & Qt.ItemFlag.ItemIsSelectable)
    row = next(r for r in range(m.rowCount()) if m.data(m.index(r, 3)) == "张三" and m.data(m.index(r, 2)) == "KYC 到期")
    today_screen.table.selectRow(row)
    with qtbot.waitSignal(today_screen.open_client, timeout=5000) as sig:
        today_screen.open_button.click()
    assert sig.args == [agenda_book.sample_ids["张三"]]


def test_agenda_model_passes_qtmodeltester(qtmodeltester, today_screen) -> None:  # noqa: ANN001
    assert today_screen.model.rowCount() == 4 + 11
    qtmodeltester.check(today_screen.model, force_py=True)
    today_screen.toggle_group(0)  # folded: the header stays, its rows go
    qtmodeltester.check(today_screen.model, force_py=True)


def test_a_click_on_a_header_folds_the_group_kept_across_reloads(qtbot, today_screen) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    t = today_screen.table
    week = today_screen.model.header_rows()[2]
    qtbot.mouseClick(t.viewport(), Qt.MouseButton.LeftButton, pos=t.visualRect(t.model().index(week, 0)).center())
    assert _table(today_screen)[week][0] == "▶ 本周（7 天内） · 5 项"
    assert _rows(today_screen, 2) == [] and len(_rows(today_screen, 3)) == 3
    assert t.columnSpan(today_screen.model.header_rows()[3], 0) == today_screen.model.columnCount()
    with qtbot.waitSignal(today_screen.loaded, timeout=20000):
        today_screen.reload()
    assert _rows(today_screen, 2) == [] and _groups(today_screen)[2] == "本周（7 天内） · 5 项"
    t.setFocus()
    t.setCurrentIndex(t.model().index(week, 0))
    qtbot.keyClick(t, Qt.Key.Key_Return)
    assert len(_rows(today_screen, 2)) == 5


def test_team_lead_sees_the_team_agenda(qtbot, make_book) -> None:  # noqa: ANN001
    from kamdesk.models import Client
    from kamdesk.ui.qt import Qt
    from kamdesk.ui.screens.today import TodayScreen
    from kamdesk.ui.state import AppState
    from tests.conftest import USERS

    lead = make_book("team_lead")
    with lead.session_scope(write=True) as s:
        s.add(Client(kind="individual", name="欧阳明远", owner_id=USERS["rm2"].id, team_id=lead.user.team_id,
                     branch=lead.user.branch, kyc_due_on=TODAY + dt.timedelta(days=3), last_contact_on=TODAY))
    screen = TodayScreen(AppState(lead), today=TODAY)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.team.isVisible()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.activate()
    assert "欧阳明远" not in [r[3] for r in _table(screen)]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.team.setChecked(True)
    m = screen.model
    assert m.columnCount() == 9 and m.headerData(8, Qt.Orientation.Horizontal) == "客户经理"
    assert any(r[3] == "欧阳明远" and len(r) == 9 for r in _table(screen))


def test_keyboard_done(qtbot, today_screen, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    key = _key_of(today_screen, 0, 0)
    today_screen.table.setFocus()
    today_screen.select_keys({key})
    qtbot.keyClick(today_screen.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert _groups(today_screen)[0] == "逾期 · 1 项"


def test_done_on_scattered_items_past_a_few_runs_resets_the_rows(qtbot, today_screen, wait_idle,  # noqa: ANN001
                                                                monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.ui.screens import today

    monkeypatch.setattr(today, "MAX_REMOVAL_RUNS", 1)
    keys = {_key_of(today_screen, 0, 0), _key_of(today_screen, 2, 1), _key_of(today_screen, 3, 2)}
    today_screen.select_keys(keys)
    today_screen.dismiss_button.click()
    wait_idle()
    assert _groups(today_screen) == ["逾期 · 1 项", "今天 · 1 项", "本周（7 天内） · 4 项", "稍后 · 2 项"]
    assert not keys & {it.key for it in today_screen.model.items()}
    assert [today_screen.table.columnSpan(r, 0) for r in today_screen.model.header_rows()] == [8] * 4
