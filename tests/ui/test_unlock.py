"""Unlock dialog: wrong then right passphrase, delay, lockout, corrupt file with backup, missing file."""
from __future__ import annotations

from pathlib import Path

from tests.conftest import PASSPHRASE


def _skip_delay(path: Path) -> None:
    """Let the retry delay pass: in the sidecar and in the failure ledger (editing the sidecar
    alone no longer skips it, by design)."""
    import json

    from kamdesk.security.failures import FailureLedger, FailureState
    from kamdesk.security.vault import KeyringCache, sidecar_path

    side = sidecar_path(path)
    data = json.loads(side.read_text("utf-8"))
    data["not_before"] = 0.0
    side.write_text(json.dumps(data), "utf-8")
    ledger = FailureLedger(keyring_cache=KeyringCache())  # both places the vault reads (file, OS keyring)
    state = ledger.read(data["file_id"])
    ledger.write(data["file_id"], FailureState(state.failures, 0.0, state.destroyed))


def _make_file(make_book) -> Path:  # noqa: ANN001
    b = make_book("rm")
    path = b.path
    b.close()
    return path


def test_wrong_then_right_passphrase(qtbot, make_book, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    from kamdesk.ui.unlock import UnlockDialog

    path = _make_file(make_book)
    dlg = UnlockDialog(path, try_keyring=False)
    qtbot.addWidget(dlg)
    wait_idle()
    assert "密钥环" in dlg.remember_note.text()  # headless: the note explains why it is unavailable
    dlg.passphrase.setText("wrong-passphrase")
    dlg.try_unlock()
    qtbot.waitUntil(lambda: dlg.message.isVisible() or dlg.message.text() != "")
    assert "口令不正确" in dlg.message.text() and "4" in dlg.message.text()
    assert not dlg.unlock_button.isEnabled()  # the growing delay: wait before the next try
    assert "秒后可重试" in dlg.unlock_button.text()
    _skip_delay(path)  # the delay itself is the vault's (tested there); let the time pass
    dlg._retry_until = 0
    dlg._countdown()
    dlg.passphrase.setText(PASSPHRASE)
    assert dlg.unlock_button.isEnabled()
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.try_unlock()
    assert dlg.book is not None and dlg.book.user.username == "wangxm"
    assert dlg.passphrase.text() == ""
    dlg.book.close()


def test_lockout_message(qtbot, make_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.common.errors import LockedOut
    from kamdesk.ui.unlock import UnlockDialog

    path = _make_file(make_book)
    dlg = UnlockDialog(path, try_keyring=False)
    qtbot.addWidget(dlg)
    wait_idle()
    dlg._failed(LockedOut())
    assert "密钥已销毁" in dlg.message.text()
    assert not dlg.passphrase.isEnabled() and not dlg.unlock_button.isEnabled()


def test_corrupt_file_offers_backup_and_restores(qtbot, make_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.unlock import UnlockDialog

    b = make_book("rm")
    path = b.path
    b.backup()
    b.close()
    path.write_bytes(b"\0" * 4096 + path.read_bytes()[4096:8192])  # wreck the file
    dlg = UnlockDialog(path, try_keyring=False)
    qtbot.addWidget(dlg)
    wait_idle()
    dlg.passphrase.setText(PASSPHRASE)
    dlg.try_unlock()
    wait_idle()
    assert "已损坏" in dlg.message.text()
    assert dlg.restore_button.isVisibleTo(dlg)
    dlg.restore_button.click()
    wait_idle()
    assert "已从备份恢复" in dlg.message.text()
    dlg.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.try_unlock()
    dlg.book.close()


def test_missing_file(qtbot, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.ui.unlock import UnlockDialog

    dlg = UnlockDialog(tmp_path / "nope.kdb", try_keyring=False)
    qtbot.addWidget(dlg)
    assert "不存在" in dlg.message.text()
    assert not dlg.unlock_button.isEnabled()


def test_relock_checks_passphrase_of_open_book(qtbot, book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.unlock import UnlockDialog

    dlg = UnlockDialog(book.path, book=book)
    qtbot.addWidget(dlg)
    dlg.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.try_unlock()
    assert dlg.book is book


def test_remember_on_device_then_open_without_passphrase(qtbot, make_book, wait_idle, monkeypatch) -> None:  # noqa: ANN001
    """With a (fake, in-memory) secure keyring backend, "remember" stores the file key and the next
    start opens the file without asking."""
    import keyring

    from kamdesk.security.vault import KeyringCache
    from kamdesk.ui.unlock import UnlockDialog

    store: dict[tuple[str, str], str] = {}
    monkeypatch.setattr(KeyringCache, "backend_name", lambda self: "tests.FakeSecretService")
    monkeypatch.setattr(keyring, "set_password", lambda svc, acc, pw: store.__setitem__((svc, acc), pw))
    monkeypatch.setattr(keyring, "get_password", lambda svc, acc: store.get((svc, acc)))
    monkeypatch.setattr(keyring, "delete_password", lambda svc, acc: store.pop((svc, acc), None))
    path = _make_file(make_book)
    dlg = UnlockDialog(path)
    qtbot.addWidget(dlg)
    wait_idle()
    assert dlg.remember.isEnabled() and "系统密钥环" in dlg.remember_note.text()
    dlg.remember.setChecked(True)
    dlg.passphrase.setText(PASSPHRASE)
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.try_unlock()
    dlg.book.close()
    assert len(store) == 1
    again = UnlockDialog(path)
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.accepted, timeout=20000):
        pass  # the keyring probe opens it, no passphrase typed
    assert again.book is not None and again.book.user.username == "wangxm"
    again.book.close()
