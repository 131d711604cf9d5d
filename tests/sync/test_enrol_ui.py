"""Issue 10, hole 2 on the desktop: a new (or reset) account has no password until the user sets
their own with the administrator's one-time enrolment secret, from the sign-in dialog or the
first-run server page (against the real server on loopback). A wrong secret says so, clears only
the secret and loses nothing; the new password then signs in."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest

from kamdesk.sync import keywrap
from tests.ui.conftest import ui_env  # noqa: F401  (the GUI tests' offscreen app, font, language, runner)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OWN = "newrm-own-pw-2026"


def _type(qtbot: Any, field: Any, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def _new_account(srv: Any) -> str:
    from kamdesk.server import approvals

    policy = srv.state.policy
    with srv.state.store.write() as conn:
        aid = approvals.create_user(conn, policy, actor="admin", username="newrm", role="rm",
                                    team="公司业务一部").approval.id
        return approvals.approve(conn, policy, aid, actor="admin2").enrolment.enrolment_secret


def _login(srv: Any, password: str) -> int:
    from kamdesk.sync import protocol as p

    _priv, pub = keywrap.new_device_key()
    return httpx.post(srv.url + p.API_PREFIX + "/auth/login", json={
        "username": "newrm", "password": password, "device_public_key": pub}).status_code


def test_enrol_dialog_sets_the_users_own_password(qtbot: Any, bank: Any) -> None:
    from kamdesk.ui.password import EnrolDialog
    from kamdesk.ui.screens.sync import LoginDialog

    srv, _users = bank
    secret = _new_account(srv)
    login = LoginDialog("newrm", server_url=srv.url)
    qtbot.addWidget(login)
    login.show()
    assert not login.enrol_button.isHidden()
    qtbot.mouseClick(login.enrol_button, _left())
    dlg = login.enrol_dialog
    assert isinstance(dlg, EnrolDialog) and dlg.isVisible() and dlg.username.text() == "newrm"

    _type(qtbot, dlg.current, "")
    _type(qtbot, dlg.new, "short")
    _type(qtbot, dlg.repeat, "short")
    assert dlg.submit() is None  # checked before anything is sent
    assert "注册码" in dlg.message.text() and "至少需要 8 个字符" in dlg.message.text()

    _type(qtbot, dlg.current, "not-the-secret")
    _type(qtbot, dlg.new, OWN)
    _type(qtbot, dlg.repeat, OWN)
    assert dlg.submit() is not None
    qtbot.waitUntil(lambda: "注册码不正确" in dlg.message.text(), timeout=20000)
    assert dlg.current.text() == "" and dlg.new.text() == OWN  # only the refused secret is gone

    _type(qtbot, dlg.current, secret)
    with qtbot.waitSignal(dlg.changed, timeout=20000):
        dlg.submit()
    assert not dlg.isVisible() and dlg.current.text() == dlg.new.text() == ""  # nothing kept
    assert _login(srv, OWN) == 200
    assert _login(srv, secret) == 401


def test_without_a_server_the_sign_in_dialog_offers_no_enrolment(qtbot: Any) -> None:
    from kamdesk.ui.screens.sync import LoginDialog

    login = LoginDialog("rm11")
    qtbot.addWidget(login)
    assert login.enrol_button.isHidden()


def _left() -> Any:
    from kamdesk.ui.qt import Qt

    return Qt.MouseButton.LeftButton


def test_first_run_enrols_a_new_user_before_connecting(qtbot: Any, bank: Any, tmp_path: Path) -> None:
    from kamdesk.ui.firstrun import FirstRunDialog

    srv, _users = bank
    secret = _new_account(srv)
    first = FirstRunDialog(tmp_path / "newrm.kdb")
    qtbot.addWidget(first)
    assert first.ask_enrol() is None and "服务器地址" in first.server_note.text()  # the address comes first
    first.server_url.setText(srv.url)
    first.server_user.setText("newrm")
    dlg = first.ask_enrol()
    assert dlg.username.text() == "newrm"
    _type(qtbot, dlg.current, secret)
    _type(qtbot, dlg.new, OWN)
    _type(qtbot, dlg.repeat, OWN)
    with qtbot.waitSignal(dlg.changed, timeout=20000):
        dlg.submit()
    assert "同步口令已设置" in first.server_note.text() and first.server_password.text() == ""
    assert _login(srv, OWN) == 200
