"""After an administrator resets a user's password, the Sync screen says so in a banner, and the
user sets their own password in the 修改同步口令 dialog (against the real server on loopback):
the next round succeeds and the withheld keys arrive. A wrong current password, a too-short new
one or an unreachable server give a clear message and lose nothing."""
from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kamdesk.models import DomainKeyRecord, Outbox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TEMPORARY = "temporary-pw-1"
OWN = "my-own-pw-2026"


@pytest.fixture(autouse=True)
def ui_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp: Any) -> Iterator[None]:
    from kamdesk.common.i18n import set_language
    from kamdesk.ui.ops import runner

    monkeypatch.setenv("KAMDESK_CONFIG_DIR", str(tmp_path / "config"))
    set_language("zh_CN")
    runner().inline = False
    yield
    runner().wait_for_done(20000)
    qapp.processEvents()


def _key_versions(book: Any, domain: str) -> set[int]:
    with book.session_scope() as s:
        return set(s.scalars(select(DomainKeyRecord.version).where(DomainKeyRecord.domain == domain)))


def _outbox(book: Any) -> int:
    with book.session_scope() as s:
        return s.scalar(select(func.count()).select_from(Outbox)) or 0


def _screen(qtbot: Any, book: Any) -> Any:
    from kamdesk.ui.screens.sync import SyncScreen
    from kamdesk.ui.state import AppState

    screen = SyncScreen(AppState(book))
    qtbot.addWidget(screen)
    screen.resize(1000, 700)
    screen.show()
    return screen


def _type(qtbot: Any, dlg: Any, current: str, new: str, repeat: str | None = None) -> None:
    for field, text in ((dlg.current, current), (dlg.new, new), (dlg.repeat, new if repeat is None else repeat)):
        field.clear()
        qtbot.keyClicks(field, text)


def _reset_and_sign_in_again(qtbot: Any, srv: Any, book: Any, screen: Any, wait_idle: Any) -> None:
    """The administrator resets the password (and rotates a key); the next round asks to sign in,
    the user signs in with the temporary password, the round completes and the banner shows."""
    from kamdesk.server import admin

    with srv.state.store.write() as conn:
        admin.reset_password(conn, book.user.username, TEMPORARY)
        admin.rotate_key(conn, srv.state.keys, "C2-FIN")
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        qtbot.mouseClick(screen.sync_button, qtbot_left())
    assert sig.args == [False]  # the session ended with the reset
    login = screen.login_dialog
    qtbot.keyClicks(login.username, book.user.username)
    qtbot.keyClicks(login.password, TEMPORARY)
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        login.accept()
    assert sig.args == [True], screen.message.text()
    qtbot.waitUntil(lambda: screen.banner.isVisible(), timeout=20000)
    wait_idle()


def qtbot_left() -> Any:
    from kamdesk.ui.qt import Qt

    return Qt.MouseButton.LeftButton


@pytest.fixture
def wait_idle(qtbot: Any) -> Any:
    from kamdesk.ui.ops import runner

    return lambda: qtbot.waitUntil(lambda: runner().active == 0, timeout=20000)


def test_reset_banner_then_own_password_in_the_dialog_brings_the_keys(
        qtbot: Any, any_bank: Any, connect: Any, wait_idle: Any) -> None:
    srv, users = any_bank
    book = connect(srv, users, "rm11")
    before = _key_versions(book, "C2-FIN")
    screen = _screen(qtbot, book)
    screen.activate()
    wait_idle()
    assert not screen.banner.isVisible() and screen.password_button.isEnabled()

    from kamdesk.ui.statusbar import StatusBar

    bar = StatusBar(screen.state)
    qtbot.addWidget(bar)
    _reset_and_sign_in_again(qtbot, srv, book, screen, wait_idle)
    qtbot.waitUntil(lambda: not bar.password.isHidden(), timeout=20000)  # the status bar says it too
    from kamdesk.ui.qt import QLabel

    assert "管理员已重置您的同步口令" in screen.findChild(QLabel, "passwordBannerText").text()
    assert _key_versions(book, "C2-FIN") == before  # withheld: the new version has not arrived

    qtbot.mouseClick(screen.banner_button, qtbot_left())
    dlg = screen.password_dialog
    assert dlg.isVisible() and "至少 8 个字符" in dlg.rules.text()
    _type(qtbot, dlg, TEMPORARY, OWN)
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:  # change, keys, then a round
        qtbot.mouseClick(dlg.ok, qtbot_left())
    assert sig.args == [True], screen.message.text()
    assert not dlg.isVisible()
    assert dlg.current.text() == dlg.new.text() == dlg.repeat.text() == ""  # nothing kept
    assert "同步口令已修改" in screen.message.text() and "同步完成" in screen.message.text()
    assert max(_key_versions(book, "C2-FIN")) > max(before)  # the rotated key arrived
    wait_idle()
    assert not screen.banner.isVisible()
    qtbot.waitUntil(lambda: bar.password.isHidden(), timeout=20000)

    # the next round succeeds and the server hands out keys again; the new password signs in
    from kamdesk.sync.engine import SyncEngine

    eng = SyncEngine(book)
    try:
        assert eng.sync_round().rejected == []
        assert eng.fetch_keys() > 0
        eng.login(book.user.username, OWN)
    finally:
        eng.close()


def test_wrong_current_password_too_short_and_offline_say_so_and_lose_nothing(
        qtbot: Any, bank: Any, connect: Any, wait_idle: Any) -> None:
    import httpx

    from kamdesk.models import Client
    from kamdesk.ui.password import PasswordDialog
    from tests.sync.test_engine import own_client

    srv, users = bank
    book = connect(srv, users, "rm11")
    screen = _screen(qtbot, book)
    _reset_and_sign_in_again(qtbot, srv, book, screen, wait_idle)
    cid = own_client(book)
    with book.session_scope(write=True) as s:
        s.get(Client, cid).notes = "typed while the password was reset"
    pending, keys = _outbox(book), _key_versions(book, "C2-FIN")

    qtbot.mouseClick(screen.banner_button, qtbot_left())
    dlg = screen.password_dialog
    _type(qtbot, dlg, TEMPORARY, "short", "shorter")  # checked before sending
    assert dlg.submit() is None
    assert "至少需要 8 个字符" in dlg.message.text() and "不一致" in dlg.message.text()

    _type(qtbot, dlg, "not-the-temporary-pw", OWN)
    assert dlg.submit() is not None
    qtbot.waitUntil(lambda: "当前口令不正确" in dlg.message.text(), timeout=20000)
    assert dlg.isVisible() and dlg.current.text() == "" and dlg.new.text() == OWN  # only the wrong one is gone
    assert screen.banner.isVisible()
    assert _outbox(book) == pending and _key_versions(book, "C2-FIN") == keys  # nothing lost
    with book.session_scope() as s:
        assert s.get(Client, cid).notes == "typed while the password was reset"
    dlg.reject()
    assert dlg.new.text() == ""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    offline = PasswordDialog(book, forced=True, engine_kw={"transport": httpx.MockTransport(refuse),
                                                          "sleep": lambda _s: None})
    qtbot.addWidget(offline)
    offline.show()
    _type(qtbot, offline, TEMPORARY, OWN)
    offline.submit()
    qtbot.waitUntil(lambda: "无法连接同步服务器" in offline.message.text(), timeout=20000)
    assert offline.current.text() == TEMPORARY and offline.ok.isEnabled()  # try again when online
    offline.reject()
    assert offline.current.text() == ""

    # the temporary password still works: the server was not changed by any of this
    from kamdesk.sync.engine import SyncEngine

    eng = SyncEngine(book)
    try:
        eng.login(book.user.username, TEMPORARY)
    finally:
        eng.close()


def test_the_dialog_rules_agree_with_the_server() -> None:
    from kamdesk.common.errors import KamdeskError
    from kamdesk.server.auth import hash_password
    from kamdesk.services.password import MIN_PASSWORD, password_problems

    with pytest.raises(KamdeskError):
        hash_password("x" * (MIN_PASSWORD - 1))
    hash_password("x" * MIN_PASSWORD)
    assert password_problems("old-password", "x" * (MIN_PASSWORD - 1), "x" * (MIN_PASSWORD - 1))
    assert password_problems("same-password", "same-password", "same-password")
    assert password_problems("", "x" * MIN_PASSWORD, "x" * MIN_PASSWORD)
    assert password_problems("old-password", "x" * MIN_PASSWORD, "x" * MIN_PASSWORD) == []
