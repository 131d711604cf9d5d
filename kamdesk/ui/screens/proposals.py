"""方案 Proposals: every proposal the user may see, filtered by status and client; new (wizard),
new version, issue (check first; an above-tolerance product needs an approved exception request,
filed here with a reason and decided by an approver), client accepted/rejected, preview, print and save as PDF (both audited with the SHA-256)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Latest, Op
from kamdesk.ui.proposals.dialogs import ReasonDialog, override_dialog, revise_dialog
from kamdesk.ui.proposals.output import OutputDialogs, print_proposal, save_proposal_pdf
from kamdesk.ui.proposals.preview import PdfPreview
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.qt import (
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPushButton,
    QShortcut,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.state import AppState


def status_label(code: str) -> str:
    return {"draft": _("草稿"), "issued": _("已出具"), "accepted": _("客户已接受"), "rejected": _("客户已拒绝")}.get(
        code, code)


STATUS_COLOURS = {"issued": "#e8f0fe", "accepted": "#e6f4ea", "rejected": "#f1f3f4"}


class ProposalModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("客户", "column"), lambda r: r.client_name),
            (lambda: _("方案标题"), lambda r: r.title),
            (lambda: _("版本"), lambda r: f"v{r.version}"),
            (lambda: _("状态"), lambda r: status_label(r.status)),
            (lambda: _("有效期至"), lambda r: labels.date(r.valid_until)),
            (lambda: _("出具时间"), lambda r: labels.date(r.issued_at)),
            (lambda: _("本版说明"), lambda r: r.change_summary),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self._cols):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cols[index.column()][1](r)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (0, 1, 6):
            return self._cols[index.column()][1](r) or None
        if role == Qt.ItemDataRole.BackgroundRole and r.status in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[r.status]))
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

class PreviewDialog(QDialog):
    """A proposal's preview in its own window (not audited: nothing leaves the app)."""

    def __init__(self, state: AppState, info: Any, parent: QWidget | None = None) -> None:
        from kamdesk.services import proposals

        super().__init__(parent)
        self.setObjectName("proposalPreviewDialog")
        self.setWindowTitle(_("方案预览 — {t}（第 {v} 版）").format(t=info.title, v=info.version))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(900, 700)
        self.preview = PdfPreview()
        lay = QVBoxLayout(self)
        lay.addWidget(self.preview)
        book, pid = state.book, info.id
        self.preview.load(lambda: proposals.render(book, pid, purpose="preview").pdf)
        state.lock_changed.connect(self._lock_changed)

    def _lock_changed(self, locked: bool) -> None:
        if locked:  # the preview shows client values
            self.preview.clear()
            self.close()


class ProposalsScreen(Screen):
    key = "proposals"
    open_client = Signal(str)
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(state, parent)
        self.today = today
        self.dialogs = OutputDialogs()
        # (title, prompt, kind) -> text or None; replaced in tests
        self.ask_text: Callable[[str, str, str], str | None] = self._ask_text
        self.wizard: Any = None
        self._latest = Latest(150, owner=self)
        self.model = ProposalModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("proposalClientSearch")
        self.search.setPlaceholderText(_("按客户查找（名称、简称或拼音首字母）"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.reload(immediate=False))
        self.status = QComboBox()
        self.status.setObjectName("proposalStatus")
        self.status.addItem(_("全部状态"), None)
        for code in ("draft", "issued", "accepted", "rejected"):
            self.status.addItem(status_label(code), code)
        self.status.currentIndexChanged.connect(lambda _i: self.reload())
        self.latest_only = QCheckBox(_("仅最新版本"))
        self.latest_only.setObjectName("proposalLatestOnly")
        self.latest_only.toggled.connect(lambda _b: self._show_rows())
        self.count = QLabel("")
        self.count.setObjectName("proposalCount")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status)
        top.addWidget(self.latest_only)
        top.addWidget(self.count)
        self.all_rows: list[Any] = []
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, slot in (
            ("new", _("新建方案"), lambda: self.new_proposal()),
            ("revise", _("新版本"), lambda: self.new_version()),
            ("issue", _("出具"), lambda: self.issue_selected()),
            ("accept", _("客户接受"), lambda: self.set_outcome_selected("accepted")),
            ("reject", _("客户拒绝"), lambda: self.set_outcome_selected("rejected")),
            ("preview", _("预览"), lambda: self.preview_selected()),
            ("print", _("打印"), lambda: self.print_selected()),
            ("save", _("另存为 PDF"), lambda: self.save_selected()),
            ("client", _("打开客户"), lambda: self._open_client()),
        ):
            b = QPushButton(text)
            b.setObjectName(f"proposal_{key}")
            if key in ("new", "print"):
                b.setToolTip(f"{text} ({'Ctrl+N' if key == 'new' else 'Ctrl+P'})")
            b.clicked.connect(slot)
            self.buttons[key] = b
            actions.addWidget(b)
            if key in ("new", "reject", "save"):
                actions.addSpacing(12)
        actions.addStretch(1)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=lambda: self.new_proposal())
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: self.print_selected())
        self.table = row_table_view("proposalsTable", self.model, (260, 300, 56, 90, 100, 140), alternating=False,
                                    empty=_("没有符合条件的方案。点击「新建方案」为客户制作方案。"))
        self.table.doubleClicked.connect(lambda _i: self.preview_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.detail = QLabel("")
        self.detail.setObjectName("proposalDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addLayout(actions)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        self._update_buttons()

    # -- loading ------------------------------------------------------------------------------
    def clear(self) -> None:
        self.model.set_rows([])

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    def reload(self, *, immediate: bool = True) -> None:
        from kamdesk.services.proposals import list_proposals

        if not self.state.policy.can_read(self.state.role, "proposals"):
            self.model.set_rows([])
            self.count.setText(_("当前角色不能查看方案"))
            self._update_buttons()
            self.loaded.emit(0)
            return
        book, status, q = self.state.book, self.status.currentData(), self.search.text().strip()
        self._latest.submit(lambda: list_proposals(book, status=status, client_query=q or None), self._arrived,
                            lambda exc: show_error(self, exc), immediate=immediate)

    def _arrived(self, rows: list[Any]) -> None:
        if self.state.locked:
            return
        self.all_rows = list(rows)
        self._show_rows()
        self.loaded.emit(len(self.model.rows))

    def _show_rows(self) -> None:
        rows = self.all_rows
        if self.latest_only.isChecked():
            latest: dict[str, int] = {}
            for r in rows:
                latest[r.series_id] = max(latest.get(r.series_id, 0), r.version)
            rows = [r for r in rows if r.version == latest[r.series_id]]
        current = self.selected()
        self.model.set_rows(rows)
        self.count.setText(_("共 {n} 份方案").format(n=len(rows)))
        if current is not None:
            row = next((i for i, r in enumerate(rows) if r.id == current.id), -1)
            if row >= 0:
                self.table.selectRow(row)
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and (changes.proposals or changes.clients):
            self.reload()

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def select_id(self, proposal_id: str) -> bool:
        for i, r in enumerate(self.model.rows):
            if r.id == proposal_id:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        r = self.selected()
        pol, role = self.state.policy, self.state.role
        can_write = pol.can(role, "proposal.create")
        status = r.status if r is not None else None
        enabled = {
            "new": can_write,
            "revise": can_write and r is not None,
            "issue": status == "draft" and pol.can(role, "proposal.issue"),
            "accept": status == "issued" and can_write,
            "reject": status == "issued" and can_write,
            "preview": r is not None,
            "print": r is not None and pol.can(role, "proposal.print"),
            "save": r is not None and pol.can(role, "proposal.print"),
            "client": r is not None,
        }
        for key, b in self.buttons.items():
            b.setEnabled(bool(enabled[key]))
        self.detail.setText(self._detail_text(r))

    @staticmethod
    def _detail_text(r: Any) -> str:
        if r is None:
            return ""
        total = sum((Decimal(str(ln.get("amount", "0"))) for ln in r.lines), Decimal(0))
        codes = "、".join(ln.get("code", "") for ln in r.lines[:6]) + ("…" if len(r.lines) > 6 else "")
        text = _("产品 {n} 个（{c}），合计 {a} 元").format(n=len(r.lines), c=codes, a=labels.yuan(total))
        if r.pdf_sha256:
            text += "\n" + _("最近一次打印或导出的 PDF SHA-256：{h}").format(h=r.pdf_sha256)
        return text

    def _open_client(self) -> None:
        r = self.selected()
        if r is not None:
            self.open_client.emit(r.client_id)

    def _ask_text(self, title: str, prompt: str, kind: str) -> str | None:
        dlg = revise_dialog(self) if kind == "revise" else (
            override_dialog(title, prompt, self) if kind == "override" else ReasonDialog(title, prompt, self))
        return dlg.text if dlg.exec() == QDialog.DialogCode.Accepted else None

    def _today(self) -> dt.date:
        return self.today or dt.date.today()

    # -- actions ------------------------------------------------------------------------------
    def new_proposal(self, client_id: str | None = None) -> Any:
        from kamdesk.ui.proposals.wizard import ProposalWizard

        self.wizard = ProposalWizard(self.state, client_id, today=self._today(), parent=self)
        self.wizard.saved.connect(lambda info: self._after_write(info, Changes(proposals=True, outbox=True)))
        self.wizard.open()
        return self.wizard

    def new_version(self) -> Any:
        """The wizard, starting from the selected proposal's products: change them, say what changed,
        check, preview and save the next version."""
        from kamdesk.ui.proposals.wizard import ProposalWizard

        r = self.selected()
        if r is None:
            return None
        self.wizard = ProposalWizard(self.state, today=self._today(), parent=self, base=r)
        self.wizard.saved.connect(lambda info: self._after_write(info, Changes(proposals=True, outbox=True)))
        self.wizard.open()
        return self.wizard

    def _after_write(self, info: Any, changes: Changes) -> None:
        if self._loaded_once:  # select the changed proposal once the list has reloaded
            def pick(_n: int) -> None:
                self.loaded.disconnect(pick)
                self.select_id(info.id)
                self._update_buttons()

            self.loaded.connect(pick)
        self.state.notify(changes)

    def revise_selected(self, summary: str | None = None) -> Op[Any] | None:
        """A new version with the same content and a change summary (no wizard)."""
        from kamdesk.services import proposals

        r = self.selected()
        if r is None:
            return None
        summary = summary if summary is not None else self.ask_text(_("新版本"), _("请说明本版修改内容："), "revise")
        if not summary:
            return None
        book = self.state.book
        return Op(lambda: proposals.revise(book, r.id, change_summary=summary), write=True, parent=self,
                  name="proposal_revise").success(
            lambda info: self._after_write(info, Changes(proposals=True, outbox=True))).failure(
            lambda exc: show_error(self, exc)).run()

    def issue_selected(self) -> Op[Any] | None:
        """Check first, then issue. A product above the client's tolerance needs an approved exception:
        without one, ask for a reason and file the request (an approver decides it in the approvals
        list, here or after a sync); the proposal is issued once every request is approved."""
        from kamdesk.services import proposals

        r = self.selected()
        if r is None:
            return None
        book, today = self.state.book, self._today()
        return Op(lambda: proposals.check(book, r.id, today=today), parent=self, name="proposal_check").success(
            lambda check: self._checked(r, check)).failure(lambda exc: show_error(self, exc)).run()

    def _checked(self, r: Any, check: Any) -> None:
        from kamdesk.services import proposals, suitability

        blocking = [i for i in check.issues if not i.overridable]
        if blocking:
            self.issue_problems = QMessageBox(QMessageBox.Icon.Warning, _("方案未通过出具前检查"),
                                              "\n".join(f"· {i.message}" for i in check.issues),
                                              QMessageBox.StandardButton.Ok, self)
            self.issue_problems.setObjectName("issueProblems")
            self.issue_problems.open()
            return
        book, today, cid, proposal_id = self.state.book, self._today(), r.client_id, r.id
        if not check.issues:
            Op(lambda: proposals.issue(book, proposal_id, today=today), write=True, parent=self,
               name="proposal_issue").success(
                lambda info: self._after_write(info, Changes(proposals=True, audit=True, outbox=True))).failure(
                lambda exc: show_error(self, exc)).run()
            return
        waiting = [i for i in check.issues if i.pending]
        if waiting:
            show_error(self, KamdeskError(_("适当性例外申请待审批，批准后才能出具：") + "；".join(
                i.product_code for i in waiting)))
            return
        requests: list[tuple[str, str]] = []
        can_request = self.state.policy.can(self.state.role,
                                            self.state.policy.approvals["suitability_exception"]["request"])
        for i in check.issues:
            if not can_request:
                show_error(self, KamdeskError(i.message))
                return
            reason = self.ask_text(i.product_code, i.message, "override")
            if not reason:
                return
            pid = next(ln["product_id"] for ln in r.lines if ln["code"] == i.product_code)
            requests.append((pid, reason))

        def work() -> Any:
            return [suitability.request_exception(book, cid, pid, reason, proposal_id=proposal_id, today=today)
                    for pid, reason in requests]

        def filed(_infos: Any) -> None:
            self.state.notify(Changes(approvals=True, audit=True, outbox=True))
            self.exception_filed = QMessageBox(QMessageBox.Icon.Information, _("已提交例外申请"),
                                               _("已提交适当性例外申请，待团队负责人审批后即可出具方案。"),
                                               QMessageBox.StandardButton.Ok, self)
            self.exception_filed.setObjectName("exceptionFiled")
            self.exception_filed.open()

        Op(work, write=True, parent=self, name="suitability_exception").success(filed).failure(
            lambda exc: show_error(self, exc)).run()

    def set_outcome_selected(self, status: str) -> Op[Any] | None:
        from kamdesk.services import proposals

        r = self.selected()
        if r is None:
            return None
        book = self.state.book
        return Op(lambda: proposals.set_outcome(book, r.id, status), write=True, parent=self,
                  name="proposal_outcome").success(
            lambda info: self._after_write(info, Changes(proposals=True, outbox=True))).failure(
            lambda exc: show_error(self, exc)).run()

    def preview_selected(self) -> PreviewDialog | None:
        r = self.selected()
        if r is None:
            return None
        dlg = PreviewDialog(self.state, r, self)
        dlg.show()
        return dlg

    def print_selected(self, on_done: Callable[[Any], Any] | None = None) -> Op[Any] | None:
        r = self.selected()
        if r is None:
            return None
        return print_proposal(self.state, r.id, self, dialogs=self.dialogs, on_done=on_done)

    def save_selected(self, on_done: Callable[[Any], Any] | None = None) -> Op[Any] | None:
        r = self.selected()
        if r is None:
            return None
        return save_proposal_pdf(self.state, r, self, dialogs=self.dialogs, on_done=on_done)
