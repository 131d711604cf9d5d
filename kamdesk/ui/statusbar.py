"""The status bar: signed-in user and role, online/offline, a password change the server waits
for, last sync, pending changes."""
from __future__ import annotations

import logging
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui.changes import Changes
from kamdesk.ui.ops import Op
from kamdesk.ui.password import reset_notice
from kamdesk.ui.qt import QLabel, QStatusBar, QTimer, QWidget, is_alive
from kamdesk.ui.state import AppState

log = logging.getLogger("kamdesk.ui")


class StatusBar(QStatusBar):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("statusBar")
        self.user = QLabel(_("{name} · {role}").format(name=state.book.user.display_name, role=state.role_label()))
        self.user.setObjectName("statusUser")
        self.online = QLabel(_("离线"))
        self.online.setObjectName("statusOnline")
        self.last_sync = QLabel(_("尚未同步"))
        self.last_sync.setObjectName("statusLastSync")
        self.pending = QLabel("")
        self.pending.setObjectName("statusPending")
        self.password = QLabel(_("需修改同步口令"))
        self.password.setObjectName("statusPassword")
        self.password.setToolTip(reset_notice())
        self.password.setStyleSheet("color: #b3261e;")
        self.password.hide()
        for w in (self.user, self.online, self.password, self.last_sync, self.pending):
            w.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(w)
        state.changed.connect(self._on_changes)
        self._timer = QTimer(self)
        self._timer.setInterval(60_000)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if not is_alive(self):
            return
        if changes.outbox or changes.sync or changes.clients:
            self.refresh(probe=changes.sync)

    def refresh(self, *, probe: bool = True) -> None:
        from kamdesk.services.status import book_status

        book = self.state.book

        def status() -> tuple[Any, bool | None]:
            st = book_status(book)
            online: bool | None = None
            if probe and st.connected:  # a short health check, on the worker (network)
                try:
                    from kamdesk.sync.engine import SyncEngine

                    engine = SyncEngine(book, timeout=5.0)
                    try:
                        online = engine.online()
                    finally:
                        engine.close()
                except Exception:  # noqa: BLE001 - offline or misconfigured: shown as offline
                    online = False
            return st, online

        Op(status, parent=self, name="status").success(lambda r: self.show_status(r[0], r[1])).failure(
            lambda exc: log.warning("status failed: %s", type(exc).__name__)).run()

    def show_status(self, st: Any, online: bool | None = None) -> None:
        if online is not None:
            self.state.online = online
        self.online.setText(_("在线") if self.state.online and st.connected
                            else (_("离线") if st.connected else _("离线（未连接服务器）")))
        if st.last_sync_at:
            local = st.last_sync_at.astimezone() if st.last_sync_at.tzinfo else st.last_sync_at
            self.last_sync.setText(_("上次同步：{t}").format(t=local.strftime("%m-%d %H:%M")))
        else:
            self.last_sync.setText(_("尚未同步"))
        self.pending.setText(_("待上传更改：{n}").format(n=st.pending_changes))
        self.password.setVisible(st.password_change_required)
        self.pending_count = st.pending_changes
