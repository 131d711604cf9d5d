"""Requests screen: SLA colours, filters, escalation by a team lead (not by an RM)."""
from __future__ import annotations

import datetime as dt

import pytest

from kamdesk.services import requests


def _screen(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.requests import RequestsScreen
    from tests.support import show_screen

    return show_screen(qtbot, RequestsScreen, book)


@pytest.fixture
def rm_requests(client_book):  # noqa: ANN001, ANN201
    cid = client_book.sample_ids["华东医药科技有限公司"]
    cat = requests.categories()[0]
    old = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=60)
    late = requests.open_request(client_book, cid, cat, "回单柜开通", now=old)
    fresh = requests.open_request(client_book, cid, cat, "网银证书更换")
    return client_book, late, fresh


def test_requests_listed_with_sla_colours(qtbot, rm_requests, qtmodeltester) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    book, late, fresh = rm_requests
    screen = _screen(qtbot, book)
    m = screen.model
    assert m.rowCount() == 2
    titles = [m.data(m.index(r, 3)) for r in range(2)]
    assert titles[0] == "回单柜开通"  # breached first
    assert m.data(m.index(0, 0), Qt.ItemDataRole.BackgroundRole) is not None
    assert "已超时 1 件" in screen.count.text()
    screen.table.selectRow(0)
    assert not screen.escalate_button.isEnabled()  # an RM may not escalate (policy)
    qtmodeltester.check(m, force_py=True)


def test_team_lead_escalates(qtbot, make_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.models import Client

    lead = make_book("team_lead")
    with lead.session_scope(write=True) as s:
        c = Client(kind="corporate", name="华东医药科技有限公司", owner_id=lead.user.id, team_id=lead.user.team_id,
                   branch=lead.user.branch)
        s.add(c)
        cid = c.id
    r = requests.open_request(lead, cid, requests.categories()[0], "回单柜开通")
    screen = _screen(qtbot, lead)
    screen.table.selectRow(0)
    assert screen.escalate_button.isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.escalate_selected(note="客户再次催办")
    assert screen.model.rows[0].escalation_level == 1
    assert screen.model.rows[0].id == r.id
