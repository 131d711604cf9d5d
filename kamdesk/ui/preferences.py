"""设置 Settings: the interface language, the screen shown after unlocking, the search delay; the
client file's passphrase and "remember on this device"; the idle lock the bank's policy sets.

Choices apply when 确定 is pressed (a new language rebuilds the main window); the passphrase and
the keyring act at once, on a worker (key derivation and the OS keyring can take a moment)."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _, language
from kamdesk.ui import settings
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text
from kamdesk.ui.idlelock import IdleWatcher
from kamdesk.ui.ops import Op
from kamdesk.ui.password import PassphraseDialog
from kamdesk.ui.qt import (QCheckBox, QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout,
                           QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget, is_alive)
from kamdesk.ui.screens.registry import specs
from kamdesk.ui.state import AppState

LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


class PreferencesDialog(QDialog):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("设置"))
        self.setMinimumWidth(520)
        self.op: Op[Any] | None = None

        self.language = QComboBox()
        self.language.setObjectName("prefLanguage")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language())))
        self.start_screen = QComboBox()
        self.start_screen.setObjectName("prefStartScreen")
        for spec in specs():
            self.start_screen.addItem(spec.title(), spec.key)
        self.start_screen.setCurrentIndex(max(0, self.start_screen.findData(settings.START_SCREEN.get())))
        self.search_delay = QSpinBox()
        self.search_delay.setObjectName("prefSearchDelay")
        self.search_delay.setRange(50, 1000)
        self.search_delay.setSingleStep(50)
        self.search_delay.setSuffix(_(" 毫秒"))
        self.search_delay.setValue(int(settings.SEARCH_DELAY_MS.get()))
        ui = QGroupBox(_("界面"))
        form = QFormLayout(ui)
        form.addRow(_("界面语言："), self.language)
        form.addRow(_("解锁后显示："), self.start_screen)
        form.addRow(_("边输边搜的等待时间："), self.search_delay)

        book = state.book
        self.passphrase_button = QPushButton(_("修改本机口令…"))
        self.passphrase_button.setObjectName("prefChangePassphrase")
        self.passphrase_button.clicked.connect(lambda: self.change_passphrase())
        self.remember = QCheckBox(_("在此设备上记住口令（保存在系统密钥环中）"))
        self.remember.setObjectName("prefRemember")
        self.remember.setChecked(book.remembered_on_device())
        if not book.can_remember_on_device():
            self.remember.setEnabled(False)
            self.remember.setToolTip(_("此设备没有可用的系统密钥环，“在此设备上记住”不可用。每次打开都需要输入口令。"))
        self.remember.toggled.connect(self._remember_toggled)
        minutes = IdleWatcher.minutes_from_policy(state.policy)
        idle = QLabel(_("无操作 {m:g} 分钟后自动锁定（银行安全策略设定）；Ctrl+L 随时锁定。").format(m=minutes))
        idle.setObjectName("prefIdleLock")
        idle.setWordWrap(True)
        self.message = QLabel("")
        self.message.setObjectName("prefMessage")
        self.message.setWordWrap(True)
        security = QGroupBox(_("客户文件与安全"))
        sl = QVBoxLayout(security)
        row = QHBoxLayout()
        row.addWidget(self.passphrase_button)
        row.addStretch(1)
        sl.addLayout(row)
        sl.addWidget(self.remember)
        sl.addWidget(idle)
        sl.addWidget(self.message)

        self.buttons = ok_cancel(self, _("确定"))
        lay = QVBoxLayout(self)
        lay.addWidget(ui)
        lay.addWidget(security)
        lay.addWidget(self.buttons)
        state.lock_changed.connect(self._locked)

    def _locked(self, locked: bool) -> None:
        if not locked or not is_alive(self):
            return
        dialog = getattr(self, "passphrase_dialog", None)
        if dialog is not None and is_alive(dialog):
            dialog.reject()  # its fields are cleared on close
        self.reject()

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def accept(self) -> None:
        settings.START_SCREEN.set(str(self.start_screen.currentData()))
        settings.SEARCH_DELAY_MS.set(int(self.search_delay.value()))
        super().accept()  # the main window applies a new language (it rebuilds itself)

    # -- the client file's secrets ---------------------------------------------------------------
    def change_passphrase(self) -> PassphraseDialog:
        self.passphrase_dialog = PassphraseDialog(self.state.book, parent=self)
        self.passphrase_dialog.changed.connect(lambda _r: self.message.setText(_("本机口令已修改，下次打开请使用新口令。")))
        self.passphrase_dialog.open()
        return self.passphrase_dialog

    def _remember_toggled(self, on: bool) -> None:
        book = self.state.book
        self.remember.setEnabled(False)

        def done(_r: Any) -> None:
            self.remember.setEnabled(True)
            self.message.setText(_("已在此设备上记住口令：下次打开无需输入。") if on
                                 else _("已从此设备的系统密钥环中删除口令：下次打开需要输入口令。"))

        def failed(exc: BaseException) -> None:
            self.remember.blockSignals(True)
            self.remember.setChecked(not on)
            self.remember.blockSignals(False)
            self.remember.setEnabled(True)
            self.message.setText(error_text(exc))

        self.op = Op(book.remember_on_device if on else book.forget_on_device, parent=self,
                     name="remember_on_device").success(done).failure(failed).run()
