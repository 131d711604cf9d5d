"""新建方案 wizard: client → needs → products → check → preview → save.

Every service call runs through `ops.Op` (never on the GUI thread). The draft proposal is saved
when the check page opens (the check, the override and the preview all work on the saved draft,
exactly as issuing will); changing the products afterwards saves a new version of that draft.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Latest, Op
from kamdesk.ui.proposals.dialogs import override_dialog
from kamdesk.ui.proposals.preview import PdfPreview
from kamdesk.ui.qt import (
    QAbstractItemView,
    QBrush,
    QCheckBox,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from kamdesk.ui.state import AppState

OK_COLOUR, BLOCKED_COLOUR, OVERRIDDEN_COLOUR = "#1b7f3b", "#b3261e", "#9a6700"
ISSUE_KINDS = {"suitability": "适当性", "amount": "金额", "disclosure": "风险揭示"}


def parse_amount(text: str) -> Decimal | None:
    try:
        d = Decimal(text.replace(",", "").replace("，", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return d.quantize(Decimal("0.01")) if d > 0 else None


def _table(name: str, headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(True)
    return t


def _item(text: str, *, editable: bool = False, data: Any = None) -> QTableWidgetItem:
    it = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    it.setFlags(flags)
    it.setToolTip(text)
    if data is not None:
        it.setData(Qt.ItemDataRole.UserRole, data)
    return it


class _Page(QWizardPage):
    def wiz(self) -> "ProposalWizard":
        return self.wizard()  # type: ignore[return-value]


# ---------------------------------------------------------------------------------- 1 client
class ClientPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardClientPage")
        self.setTitle(_("选择客户"))
        self.setSubTitle(_("输入客户名称、简称或拼音首字母查找客户。"))
        self.search = QLineEdit()
        self.search.setObjectName("wizardClientSearch")
        self.search.setPlaceholderText(_("例如：中石化、zsh"))
        self.results = QListWidget()
        self.results.setObjectName("wizardClientList")
        self.chosen = QLabel("")
        self.chosen.setObjectName("wizardClientChosen")
        self._latest = Latest(150, owner=self)
        self.search.textChanged.connect(self._query)
        self.results.currentItemChanged.connect(self._picked)
        lay = QVBoxLayout(self)
        lay.addWidget(self.search)
        lay.addWidget(self.results, 1)
        lay.addWidget(self.chosen)

    def _query(self, text: str) -> None:
        from kamdesk.services.search import search

        book, q = self.wiz().state.book, text.strip()
        if not q:
            self._latest.cancel()
            self.results.clear()
            return
        self._latest.submit(lambda: search(book, q, limit=30), self._show_hits, lambda exc: show_error(self, exc))

    def _show_hits(self, hits: list[Any]) -> None:
        self.results.blockSignals(True)
        self.results.clear()
        for h in hits:
            text = h.name if h.matched in ("", h.name) else f"{h.name}（{h.matched}）"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (h.client_id, h.name))
            self.results.addItem(item)
        self.results.blockSignals(False)
        self.wiz().page_ready.emit("client_search")

    def _picked(self, item: QListWidgetItem | None, _prev: Any = None) -> None:
        if item is not None:
            cid, name = item.data(Qt.ItemDataRole.UserRole)
            self.wiz().set_client(cid, name)

    def show_client(self, name: str) -> None:
        self.chosen.setText(_("已选客户：{n}").format(n=name))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        return self.wiz().client_id is not None


# ---------------------------------------------------------------------------------- 2 needs
class NeedsPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardNeedsPage")
        self.setTitle(_("客户需求"))
        self.setSubTitle(_("来自大客户调研表和近期拜访纪要，可修改、补充或删除。"))
        self.loaded_for: str | None = None
        self.table = _table("wizardNeeds", [_("需求"), _("说明"), _("来源")])
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 180)
        self.table.setColumnWidth(2, 200)
        self.add_button = QPushButton(_("添加需求"))
        self.add_button.setObjectName("wizardNeedAdd")
        self.remove_button = QPushButton(_("删除需求"))
        self.remove_button.setObjectName("wizardNeedRemove")
        self.add_button.clicked.connect(lambda: self.add_need(_("新需求"), "", _("客户经理补充")))
        self.remove_button.clicked.connect(self._remove)
        self.empty = QLabel("")
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        from kamdesk.services.proposals import NeedItem, client_needs

        w = self.wiz()
        if self.loaded_for == w.client_id:
            return
        self.loaded_for = w.client_id
        self.table.setRowCount(0)
        if w.base is not None:  # a new version keeps the needs of the one it revises
            self._arrived([NeedItem(n.get("title", ""), n.get("detail", ""), n.get("source", "")) for n in w.base.needs])
            self.freeze(_("新版本沿用原方案的需求分析。"))
            return
        self.empty.setText(_("正在读取需求…"))
        book, cid = w.state.book, w.client_id
        Op(lambda: client_needs(book, cid), parent=self, name="client_needs").success(self._arrived).failure(
            lambda exc: show_error(self, exc)).run()

    def _arrived(self, needs: list[Any]) -> None:
        self.table.setRowCount(0)
        for n in needs:
            self.add_need(n.title, n.detail, n.source)
        self.empty.setText("" if needs else _("暂无记录的需求，可手工添加。"))
        self.table.resizeRowsToContents()
        self.wiz().page_ready.emit("needs")

    def freeze(self, note: str) -> None:
        """Read-only from now on: the saved draft carries these needs (a version cannot change them)."""
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.add_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.empty.setText(note)

    def add_need(self, title: str, detail: str, source: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, _item(title, editable=True))
        self.table.setItem(r, 1, _item(detail, editable=True))
        self.table.setItem(r, 2, _item(source, editable=True))

    def _remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)

    def needs(self) -> list[Any]:
        from kamdesk.services.proposals import NeedItem

        out = []
        for r in range(self.table.rowCount()):
            title, detail, source = (self.table.item(r, c).text().strip() if self.table.item(r, c) else ""
                                     for c in range(3))
            if title or detail:
                out.append(NeedItem(title or _("客户需求"), detail, source))
        return out

    def validatePage(self) -> bool:  # noqa: N802
        self.wiz().needs = self.needs()
        return True


# ---------------------------------------------------------------------------------- 3 products
class ProductsPage(_Page):
    COLS = ("product", "risk", "amount", "reason", "suitability")

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardProductsPage")
        self.setTitle(_("推荐产品"))
        self.setSubTitle(_("已按客户需求、持仓到期和适当性预填推荐产品；可调整金额与理由，或从产品货架添加。"))
        self.loaded_for: str | None = None
        self.shelf: dict[str, Any] = {}
        self.suit: dict[str, Any] = {}
        self.client_line = QLabel("")
        self.client_line.setObjectName("wizardSuitabilityInfo")
        self.client_line.setWordWrap(True)
        self.table = _table("wizardLines", [_("产品"), _("风险等级"), _("金额（元）"), _("推荐理由"), _("适当性")])
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for c, wdt in ((0, 220), (1, 70), (2, 130), (4, 230)):
            self.table.setColumnWidth(c, wdt)
        self.table.itemChanged.connect(lambda _i: self.completeChanged.emit())
        self.picker = QComboBox()
        self.picker.setObjectName("wizardShelfPicker")
        self.picker.setMinimumWidth(360)
        self.picker.setMaxVisibleItems(20)
        self.amount = QLineEdit()
        self.amount.setObjectName("wizardShelfAmount")
        self.amount.setPlaceholderText(_("金额（元）"))
        self.amount.setMaximumWidth(160)
        self.add_button = QPushButton(_("添加产品"))
        self.add_button.setObjectName("wizardLineAdd")
        self.remove_button = QPushButton(_("移除产品"))
        self.remove_button.setObjectName("wizardLineRemove")
        self.add_button.clicked.connect(self._add_picked)
        self.remove_button.clicked.connect(self._remove)
        self.summary = QLineEdit()
        self.summary.setObjectName("wizardChangeSummary")
        self.summary.setPlaceholderText(_("必填：说明本版修改内容，例如“调整贷款金额”"))
        self.summary.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.summary_row = QWidget()
        summary_row = QHBoxLayout(self.summary_row)
        summary_row.setContentsMargins(0, 0, 0, 0)
        summary_row.addWidget(QLabel(_("本版修改内容：")))
        summary_row.addWidget(self.summary, 1)
        self.summary_row.setVisible(False)
        picker = QHBoxLayout()
        picker.addWidget(QLabel(_("产品货架：")))
        picker.addWidget(self.picker, 1)
        picker.addWidget(self.amount)
        picker.addWidget(self.add_button)
        picker.addWidget(self.remove_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.client_line)
        lay.addWidget(self.summary_row)
        lay.addWidget(self.table, 1)
        lay.addLayout(picker)

    def initializePage(self) -> None:  # noqa: N802
        w = self.wiz()
        if self.loaded_for == w.client_id:
            return
        self.loaded_for = w.client_id
        self.table.setRowCount(0)
        self.client_line.setText(_("正在生成推荐…"))
        book, cid, today = w.state.book, w.client_id, w.today
        Op(lambda: load_products_step(book, cid, today), parent=self, name="proposal_products").success(
            self._arrived).failure(lambda exc: show_error(self, exc)).run()

    def _arrived(self, data: tuple[list[Any], list[Any], Any]) -> None:
        recs, shelf, result = data
        self.shelf = {p.id: p for p in shelf}
        self.set_suitability(result)
        self.picker.clear()
        for p in shelf:
            self.picker.addItem(f"{p.code}  {p.name}  {p.risk_level}", p.id)
        self.table.setRowCount(0)
        base = self.wiz().base
        if base is not None:  # a new version starts from the lines of the one it revises
            self.summary_row.setVisible(True)
            for ln in base.lines:
                self.add_line(ln["product_id"], parse_amount(str(ln["amount"])), ln.get("reason", ""))
        else:
            for r in recs:
                self.add_line(r.product_id, r.amount, r.reason)
        self.wiz().page_ready.emit("products")

    def set_suitability(self, result: Any) -> None:
        self.suit = {i.product_id: i for i in result.items}
        self.wiz().client_kind = result.client_kind
        valid = labels.date(result.valid_until) if result.valid_until else _("未评估")
        state = _("有效") if result.assessment_current else _("已过期或未评估")
        self.client_line.setText(_("客户风险承受能力：{t}　评估有效期至：{d}（{s}）").format(
            t=result.risk_tolerance or _("未知"), d=valid, s=state))
        for r in range(self.table.rowCount()):
            self._flag(r)

    def _flag(self, row: int) -> None:
        pid = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
        chk = self.suit.get(pid)
        if chk is None:
            text, colour = _("未检查"), BLOCKED_COLOUR
        elif chk.status == "ok":
            text, colour = _("适合：") + chk.reason, OK_COLOUR
        elif chk.overridden:
            text, colour = _("例外已审批：") + chk.reason, OVERRIDDEN_COLOUR
        elif chk.pending:
            text, colour = _("例外待审批：") + chk.reason, BLOCKED_COLOUR
        else:
            text, colour = _("不适合：") + chk.reason, BLOCKED_COLOUR
        item = _item(text, data=(chk.status if chk else "", bool(chk and chk.overridden)))
        item.setForeground(QBrush(QColor(colour)))
        self.table.blockSignals(True)
        self.table.setItem(row, 4, item)
        self.table.blockSignals(False)

    def add_line(self, product_id: str, amount: Decimal | None, reason: str) -> None:
        p = self.shelf.get(product_id)
        if p is None:
            return
        r = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(r)
        self.table.setItem(r, 0, _item(f"{p.name}\n{p.code} · {p.type_label}", data=product_id))
        self.table.setItem(r, 1, _item(p.risk_level))
        self.table.setItem(r, 2, _item(f"{amount:,.2f}" if amount is not None else "", editable=True))
        self.table.setItem(r, 3, _item(reason, editable=True))
        self.table.blockSignals(False)
        self._flag(r)
        self.table.resizeRowToContents(r)
        self.completeChanged.emit()

    def product_ids(self) -> list[str]:
        return [self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.table.rowCount())]

    def flag_of(self, product_id: str) -> tuple[str, str]:
        """(status, text) of a line's suitability cell."""
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == product_id:
                cell = self.table.item(r, 4)
                return cell.data(Qt.ItemDataRole.UserRole)[0], cell.text()
        raise KeyError(product_id)

    def _add_picked(self) -> None:
        pid = self.picker.currentData()
        if pid is None:
            return
        if pid in self.product_ids():
            self.picker.setToolTip(_("该产品已在方案中"))
            return
        p = self.shelf[pid]
        self.add_line(pid, parse_amount(self.amount.text()) or p.min_amount or None, _("客户经理选配"))
        self.amount.clear()

    def _remove(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.completeChanged.emit()

    def lines(self) -> list[Any]:
        from kamdesk.services.proposals import LineInput

        out = []
        for r in range(self.table.rowCount()):
            amount = parse_amount(self.table.item(r, 2).text())
            if amount is None:
                return []
            out.append(LineInput(self.table.item(r, 0).data(Qt.ItemDataRole.UserRole), amount,
                                 self.table.item(r, 3).text().strip()))
        return out

    def isComplete(self) -> bool:  # noqa: N802
        if self.wiz() is not None and self.wiz().base is not None and not self.summary.text().strip():
            return False
        return bool(self.lines())

    def validatePage(self) -> bool:  # noqa: N802
        self.wiz().lines = self.lines()
        self.wiz().change_summary = self.summary.text().strip()
        return True


def load_products_step(book: Any, client_id: str, today: dt.date) -> tuple[list[Any], list[Any], Any]:
    """Worker: the recommendations, the shelf, and the suitability of every shelf product."""
    from kamdesk.services import proposals, suitability
    from kamdesk.services.products import list_products

    recs = proposals.recommend(book, client_id, today=today)
    shelf = list_products(book, on_shelf=True)
    result = suitability.check(book, client_id, [p.id for p in shelf], today=today)
    return recs, shelf, result


# ---------------------------------------------------------------------------------- 4 check
class CheckPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardCheckPage")
        self.setTitle(_("出具前检查"))
        self.setSubTitle(_("检查适当性、金额起点与上限和风险揭示。高于客户风险承受能力的产品须经例外审批。"))
        self.draft_line = QLabel("")
        self.draft_line.setObjectName("wizardDraftInfo")
        self.draft_line.setWordWrap(True)
        self.result_line = QLabel("")
        self.result_line.setObjectName("wizardCheckResult")
        self.result_line.setWordWrap(True)
        self.issues = QListWidget()
        self.issues.setObjectName("wizardIssues")
        self.issues.setWordWrap(True)
        self.override_button = QPushButton(_("申请例外审批…"))
        self.override_button.setObjectName("wizardOverride")
        self.override_button.setEnabled(False)
        self.override_button.clicked.connect(lambda: self.override_selected())
        self.issues.currentRowChanged.connect(lambda _r: self._update_button())
        self.busy = False
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.override_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.draft_line)
        lay.addWidget(self.result_line)
        lay.addWidget(self.issues, 1)
        lay.addLayout(buttons)

    def initializePage(self) -> None:  # noqa: N802
        self.issues.clear()
        self.result_line.setText(_("正在保存草稿并检查…"))
        self.busy = True
        self.completeChanged.emit()
        w = self.wiz()
        Op(w.save_draft_work(), write=True, parent=self, name="proposal_draft").success(self._drafted).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.result_line.setText(_("检查未完成"))
        self.completeChanged.emit()
        show_error(self, exc)

    def _drafted(self, res: tuple[Any, Any, bool]) -> None:
        info, check, changed = res
        w = self.wiz()
        w.draft, w._draft_key = info, w._pending_key
        w.needs_page.freeze(_("草稿已保存，需求分析已固定；如需修改需求，请新建方案。"))
        if changed:
            w.state.notify(Changes(proposals=True, outbox=True))
        self.draft_line.setText(_("草稿已保存：{t}（第 {v} 版）").format(t=info.title, v=info.version))
        self.show_check(check)

    def show_check(self, check: Any) -> None:
        w = self.wiz()
        w.check = check
        self.busy = False
        self.issues.clear()
        for i in check.issues:
            item = QListWidgetItem(f"[{_(ISSUE_KINDS.get(i.kind, i.kind))}] {i.product_code}：{i.message}"
                                   + (_("（可申请例外审批）") if i.overridable else ""))
            item.setData(Qt.ItemDataRole.UserRole, i)
            item.setForeground(QBrush(QColor(OVERRIDDEN_COLOUR if i.overridable else BLOCKED_COLOUR)))
            self.issues.addItem(item)
        if check.ok:
            self.result_line.setText(_("检查通过，方案可以出具。"))
        else:
            self.result_line.setText(_("发现 {n} 项问题：解决前方案不能出具，但可以预览和保存草稿。").format(n=len(check.issues)))
        first = next((r for r in range(self.issues.count())
                      if self.issues.item(r).data(Qt.ItemDataRole.UserRole).overridable), -1)
        self.issues.setCurrentRow(first)
        self._update_button()
        self.completeChanged.emit()
        w.page_ready.emit("check")

    def _update_button(self) -> None:
        item = self.issues.currentItem()
        issue = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        w = self.wiz()
        allowed = w is not None and w.state.policy.can(
            w.state.role, w.state.policy.approvals["suitability_exception"]["request"])
        self.override_button.setEnabled(bool(issue and issue.overridable and allowed and not self.busy))

    def override_selected(self, reason: str | None = None) -> Op[Any] | None:
        """Ask for a reason (or use `reason`), file the exception request (an approver decides it,
        here or on another device after a sync), then check again."""
        from kamdesk.services import proposals, suitability

        item = self.issues.currentItem()
        issue = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if issue is None or not issue.overridable:
            return None
        w = self.wiz()
        if reason is None:
            reason = w.ask_override_reason(issue.product_code, issue.message)
            if not reason:
                return None
        line = next(ln for ln in w.draft.lines if ln["code"] == issue.product_code)
        book, cid, pid, did, today = w.state.book, w.client_id, line["product_id"], w.draft.id, w.today

        def work() -> Any:
            suitability.request_exception(book, cid, pid, reason, proposal_id=did, today=today)
            return proposals.check(book, did, today=today)

        def done(check: Any) -> None:
            w.state.notify(Changes(audit=True, outbox=True, approvals=True))
            w.refresh_suitability()
            self.show_check(check)

        self.busy = True
        self._update_button()
        return Op(work, write=True, parent=self, name="suitability_exception").success(done).failure(
            self._failed).run()

    def isComplete(self) -> bool:  # noqa: N802
        return not self.busy and self.wiz() is not None and self.wiz().draft is not None


# ---------------------------------------------------------------------------------- 5 preview
class PreviewPage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPreviewPage")
        self.setTitle(_("预览"))
        self.setSubTitle(_("方案书预览（带水印）。正式打印或导出请在保存后进行，均会记入审计日志。"))
        self.preview = PdfPreview()
        self.shown_for: tuple[str, int] | None = None
        self.preview.rendered.connect(lambda _n: self.wiz().page_ready.emit("preview"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.preview, 1)

    def initializePage(self) -> None:  # noqa: N802
        from kamdesk.services import proposals

        w = self.wiz()
        key = (w.draft.id, w.draft.version)
        if self.shown_for == key and self.preview.images:
            return
        self.shown_for = key
        book, pid = w.state.book, w.draft.id
        self.preview.load(lambda: proposals.render(book, pid, purpose="preview").pdf)


# ---------------------------------------------------------------------------------- 6 save
class SavePage(_Page):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardSavePage")
        self.setTitle(_("保存"))
        self.setSubTitle(_("方案已保存为草稿。检查通过的方案可以立即出具。"))
        self.summary = QLabel("")
        self.summary.setObjectName("wizardSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_box = QCheckBox(_("立即出具（状态改为“已出具”）"))
        self.issue_box.setObjectName("wizardIssueNow")
        self.note = QLabel("")
        self.note.setWordWrap(True)
        self.issued = False
        self.busy = False
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.issue_box)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        w = self.wiz()
        d = w.draft
        total = sum(Decimal(ln["amount"]) for ln in d.lines)
        self.summary.setText(_("客户：{c}\n方案：{t}（第 {v} 版，草稿）\n产品：{n} 个，合计 {a} 元\n有效期至：{u}").format(
            c=d.client_name, t=d.title, v=d.version, n=len(d.lines), a=labels.yuan(total), u=labels.date(d.valid_until)))
        can_issue = bool(w.check and w.check.ok) and w.state.policy.can(w.state.role, "proposal.issue")
        self.issue_box.setEnabled(can_issue)
        self.issue_box.setChecked(can_issue)
        self.note.setText("" if can_issue else _("出具前检查尚有问题，本次只保存草稿；处理后可在“方案”页面出具。"))

    def validatePage(self) -> bool:  # noqa: N802
        w = self.wiz()
        if self.issued or not self.issue_box.isChecked():
            w.saved.emit(w.draft)
            return True
        if self.busy:
            return False
        from kamdesk.services import proposals

        book, pid, today = w.state.book, w.draft.id, w.today

        def done(info: Any) -> None:
            self.busy = False
            self.issued = True
            w.draft = info
            w.state.notify(Changes(proposals=True, audit=True, outbox=True))
            w.accept()

        def failed(exc: BaseException) -> None:
            self.busy = False
            show_error(self, exc)

        self.busy = True
        Op(lambda: proposals.issue(book, pid, today=today), write=True, parent=self, name="proposal_issue").success(
            done).failure(failed).run()
        return False


# ---------------------------------------------------------------------------------- the wizard
class ProposalWizard(QWizard):
    """`saved(ProposalInfo)` when finished; `page_ready(key)` whenever a page's data arrived (tests)."""

    saved = Signal(object)
    page_ready = Signal(str)

    def __init__(self, state: AppState, client_id: str | None = None, *, today: dt.date | None = None,
                 parent: QWidget | None = None,
                 ask_override_reason: Callable[[str, str], str | None] | None = None, base: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("proposalWizard")
        self.base = base  # a ProposalInfo: this wizard makes its next version
        self.change_summary = ""
        self.setWindowTitle(_("新建方案") if base is None else _("新版本 — {t}（当前第 {v} 版）").format(
            t=base.title, v=base.version))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, _("上一步"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("下一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("取消"))
        self.resize(1100, 700)
        self.state = state
        self.today = today or dt.date.today()
        self.client_id: str | None = None
        self.client_name = ""
        self.client_kind = ""
        self.needs: list[Any] = []
        self.lines: list[Any] = []
        self.draft: Any = None
        self.check: Any = None
        self._draft_key: Any = None
        self._pending_key: Any = None
        self._ask = ask_override_reason
        self.client_page, self.needs_page, self.products_page = ClientPage(), NeedsPage(), ProductsPage()
        self.check_page, self.preview_page, self.save_page = CheckPage(), PreviewPage(), SavePage()
        for page in (self.client_page, self.needs_page, self.products_page, self.check_page, self.preview_page,
                     self.save_page):
            self.addPage(page)
        state.lock_changed.connect(self._lock_changed)
        if base is not None:
            client_id = base.client_id
            self.client_page.search.setEnabled(False)  # a new version stays with its client
        if client_id:
            self.preset_client(client_id)

    def _lock_changed(self, locked: bool) -> None:
        """Locking hides every client value: the wizard closes (a draft already saved stays saved)."""
        if locked:
            self.preview_page.preview.clear()
            self.reject()

    def preset_client(self, client_id: str) -> None:
        from kamdesk.services import suitability

        book, today = self.state.book, self.today
        Op(lambda: suitability.check(book, client_id, [], today=today), parent=self, name="wizard_client").success(
            lambda r: self.set_client(r.client_id, r.client_name)).failure(lambda exc: show_error(self, exc)).run()

    def set_client(self, client_id: str, name: str) -> None:
        if client_id != self.client_id:
            self.draft, self.check, self._draft_key = None, None, None
        self.client_id, self.client_name = client_id, name
        self.client_page.show_client(name)
        self.page_ready.emit("client")

    def ask_override_reason(self, product_code: str, message: str) -> str | None:
        if self._ask is not None:
            return self._ask(product_code, message)
        dlg = override_dialog(product_code, message, self)
        return dlg.text if dlg.exec() == QDialog.DialogCode.Accepted else None

    def refresh_suitability(self) -> None:
        from kamdesk.services import suitability

        ids = list(self.products_page.shelf)
        if not ids or not self.client_id:
            return
        book, cid, today = self.state.book, self.client_id, self.today
        Op(lambda: suitability.check(book, cid, ids, today=today), parent=self, name="wizard_suitability").success(
            self.products_page.set_suitability).failure(lambda exc: show_error(self, exc)).run()

    def save_draft_work(self) -> Callable[[], tuple[Any, Any, bool]]:
        """Worker function: create the draft (or a new version when the products changed), then check it."""
        from kamdesk.services import proposals

        book, cid, today = self.state.book, self.client_id, self.today
        lines, needs, draft, base = list(self.lines), list(self.needs), self.draft, self.base
        summary = self.change_summary or _("调整推荐产品与金额")
        key = (cid, tuple((ln.product_id, ln.amount, ln.reason) for ln in lines), tuple(needs))
        same = draft is not None and key == self._draft_key

        def work() -> tuple[Any, Any, bool]:
            info, changed = draft, False
            if info is None and base is not None:
                info = proposals.revise(book, base.id, lines=lines, change_summary=summary)
                changed = True
            elif info is None:
                info = proposals.create(book, cid, lines, needs=needs, today=today)
                changed = True
            elif not same:
                info = proposals.revise(book, draft.id, lines=lines, change_summary=summary)
                changed = True
            return info, proposals.check(book, info.id, today=today), changed

        self._pending_key = key
        return work
