"""审批 Approvals: maker-checker requests (双人复核) — suitability exceptions and clear-text bulk exports.

A team lead (or whoever the policy lets decide a kind) sees the pending requests of the clients
in view first, and approves or rejects each with a reason; a requester sees the state of his own
requests. Decisions are local writes that sync later, so the list works offline. The requester
of an approved clear-text export writes it from here (an encrypted xlsx; the password is shown
once, in a dialog, and nowhere else).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.proposals.dialogs import ReasonDialog
from kamdesk.ui.qt import (QBrush, QColor, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QObject,
                           QPushButton, Qt, QVBoxLayout, QWidget, Signal)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.state import AppState

STATUS_COLOURS = {"pending": "#fff4e5", "rejected": "#fde7e9"}


class ApprovalModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("状态"), lambda r: r.status_label),
            (lambda: _("类型"), lambda r: r.kind_label),
            (lambda: _("内容"), lambda r: r.subject),
            (lambda: _("申请人"), lambda r: r.requester_name),
            (lambda: _("申请时间"), lambda r: labels.local_time(r.requested_at)),
            (lambda: _("申请原因"), lambda r: r.reason),
            (lambda: _("审批人"), lambda r: r.decider_name),
            (lambda: _("审批意见"), lambda r: r.decision_reason),
        ]

    @staticmethod
    def row_key(r: Any) -> Any:
        return r.batch_id

    def role_data(self, r: Any, col: int, role: int) -> Any:  # noqa: ARG002
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.subject
        if role == Qt.ItemDataRole.BackgroundRole and r.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[r.status]))
        return None


class ApprovalsScreen(Screen):
    key = "approvals"
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.model = ApprovalModel(self)
        self.filter = QComboBox()
        self.filter.setObjectName("approvalFilter")
        self.filter.addItem(_("待审批"), True)
        self.filter.addItem(_("全部"), False)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.count = QLabel("")
        self.count.setObjectName("approvalCount")
        self.approve_button = QPushButton(_("批准…"))
        self.approve_button.setObjectName("approvalApprove")
        self.approve_button.clicked.connect(lambda: self.decide_selected(True))
        self.reject_button = QPushButton(_("驳回…"))
        self.reject_button.setObjectName("approvalReject")
        self.reject_button.clicked.connect(lambda: self.decide_selected(False))
        self.export_button = QPushButton(_("导出明文…"))
        self.export_button.setObjectName("approvalExport")
        self.export_button.setToolTip(_("已批准的明文导出申请：写出加密的 Excel 文件，密码只显示一次"))
        self.export_button.clicked.connect(lambda: self.export_selected())
        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addWidget(self.count, 1)
        for b in (self.export_button, self.approve_button, self.reject_button):
            top.addWidget(b)
        self.table = row_table_view("approvalsTable", self.model, (70, 150, 300, 80, 120, 200, 80, 150),
                                    alternating=False, empty=_("没有审批申请。"))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        self.ask_reason = self._ask_reason  # tests answer the dialog themselves
        self.choose_path = self._choose_path
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------
    def clear(self) -> None:
        self.model.set_rows([])
        self._update_buttons()

    def reload(self) -> None:
        from kamdesk.services.approvals import list_approvals

        book, pending = self.state.book, bool(self.filter.currentData())
        Op(lambda: list_approvals(book, pending_only=pending), parent=self, name="approvals").success(
            self._arrived).failure(lambda exc: show_error(self, exc)).run()

    def _arrived(self, rows: list[Any]) -> None:
        if self.state.locked:
            return
        self.model.set_rows(rows)
        mine = sum(1 for r in rows if r.can_decide)
        self.count.setText(_("共 {n} 项，其中待我审批 {k} 项").format(n=len(rows), k=mine))
        self._update_buttons()
        self.loaded.emit(len(rows))

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.approvals or changes.clients or changes.sync):
            self.reload()

    # -- actions -------------------------------------------------------------------------------
    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select_id(self, batch_id: str) -> bool:
        for row, r in enumerate(self.model.rows):
            if r.batch_id == batch_id:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        r = self.selected()
        for b in (self.approve_button, self.reject_button):
            b.setEnabled(r is not None and r.can_decide)
        self.export_button.setVisible(self.state.policy.can(
            self.state.role, self.state.policy.approvals["bulk_export"]["request"]))
        self.export_button.setEnabled(r is not None and r.mine and r.kind == "bulk_export" and r.status == "approved")

    def _ask_reason(self, approve: bool, r: Any) -> str | None:
        dlg = ReasonDialog(_("批准申请") if approve else _("驳回申请"),
                           _("{k}：{s}\n申请人：{who}；原因：{why}\n\n请填写审批意见（将记入审计日志）：").format(
                               k=r.kind_label, s=r.subject, who=r.requester_name, why=r.reason),
                           self, name="approvalReason")
        return dlg.text if dlg.exec() == QDialog.DialogCode.Accepted else None

    def decide_selected(self, approve: bool, reason: str | None = None) -> Op[Any] | None:
        from kamdesk.services.approvals import decide

        r = self.selected()
        if r is None or not r.can_decide:
            return None
        if reason is None:
            reason = self.ask_reason(approve, r)
            if not reason:
                return None
        book = self.state.book
        return Op(lambda: decide(book, r.batch_id, approve, reason), write=True, parent=self,
                  name="approval_decide").success(
            lambda _info: self.state.notify(Changes(approvals=True, proposals=True, audit=True, outbox=True))).failure(
            lambda exc: show_error(self, exc)).run()

    def _choose_path(self) -> str:
        path, _filter = QFileDialog.getSaveFileName(self, _("导出明文客户名单"), "clients.xlsx", _("Excel 文件 (*.xlsx)"))
        return path

    def export_selected(self) -> Op[Any] | None:
        from kamdesk.services.clearexport import export_clients_clear

        r = self.selected()
        if r is None or not (r.mine and r.kind == "bulk_export" and r.status == "approved"):
            return None
        path = self.choose_path()
        if not path:
            return None
        if not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        book, batch = self.state.book, r.batch_id

        def written(res: Any) -> None:
            self.state.notify(Changes(audit=True))
            # the one place the password is ever shown; it is not kept anywhere
            self.password_box = QMessageBox(QMessageBox.Icon.Information, _("已导出加密文件"), _(
                "已导出 {n} 位客户到 {p}。\n\n文件密码（只显示这一次，请妥善保管）：\n{pw}").format(
                n=res.rows, p=res.path, pw=res.password), QMessageBox.StandardButton.Ok, self)
            self.password_box.setObjectName("exportPassword")
            self.password_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.password_box.finished.connect(lambda _r: setattr(self, "password_box", None))
            self.password_box.open()

        return Op(lambda: export_clients_clear(book, batch, Path(path)), write=True, parent=self,
                  name="clear_export").success(written).failure(lambda exc: show_error(self, exc)).run()
