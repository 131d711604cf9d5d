"""修改同步口令: the user sets their own sync password (required after an administrator's reset,
allowed any time). The server's rules are shown and checked before anything is sent; the change
runs on a worker; a refused field is cleared, and every field whenever the dialog closes."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kamdesk.common.errors import WrongPassphrase
from kamdesk.common.i18n import _
from kamdesk.ui.dialogs import ok_cancel
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


class ChangeSecretDialog(QDialog):
    """Current secret, the new one twice, the rules shown and checked before anything runs; the
    change runs on a worker; a refused field is cleared, and every field whenever the dialog
    closes. `changed(result)` fires once the change went through. Subclasses say what to check
    (`problems`), what to run (`work`) and which failure means the current secret was wrong."""

    changed = Signal(object)

    def __init__(self, *, name: str, title: str, intro: str, rules: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.op: Op[Any] | None = None
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        intro_label = QLabel(intro)
        intro_label.setObjectName("passwordIntro")
        intro_label.setWordWrap(True)
        self.current = _secret_field("currentPassword")
        self.new = _secret_field("newPassword")
        self.repeat = _secret_field("repeatPassword")
        form = QFormLayout()
        form.addRow(_("当前口令："), self.current)
        form.addRow(_("新口令："), self.new)
        form.addRow(_("再次输入新口令："), self.repeat)
        self.rules = QLabel("\n".join([_("口令要求："), *(f"• {r}" for r in rules)]))
        self.rules.setObjectName("passwordRules")
        self.rules.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("passwordMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = ok_cancel(self, _("修改口令"), self.submit)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        lay = QVBoxLayout(self)
        lay.addWidget(intro_label)
        lay.addLayout(form)
        lay.addWidget(self.rules)
        lay.addWidget(self.message)
        lay.addWidget(self.buttons)

    # -- what a subclass says --------------------------------------------------------------------
    def problems(self, current: str, new: str, repeat: str) -> list[str]:
        raise NotImplementedError

    def work(self, current: str, new: str) -> Callable[[], Any]:
        raise NotImplementedError

    def current_was_wrong(self, exc: BaseException) -> bool:
        return isinstance(exc, WrongPassphrase)

    def input_was_fine(self, exc: BaseException) -> bool:
        """A failure that says nothing about the input (offline): keep every field."""
        return False

    # -- the flow --------------------------------------------------------------------------------
    def submit(self) -> Op[Any] | None:
        """Check the rules here; run only input that passes them, on a worker."""
        if self.op is not None and not self.op.done:
            return None
        current, new = self.current.text(), self.new.text()
        problems = self.problems(current, new, self.repeat.text())
        if problems:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("\n".join(problems))
            return None
        self._busy(True)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(_("正在修改口令…"))
        self.op = Op(self.work(current, new), parent=self, name="change_password") \
            .success(self._done).failure(self._failed).run()
        return self.op

    def _busy(self, busy: bool) -> None:
        for w in (self.current, self.new, self.repeat, self.ok):
            w.setEnabled(not busy)

    def _done(self, result: Any) -> None:
        self.op = None  # its function held the passwords
        self._busy(False)
        self.clear()
        self.changed.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.op = None
        self._busy(False)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(error_text(exc))
        if self.input_was_fine(exc):
            return  # try again later with the same input
        wrong = [self.current] if self.current_was_wrong(exc) else [self.new, self.repeat]
        for w in wrong:  # only the refused part is cleared
            w.clear()
        wrong[0].setFocus()

    def clear(self) -> None:
        for w in (self.current, self.new, self.repeat):
            w.clear()

    def done(self, result: int) -> None:  # accept, reject, Esc, close: the passwords never outlive the dialog
        self.clear()
        super().done(result)


class PasswordDialog(ChangeSecretDialog):
    """修改同步口令. `changed(keys)`: the server accepted the new password (keys: domain keys received)."""

    def __init__(self, book: Any, *, forced: bool = False, parent: QWidget | None = None,
                 engine_kw: dict[str, Any] | None = None) -> None:
        from kamdesk.services.password import password_rules

        self.book = book
        self.engine_kw = engine_kw or {}
        super().__init__(
            name="passwordDialog", title=_("修改同步口令"), rules=password_rules(), parent=parent,
            intro=_("服务器要求您先设置自己的新口令，然后才能获取加密字段（证件号、财务数据）的密钥。") if forced
            else _("修改登录同步服务器所用的口令。本机客户文件的口令不受影响。"))

    def problems(self, current: str, new: str, repeat: str) -> list[str]:
        from kamdesk.services.password import password_problems

        return password_problems(current, new, repeat)

    def work(self, current: str, new: str) -> Callable[[], Any]:
        from kamdesk.services.password import change_sync_password

        book, kw = self.book, dict(self.engine_kw)
        return lambda: change_sync_password(book, current, new, **kw)

    def current_was_wrong(self, exc: BaseException) -> bool:
        from kamdesk.services.password import WrongCurrentPassword

        return isinstance(exc, WrongCurrentPassword)

    def input_was_fine(self, exc: BaseException) -> bool:
        from kamdesk.sync.engine import Offline

        return isinstance(exc, Offline)


class EnrolDialog(ChangeSecretDialog):
    """使用注册码设置同步口令: a new account, or one an administrator reset, has no password until
    the user turns the one-time enrolment secret into their own. `changed(None)` once it is set."""

    def __init__(self, server_url: str, username: str = "", parent: QWidget | None = None,
                 enrol_kw: dict[str, Any] | None = None) -> None:
        from kamdesk.services.password import password_rules

        self.server_url = server_url
        self.enrol_kw = enrol_kw or {}
        super().__init__(
            name="enrolDialog", title=_("使用注册码设置同步口令"), rules=password_rules()[::2], parent=parent,
            intro=_("新账户或口令被重置后，管理员会当面交给您一次性注册码。输入它并设置您自己的同步口令："
                    "管理员不会知道这个口令。设置后请用新口令登录。"))
        self.username = QLineEdit(username)
        self.username.setObjectName("enrolUsername")
        form = self.findChild(QFormLayout)
        form.insertRow(0, _("用户名："), self.username)
        label = form.labelForField(self.current)
        if isinstance(label, QLabel):
            label.setText(_("注册码："))
        self.current.setObjectName("enrolmentSecret")
        self.ok.setText(_("设置口令"))

    def problems(self, current: str, new: str, repeat: str) -> list[str]:
        from kamdesk.services.password import enrolment_problems

        return ([] if self.username.text().strip() else [_("请输入用户名。")]) + enrolment_problems(current, new, repeat)

    def work(self, current: str, new: str) -> Callable[[], Any]:
        from kamdesk.services.password import enrol_sync_password

        url, user, kw = self.server_url, self.username.text().strip(), dict(self.enrol_kw)
        return lambda: enrol_sync_password(url, user, current, new, **kw)

    def current_was_wrong(self, exc: BaseException) -> bool:
        from kamdesk.services.password import WrongEnrolmentSecret

        return isinstance(exc, WrongEnrolmentSecret)

    def input_was_fine(self, exc: BaseException) -> bool:
        from kamdesk.sync.engine import Offline

        return isinstance(exc, Offline)


class PassphraseDialog(ChangeSecretDialog):
    """修改本机口令: the passphrase that opens the client file on this device."""

    def __init__(self, book: Any, parent: QWidget | None = None) -> None:
        from kamdesk.services.password import passphrase_rules

        self.book = book
        super().__init__(name="passphraseDialog", title=_("修改本机口令"), rules=passphrase_rules(), parent=parent,
                         intro=_("修改打开本机客户文件所用的口令：只重新加密文件密钥，客户数据不变。"
                                 "当前口令输错会计入解锁失败次数。同步口令不受影响。"))

    def problems(self, current: str, new: str, repeat: str) -> list[str]:
        from kamdesk.services.password import passphrase_problems

        return passphrase_problems(current, new, repeat)

    def work(self, current: str, new: str) -> Callable[[], Any]:
        from kamdesk.services.password import change_file_passphrase

        book = self.book
        return lambda: change_file_passphrase(book, current, new)
