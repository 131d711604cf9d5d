"""First run, when there is no client file yet: build the demo book (in the background, with
progress; its passphrase is shown once) or connect to the bank's server."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kamdesk.services.localdemo import DEMO_BOOK_PASSPHRASE, local_demo_server
from kamdesk.common.i18n import _
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)

DEMO_PASSPHRASE = "kamdesk-demo"
DEMO_CLIENTS = 2000


def server_available() -> bool:
    try:
        from kamdesk.sync import engine  # noqa: F401

        return hasattr(engine, "create_book_from_server")
    except Exception:
        return False


class FirstRunDialog(QDialog):
    """On success `self.book` is the open Book (demo built, or created from the server)."""

    def __init__(self, path: Path | str, parent: QWidget | None = None, *, demo_clients: int = DEMO_CLIENTS) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.book: Any = None
        self.demo_clients = demo_clients
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(_("欢迎使用 KAMDesk 大客户经理工作台"))
        self.setMinimumWidth(520)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._choice_page())
        self.pages.addWidget(self._server_page())
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages)

    # -- page 1: choose ----------------------------------------------------------------------
    def _choice_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        intro = QLabel(_("此设备上还没有客户文件。您可以先打开演示客户簿熟悉功能，或连接银行服务器下载您的客户。"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.demo_button = QPushButton(_("打开演示客户簿（{n} 户虚构客户）").format(n=self.demo_clients))
        self.demo_button.setObjectName("demoButton")
        self.demo_button.clicked.connect(self.build_demo)
        self.server_button = QPushButton(_("连接银行服务器…"))
        self.server_button.setObjectName("serverButton")
        self.server_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        buttons = [self.demo_button, self.server_button]
        self.local_demo = local_demo_server()
        if self.local_demo is not None:  # started by ./dev run: a demo bank to sync with
            self.local_button = QPushButton(_("连接本机演示服务器（以 {n} 身份登录，可同步）").format(
                n=self.local_demo.display_name))
            self.local_button.setObjectName("localDemoButton")
            self.local_button.clicked.connect(self.use_local_demo)
            buttons.insert(1, self.local_button)
        for b in buttons:
            b.setMinimumHeight(40)
            lay.addWidget(b)
        where = QLabel(_("客户文件位置：{p}").format(p=self.path))
        where.setWordWrap(True)
        where.setStyleSheet("color: palette(mid);")
        lay.addWidget(where)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        box.button(QDialogButtonBox.StandardButton.Cancel).setText(_("退出"))
        box.rejected.connect(self.reject)
        lay.addStretch(1)
        lay.addWidget(box)
        return w

    # -- page 2: server ----------------------------------------------------------------------
    def _server_page(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        form = QFormLayout()
        self.server_url = QLineEdit()
        self.server_url.setPlaceholderText("https://kamdesk.example-bank.cn")
        self.server_user = QLineEdit()
        self.server_password = QLineEdit()
        self.server_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.server_totp = QLineEdit()
        self.server_totp.setPlaceholderText(_("6 位动态验证码（如已启用）"))
        self.server_totp.setMaxLength(8)
        self.new_passphrase = QLineEdit()
        self.new_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase.setPlaceholderText(_("至少 8 个字符，用于保护本机客户文件"))
        self.repeat_passphrase = QLineEdit()
        self.repeat_passphrase.setObjectName("repeatPassphrase")
        self.repeat_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(_("服务器地址："), self.server_url)
        form.addRow(_("用户名："), self.server_user)
        form.addRow(_("密码："), self.server_password)
        form.addRow(_("动态验证码："), self.server_totp)
        form.addRow(_("本机文件口令："), self.new_passphrase)
        form.addRow(_("再次输入口令："), self.repeat_passphrase)
        lay.addLayout(form)
        self.server_note = QLabel("")
        self.server_note.setObjectName("serverNote")
        self.server_note.setWordWrap(True)
        if not server_available():
            self.server_note.setText(_("此版本尚未包含与服务器同步的功能，暂时无法连接服务器。请先使用演示客户簿。"))
        lay.addWidget(self.server_note)
        box = QDialogButtonBox()
        self.connect_button = box.addButton(_("连接并下载"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.connect_button.setObjectName("connectButton")
        self.connect_button.setEnabled(server_available())
        self.enrol_button = box.addButton(_("使用注册码设置口令…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.setEnabled(server_available())
        self.enrol_button.clicked.connect(self.ask_enrol)
        back = box.addButton(_("返回"), QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.connect_server)
        box.rejected.connect(lambda: self.pages.setCurrentIndex(0))
        lay.addStretch(1)
        lay.addWidget(box)
        return w

    # -- actions -----------------------------------------------------------------------------
    def use_local_demo(self) -> None:
        """Fill the server form for the local demo server and show it (the user clicks connect)."""
        demo = self.local_demo
        if demo is None:
            return
        self.server_url.setText(demo.url)
        self.server_user.setText(demo.username)
        self.server_password.setText(demo.password)
        self.new_passphrase.setText(DEMO_BOOK_PASSPHRASE)
        self.repeat_passphrase.setText(DEMO_BOOK_PASSPHRASE)
        self.server_note.setText(_("本机演示服务器：{u}。本机文件口令为 {p}（仅用于演示）。").format(
            u=demo.url, p=DEMO_BOOK_PASSPHRASE))
        self.pages.setCurrentIndex(1)

    def build_demo(self) -> None:
        path, n = self.path, self.demo_clients

        def build(job: Any) -> Any:
            from kamdesk.services.demo import build_demo_book

            try:
                from kamdesk.services.demo import STAGE_LABELS
            except ImportError:
                STAGE_LABELS = {}  # noqa: N806

            def progress(done: int, total: int, stage: str = "") -> None:
                what = STAGE_LABELS.get(stage, stage)
                job.progress(done, total, _("正在生成演示客户簿：{s}（{d}/{t}）").format(s=what, d=done, t=total))

            return build_demo_book(path, DEMO_PASSPHRASE, clients=n, progress=progress)

        self.demo_button.setEnabled(False)
        self.build_op = (Op(build, write=True, job=True, parent=self, name="build_demo")
                         .with_progress(_("正在生成演示客户簿…"))
                         .success(self._demo_built).failure(self._demo_failed)
                         .on_cancel(lambda: self.demo_button.setEnabled(True)).run())

    def _demo_built(self, book: Any) -> None:
        self.book = book
        box = QMessageBox(QMessageBox.Icon.Information, _("演示客户簿已就绪"),
                          _("演示客户簿的口令是：\n\n{pw}\n\n请记下它：下次打开时需要输入。此口令只显示这一次。")
                          .format(pw=DEMO_PASSPHRASE), QMessageBox.StandardButton.Ok, self)
        box.setObjectName("demoPassphraseBox")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.finished.connect(lambda _r: self.accept())
        box.open()

    def _demo_failed(self, exc: BaseException) -> None:
        self.demo_button.setEnabled(True)
        show_error(self, exc)

    def ask_enrol(self) -> Any:
        """A new account has no password yet: the user sets their own with the enrolment secret."""
        from kamdesk.ui.password import EnrolDialog

        url = self.server_url.text().strip()
        if not url:
            self.server_note.setStyleSheet("color: #b3261e;")
            self.server_note.setText(_("请先填写服务器地址。"))
            self.server_url.setFocus()
            return None
        dlg = EnrolDialog(url, self.server_user.text().strip(), parent=self)

        def enrolled(_result: Any) -> None:
            self.server_user.setText(dlg.username.text().strip())
            self.server_note.setStyleSheet("")
            self.server_note.setText(_("同步口令已设置：请输入新口令，再连接并下载。"))
            self.server_password.setFocus()

        dlg.changed.connect(enrolled)
        dlg.open()
        self.enrol_dialog = dlg
        return dlg

    def connect_server(self) -> None:
        if not server_available():
            return
        from kamdesk.services.password import new_passphrase_problems

        url, user, pw = self.server_url.text().strip(), self.server_user.text().strip(), self.server_password.text()
        totp, passphrase, path = self.server_totp.text().strip(), self.new_passphrase.text(), self.path
        problems = new_passphrase_problems(passphrase, self.repeat_passphrase.text())
        if problems:  # one typo here and the file could never be opened again
            self.server_note.setStyleSheet("color: #b3261e;")
            self.server_note.setText("\n".join(problems))
            self.repeat_passphrase.clear()
            self.repeat_passphrase.setFocus()
            return
        self.server_note.setStyleSheet("")

        def connect(job: Any) -> Any:
            from kamdesk.sync.engine import create_book_from_server

            return create_book_from_server(path=path, server_url=url, username=user, password=pw, totp=totp or None,
                                           passphrase=passphrase)

        self.connect_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.connect_button.setEnabled(True)
            show_error(self, exc)

        def done(book: Any) -> None:
            for field in (self.server_password, self.new_passphrase, self.repeat_passphrase):
                field.clear()
            self.book = book
            self.accept()

        Op(connect, write=True, job=True, parent=self).with_progress(_("正在连接服务器并下载客户…")) \
            .success(done).failure(failed).run()


