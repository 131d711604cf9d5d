"""Sync screen without a reachable server: clear messages, buttons restored, status shown."""
from __future__ import annotations

import socket


def _screen(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.sync import SyncScreen
    from kamdesk.ui.state import AppState

    screen = SyncScreen(AppState(book))
    qtbot.addWidget(screen)
    screen.show()
    return screen


def cells(view) -> list[list[str]]:  # noqa: ANN001
    """What a table shows, row by row."""
    m = view.model()
    return [[m.index(r, c).data() or "" for c in range(m.columnCount())] for r in range(m.rowCount())]


def test_demo_book_has_no_server(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    screen = _screen(qtbot, client_book)
    screen.activate()
    wait_idle()
    assert "未连接服务器" in screen.server.text()
    assert int(screen.pending.text()) > 0
    records = {row[2] for row in cells(screen.pending_list)}
    assert "华东医药科技有限公司" in records  # the sample clients wait in the outbox
    fields = cells(screen.pending_list)[0][3]
    assert "91310000132200821H" not in fields  # field names only, never values
    with qtbot.waitSignal(screen.finished, timeout=20000) as sig:
        screen.start()
    assert sig.args == [False]
    assert "尚未配置同步服务器" in screen.message.text()
    assert screen.sync_button.isEnabled() and not screen.cancel_button.isEnabled()


def test_offline_server_says_so(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    import httpx

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client_book.set_meta("sync_server", f"http://127.0.0.1:{port}")
    client_book.set_meta("sync_refresh_token", "not-a-real-token")
    screen = _screen(qtbot, client_book)

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        op = screen.start(transport=httpx.MockTransport(refuse), sleep=lambda _s: None)
    assert sig.args == [False]
    assert op is not None
    assert "无法连接同步服务器" in screen.message.text()
    assert not screen.state.online
    wait_idle()
    dlg = getattr(screen, "login_dialog", None)
    if dlg is not None:
        dlg.reject()


def test_conflict_inbox_pick_the_server_value(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.common.ids import new_id
    from kamdesk.models import Client, Conflict

    cid = client_book.sample_ids["华东医药科技有限公司"]
    with client_book.session_scope(write=True) as s:
        s.get(Client, cid).phone = "13800138000"
    with client_book.session_scope(write=True) as s:
        s.add(Conflict(id=new_id(), table_name="clients", record_id=cid, field="city", local_value="杭州",
                       remote_value="宁波", local_hlc="0", remote_hlc="0", status="open"))
        s.add(Conflict(id=new_id(), table_name="clients", record_id=cid, field="phone_ct", local_value="x",
                       remote_value="y", local_hlc="0", remote_hlc="0", status="open"))
    screen = _screen(qtbot, client_book)
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.activate()
    shown = cells(screen.inbox)
    assert ["华东医药科技有限公司", "城市", "杭州", "宁波"] in shown
    phone = next(r for r in shown if r[1] == "联系电话")
    assert phone[2] and phone[2] == phone[3] and "*" in phone[2]  # the masks (they did not differ), never "x"/"y"
    row = next(i for i, r in enumerate(shown) if r[1] == "城市")
    screen.inbox.selectRow(row)
    assert screen.keep_remote.isEnabled()
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000) as sig:
        screen.resolve_selected("remote")
    assert sig.args == [1]
    with client_book.session_scope() as s:
        assert s.get(Client, cid).city == "宁波"
    qtbot.waitUntil(lambda: screen.conflicts.text() != "", timeout=20000)
    assert screen.conflicts.text().startswith("1 个待处理冲突")
    wait_idle()


def test_conflict_merge_writes_the_typed_value(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.common.ids import new_id
    from kamdesk.models import Client, Conflict

    cid = client_book.sample_ids["张三"]
    with client_book.session_scope(write=True) as s:
        s.add(Conflict(id=new_id(), table_name="clients", record_id=cid, field="address", local_value="浦东大道1号",
                       remote_value="浦东大道1号3楼" * 12, local_hlc="0", remote_hlc="0", status="open"))
    screen = _screen(qtbot, client_book)
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.activate()
    screen.inbox.selectRow(0)
    assert screen.merge.isEnabled()
    screen.merge_selected()
    dlg = screen.merge_dialog
    assert dlg.textValue() == "浦东大道1号"
    assert dlg.width() < 1000  # the long server value wraps instead of widening the dialog off screen
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000) as sig:
        dlg.setTextValue("上海市浦东大道1号3楼")
        dlg.accept()
    assert sig.args == [0]
    with client_book.session_scope() as s:
        assert s.get(Client, cid).address == "上海市浦东大道1号3楼"
    wait_idle()


def test_password_banner_follows_the_book_and_the_button_needs_a_server(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    screen = _screen(qtbot, client_book)
    screen.activate()
    wait_idle()
    assert screen.banner.isHidden() and not screen.password_button.isEnabled()  # no server: nothing to change
    client_book.set_meta("sync_server", "http://127.0.0.1:9")
    client_book.set_meta("sync_password_change_required", True)  # as the engine records a 403 from /keys
    screen.activate()
    qtbot.waitUntil(lambda: not screen.banner.isHidden(), timeout=20000)
    assert screen.password_button.isEnabled()
    from kamdesk.ui.qt import QLabel, Qt

    qtbot.mouseClick(screen.banner_button, Qt.MouseButton.LeftButton)
    dlg = screen.password_dialog
    assert dlg.isVisible() and "设置自己的新口令" in dlg.findChild(QLabel, "passwordIntro").text()
    dlg.reject()
    wait_idle()


def test_models_pass_the_model_tester_and_empty_tables_say_so(qtbot, client_book, qtmodeltester, wait_idle) -> None:  # noqa: ANN001
    import datetime as dt

    from kamdesk.services.conflicts import ConflictView
    from kamdesk.services.status import PendingChange
    from kamdesk.ui.screens.sync import ConflictModel, PendingModel

    conflict = ConflictView(ids=("c1", "c2", "c3"), table="clients", record_id="r1", record_label="华东医药科技有限公司",
                            field="phone", local_display="138****8000", remote_display="139****2222", sensitive=True,
                            detected_at=None)
    inbox = ConflictModel()
    inbox.set_rows([conflict])
    qtmodeltester.check(inbox, force_py=True)
    assert [inbox.index(0, c).data() for c in range(4)] == ["华东医药科技有限公司", "联系电话", "138****8000", "139****2222"]
    assert not conflict.mergeable
    pending = PendingModel()
    pending.set_rows([PendingChange(table="clients", record_id="r1", record_label="", fields=("city", "phone_ct"),
                                    created_at=dt.datetime(2026, 11, 1, 9, 30))])
    qtmodeltester.check(pending, force_py=True)
    assert pending.index(0, 3).data() == "城市、联系电话"

    client_book.set_meta("sync_server", "http://127.0.0.1:9")  # configured, nothing waiting
    from kamdesk.models import Outbox

    with client_book.session_scope(write=True) as s:
        s.query(Outbox).delete()
    screen = _screen(qtbot, client_book)
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.activate()
    assert screen.inbox.showing_empty_text() and screen.pending_list.showing_empty_text()
    assert "没有待处理的冲突" in screen.inbox.empty_text
    wait_idle()


def test_quarantined_records_are_listed_without_values(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    client_book.set_meta("sync_quarantine", [{"table": "clients", "record_id": "rec-1", "seq": 9,
                                              "fields": ["established_on"], "client_id": "rec-1",
                                              "reason": "established_on: expected a date YYYY-MM-DD"}])
    screen = _screen(qtbot, client_book)
    screen.activate()
    wait_idle()
    text = screen.quarantine.text()
    assert "1 条下载的记录" in text and "rec-1" in text and "established_on" in text
