"""After an administrator's reset (approved by a second administrator) the Sync screen asks the
user to sign in again; the user enrols with the one-time secret and signs in with their own
password: the round succeeds and the rotated key arrives (no password the administrator knew
ever signs in). The 修改同步口令 dialog changes the password (against the real server on
loopback); a wrong current password, a too-short new one or an unreachable server give a clear
message and lose nothing."""
from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import func, select

from kamdesk.models import DomainKeyRecord, Outbox
from tests.ui.conftest import ui_env  # noqa: F401  (the GUI tests' offscreen app, font, language, runner)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ENROLLED = "enrolled-pw-1"
OWN = "my-own-pw-2026"


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
    """The administrators reset the account (and rotate a key); the next round asks to sign in;
    the user enrols with the secret, signs in with that password, and the round completes."""
    from kamdesk.server import admin
    from kamdesk.sync.enrol import enrol
    from tests.sync.test_security_password_reset import reset_approved

    secret = reset_approved(srv, book.user.username)
    with srv.state.store.write() as conn:
        admin.rotate_key(conn, srv.state.keys, "C2-FIN")
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        qtbot.mouseClick(screen.sync_button, qtbot_left())
    assert sig.args == [False]  # the session ended with the reset
    enrol(srv.url, book.user.username, secret, ENROLLED)
    login = screen.login_dialog
    qtbot.keyClicks(login.username, book.user.username)
    qtbot.keyClicks(login.password, ENROLLED)
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        login.accept()
    assert sig.args == [True], screen.message.text()
    wait_idle()


def qtbot_left() -> Any:
    from kamdesk.ui.qt import Qt

    return Qt.MouseButton.LeftButton


@pytest.fixture
def wait_idle(qtbot: Any) -> Any:
    from kamdesk.ui.ops import runner

    return lambda: qtbot.waitUntil(lambda: runner().active == 0, timeout=20000)


def test_reset_enrol_and_sign_in_bring_the_keys_then_the_dialog_changes_the_password(
        qtbot: Any, any_bank: Any, connect: Any, wait_idle: Any) -> None:
    srv, users = any_bank
    book = connect(srv, users, "rm11")
    before = _key_versions(book, "C2-FIN")
    screen = _screen(qtbot, book)
    screen.activate()
    wait_idle()
    assert not screen.banner.isVisible() and screen.password_button.isEnabled()
    _reset_and_sign_in_again(qtbot, srv, book, screen, wait_idle)
    assert max(_key_versions(book, "C2-FIN")) > max(before)  # the rotated key arrived at once
    assert not screen.banner.isVisible()

    qtbot.mouseClick(screen.password_button, qtbot_left())
    dlg = screen.password_dialog
    assert dlg.isVisible() and "至少 8 个字符" in dlg.rules.text()
    _type(qtbot, dlg, ENROLLED, OWN)
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:  # change, keys, then a round
        qtbot.mouseClick(dlg.ok, qtbot_left())
    assert sig.args == [True], screen.message.text()
    assert not dlg.isVisible()
    assert dlg.current.text() == dlg.new.text() == dlg.repeat.text() == ""  # nothing kept
    assert "同步口令已修改" in screen.message.text() and "同步完成" in screen.message.text()
    wait_idle()

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
        s.get(Client, cid).notes = "typed before the change"
    pending, keys = _outbox(book), _key_versions(book, "C2-FIN")

    qtbot.mouseClick(screen.password_button, qtbot_left())
    dlg = screen.password_dialog
    _type(qtbot, dlg, ENROLLED, "short", "shorter")  # checked before sending
    assert dlg.submit() is None
    assert "至少需要 8 个字符" in dlg.message.text() and "不一致" in dlg.message.text()

    _type(qtbot, dlg, "not-the-current-pw", OWN)
    assert dlg.submit() is not None
    qtbot.waitUntil(lambda: "当前口令不正确" in dlg.message.text(), timeout=20000)
    assert dlg.isVisible() and dlg.current.text() == "" and dlg.new.text() == OWN  # only the wrong one is gone
    assert _outbox(book) == pending and _key_versions(book, "C2-FIN") == keys  # nothing lost
    with book.session_scope() as s:
        assert s.get(Client, cid).notes == "typed before the change"
    dlg.reject()
    assert dlg.new.text() == ""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    offline = PasswordDialog(book, forced=True, engine_kw={"transport": httpx.MockTransport(refuse),
                                                          "sleep": lambda _s: None})
    qtbot.addWidget(offline)
    offline.show()
    _type(qtbot, offline, ENROLLED, OWN)
    offline.submit()
    qtbot.waitUntil(lambda: "无法连接同步服务器" in offline.message.text(), timeout=20000)
    assert offline.current.text() == ENROLLED and offline.ok.isEnabled()  # try again when online
    offline.reject()
    assert offline.current.text() == ""

    # the enrolled password still works: the server was not changed by any of this
    from kamdesk.sync.engine import SyncEngine

    eng = SyncEngine(book)
    try:
        eng.login(book.user.username, ENROLLED)
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
