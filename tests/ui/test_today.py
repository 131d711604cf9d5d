"""Today: the agenda lists items, opens the client, done/snooze/dismiss remove them for good."""
from __future__ import annotations

import datetime as dt

import pytest

pytest.importorskip("kamdesk.services.agenda")

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def agenda_book(client_book):  # noqa: ANN001, ANN201
    from sqlalchemy import select

    from kamdesk.models import Client

    with client_book.session_scope(write=True) as s:
        for c in s.scalars(select(Client).where(Client.id.in_(list(client_book.sample_ids.values())))):
            c.kyc_due_on = TODAY + dt.timedelta(days=5)
            c.last_contact_on = TODAY - dt.timedelta(days=3)
    return client_book


@pytest.fixture
def today_screen(qtbot, agenda_book, wait_idle):  # noqa: ANN001, ANN201
    from kamdesk.ui.screens.today import TodayScreen
    from kamdesk.ui.state import AppState

    screen = TodayScreen(AppState(agenda_book), today=TODAY)
    qtbot.addWidget(screen)
    screen.show()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.activate()
    return screen


def _rows(screen):  # noqa: ANN001, ANN202
    m = screen.model
    return [[m.data(m.index(r, c)) for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_agenda_lists_kyc_items_and_opens_client(qtbot, today_screen, agenda_book) -> None:  # noqa: ANN001
    rows = _rows(today_screen)
    kyc = [r for r in rows if r[2] == "KYC 到期"]
    assert {r[3] for r in kyc} >= {"张三", "欧阳明远"}
    assert all("5 天后" in r[0] for r in kyc)
    row = next(i for i, r in enumerate(rows) if r[2] == "KYC 到期" and r[3] == "张三")
    today_screen.table.selectRow(row)
    with qtbot.waitSignal(today_screen.open_client, timeout=5000) as sig:
        today_screen.open_button.click()
    assert sig.args == [agenda_book.sample_ids["张三"]]


@pytest.mark.parametrize("action", ["done", "snoozed", "dismissed"])
def test_done_snooze_dismiss(qtbot, today_screen, wait_idle, action) -> None:  # noqa: ANN001
    before = today_screen.model.rowCount()
    today_screen.table.selectRow(0)
    key = today_screen.selected().key
    today_screen.mark_selected(action, 3)
    wait_idle()
    assert today_screen.model.rowCount() == before - 1
    with qtbot.waitSignal(today_screen.loaded, timeout=20000):
        today_screen.reload()
    keys = [it.key for it in today_screen.model.items]
    assert key not in keys


def test_agenda_model_passes_qtmodeltester(qtmodeltester, today_screen) -> None:  # noqa: ANN001
    assert today_screen.model.rowCount() > 0
    qtmodeltester.check(today_screen.model, force_py=True)


def test_team_lead_sees_the_team_agenda(qtbot, make_book) -> None:  # noqa: ANN001
    import datetime as dt

    from kamdesk.models import Client
    from kamdesk.ui.screens.today import TodayScreen
    from kamdesk.ui.state import AppState
    from tests.conftest import USERS

    lead = make_book("team_lead")
    with lead.session_scope(write=True) as s:
        s.add(Client(kind="individual", name="欧阳明远", owner_id=USERS["rm2"].id, team_id=lead.user.team_id,
                     branch=lead.user.branch, kyc_due_on=TODAY + dt.timedelta(days=3)))
    screen = TodayScreen(AppState(lead), today=TODAY)
    qtbot.addWidget(screen)
    screen.show()
    assert screen.team.isVisible()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.activate()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.team.setChecked(True)
    m = screen.model
    assert m.columnCount() == 7 and m.headerData(6, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.Orientation.Horizontal) == "客户经理"
    assert any(m.data(m.index(r, 3)) == "欧阳明远" for r in range(m.rowCount()))


def test_keyboard_done(qtbot, today_screen, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    before = today_screen.model.rowCount()
    today_screen.table.setFocus()
    today_screen.table.selectRow(0)
    qtbot.keyClick(today_screen.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    wait_idle()
    assert today_screen.model.rowCount() == before - 1
