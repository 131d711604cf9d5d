"""Main window shell: navigation and shortcuts, placeholders, status bar, idle lock, layout."""
from __future__ import annotations

from kamdesk.ui.qt import QKeySequence, Qt  # noqa: E402
from tests.conftest import PASSPHRASE  # noqa: E402


def _window(qtbot, book, **kw):  # noqa: ANN001, ANN202
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    win = MainWindow(AppState(book), **kw)
    qtbot.addWidget(win)
    win.show()
    return win


def test_navigation_shortcuts_and_placeholders(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    win = _window(qtbot, client_book, ask_unlock=False)
    assert win.current_screen().key == "clients"
    titles = [win.nav.item(i).text() for i in range(win.nav.count())]
    assert titles == ["今日", "客户", "拜访", "任务", "商机", "服务请求", "方案", "产品", "仪表盘", "审批", "同步"]
    view_menu = [m for m in win.menuBar().actions() if m.text() == "视图"][0].menu()
    by_shortcut = {a.shortcut().toString(): a for a in view_menu.actions() if not a.shortcut().isEmpty()}
    by_shortcut["Ctrl+3"].trigger()
    assert win.current_screen().key == "visits"
    by_shortcut["Ctrl+9"].trigger()
    assert win.current_screen().key == "dashboard"
    # a screen not built yet says what will be there
    from kamdesk.ui.qt import QLabel
    from kamdesk.ui.screens.placeholder import PlaceholderScreen

    spec = next(s for s in win.specs if s.key == "visits")
    ph = PlaceholderScreen(win.state, spec.key, spec.title(), spec.planned())
    qtbot.addWidget(ph)
    texts = " ".join(lbl.text() for lbl in ph.findChildren(QLabel))
    assert "建设中" in texts and "纪要" in texts
    win.actions["search"].trigger()
    assert win.current_screen().key == "clients"
    wait_idle()


def test_status_bar_shows_user_role_and_pending(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    win = _window(qtbot, client_book, ask_unlock=False)
    wait_idle()
    assert win.status.user.text() == "王晓明 · 客户经理"
    qtbot.waitUntil(lambda: "待上传更改" in win.status.pending.text(), timeout=20000)
    assert int(win.status.pending.text().split("：")[1]) > 0  # the sample clients sit in the outbox
    assert "离线" in win.status.online.text()
    assert win.status.last_sync.text() == "尚未同步"


def test_idle_lock_hides_values_and_passphrase_unlocks(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    win = _window(qtbot, client_book, idle_timeout_ms=600_000)
    screen = win.screens["clients"]
    cid = client_book.sample_ids["张三"]
    win360 = win.open_client(cid)
    qtbot.waitUntil(lambda: win360.data is not None, timeout=20000)
    assert not win.state.locked
    win.idle.set_timeout(100)  # inject a short idle timeout; no input follows
    qtbot.waitUntil(lambda: win.state.locked, timeout=5000)
    assert win.outer.currentWidget() is win.cover
    assert screen.model.rowCount() == 0  # no client value left in any model
    qtbot.waitUntil(lambda: cid not in win.client_windows, timeout=5000)
    dlg = win.unlock_dialog
    assert dlg is not None and dlg.isVisible()
    dlg.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(win.state.lock_changed, timeout=20000) as sig2:
        dlg.try_unlock()
    assert sig2.args == [False]
    assert win.outer.currentWidget() is win.splitter
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0, timeout=20000)
    wait_idle()


def test_ctrl_l_locks(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    win = _window(qtbot, client_book, ask_unlock=False)
    assert win.actions["lock"].shortcut() == QKeySequence("Ctrl+L")
    win.actions["lock"].trigger()
    assert win.state.locked and win.outer.currentWidget() is win.cover
    win.state.set_locked(False)
    assert win.outer.currentWidget() is win.splitter
    wait_idle()


def test_window_layout_is_remembered(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    win = _window(qtbot, client_book, ask_unlock=False)
    win.splitter.setSizes([140, 900])
    sizes = win.splitter.sizes()
    win.close()
    wait_idle()
    win2 = _window(qtbot, client_book, ask_unlock=False)
    assert win2.splitter.sizes()[0] == sizes[0]
    win2.close()
    wait_idle()
    _ = Qt


def test_status_reads_last_sync_and_server(client_book) -> None:  # noqa: ANN001
    from kamdesk.services.status import book_status

    st = book_status(client_book)
    assert st.last_sync_at is None and not st.connected
    client_book.set_meta("sync_server", "https://kamdesk.example-bank.cn")
    client_book.set_meta("sync_last_round", {"at": "2026-03-01T08:30:00+00:00", "pushed": 3})
    st = book_status(client_book)
    assert st.connected and st.last_sync_at is not None and st.last_sync_at.hour == 8


def test_status_bar_probes_server_when_connected(qtbot, client_book, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    import kamdesk.sync.engine as engine

    client_book.set_meta("sync_server", "http://127.0.0.1:9")
    monkeypatch.setattr(engine.SyncEngine, "online", lambda self: True)
    win = _window(qtbot, client_book, ask_unlock=False)
    qtbot.waitUntil(lambda: win.status.online.text() == "在线", timeout=20000)
    monkeypatch.setattr(engine.SyncEngine, "online", lambda self: False)
    win.status.refresh()
    qtbot.waitUntil(lambda: win.status.online.text() == "离线", timeout=20000)
    wait_idle()


def test_input_postpones_the_idle_lock(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QEvent, QKeyEvent

    win = _window(qtbot, client_book, ask_unlock=False, idle_timeout_ms=600_000)
    win.idle.set_timeout(1500)
    deadline_hits: list[bool] = []
    # keep "typing" for a while: every key restarts the countdown, so no lock
    for _ in range(5):
        win.idle.eventFilter(win, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))
        qtbot.waitUntil(lambda: not win.idle._active, timeout=5000)  # the poll has restarted the countdown
        deadline_hits.append(win.state.locked)
    assert deadline_hits == [False] * 5
    qtbot.waitUntil(lambda: win.state.locked, timeout=5000)  # then idle: it locks
    wait_idle()


def test_language_switch_rebuilds_the_window(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.common.i18n import language
    from kamdesk.ui.app import apply_language
    from kamdesk.ui.qt import QApplication

    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.state import AppState

    win = MainWindow(AppState(client_book), ask_unlock=False)  # not handed to qtbot: it is deleted here
    win.show()
    win.show_screen("pipeline")
    try:
        new = win.set_language("en")
        qtbot.addWidget(new)
        assert language() == "en"
        assert new.nav.item(0).text() == "Today" and new.current_screen().key == "pipeline"
        assert new.state is win.state and new.status.user.text().endswith("Relationship manager")
    finally:
        apply_language(QApplication.instance(), "zh_CN")
    wait_idle()
