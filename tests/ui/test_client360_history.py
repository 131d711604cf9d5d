"""Client 360's 历史 and 方案 tabs and its 计划拜访 button, driven as a user would: click the tab,
read the rows; plan a visit and see it in the 拜访 tab; open a proposal by double-click."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from tests.services.test_products import seed_proposal_client, seed_shelf

TODAY = dt.date.today()
SHOTS = os.environ.get("KAMDESK_HISTORY_SHOTS")  # optional folder for the screenshots
PHONE = "13900001111"


@pytest.fixture
def hist_book(book):  # noqa: ANN001, ANN201
    from kamdesk.services.clients import update_client

    book.shelf = seed_shelf(book)
    book.client_id = seed_proposal_client(book, TODAY)
    update_client(book, book.client_id, {"phone": PHONE, "industry": "金融业"})
    return book


def _proposal(book: Any, title: str = "张江生物现金管理方案") -> Any:
    from decimal import Decimal

    from kamdesk.services import proposals

    line = proposals.LineInput(product_id=book.shelf["DEP-001"], amount=Decimal("5000000"))
    return proposals.create(book, book.client_id, [line], title=title, today=TODAY)


def _open(book: Any, wait_idle: Any) -> Any:
    from kamdesk.ui.client360 import Client360Window
    from kamdesk.ui.state import AppState

    win = Client360Window(AppState(book), book.client_id)  # deletes itself on close
    win.resize(1366, 768)
    win.show()
    wait_idle()
    return win


def _click_tab(qtbot: Any, win: Any, title: str, wait_idle: Any) -> None:
    from kamdesk.ui.qt import Qt

    i = win.tab_index(title)
    assert i >= 0, title
    bar = win.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    assert win.tabs.currentIndex() == i
    qtbot.waitUntil(lambda: win.tabs.currentWidget().layout().count() > 0, timeout=5000)
    wait_idle()


def _rows(view: Any) -> list[list[str]]:
    m = view.model()
    return [[m.index(r, c).data() or "" for c in range(m.columnCount())] for r in range(m.rowCount())]


def _check_model(qtmodeltester: Any, model: Any, make: Any = None) -> None:
    """The model's rows in a model of its own (the window's is deleted with the window)."""
    copy = (make or type(model))()
    copy.set_rows(model.rows)
    qtmodeltester.check(copy, force_py=True)
    _check_model.kept.append(copy)


_check_model.kept = []  # type: ignore[attr-defined]


def _shot(win: Any, tmp_path: Path, name: str) -> None:
    from kamdesk.ui.qt import QApplication

    folder = Path(SHOTS) if SHOTS else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    for _i in range(3):
        QApplication.processEvents()
    assert win.grab().save(str(folder / f"{name}.png"))


def test_history_tab_shows_the_c2_and_c1_edits_and_a_reveal(qtbot, hist_book, wait_idle, qtmodeltester,  # noqa: ANN001
                                                             tmp_path) -> None:
    win = _open(hist_book, wait_idle)
    _click_tab(qtbot, win, "历史", wait_idle)
    pane = win.history_pane
    rows = _rows(pane.view)
    by_what = {r[2]: r for r in rows}
    assert by_what["手机号"][3] == "已修改（敏感信息不显示）" and by_what["手机号"][4] == "本机"
    assert by_what["行业"][3] == "医药制造业 → 金融业" and by_what["行业"][1] == "王晓明"
    assert "新增客户" in by_what
    assert PHONE not in repr(rows) and "139****1111" not in repr(rows)

    win.reveal_with_reason("phone", "核实联系方式")
    qtbot.waitUntil(lambda: any(r[2] == "查看明文：手机号" for r in _rows(pane.view)), timeout=20000)
    top = _rows(pane.view)[0]
    assert (top[2], top[3], top[4]) == ("查看明文：手机号", "原因：核实联系方式", "审计")
    assert PHONE not in repr(_rows(pane.view))
    _check_model(qtmodeltester, pane.model)
    _shot(win, tmp_path, "client360-history-zh")
    wait_idle()
    win.close()


def test_history_loads_more_and_follows_edits(qtbot, hist_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.services.clients import update_client
    from kamdesk.ui.changes import Changes

    for i in range(30):
        update_client(hist_book, hist_book.client_id, {"city": f"城市{i}", "address": f"世纪大道{i}号"})
    win = _open(hist_book, wait_idle)
    _click_tab(qtbot, win, "历史", wait_idle)
    pane = win.history_pane
    assert pane.model.rowCount() == 50 and pane.more_button.isVisible()
    assert _rows(pane.view)[0][3].endswith("世纪大道29号") or _rows(pane.view)[0][3].endswith("城市29")
    pane.more_button.click()
    wait_idle()
    assert pane.model.rowCount() > 50 and not pane.more_button.isVisible()
    total = pane.model.rowCount()
    update_client(hist_book, hist_book.client_id, {"city": "南京"})
    win.state.notify(Changes(clients=True, client_ids=frozenset({hist_book.client_id})))
    wait_idle()
    qtbot.waitUntil(lambda: win.history_pane is not None and win.history_pane.model.rowCount() > 0, timeout=20000)
    wait_idle()
    assert any(r[3] == "城市29 → 南京" for r in _rows(win.history_pane.view))
    assert win.history_pane.model.rowCount() >= min(total + 1, 50)
    win.close()


def test_plan_visit_from_the_header_shows_it_in_the_visits_tab(qtbot, hist_book, wait_idle,  # noqa: ANN001
                                                               tmp_path) -> None:
    from kamdesk.ui.qt import QDialogButtonBox

    win = _open(hist_book, wait_idle)
    assert win.plan_visit_button.isEnabled()
    win.plan_visit_button.click()
    dlg = win.plan_dialog
    assert dlg.client_id == hist_book.client_id and "张江生物" in dlg.chosen.text()
    dlg.place.insert("客户总部三楼会议室")  # typed through the input method (keyClicks is ASCII only)
    dlg.agenda.insertPlainText("沟通现金管理方案")
    _shot(dlg, tmp_path, "client360-plan-visit-zh")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_idle()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=20000)
    wait_idle()
    _click_tab(qtbot, win, "拜访", wait_idle)
    from kamdesk.ui.qt import QTableWidget

    table = win.tabs.currentWidget().findChild(QTableWidget, "visitsTable")
    assert table is not None
    cells = [table.item(r, c).text() for r in range(table.rowCount()) for c in range(table.columnCount())]
    assert "客户总部三楼会议室" in cells and "沟通现金管理方案" in cells
    _shot(win, tmp_path, "client360-visits-after-plan-zh")
    win.close()


def test_proposals_tab_lists_the_clients_proposals_and_opens_one(qtbot, hist_book, wait_idle, qtmodeltester,  # noqa: ANN001
                                                                 tmp_path) -> None:
    from kamdesk.services import proposals
    from kamdesk.ui.qt import Qt

    first = _proposal(hist_book)
    proposals.revise(hist_book, first.id, change_summary="调整期限")
    win = _open(hist_book, wait_idle)
    _click_tab(qtbot, win, "方案", wait_idle)
    pane = win.proposals_pane
    from kamdesk.ui.client360 import client_proposal_model

    _check_model(qtmodeltester, pane.model, client_proposal_model)
    rows = _rows(pane.view)
    assert [(r[1], r[2], r[3], r[7]) for r in rows] == [("张江生物现金管理方案", "v2", "草稿", "500.00"),
                                                        ("张江生物现金管理方案", "v1", "草稿", "500.00")]
    assert pane.view.isColumnHidden(0)
    _shot(win, tmp_path, "client360-proposals-zh")
    view = pane.view
    rect = view.visualRect(pane.model.index(1, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double-click: press,
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # then the second press
    preview = pane.preview
    assert preview is not None and preview.isVisible() and "第 1 版" in preview.windowTitle()
    wait_idle(60000)
    preview.close()
    assert win.new_proposal_button.isVisible() and win.new_proposal_button.isEnabled()
    win.close()


def test_roles_without_visit_planning_or_proposals(qtbot, make_book, wait_idle) -> None:  # noqa: ANN001
    from tests.services.conftest import add_client, add_users

    book = make_book("compliance_officer")
    add_users(book)
    book.client_id = add_client(book)
    win = _open(book, wait_idle)
    assert not win.plan_visit_button.isEnabled() and win.plan_visit_button.toolTip() == "当前角色无权计划拜访"
    assert win.plan_visit() is None
    titles = [win.tabs.tabText(i) for i in range(win.tabs.count())]
    assert "历史" in titles
    assert ("方案" in titles) == book.policy.can_read(book.user.role, "proposals")
    win.close()


def test_screenshots_in_english(qtbot, hist_book, wait_idle, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.common.i18n import _, set_language

    _proposal(hist_book)
    set_language("en")
    win = _open(hist_book, wait_idle)
    _click_tab(qtbot, win, _("历史"), wait_idle)
    assert win.history_pane.model.headerData(4, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.Orientation.Horizontal) \
        == _("来源") != "来源"
    _shot(win, tmp_path, "client360-history-en")
    _click_tab(qtbot, win, _("方案"), wait_idle)
    _shot(win, tmp_path, "client360-proposals-en")
    wait_idle()
    win.close()
