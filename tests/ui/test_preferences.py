"""设置: language, start screen and search delay saved; the file passphrase changed from the
desktop (wrong current passphrase: a clear message, nothing changed); "remember on this device"."""
from __future__ import annotations

import pytest

from kamdesk.common.errors import WrongPassphrase
from kamdesk.services.book import open_book
from kamdesk.ui import settings
from tests.support import PASSPHRASE

NEW = "a-new-passphrase-2026"


def _prefs(qtbot, win):  # noqa: ANN001, ANN202
    win.actions["preferences"].trigger()
    dlg = win.preferences_dialog
    assert dlg.isVisible()
    return dlg


def test_choices_are_saved_and_a_new_language_rebuilds_the_window(qtbot, client_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.app import apply_language
    from kamdesk.ui.mainwindow import MainWindow
    from kamdesk.ui.qt import QApplication
    from kamdesk.ui.state import AppState

    win = MainWindow(AppState(client_book), ask_unlock=False)  # not handed to qtbot: the switch deletes it
    win.show()
    try:
        dlg = _prefs(qtbot, win)
        dlg.start_screen.setCurrentIndex(dlg.start_screen.findData("today"))
        dlg.search_delay.setValue(300)
        dlg.language.setCurrentIndex(dlg.language.findData("en"))
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
        assert settings.START_SCREEN.get() == "today" and settings.SEARCH_DELAY_MS.get() == 300
        assert settings.LANGUAGE.get() == "en"
        new = win.state.window
        qtbot.addWidget(new)
        assert new is not win and new.nav.item(1).text() == "Clients"
    finally:
        apply_language(QApplication.instance(), "zh_CN")
    wait_idle()


def test_change_the_file_passphrase(qtbot, book, window_in, wait_idle) -> None:  # noqa: ANN001
    import json

    now = [1_000_000.0]
    book.vault._clock = lambda: now[0]  # the growing delay after a wrong passphrase, without waiting
    win = window_in(book)
    dlg = _prefs(qtbot, win).change_passphrase()
    dlg.current.setText(PASSPHRASE)
    dlg.new.setText("short")
    dlg.repeat.setText("short")
    assert dlg.submit() is None and "8" in dlg.message.text()  # the rule, before anything runs
    wrapped = json.loads(book.vault.path.read_text("utf-8"))["wrapped"]
    dlg.current.setText("not the passphrase")
    dlg.new.setText(NEW)
    dlg.repeat.setText(NEW)
    dlg.submit()
    qtbot.waitUntil(lambda: dlg.op is None, timeout=20000)
    assert "口令不正确" in dlg.message.text() and dlg.current.text() == "" and dlg.new.text() == NEW
    assert json.loads(book.vault.path.read_text("utf-8"))["wrapped"] == wrapped  # nothing changed
    now[0] += 60
    dlg.current.setText(PASSPHRASE)
    with qtbot.waitSignal(dlg.changed, timeout=20000):
        dlg.submit()
    assert not dlg.isVisible() and dlg.new.text() == ""  # no secret outlives the dialog
    assert "新口令" in win.preferences_dialog.message.text()
    open_book(book.path, NEW).close()
    with pytest.raises(WrongPassphrase):
        open_book(book.path, PASSPHRASE).close()
    wait_idle()


class _MemoryKeyring:
    """A secure-looking keyring backend in memory (the real Secret Service is tested elsewhere)."""

    def __init__(self) -> None:
        self.secrets: dict[str, bytes] = {}

    def backend_name(self) -> str:
        return "memory.Keyring"

    def available(self) -> bool:
        return True

    def store(self, account: str, secret: bytes) -> None:
        self.secrets[account] = secret

    def load(self, account: str) -> bytes | None:
        return self.secrets.get(account)

    def forget(self, account: str) -> None:
        self.secrets.pop(account, None)


def test_remember_on_this_device_and_forget(qtbot, book, window_in, wait_idle) -> None:  # noqa: ANN001
    memory = _MemoryKeyring()
    book.vault._keyring = memory
    win = window_in(book)
    dlg = _prefs(qtbot, win)
    assert dlg.remember.isEnabled() and not dlg.remember.isChecked()
    dlg.remember.setChecked(True)
    qtbot.waitUntil(lambda: dlg.remember.isEnabled(), timeout=20000)
    assert book.remembered_on_device() and memory.secrets and "记住" in dlg.message.text()
    dlg.remember.setChecked(False)
    qtbot.waitUntil(lambda: dlg.remember.isEnabled(), timeout=20000)
    assert not book.remembered_on_device() and not memory.secrets
    wait_idle()


def test_without_a_keyring_remembering_is_off_and_says_why(qtbot, book, window_in, wait_idle,  # noqa: ANN001
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(type(book), "can_remember_on_device", lambda self: False)
    dlg = _prefs(qtbot, window_in(book))
    assert not dlg.remember.isEnabled() and "密钥环" in dlg.remember.toolTip()
    assert "分钟" in dlg.findChild(type(dlg.message), "prefIdleLock").text()
    wait_idle()


def test_locking_closes_the_dialogs(qtbot, book, window_in, wait_idle) -> None:  # noqa: ANN001
    win = window_in(book)
    dlg = _prefs(qtbot, win)
    pw = dlg.change_passphrase()
    pw.current.setText(PASSPHRASE)
    win.lock()
    assert not dlg.isVisible() and not pw.isVisible() and pw.current.text() == ""
    wait_idle()
