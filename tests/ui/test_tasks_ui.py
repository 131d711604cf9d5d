"""Tasks screen: by due date, overdue in red, today in bold; complete, reschedule, new task, open client."""
from __future__ import annotations

import datetime as dt

import pytest

from kamdesk.services import tasks


def _screen(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.tasks import TasksScreen
    from tests.support import show_screen

    return show_screen(qtbot, TasksScreen, book, size=(1200, 700))


@pytest.fixture
def task_book(client_book):  # noqa: ANN001, ANN201
    today = dt.date.today()
    cid = client_book.sample_ids["华东医药科技有限公司"]
    tasks.create(client_book, "寄送对账单", client_id=cid, due_on=today + dt.timedelta(days=4))
    tasks.create(client_book, "回访财务总监", client_id=cid, due_on=today - dt.timedelta(days=3))
    tasks.create(client_book, "提交授信材料", client_id=cid, due_on=today)
    return client_book


def test_tasks_by_due_date_with_colours(qtbot, task_book, qtmodeltester) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QColor, Qt

    screen = _screen(qtbot, task_book)
    m = screen.model
    assert [m.data(m.index(r, 1)) for r in range(3)] == ["回访财务总监", "提交授信材料", "寄送对账单"]
    assert m.data(m.index(0, 0)).endswith("（逾期）")
    assert m.data(m.index(0, 1), Qt.ItemDataRole.ForegroundRole).color() == QColor("#c62828")
    assert m.data(m.index(1, 1), Qt.ItemDataRole.FontRole).bold()
    assert m.data(m.index(2, 1), Qt.ItemDataRole.FontRole) is None
    assert screen.count.text() == "共 3 项，逾期 1 项，今天到期 1 项"
    qtmodeltester.check(m, force_py=True)


def test_complete_reschedule_and_open_client(qtbot, task_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, task_book)
    assert not screen.complete_button.isEnabled()
    screen.table.selectRow(0)
    assert screen.complete_button.isEnabled()
    with qtbot.waitSignal(screen.open_client, timeout=2000) as opened:
        screen.client_button.click()
    assert opened.args == [task_book.sample_ids["华东医药科技有限公司"]]
    later = dt.date.today() + dt.timedelta(days=10)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.reschedule_selected(later)
    m = screen.model
    assert [m.data(m.index(r, 1)) for r in range(3)] == ["提交授信材料", "寄送对账单", "回访财务总监"]
    assert not m.rows[2].overdue
    screen.table.selectRow(0)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.complete_button.click()
    assert [r.title for r in m.rows] == ["寄送对账单", "回访财务总监"]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(1)  # done
    assert [r.title for r in m.rows] == ["提交授信材料"] and not screen.complete_button.isEnabled()


def test_reschedule_dialog_and_new_task(qtbot, task_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, task_book)
    screen.table.selectRow(2)
    screen.reschedule_selected()
    dlg = screen.dialog
    qtbot.addWidget(dlg)
    dlg.date.setDate(dlg.date.minimumDate())  # "无期限"
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        dlg.accept()
    assert screen.model.rows[-1].title == "寄送对账单" and screen.model.rows[-1].due_on is None
    screen.new_task()
    dlg = screen.dialog
    qtbot.addWidget(dlg)
    ok = dlg.buttons.button(dlg.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no content, no task: 确定 waits (the dialog would close on nothing)
    dlg.title_edit.setText("   ")
    assert not ok.isEnabled()
    dlg.title_edit.setText("整理季度走访计划")
    assert ok.isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        ok.click()
    assert "整理季度走访计划" in [r.title for r in screen.model.rows]


def test_compliance_officer_sees_why(qtbot, make_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, make_book("compliance_officer"))
    assert screen.model.rowCount() == 0
    assert "权限不足" in screen.empty.text() and not screen.new_button.isEnabled()


def test_reopen_a_done_task_from_button_and_context_menu(qtbot, task_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, task_book)
    screen.table.selectRow(1)  # 提交授信材料, due today
    assert not screen.reopen_button.isEnabled()  # an open task is not reopened
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.complete_button.click()
    assert "提交授信材料" not in [r.title for r in screen.model.rows]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(1)  # done
    screen.table.selectRow(0)
    assert screen.reopen_button.isEnabled() and not screen.complete_button.isEnabled()
    menu = screen.context_menu()
    action = next(a for a in menu.actions() if a.text() == "重新打开")
    assert action.isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        action.trigger()
    assert screen.model.rowCount() == 0  # no longer done
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(0)  # open
    row = next(r for r in screen.model.rows if r.title == "提交授信材料")
    assert row.status == "open" and row.done_at is None and row.due_today
    assert tasks.get(task_book, row.id).status == "open"


def test_reopen_needs_write_permission(make_book) -> None:  # noqa: ANN001
    from kamdesk.common.errors import PermissionDenied

    rm = make_book("rm")
    t = tasks.create(rm, "寄送对账单")
    tasks.complete(rm, t.id)
    ro = make_book("compliance_officer")
    with pytest.raises(PermissionDenied):
        tasks.reopen(ro, t.id)
