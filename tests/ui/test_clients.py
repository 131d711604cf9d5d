"""The client book: the table shows the book, pinyin-initials search, filters, sort, saved views,
opening a client, reveal (audited), and the model passes qtmodeltester."""
from __future__ import annotations

import json

import pytest


from tests.ui.conftest import SAMPLE_CLIENTS  # noqa: E402

N_CLIENTS = len(SAMPLE_CLIENTS) + 40


@pytest.fixture
def window(qtbot, client_book, wait_idle):  # noqa: ANN001, ANN201
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    state = AppState(client_book)
    win = MainWindow(state, ask_unlock=False)
    qtbot.addWidget(win)
    win.show()
    screen = win.screens["clients"]
    qtbot.waitUntil(lambda: screen.model.rowCount() == N_CLIENTS, timeout=20000)
    wait_idle()
    yield win
    win.close()
    wait_idle()


def _visible_names(screen) -> list[str]:  # noqa: ANN001
    m = screen.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_table_shows_the_whole_book(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    screen = window.screens["clients"]
    assert screen.count.text() == f"共 {N_CLIENTS} 户"
    qtbot.waitUntil(lambda: "…" not in _visible_names(screen)[:20], timeout=20000)
    names = _visible_names(screen)
    assert "中国石油化工股份有限公司上海分公司" in names
    # the credit code column shows the mask, never the plaintext
    m = screen.model
    row = m.row_of(client_id := window.state.book.sample_ids["中国石油化工股份有限公司上海分公司"])
    assert client_id
    code = m.data(m.index(row, 9))
    assert code and code != "91310000132200821H" and "*" in code


def test_pinyin_initials_search_finds_and_opens_client(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    screen = window.screens["clients"]
    with qtbot.waitSignal(screen.ids_loaded, timeout=20000):
        qtbot.keyClicks(screen.search, "zgsy")
    qtbot.waitUntil(lambda: screen.model.rowCount() >= 1 and "…" not in _visible_names(screen), timeout=20000)
    assert _visible_names(screen)[0] == "中国石油化工股份有限公司上海分公司"
    assert screen.count.text() == f"共 {screen.model.rowCount()} 户"
    with qtbot.waitSignal(screen.open_client, timeout=5000) as sig:
        screen.table.setCurrentIndex(screen.model.index(0, 0))
        qtbot.keyClick(screen.table, "\r")
    cid = sig.args[0]
    win360 = window.client_windows[cid]
    qtbot.waitUntil(lambda: win360.data is not None, timeout=20000)
    assert win360.title.text() == "中国石油化工股份有限公司上海分公司"
    wait_idle()


def test_reveal_is_audited(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.services import audit

    book = window.state.book
    cid = book.sample_ids["中国石油化工股份有限公司上海分公司"]
    win360 = window.open_client(cid)
    qtbot.waitUntil(lambda: "credit_code" in win360.sensitive, timeout=20000)
    field = win360.sensitive["credit_code"]
    masked = field.label.text()
    assert "*" in masked and field.button.isVisible()
    win360.reveal_with_reason("credit_code", "核对开户资料")
    qtbot.waitUntil(lambda: field.label.text() != masked, timeout=20000)
    assert field.label.text() == "91310000132200821H"
    with book.session_scope() as s:
        events = audit.events(s, action="reveal", entity_id=cid)
    detail = events[0]["detail"] if len(events) == 1 else None
    detail = json.loads(detail) if isinstance(detail, str) else detail
    assert detail["field"] == "credit_code" and detail["reason"] == "核对开户资料"
    assert "91310000132200821H" not in str(events[0])
    field.mask_again()
    assert field.label.text() == masked


def test_filter_sort_and_saved_view(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    screen = window.screens["clients"]
    qtbot.waitUntil(lambda: screen.combos["tiers"].count() > 1, timeout=20000)
    combo = screen.combos["tiers"]
    with qtbot.waitSignal(screen.ids_loaded, timeout=20000):
        combo.setCurrentIndex(combo.findData("strategic"))
    qtbot.waitUntil(lambda: "…" not in _visible_names(screen), timeout=20000)
    assert _visible_names(screen) == ["中国石油化工股份有限公司上海分公司"]
    screen.save_view("战略客户")
    with qtbot.waitSignal(screen.ids_loaded, timeout=20000):
        combo.setCurrentIndex(0)
    assert screen.model.rowCount() == N_CLIENTS
    # sort by assets, descending, through the header
    with qtbot.waitSignal(screen.ids_loaded, timeout=20000):
        screen.table.sortByColumn(7, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: "…" not in _visible_names(screen)[:3], timeout=20000)
    assert _visible_names(screen)[:2] == ["中国石油化工股份有限公司上海分公司", "上海浦东发展建设集团有限公司"]
    with qtbot.waitSignal(screen.ids_loaded, timeout=20000):
        screen.apply_view("战略客户")
    assert screen.model.rowCount() == 1
    assert screen.delete_view_button.isEnabled()
    screen.delete_view("战略客户")
    assert screen.views.findData("战略客户") == -1 and not screen.delete_view_button.isEnabled()
    wait_idle()


def test_client_model_passes_qtmodeltester(qtmodeltester, client_book, qtbot, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.services.clients import client_ids, rows_for_ids
    from kamdesk.ui.screens.client_model import ClientTableModel

    model = ClientTableModel(lambda ids: rows_for_ids(client_book, ids))
    model.set_ids(client_ids(client_book))
    qtmodeltester.check(model, force_py=True)
    qtbot.waitUntil(lambda: model.cached(model.id_at(0)) is not None, timeout=20000)
    qtmodeltester.check(model, force_py=True)
    wait_idle()


def test_edit_profile_validates_and_refreshes_views(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    book = window.state.book
    screen = window.screens["clients"]
    cid = book.sample_ids["中国石油化工股份有限公司上海分公司"]
    win360 = window.open_client(cid)
    qtbot.waitUntil(lambda: win360.edit_button.isEnabled(), timeout=20000)
    dlg = win360.edit()
    dlg.widgets["credit_code"].setText("91310000132200821X")  # wrong check digit
    dlg.widgets["city"].setText("南京")
    dlg.save()
    qtbot.waitUntil(lambda: dlg.message.isVisible(), timeout=20000)
    assert dlg.message.text().startswith("统一社会信用代码：")
    assert "91310000132200821X" not in dlg.message.text()
    assert dlg.isVisible()
    dlg.widgets["credit_code"].setText("")
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.save()
    qtbot.waitUntil(lambda: win360.data is not None and win360.data.profile.city == "南京", timeout=20000)
    row = screen.model.row_of(cid)
    qtbot.waitUntil(lambda: screen.model.data(screen.model.index(row, 6)) == "南京", timeout=20000)
    wait_idle()


def test_reveal_button_asks_for_a_reason(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    book = window.state.book
    cid = book.sample_ids["中国石油化工股份有限公司上海分公司"]
    win360 = window.open_client(cid)
    qtbot.waitUntil(lambda: "credit_code" in win360.sensitive, timeout=20000)
    field = win360.sensitive["credit_code"]
    masked = field.label.text()
    field.button.click()
    dlg = win360.reason_dialog
    assert dlg.isVisible() and "统一社会信用代码" in dlg.labelText()
    dlg.setTextValue("客户来电核对")
    dlg.accept()
    qtbot.waitUntil(lambda: field.label.text() != masked, timeout=20000)
    assert field.label.text() == "91310000132200821H"
    wait_idle()


def _edit_dialog(qtbot, window, name: str = "中国石油化工股份有限公司上海分公司"):  # noqa: ANN001, ANN202
    cid = window.state.book.sample_ids[name]
    win360 = window.open_client(cid)
    qtbot.waitUntil(lambda: win360.edit_button.isEnabled(), timeout=20000)
    qtbot.mouseClick(win360.edit_button, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    return cid, win360, win360.edit_dialog


def test_edit_clears_a_sensitive_field(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.services.clients import get_client
    from kamdesk.services.history import client_history
    from kamdesk.ui.qt import QDialogButtonBox, Qt
    from tests.ui.conftest import CREDIT_CODE

    book = window.state.book
    cid, win360, dlg = _edit_dialog(qtbot, window)
    # an empty input still means "no change"; only a stored value can be cleared
    assert "credit_code" in dlg.clear_boxes and "phone" not in dlg.clear_boxes
    assert dlg.changes() == {}
    box, edit = dlg.clear_boxes["credit_code"], dlg.widgets["credit_code"]
    qtbot.keyClicks(edit, "9131")
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert box.isChecked() and not edit.isEnabled() and edit.text() == "" and edit.placeholderText() == "保存时将清除"
    assert dlg.changes() == {"credit_code": None}
    if shots := __import__("os").environ.get("KAMDESK_REVEAL_SHOTS"):
        dlg.grab().save(f"{shots}/edit-client-clear-zh.png")
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not get_client(book, cid).sensitive["credit_code"].has_value
    qtbot.waitUntil(lambda: "credit_code" in win360.sensitive
                    and win360.sensitive["credit_code"].label.text() == "（未填写）", timeout=20000)
    assert not win360.sensitive["credit_code"].button.isVisible()
    entries = [e for e in client_history(book, cid).entries if e.field == "credit_code"]
    assert entries and entries[0].sensitive and CREDIT_CODE not in str(entries[0])
    wait_idle()


def test_clearing_an_unticked_box_keeps_the_value(qtbot, window, wait_idle) -> None:  # noqa: ANN001
    cid, win360, dlg = _edit_dialog(qtbot, window)
    box, edit = dlg.clear_boxes["credit_code"], dlg.widgets["credit_code"]
    box.setChecked(True)
    box.setChecked(False)
    assert edit.isEnabled() and edit.placeholderText().startswith("不修改请留空（当前：")
    assert dlg.changes() == {}
    dlg.reject()
    wait_idle()


@pytest.mark.parametrize("how", ["cancel", "escape", "lock", "save"])
def test_typed_sensitive_values_are_forgotten_when_the_dialog_closes(qtbot, window, wait_idle, how) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QDialogButtonBox, Qt
    from tests.ui.conftest import CREDIT_CODE

    cid, win360, dlg = _edit_dialog(qtbot, window)
    edit = dlg.widgets["credit_code"]
    qtbot.keyClicks(edit, CREDIT_CODE)
    qtbot.keyClicks(dlg.widgets["phone"], "13900001111")
    left: list[tuple[str, str]] = []
    dlg.finished.connect(lambda _r: left.append((edit.text(), dlg.widgets["phone"].text())))
    if how == "cancel":
        qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    elif how == "escape":
        qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    elif how == "lock":
        window.lock()
    else:
        with qtbot.waitSignal(dlg.finished, timeout=20000):
            qtbot.mouseClick(dlg.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(left), timeout=5000)
    assert left == [("", "")]
    wait_idle()
