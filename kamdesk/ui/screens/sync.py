"""同步 Sync: run a sync round in the background with progress and cancel; pending changes, the
last round, errors in plain words; sign in again when the server asks for it; set one's own
password after an administrator's reset (a banner) or at any time (修改同步口令…)."""
from __future__ import annotations

import datetime as dt
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.dialogs import ok_cancel
from kamdesk.ui.errors import error_text
from kamdesk.ui.ops import Op
from kamdesk.ui.password import reset_notice
from kamdesk.ui.qt import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QObject,
    QProgressBar,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.state import AppState

EVERYTHING = Changes(clients=True, agenda=True, visits=True, tasks=True, opportunities=True, requests=True,
                     proposals=True, approvals=True, audit=True, outbox=True, sync=True)


def phase_label(phase: str) -> str:
    return {"push": _("正在上传本地更改"), "pull": _("正在下载服务器更改"), "verify": _("正在核对数据"),
            "keys": _("正在获取密钥")}.get(phase, phase)


class LoginDialog(QDialog):
    def __init__(self, username: str = "", parent: QWidget | None = None, server_url: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncLogin")
        self.setWindowTitle(_("登录同步服务器"))
        self.username = QLineEdit(username)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.totp = QLineEdit()
        self.totp.setPlaceholderText(_("6 位动态验证码（如已启用）"))
        form = QFormLayout()
        form.addRow(_("用户名："), self.username)
        form.addRow(_("密码："), self.password)
        form.addRow(_("动态验证码："), self.totp)
        box = ok_cancel(self, _("登录并同步"))
        self.enrol_button = box.addButton(_("使用注册码设置口令…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.enrol_button.setObjectName("enrolButton")
        self.enrol_button.setVisible(bool(server_url))
        self.enrol_button.clicked.connect(lambda: self.ask_enrol(server_url or ""))
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(box)

    def ask_enrol(self, server_url: str) -> Any:
        """A new or reset account: set the own password with the enrolment secret, then sign in here."""
        from kamdesk.ui.password import EnrolDialog

        dlg = EnrolDialog(server_url, self.username.text().strip(), parent=self)
        dlg.changed.connect(lambda _r: (self.username.setText(dlg.username.text()), self.password.setFocus()))
        dlg.open()
        self.enrol_dialog = dlg
        return dlg


def table_label(table: str) -> str:
    return {"clients": _("客户"), "contacts": _("联系人"), "visits": _("拜访"), "tasks": _("任务"),
            "opportunities": _("商机"), "service_requests": _("服务请求"), "proposals": _("方案")}.get(table, table)


def field_label(field: str) -> str:
    from kamdesk.ui.editclient import field_label as client_field

    base = field[:-5] if field.endswith("_mask") else field[:-3] if field.endswith(("_ct", "_bi")) else field
    label = client_field(base)
    return label if label != base else field


def _tooltip(model: RowTableModel, r: Any, col: int, role: int) -> Any:
    """Every cell's full text as its tooltip (long notes and addresses are cut off in the cell)."""
    return model._cols[col][1](r) or None if role == Qt.ItemDataRole.ToolTipRole else None


class PendingModel(RowTableModel):
    """Local changes waiting to be uploaded: field names only, never values."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("时间"), lambda c: labels.date(c.created_at.replace(tzinfo=dt.UTC).astimezone())
             if c.created_at else ""),
            (lambda: _("类别"), lambda c: table_label(c.table)),
            (lambda: _("记录"), lambda c: c.record_label or c.record_id[:8]),
            (lambda: _("修改的字段"), lambda c: "、".join(field_label(f) for f in c.fields[:8])
             + ("…" if len(c.fields) > 8 else "")),
        ]

    @staticmethod
    def row_key(r: Any) -> Any:
        return f"{r.table}:{r.record_id}"

    def role_data(self, r: Any, col: int, role: int) -> Any:
        return _tooltip(self, r, col, role)


class ConflictModel(RowTableModel):
    """The conflict inbox: one row per field of a record, both sides as the role may see them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("记录"), lambda c: c.record_label or f"{table_label(c.table)} {c.record_id[:8]}"),
            (lambda: _("字段"), lambda c: field_label(c.field)),
            (lambda: _("本机取值"), lambda c: c.local_display),
            (lambda: _("服务器取值"), lambda c: c.remote_display),
        ]

    def role_data(self, r: Any, col: int, role: int) -> Any:
        return _tooltip(self, r, col, role)


class SyncScreen(Screen):
    key = "sync"
    finished = Signal(bool)  # True when a round completed
    conflicts_loaded = Signal(int)
    resolved = Signal(bool)  # a keep/merge choice was saved (True) or refused (False)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.op: Op[Any] | None = None
        self._credentials: tuple[str, str, str | None] | None = None
        self._notice = ""  # said before the next round's result (after a password change)
        self.server = QLabel("")
        self.server.setObjectName("syncServer")
        self.server.setWordWrap(True)
        self.pending = QLabel("")
        self.pending.setObjectName("syncPending")
        self.last = QLabel("")
        self.last.setObjectName("syncLast")
        self.last.setWordWrap(True)
        self.conflicts = QLabel("")
        self.conflicts.setObjectName("syncConflicts")
        self.conflicts.setWordWrap(True)
        info = QGroupBox(_("同步状态"))
        form = QFormLayout(info)
        form.addRow(_("服务器："), self.server)
        form.addRow(_("待上传更改："), self.pending)
        form.addRow(_("上次同步："), self.last)
        form.addRow(_("冲突："), self.conflicts)
        self.quarantine = QLabel("")
        self.quarantine.setObjectName("syncQuarantine")
        self.quarantine.setWordWrap(True)
        form.addRow(_("隔离记录："), self.quarantine)
        self.sync_button = QPushButton(_("立即同步"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(lambda: self.start())
        self.cancel_button = QPushButton(_("取消同步"))
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.phase = QLabel("")
        self.phase.setObjectName("syncPhase")
        self.message = QLabel(_("本地修改随时保存在加密客户文件中；联网后点击“立即同步”与银行服务器交换更改。"))
        self.message.setObjectName("syncMessage")
        self.message.setWordWrap(True)
        self.password_button = QPushButton(_("修改同步口令…"))
        self.password_button.setObjectName("changePassword")
        self.password_button.setToolTip(_("修改登录同步服务器所用的口令"))
        self.password_button.setEnabled(False)  # until the status says a server is configured
        self.password_button.clicked.connect(lambda: self.ask_password())
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.password_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 8)
        lay.addWidget(self._password_banner())
        lay.addWidget(info)
        lay.addLayout(buttons)
        lay.addWidget(self.progress)
        lay.addWidget(self.phase)
        lay.addWidget(self.message)
        pending_box = QGroupBox(_("待上传更改（最近 200 条）"))
        pl = QVBoxLayout(pending_box)
        self.pending_model = PendingModel(self)
        self.pending_list = row_table_view("pendingList", self.pending_model, (140, 90, 260),
                                           empty=_("没有待上传的更改：本机的修改都已同步到服务器。"))
        self.pending_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        pl.addWidget(self.pending_list)
        lay.addWidget(pending_box, 1)
        inbox = QGroupBox(_("冲突收件箱"))
        il = QVBoxLayout(inbox)
        note = QLabel(_("同一字段在本机和服务器上都被修改时，双方的取值都会保留在这里，等待您选择，不会被静默覆盖。"
                        "您的选择本身也会同步到服务器。"))
        note.setWordWrap(True)
        il.addWidget(note)
        self.inbox_model = ConflictModel(self)
        self.inbox = row_table_view("conflictInbox", self.inbox_model, (260, 160, 300),
                                    empty=_("没有待处理的冲突。"))
        self.inbox.selectionModel().selectionChanged.connect(lambda *_a: self._update_inbox_buttons())
        self.inbox_model.modelReset.connect(self._update_inbox_buttons)
        il.addWidget(self.inbox, 1)
        row = QHBoxLayout()
        self.keep_local = QPushButton(_("保留本机取值"))
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self.resolve_selected("local"))
        self.keep_remote = QPushButton(_("采用服务器取值"))
        self.keep_remote.setObjectName("keepRemote")
        self.keep_remote.clicked.connect(lambda: self.resolve_selected("remote"))
        self.merge = QPushButton(_("合并编辑…"))
        self.merge.setObjectName("mergeConflict")
        self.merge.setToolTip(_("输入合并后的取值（仅限客户资料中的普通字段；敏感字段只能二选一）"))
        self.merge.clicked.connect(lambda: self.merge_selected())
        row.addStretch(1)
        row.addWidget(self.keep_local)
        row.addWidget(self.keep_remote)
        row.addWidget(self.merge)
        il.addLayout(row)
        lay.addWidget(inbox, 1)
        self.merge_dialog: QInputDialog | None = None
        self._update_inbox_buttons()

    def _password_banner(self) -> QFrame:
        """Shown while the server withholds the keys after an administrator's password reset."""
        self.banner = QFrame()
        self.banner.setObjectName("passwordBanner")
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("#passwordBanner { background: #fff4e5; border: 1px solid #f0a23b; border-radius: 4px; }"
                                  " #passwordBanner QLabel { color: #5f3b00; }")
        text = QLabel(reset_notice())
        text.setObjectName("passwordBannerText")
        text.setWordWrap(True)
        self.banner_button = QPushButton(_("修改口令"))
        self.banner_button.setObjectName("bannerChangePassword")
        self.banner_button.clicked.connect(lambda: self.ask_password(forced=True))
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(text, 1)
        row.addWidget(self.banner_button)
        self.banner.hide()
        return self.banner

    def activate(self) -> None:
        self._loaded_once = True
        self.refresh()

    def reload(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        from kamdesk.services.conflicts import open_conflicts
        from kamdesk.services.status import book_status, pending_changes

        book = self.state.book
        Op(lambda: (book_status(book), open_conflicts(book), pending_changes(book)), parent=self,
           name="sync_status").success(self._show_all).run()

    def _show_all(self, r: tuple[Any, list[Any], list[Any]]) -> None:
        if self.state.locked:  # a result that arrives after the lock shows nothing
            return
        self._show_status(r[0])
        self._show_conflicts(r[1])
        self.pending_model.set_rows(r[2])

    def clear(self) -> None:
        """Locked: no client name, no value of either side stays on screen (nor in a dialog)."""
        self.pending_model.set_rows([])
        self.inbox_model.set_rows([])
        if self.merge_dialog is not None:
            self.merge_dialog.reject()
            self.merge_dialog = None

    def _show_conflicts(self, rows: list[Any]) -> None:
        self.inbox_model.set_rows(rows)
        self.conflicts_loaded.emit(len(rows))

    def selected_conflict(self) -> Any:
        rows = self.inbox.selectionModel().selectedRows()
        return self.inbox_model.row_at(rows[0].row()) if rows else None

    def _update_inbox_buttons(self) -> None:
        c = self.selected_conflict()
        self.keep_local.setEnabled(c is not None)
        self.keep_remote.setEnabled(c is not None)
        self.merge.setEnabled(c is not None and c.mergeable)

    def merge_selected(self, value: str | None = None) -> Op[Any] | None:
        """Resolve with a value the user typed: validated first, then the field is written and the
        conflict closed in one unit of work (a bad value changes nothing; the conflict stays open).
        The merged value is an ordinary client edit (it syncs like any other)."""
        from kamdesk.services.conflicts import merge

        c, book = self.selected_conflict(), self.state.book
        if c is None or not c.mergeable:
            return None
        if value is None:
            dlg = QInputDialog(self)
            dlg.setObjectName("mergeDialog")
            dlg.setWindowTitle(_("合并编辑"))
            dlg.setLabelText(_("「{f}」本机：{a}；服务器：{b}。请输入合并后的取值：").format(
                f=field_label(c.field), a=c.local_display, b=c.remote_display))
            dlg.findChild(QLabel).setWordWrap(True)  # both values can be long notes: wrap, never widen
            dlg.setMinimumWidth(560)
            dlg.setTextValue(c.local_display)
            dlg.textValueSelected.connect(lambda text: self.merge_selected(text))
            dlg.finished.connect(lambda _r: setattr(self, "merge_dialog", None))
            dlg.open()
            self.merge_dialog = dlg
            return None
        changed = Changes(outbox=True, sync=True, clients=True, client_ids=frozenset({c.record_id}))
        return Op(lambda: merge(book, c.id, value), write=True, parent=self, name="merge_conflict").success(
            lambda _r: self._resolved(changed)).failure(self._resolve_failed).run()

    def resolve_selected(self, keep: str) -> Op[Any] | None:
        from kamdesk.services.conflicts import resolve

        c, book = self.selected_conflict(), self.state.book
        if c is None:
            return None
        changed = Changes(outbox=True, sync=True, clients=c.table == "clients",
                          client_ids=frozenset({c.record_id}) if c.table == "clients" else frozenset(),
                          opportunities=c.table == "opportunities", requests=c.table == "service_requests",
                          tasks=c.table == "tasks", visits=c.table == "visits")
        return Op(lambda: resolve(book, c.ids, keep=keep), write=True, parent=self, name="resolve_conflict") \
            .success(lambda _r: self._resolved(changed)).failure(self._resolve_failed).run()

    def _resolved(self, changed: Changes) -> None:
        self.message.setText(_("冲突已处理；您的选择会在下次同步时上传到服务器。"))
        self.state.notify(changed)
        self.resolved.emit(True)

    def _resolve_failed(self, exc: BaseException) -> None:
        from kamdesk.common.errors import ValidationError

        if isinstance(exc, ValidationError):  # the field by its label, not its column name
            self.message.setText(_("「{f}」：{r}。冲突仍未处理，数据没有改动。").format(
                f=field_label(exc.field), r=exc.reason))
        else:
            self.message.setText(error_text(exc))
        self.resolved.emit(False)

    def _show_status(self, st: Any) -> None:
        self._server_url = st.server_url
        self.server.setText(st.server_url or _("未连接服务器（演示客户簿或单机使用）"))
        self.banner.setVisible(st.password_change_required)
        self.password_button.setEnabled(st.connected)
        self.pending.setText(str(st.pending_changes))
        if st.last_sync_at:
            r = st.last_round or {}
            self.last.setText(_("{t}：上传 {p} 条，下载 {d} 条").format(
                t=labels.date(st.last_sync_at.astimezone()), p=r.get("pushed", 0), d=r.get("pulled", 0)))
        else:
            self.last.setText(_("尚未同步"))
        self.conflicts.setText(_("{n} 个待处理冲突（冲突双方的取值均已保留，不会丢失）").format(n=st.open_conflicts)
                               if st.open_conflicts else _("无"))
        held = st.quarantined
        lines = [_("{n} 条下载的记录含无法应用的取值，已隔离；其余数据照常同步。").format(n=len(held))] if held else []
        lines += [f"{h.table} {h.record_id} [{', '.join(h.fields)}] {h.reason}" for h in held[:20]]
        self.quarantine.setText("\n".join(lines) if held else _("无"))

    def on_changes(self, changes: Changes) -> None:
        if changes.outbox or changes.sync:
            self.refresh()

    # -- a round -----------------------------------------------------------------------------
    def start(self, **engine_kw: Any) -> Op[Any] | None:
        """Run one round. `engine_kw` goes to SyncEngine (tests pass a transport and a no-op sleep)."""
        if self.op is not None and not self.op.done:
            return None
        book, creds = self.state.book, self._credentials
        self._credentials = None

        def round_(job: Any) -> Any:
            from kamdesk.sync.engine import SyncEngine

            def progress(phase: str, done: int, total: int | None) -> None:
                job.progress(done, total, phase_label(phase))

            engine = SyncEngine(book, progress=progress, cancel=job.cancel_event, **engine_kw)
            try:
                if creds is not None:
                    engine.login(*creds)
                return engine.sync_round()
            finally:
                engine.close()

        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.phase.setText(_("正在连接服务器…"))
        self.message.setText("")
        # not on the writer: a long network round must not queue the user's edits (its own units of work
        # take the file's write lock briefly, one at a time)
        self.op = Op(round_, job=True, parent=self, name="sync_round") \
            .on_progress(self._progressed).success(self._done).failure(self._failed).on_cancel(self._cancelled).run()
        return self.op

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()
            self.phase.setText(_("正在取消…"))

    def _progressed(self, done: int, total: int | None, text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        if text:
            self.phase.setText(text)

    def _reset(self) -> None:
        self.progress.hide()
        self.sync_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.phase.setText("")

    def _done(self, result: Any) -> None:
        self._reset()
        self.message.setText(self._notice + _("同步完成：上传 {p} 条，下载 {d} 条，冲突 {c} 个，被拒绝 {r} 条。").format(
            p=result.pushed, d=result.pulled, c=result.conflicts, r=len(result.rejected)))
        self._notice = ""
        self.state.online = True
        self.state.notify(EVERYTHING if (result.pulled or result.evicted) else Changes(outbox=True, sync=True))
        self.finished.emit(True)

    def _cancelled(self) -> None:
        self._reset()
        self.message.setText(_("同步已取消；已完成的部分已保存，下次同步会从中断处继续。"))
        self.state.notify(Changes(outbox=True, sync=True))
        self.finished.emit(False)

    def _failed(self, exc: BaseException) -> None:
        from kamdesk.sync.engine import NeedLogin, Offline

        self._reset()
        self.message.setText(error_text(exc))
        self.state.online = not isinstance(exc, Offline)
        self.state.notify(Changes(sync=True))
        self.finished.emit(False)
        if isinstance(exc, NeedLogin):
            self.ask_login()

    def ask_login(self) -> LoginDialog:
        dlg = LoginDialog(parent=self, server_url=getattr(self, "_server_url", None))

        def go() -> None:
            self._credentials = (dlg.username.text().strip(), dlg.password.text(), dlg.totp.text().strip() or None)
            dlg.password.clear()
            self.start()

        dlg.accepted.connect(go)
        dlg.open()
        self.login_dialog = dlg
        return dlg

    def ask_password(self, *, forced: bool = False) -> Any:
        """The password dialog; on success the keys have arrived and a sync round starts."""
        from kamdesk.ui.password import PasswordDialog

        dlg = PasswordDialog(self.state.book, forced=forced, parent=self)
        dlg.changed.connect(self._password_changed)
        dlg.open()
        self.password_dialog = dlg
        return dlg

    def _password_changed(self, keys: int) -> None:
        self.banner.hide()
        self._notice = _("同步口令已修改，已获取 {n} 把密钥；下次登录请使用新口令。").format(n=keys) + "\n"
        self.state.notify(Changes(sync=True, clients=keys > 0))
        self.start()
