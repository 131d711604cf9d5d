"""Unlocking a client file: the passphrase dialog (also used to unlock after an idle lock),
"remember on this device" through the OS keyring, and clear messages for a wrong passphrase,
a lockout, a corrupt file (with its backup offered) and a missing file."""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

from kamdesk.common.errors import CorruptFile, FileMissing, KamdeskError, LockedOut, RetryLater, WrongPassphrase
from kamdesk.common.i18n import _
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)


def keyring_available() -> bool:
    """Whether a secure OS keyring backend exists (slow to discover: call it on a worker)."""
    try:
        from kamdesk.security.vault import KeyringCache

        return KeyringCache().available()
    except Exception:
        return False


def restore_backup(path: Path, backup: Path) -> Path:
    """Put the corrupt file aside and copy the backup in its place (same file key). Worker only."""
    aside = path.with_name(path.name + f".corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
    if path.exists():
        path.rename(aside)
    shutil.copy2(backup, path)
    os.chmod(path, 0o600)
    return aside


def warm(book: Any) -> None:
    """On the worker that opened the book, before the main window: compile the client 360's queries
    (kamdesk.services.warmup), so the first 360 the user opens does not stall the event loop."""
    from kamdesk.services.warmup import warm_up

    warm_up(book)


class UnlockDialog(QDialog):
    """Open `path` (mode "open") or confirm the passphrase of an already open book after an
    idle lock (mode "relock", `book` given). On success `self.book` holds the open Book."""

    def __init__(self, path: Path | str, parent: QWidget | None = None, *, book: Any = None,
                 try_keyring: bool = True) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.relock = book is not None
        self.book: Any = book
        self._retry_until = 0.0
        self._backup: str | None = None
        self._busy = False
        self.setObjectName("unlockDialog")
        self.setWindowTitle(_("已锁定 — KAMDesk") if self.relock else _("打开客户文件 — KAMDesk"))
        self.setMinimumWidth(460)

        title = QLabel(_("工作台已锁定，请输入口令继续。") if self.relock else _("请输入客户文件的口令。"))
        title.setWordWrap(True)
        title.setObjectName("unlockTitle")
        file_label = QLabel(str(self.path))
        file_label.setObjectName("unlockFile")
        file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_label.setWordWrap(True)
        if book is not None:
            who = QLabel(_("用户：{u}").format(u=book.user.display_name))
        else:
            who = None

        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(_("口令"))
        self.passphrase.textChanged.connect(self._update_buttons)

        self.remember = QCheckBox(_("在此设备上记住"))
        self.remember.setObjectName("remember")
        self.remember.setEnabled(False)
        self.remember_note = QLabel(_("正在检查系统密钥环…"))
        self.remember_note.setObjectName("rememberNote")
        self.remember_note.setWordWrap(True)
        self.remember_note.setStyleSheet("color: palette(mid);")

        self.message = QLabel("")
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()

        self.restore_button = QPushButton(_("从备份恢复"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.hide()
        self.restore_button.clicked.connect(self._restore)

        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(_("解锁") if self.relock else _("打开"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        quit_text = _("退出程序") if self.relock else _("取消")
        self.cancel_button = self.buttons.addButton(quit_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(_("文件："), file_label)
        if who is not None:
            form.addRow(who)
        form.addRow(_("口令："), self.passphrase)
        if not self.relock:
            form.addRow("", self.remember)
            form.addRow("", self.remember_note)
        else:
            self.remember.hide()
            self.remember_note.hide()
        lay = QVBoxLayout(self)
        lay.addWidget(title)
        lay.addLayout(form)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        lay.addLayout(row)

        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._countdown)
        self._update_buttons()
        if not self.relock:
            self._check_file_and_keyring(try_keyring)

    # -- start-up checks ---------------------------------------------------------------------
    def _check_file_and_keyring(self, try_keyring: bool) -> None:
        if not self.path.exists():
            self._show(FileMissing(_("客户文件不存在：{p}").format(p=self.path)))
            self.passphrase.setEnabled(False)
            self._update_buttons()
            return
        path = self.path

        def probe() -> tuple[bool, Any]:
            from kamdesk.services.book import make_vault, open_book

            available = keyring_available()
            book = None
            if try_keyring and available:
                try:
                    vault = make_vault(path)
                    if vault.exists() and vault.remembered():
                        book = open_book(path, None, vault=vault)
                        warm(book)
                except KamdeskError:
                    book = None  # the keyring changed or forgot the key: ask for the passphrase
            return available, book

        Op(probe, parent=self).success(self._probed).failure(lambda exc: self._probed((False, None))).run()

    def _probed(self, result: tuple[bool, Any]) -> None:
        available, book = result
        if book is not None:
            self.book = book
            self.accept()
            return
        self.remember.setEnabled(available)
        if available:
            self.remember_note.setText(_("口令保护的密钥将保存在系统密钥环中，下次无需输入口令。"))
        else:
            self.remember_note.setText(_("此设备没有可用的系统密钥环，“在此设备上记住”不可用。每次打开都需要输入口令。"))

    # -- unlocking ---------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        waiting = time.monotonic() < self._retry_until
        self.unlock_button.setEnabled(bool(self.passphrase.text()) and not waiting and not self._busy
                                      and self.passphrase.isEnabled())

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        pw = self.passphrase.text()
        self._busy = True
        self._update_buttons()
        self.message.hide()
        if self.relock:
            vault = self.book.vault

            def check() -> Any:
                vault.unlock(pw)
                return self.book

            fn = check
        else:
            path, remember = self.path, self.remember.isChecked() and self.remember.isEnabled()

            def open_it() -> Any:
                from kamdesk.services.book import open_book

                book = open_book(path, pw)
                warm(book)
                if remember:
                    try:
                        book.remember_on_device()
                    except KamdeskError:
                        pass  # still open; the note explains the keyring is unavailable
                return book

            fn = open_it
        Op(fn, parent=self, name="unlock").success(self._unlocked).failure(self._failed).run()

    def _unlocked(self, book: Any) -> None:
        self._busy = False
        self.passphrase.clear()
        self.book = book
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.passphrase.selectAll()
        self._show(exc)
        self._update_buttons()

    def _show(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc))
        self.message.show()
        if isinstance(exc, WrongPassphrase) and exc.retry_after > 0:
            self._wait(exc.retry_after)
        elif isinstance(exc, RetryLater):
            self._wait(exc.seconds)
        elif isinstance(exc, LockedOut):
            self.passphrase.setEnabled(False)
        elif isinstance(exc, CorruptFile):
            self.passphrase.setEnabled(False)
            self._backup = exc.backup
            self.restore_button.setVisible(bool(exc.backup))

    def _wait(self, seconds: float) -> None:
        self._retry_until = time.monotonic() + seconds
        self._tick.start()
        self._countdown()

    def _countdown(self) -> None:
        left = self._retry_until - time.monotonic()
        if left <= 0:
            self._tick.stop()
            self.unlock_button.setText(_("解锁") if self.relock else _("打开"))
        else:
            self.unlock_button.setText(_("{s} 秒后可重试").format(s=int(left + 0.999)))
        self._update_buttons()

    def _restore(self) -> None:
        if not self._backup:
            return
        path, backup = self.path, Path(self._backup)

        def done(_aside: Any) -> None:
            self.restore_button.hide()
            self.passphrase.setEnabled(True)
            self.message.setText(_("已从备份恢复，损坏的文件已另存。请输入口令打开。"))
            self.message.setStyleSheet("color: palette(text);")
            self._update_buttons()

        Op(lambda: restore_backup(path, backup), parent=self, write=True).success(done).run()

    def reject(self) -> None:
        self.passphrase.clear()
        super().reject()
