"""服务请求 Requests: client service requests and complaints with SLA colours and escalation."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QBrush,
    QColor,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QObject,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.state import AppState

SLA_COLOURS = {"breached": "#fde7e9", "due_soon": "#fff4e5"}


class RequestModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("时限状态"), lambda r: r.sla_label),
            (lambda: _("类型"), lambda r: _("投诉") if r.kind == "complaint" else _("请求")),
            (lambda: _("客户名称"), lambda r: r.client_name),
            (lambda: _("标题"), lambda r: r.title),
            (lambda: _("类别"), lambda r: r.category),
            (lambda: _("优先级"), lambda r: labels.priority(r.priority)),
            (lambda: _("状态"), lambda r: r.status_label),
            (lambda: _("受理时间"), lambda r: labels.date(r.opened_at)),
            (lambda: _("时限"), lambda r: labels.date(r.sla_due_at)),
            (lambda: _("升级"), lambda r: str(r.escalation_level) if r.escalation_level else ""),
            (lambda: _("处理人"), lambda r: r.assignee_name),
        ]

    def role_data(self, r: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.detail or None
        if role == Qt.ItemDataRole.BackgroundRole and r.sla_state in SLA_COLOURS:
            return QBrush(QColor(SLA_COLOURS[r.sla_state]))
        return None


class RequestsScreen(Screen):
    key = "requests"
    open_client = Signal(str)
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.model = RequestModel(self)
        self.status = QComboBox()
        self.status.setObjectName("requestStatus")
        self.status.addItem(_("未办结"), "active")
        self.status.addItem(_("全部"), None)
        self.kind = QComboBox()
        self.kind.setObjectName("requestKind")
        self.kind.addItem(_("请求与投诉"), None)
        self.kind.addItem(_("仅请求"), "request")
        self.kind.addItem(_("仅投诉"), "complaint")
        for c in (self.status, self.kind):
            c.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel("")
        self.count.setObjectName("requestCount")
        self.escalate_button = QPushButton(_("升级处理"))
        self.escalate_button.setObjectName("requestEscalate")
        self.escalate_button.clicked.connect(lambda: self.escalate_selected())
        self.open_button = QPushButton(_("打开客户"))
        self.open_button.clicked.connect(self._open_selected)
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.kind)
        top.addWidget(self.count, 1)
        top.addWidget(self.open_button)
        top.addWidget(self.escalate_button)
        self.table = row_table_view("requestsTable", self.model, (80, 70, 200, 210, 90, 64, 100, 120, 120, 48),
                                    alternating=False,
                                    empty=_("没有符合条件的服务请求或投诉。"))
        self.table.doubleClicked.connect(lambda _i: self._open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self._update_buttons()

    def clear(self) -> None:
        self.model.set_rows([])

    def reload(self) -> None:
        from kamdesk.services.requests import list_requests

        book, status, kind = self.state.book, self.status.currentData(), self.kind.currentData()
        Op(lambda: list_requests(book, status=status, kind=kind), parent=self, name="requests").success(
            self._arrived).failure(lambda exc: show_error(self, exc)).run()

    def _arrived(self, rows: list[Any]) -> None:
        if self.state.locked:
            return
        self.model.set_rows(rows)
        breached = sum(1 for r in rows if r.sla_state == "breached")
        self.count.setText(_("共 {n} 件，其中已超时 {b} 件").format(n=len(rows), b=breached))
        self._update_buttons()
        self.loaded.emit(len(rows))

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def _update_buttons(self) -> None:
        r = self.selected()
        self.open_button.setEnabled(r is not None)
        self.escalate_button.setEnabled(r is not None and r.status in ("open", "in_progress", "escalated")
                                        and self.state.policy.can(self.state.role, "request.escalate"))

    def _open_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self.open_client.emit(r.client_id)

    def escalate_selected(self, note: str | None = None) -> Op[Any] | None:
        from kamdesk.services.requests import escalate

        r = self.selected()
        if r is None:
            return None
        if note is None:
            note, ok = QInputDialog.getText(self, _("升级处理"), _("升级说明："))
            if not ok:
                return None
        book = self.state.book
        return Op(lambda: escalate(book, r.id, note=note), write=True, parent=self, name="escalate").success(
            lambda _row: self.state.notify(Changes(requests=True, outbox=True))).failure(
            lambda exc: show_error(self, exc)).run()

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.requests or changes.clients):
            self.reload()
