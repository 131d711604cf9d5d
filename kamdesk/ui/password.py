"""修改同步口令: the user sets their own sync password (required after an administrator's reset,
allowed any time). The server's rules are shown and checked before anything is sent; the change
runs on a worker; a refused field is cleared, and every field whenever the dialog closes."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)

ERROR_STYLE = "color: #b3261e;"


def reset_notice() -> str:
    """What the Sync screen's banner and the status bar say after an administrator's reset."""
    return _("管理员已重置您的同步口令。请设置您自己的新口令：在此之前，同步照常进行，"
             "但服务器不会下发新的加密密钥（证件号、财务数据等加密字段可能无法读取）。")


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class PasswordDialog(QDialog):
    """`changed(keys)` fires once the server accepted the new password (keys: domain keys received)."""

    changed = Signal(int)

    def __init__(self, book: Any, *, forced: bool = False, parent: QWidget | None = None,
                 engine_kw: dict[str, Any] | None = None) -> None:
        from kamdesk.services.password import password_rules

        super().__init__(parent)
        self.book = book
        self.engine_kw = engine_kw or {}
        self.op: Op[Any] | None = None
        self.setObjectName("passwordDialog")
        self.setWindowTitle(_("修改同步口令"))
        self.setMinimumWidth(460)
        intro = QLabel(_("管理员重置了您的口令。请输入管理员告知的临时口令，再设置您自己的新口令；"
                         "设置后才能获取加密字段（证件号、财务数据）的密钥。") if forced
                       else _("修改登录同步服务器所用的口令。本机客户文件的口令不受影响。"))
        intro.setObjectName("passwordIntro")
        intro.setWordWrap(True)
        self.current = _secret_field("currentPassword")
        self.new = _secret_field("newPassword")
        self.repeat = _secret_field("repeatPassword")
        form = QFormLayout()
        form.addRow(_("当前口令："), self.current)
        form.addRow(_("新口令："), self.new)
        form.addRow(_("再次输入新口令："), self.repeat)
        self.rules = QLabel("\n".join([_("口令要求："), *(f"• {r}" for r in password_rules())]))
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("passwordMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("修改口令"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.rules)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    def submit(self) -> Op[Any] | None:
        """Check the rules here; send only input that passes them, on a worker."""
        from kamdesk.services.password import change_sync_password, password_problems

        if self.op is not None and not self.op.done:
            return None
        current, new = self.current.text(), self.new.text()
        problems = password_problems(current, new, self.repeat.text())
        if problems:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("\n".join(problems))
            return None
        book, kw = self.book, dict(self.engine_kw)
        self._busy(True)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(_("正在修改口令…"))
        self.op = Op(lambda: change_sync_password(book, current, new, **kw), parent=self, name="change_password") \
            .success(self._done).failure(self._failed).run()
        return self.op

    def _busy(self, busy: bool) -> None:
        for w in (self.current, self.new, self.repeat, self.ok):
            w.setEnabled(not busy)

    def _done(self, keys: int) -> None:
        self.op = None  # its function held the passwords
        self._busy(False)
        self.clear()
        self.changed.emit(keys)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from kamdesk.services.password import WrongCurrentPassword
        from kamdesk.sync.engine import Offline

        self.op = None
        self._busy(False)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(exc))
        if isinstance(exc, Offline):
            return  # nothing was wrong with the input: try again when online
        wrong = [self.current] if isinstance(exc, WrongCurrentPassword) else [self.new, self.repeat]
        for w in wrong:  # only the refused part is cleared
            w.clear()
        wrong[0].setFocus()

    def clear(self) -> None:
        for w in (self.current, self.new, self.repeat):
            w.clear()

    def done(self, result: int) -> None:  # accept, reject, Esc, close: the passwords never outlive the dialog
        self.clear()
        super().done(result)
