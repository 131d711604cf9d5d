"""Client 360 (客户全景): one client in tabs — profile with masked C2 fields and an audited reveal,
group tree, contacts (each phone masked, with the same audited reveal), relationship team, holdings
and maturities, contribution chart, visits, opportunities, service requests, proposals and the
change history. Loaded in one background unit of work (proposals and history each load on their
own when their tab is first shown). The header plans a visit or starts a proposal for this client."""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from kamdesk.common.errors import KamdeskError
from kamdesk.common.i18n import _
from kamdesk.services.clients import may_reveal
from kamdesk.services.history import change_text, source_label
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import error_text, show_error
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QEvent,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QKeySequence,
    QLabel,
    QObject,
    QPainter,
    QPushButton,
    QScrollArea,
    QShortcut,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimer,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    charts,
    is_alive,
)
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.settings import WindowState
from kamdesk.ui.screens.base import row_table_view
from kamdesk.ui.state import AppState

log = logging.getLogger("kamdesk.ui")
REVEAL_SECONDS = 60  # a revealed value is masked again after this long


def load_360(book: Any, client_id: str) -> Any:
    """Worker: the whole 360 view, or (before that service exists) the profile alone."""
    try:
        from kamdesk.services.client360 import client_360
    except ImportError:
        from kamdesk.services.clients import get_client

        return get_client(book, client_id)
    return client_360(book, client_id)


def _empty_label(name: str, text: str) -> QLabel:
    """The grey, centred line a tab shows instead of an empty table."""
    lab = QLabel(text)
    lab.setObjectName(name)
    lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lab.setStyleSheet("color: palette(mid); padding: 24px;")
    return lab


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, name: str, empty: str,
           right: Sequence[int] = (), stretch: int = -1) -> QWidget:
    if not rows:
        return _empty_label(name + "Empty", empty)
    t = QTableWidget(len(rows), len(headers))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            it = QTableWidgetItem(labels.text(value) if not isinstance(value, str) else value)
            if c in right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, it)
    t.resizeColumnsToContents()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch < 0:
        t.horizontalHeader().setStretchLastSection(True)
    else:  # a wide text column takes the spare width, numbers stay next to their labels
        t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


class SensitiveField(QWidget):
    """A masked C2 value with a reveal button (asks for a reason; audited; re-masked later)."""

    def __init__(self, name: str, value: Any, reveal: Callable[[str, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.value = value
        self.setObjectName(f"sensitive_{name}")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName(f"value_{name}")
        # not selectable: a revealed C2 value is for reading, not for the clipboard
        lay.addWidget(self.label)
        self.button = QPushButton(_("查看明文"))
        self.button.setObjectName(f"reveal_{name}")
        self.button.setToolTip(_("查看明文需要填写原因，并记入审计日志"))
        self.button.setVisible(bool(getattr(value, "revealable", False)) and bool(getattr(value, "has_value", False)))
        self.button.clicked.connect(lambda: reveal(name, ""))
        lay.addWidget(self.button)
        lay.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.mask_again)
        self.mask_again()

    def mask_again(self) -> None:
        v = self.value
        if v is None or not getattr(v, "has_value", False):
            self.label.setText(_("（未填写）"))
        elif v.display is None:
            self.label.setText(_("（无权查看）"))
        else:
            self.label.setText(v.display)
        self.button.setEnabled(True)

    def show_plain(self, plain: str, seconds: int = REVEAL_SECONDS) -> None:
        self.label.setText(plain)
        self.button.setEnabled(False)
        self._timer.start(seconds * 1000)


class ContactsPane(QWidget):
    """联系人: the contacts table with each phone masked. 查看电话明文 (the button under the table,
    the table's context menu, or a double-click on a phone) asks the 360 window to reveal the
    selected contact's phone; `show_plain` shows it until REVEAL_SECONDS have passed. A role that
    may not reveal sees the action disabled, with a tooltip that says why."""

    PHONE_COLUMN = 3

    def __init__(self, contacts: Sequence[Any], reveal: Callable[[Any], Any], allowed: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsPane")
        self.contacts = list(contacts)
        self.allowed = allowed
        self._reveal = reveal
        self._timers: dict[str, QTimer] = {}
        rows = [(c.name + (_("（主要）") if c.is_primary else ""), c.title, labels.contact_role(c.role),
                 c.phone_display or "", c.email, labels.date(c.birthday), c.preferences) for c in self.contacts]
        self.table = _table([_("姓名"), _("职务"), _("角色"), _("电话"), _("邮箱"), _("生日"), _("偏好")], rows,
                            name="contactsTable", empty=_("暂无联系人。"))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        self.action = QAction(_("查看电话明文"), self)
        self.action.setObjectName("revealContactPhoneAction")
        self.action.triggered.connect(lambda: self.reveal_row(self._current_row()))
        self.button = QPushButton(self.action.text())
        self.button.setObjectName("revealContactPhone")
        self.button.clicked.connect(self.action.trigger)
        self.note = QLabel(_("显示的电话明文将在 {n} 秒后重新脱敏").format(n=REVEAL_SECONDS))
        self.note.setObjectName("contactRevealNote")
        self.note.setStyleSheet("color: palette(mid);")
        self.note.setVisible(False)
        foot = QHBoxLayout()
        foot.addWidget(self.button)
        foot.addWidget(self.note)
        foot.addStretch(1)
        lay.addLayout(foot)
        if isinstance(self.table, QTableWidget):
            self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.table.addAction(self.action)
            self.table.itemSelectionChanged.connect(self._update_action)
            self.table.cellDoubleClicked.connect(
                lambda row, col: col == self.PHONE_COLUMN and self.reveal_row(row))
            self.table.installEventFilter(self)  # a revealed phone is for reading, not for the clipboard
            if self.contacts:
                self.table.selectRow(0)
        else:
            self.button.setVisible(False)
        self._update_action()

    def _current_row(self) -> int:
        return self.table.currentRow() if isinstance(self.table, QTableWidget) else -1

    def _contact(self, row: int) -> Any:
        return self.contacts[row] if 0 <= row < len(self.contacts) else None

    def _update_action(self) -> None:
        c = self._contact(self._current_row())
        if not self.allowed:
            tip = _("当前角色无权查看联系人电话明文")
        elif c is None or not c.phone_display:
            tip = _("所选联系人没有登记电话")
        else:
            tip = _("查看所选联系人的电话明文需要填写原因，并记入审计日志")
        enabled = self.allowed and c is not None and bool(c.phone_display) and c.id not in self._timers
        for w in (self.action, self.button):
            w.setEnabled(enabled)
            w.setToolTip(tip)
        self.note.setVisible(bool(self._timers))

    def reveal_row(self, row: int) -> Any:
        c = self._contact(row)
        if c is None or not self.allowed or not c.phone_display or c.id in self._timers:
            return None
        return self._reveal(c)

    def _item(self, contact_id: str) -> QTableWidgetItem | None:
        row = next((r for r, c in enumerate(self.contacts) if c.id == contact_id), -1)
        return self.table.item(row, self.PHONE_COLUMN) if row >= 0 else None

    def phone_text(self, contact_id: str) -> str:
        item = self._item(contact_id)
        return item.text() if item is not None else ""

    def show_plain(self, contact_id: str, plain: str, seconds: int = REVEAL_SECONDS) -> None:
        item = self._item(contact_id)
        if item is None:
            return
        item.setText(plain)
        timer = QTimer(self)  # one per revealed phone: the action stays disabled until it fires
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.mask_again(contact_id))
        self._timers[contact_id] = timer
        timer.start(seconds * 1000)
        self._update_action()

    def mask_again(self, contact_id: str | None = None) -> None:
        """Mask one revealed phone again (every one without `contact_id`)."""
        for cid in [contact_id] if contact_id else list(self._timers):
            timer = self._timers.pop(cid, None)
            if timer is not None:
                timer.stop()
                timer.deleteLater()
            item = self._item(cid)
            contact = next((c for c in self.contacts if c.id == cid), None)
            if item is not None and contact is not None:
                item.setText(contact.phone_display or "")
        self._update_action()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and event.matches(QKeySequence.StandardKey.Copy):
            return True
        return super().eventFilter(obj, event)


HISTORY_PAGE = 50  # history entries per "load more"


class HistoryModel(RowTableModel):
    """The client's change history: time, who, what, old → new, source."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("时间"), lambda e: labels.local_time(e.at)),
            (lambda: _("人员"), lambda e: e.who or (_("其他设备") if e.source == "sync" else "")),
            (lambda: _("字段/动作"), lambda e: e.what),
            (lambda: _("变更"), change_text),
            (lambda: _("来源"), lambda e: source_label(e.source)),
        ]

    @staticmethod
    def row_key(r: Any) -> Any:
        return f"{r.table}:{r.record_id}:{r.field}:{r.at.isoformat()}"

    def role_data(self, r: Any, col: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and col == 3:
            return change_text(r) or None
        if role == Qt.ItemDataRole.ForegroundRole and (r.sensitive or r.source == "audit") and col == 3:
            return QColor("#5f6368")
        return None


class HistoryPane(QWidget):
    """变更历史: loads a page off the GUI thread; "load more" appends the next page; `refresh`
    reloads as many entries as are shown."""

    def __init__(self, state: AppState, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.client_id = client_id
        self.setObjectName("historyPane")
        self.model = HistoryModel(self)
        self.view = row_table_view("historyTable", self.model, (140, 100, 240, 400, 110), stretch=3)
        self.empty = _empty_label("historyEmpty", _("暂无变更记录。"))
        self.empty.setVisible(False)
        self.info = QLabel("")
        self.info.setObjectName("historyInfo")
        self.more_button = QPushButton(_("加载更多"))
        self.more_button.setObjectName("historyMore")
        self.more_button.setVisible(False)
        self.more_button.clicked.connect(self.load_more)
        foot = QHBoxLayout()
        foot.addWidget(self.info, 1)
        foot.addWidget(self.more_button)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty, 1)
        lay.addLayout(foot)
        self.op: Op[Any] | None = None
        self.refresh()

    def _load(self, offset: int, limit: int) -> Op[Any]:
        from kamdesk.services.history import client_history

        book, cid = self.state.book, self.client_id
        self.more_button.setEnabled(False)
        self.op = Op(lambda: client_history(book, cid, limit=limit, offset=offset), parent=self,
                     name="client_history").success(self._arrived).failure(self._failed).run()
        return self.op

    def refresh(self) -> Op[Any]:
        return self._load(0, max(HISTORY_PAGE, len(self.model.rows)))

    def load_more(self) -> Op[Any]:
        return self._load(len(self.model.rows), HISTORY_PAGE)

    def _arrived(self, page: Any) -> None:
        rows = list(page.entries) if page.offset == 0 else self.model.rows[:page.offset] + list(page.entries)
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        self.more_button.setVisible(page.has_more)
        self.more_button.setEnabled(True)
        self.info.setText(_("显示 {n} 条（本机修改、同步到达的修改及审计事件，最新在前）").format(n=len(rows)))

    def _failed(self, exc: BaseException) -> None:
        self.more_button.setEnabled(True)
        self.info.setText(error_text(exc))


def proposal_total(info: Any) -> Decimal:
    """The sum of a proposal's product amounts (元)."""
    return sum((Decimal(str(line.get("amount") or 0)) for line in info.lines), Decimal(0))


def client_proposal_model(parent: Any = None) -> Any:
    """The proposals screen's model plus the total amount; the client column is hidden by the view."""
    from kamdesk.ui.screens.proposals import ProposalModel

    model = ProposalModel(parent)
    model._cols.append((lambda: _("金额合计（万元）"), lambda r: labels.wan(proposal_total(r))))
    return model


class ProposalsPane(QWidget):
    """方案: the client's proposals (every version); double-click opens one in the preview."""

    def __init__(self, state: AppState, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.client_id = client_id
        self.setObjectName("proposalsPane")
        self.model = client_proposal_model(self)
        self.view = row_table_view("clientProposalsTable", self.model, (0, 300, 56, 100, 110, 140, 300, 130),
                                   stretch=6)
        self.view.setColumnHidden(0, True)  # the client column: it is this client
        self.view.doubleClicked.connect(lambda index: self.open_proposal(index.row()))
        self.empty = _empty_label("clientProposalsEmpty", _("暂无方案。点击右上角「新建方案」为该客户制作方案。"))
        self.empty.setVisible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.empty, 1)
        self.preview: QWidget | None = None
        self.refresh()

    def refresh(self) -> Op[Any]:
        from kamdesk.services.proposals import list_for_client

        book, cid = self.state.book, self.client_id
        return Op(lambda: list_for_client(book, cid), parent=self, name="client_proposals").success(
            self._arrived).failure(lambda exc: show_error(self, exc)).run()

    def _arrived(self, rows: list[Any]) -> None:
        self.model.set_rows(rows)
        self.view.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    def open_proposal(self, row: int) -> QWidget | None:
        from kamdesk.ui.screens.proposals import PreviewDialog

        info = self.model.row_at(row)
        if info is None:
            return None
        self.preview = PreviewDialog(self.state, info, self)
        self.preview.show()
        return self.preview


class Client360Window(QWidget):
    def __init__(self, state: AppState, client_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.state = state
        self.client_id = client_id
        self.data: Any = None
        self.sensitive: dict[str, SensitiveField] = {}
        self.setObjectName("client360")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.setWindowTitle(_("客户全景"))
        geo = WindowState.load("client360/geometry")
        if geo is None or not self.restoreGeometry(geo):
            self.resize(1100, 700)
        self.title = QLabel(_("正在加载…"))
        self.title.setObjectName("client360Title")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.5)
        f.setBold(True)
        self.title.setFont(f)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("client360Subtitle")
        self.edit_button = QPushButton(_("编辑资料"))
        self.edit_button.setObjectName("editClient")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("client360Tabs")
        self._builders = {}
        self.tabs.currentChanged.connect(self._build_current)
        lay = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.edit_button)
        self.new_proposal_button = QPushButton(_("新建方案"))  # the proposals wizard for this client
        self.new_proposal_button.setObjectName("client360NewProposal")
        self.new_proposal_button.setEnabled(state.policy.can(state.role, "proposal.create"))
        self.new_proposal_button.clicked.connect(lambda: self.new_proposal())
        head.addWidget(self.new_proposal_button)
        self.plan_visit_button = QPushButton(_("计划拜访"))  # the visit-planning dialog for this client
        self.plan_visit_button.setObjectName("client360PlanVisit")
        self.plan_visit_button.setEnabled(False)  # until the client is loaded (and only where allowed)
        if not state.policy.can(state.role, "visit.plan"):
            self.plan_visit_button.setToolTip(_("当前角色无权计划拜访"))
        self.plan_visit_button.clicked.connect(lambda: self.plan_visit())
        head.insertWidget(1, self.plan_visit_button)
        self.history_pane: HistoryPane | None = None
        self.proposals_pane: ProposalsPane | None = None
        self.contacts_pane: ContactsPane | None = None
        lay.addLayout(head)
        lay.addWidget(self.subtitle)
        lay.addWidget(self.tabs, 1)
        state.changed.connect(self._on_changes)
        for keys in ("Esc", "Ctrl+W"):
            QShortcut(QKeySequence(keys), self, self.close)
        self.reload()

    def plan_visit(self) -> QWidget | None:
        from kamdesk.ui.visits.plan import PlanVisitDialog

        if self.data is None or not self.state.policy.can(self.state.role, "visit.plan"):
            return None
        name = getattr(self.data, "profile", self.data).name
        self.plan_dialog = PlanVisitDialog(self.state, self, client_id=self.client_id, client_name=name)
        self.plan_dialog.open()
        return self.plan_dialog

    def new_proposal(self) -> QWidget:
        from kamdesk.ui.proposals.wizard import ProposalWizard

        self.proposal_wizard = ProposalWizard(self.state, self.client_id, parent=self)
        self.proposal_wizard.open()
        return self.proposal_wizard

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        book, cid = self.state.book, self.client_id
        Op(lambda: load_360(book, cid), parent=self, name="client_360").success(self.show_data).failure(
            self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.title.setText(_("无法打开客户"))
        show_error(self, exc)

    def _on_changes(self, changes: Changes) -> None:
        if not is_alive(self):
            return
        mine = not changes.client_ids or self.client_id in changes.client_ids
        if (changes.clients and mine) or changes.visits or changes.proposals:
            self.reload()  # rebuilds the tabs; proposals and history load afresh when shown
        elif (changes.audit or changes.sync) and self.history_pane is not None and is_alive(self.history_pane):
            self.history_pane.refresh()  # a reveal, export or print: the profile's revealed value stays

    def show_data(self, data: Any) -> None:
        self.data = data
        profile = getattr(data, "profile", data)
        self.setWindowTitle(_("客户全景 — {name}").format(name=profile.name))
        self.title.setText(profile.name)
        self.edit_button.setEnabled(bool(profile.editable_fields))
        self.plan_visit_button.setEnabled(self.state.policy.can(self.state.role, "visit.plan"))
        self.subtitle.setText("  ·  ".join(x for x in (
            labels.kind(profile.kind), _("{t}客户").format(t=labels.tier(profile.tier)), profile.industry,
            labels.stage(profile.lifecycle_stage), profile.city,
            _("客户经理：{n}").format(n=profile.owner_name) if profile.owner_name else "") if x))
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        old_pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        self.tabs.clear()
        for page in old_pages:  # clear() only removes them: free the old tabs (and their panes' loads)
            page.deleteLater()
        self.sensitive.clear()
        self._builders: dict[QWidget, Callable[[], QWidget]] = {}
        tabs: list[tuple[str, Callable[[], QWidget]]] = [(_("概况"), lambda: self._profile_tab(profile))]
        if hasattr(data, "profile"):
            tabs += [
                (_("集团"), lambda: self._group_tab(data.group)),
                (_("联系人"), lambda: self._contacts_tab(data.contacts)),
                (_("关系团队"), lambda: self._team_tab(data.team)),
                (_("持仓与到期"), lambda: self._holdings_tab(data.holdings)),
                (_("贡献度"), lambda: self._contribution_tab(data.contribution)),
                (_("拜访"), lambda: self._visits_tab(data)),
                (_("商机"), lambda: self._opportunities_tab(data.opportunities)),
                (_("服务请求"), lambda: self._requests_tab(data.requests)),
            ]
            if self.state.policy.can_read(self.state.role, "proposals"):
                tabs.append((_("方案"), self._proposals_tab))
        tabs.append((_("历史"), self._history_tab))
        self.history_pane = self.proposals_pane = self.contacts_pane = None
        for title, build in tabs:  # each tab is built when first shown: opening stays quick
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._builders[holder] = build
            self.tabs.addTab(holder, title)
        self.tabs.blockSignals(False)
        self.tabs.setCurrentIndex(current if 0 <= current < self.tabs.count() else 0)
        # the heading paints first; the tab's widgets are built in the next turn of the event loop
        QTimer.singleShot(0, lambda: is_alive(self) and self._build_current())

    def _build_current(self, *_a: Any) -> None:
        if not is_alive(self.tabs):
            return
        holder = self.tabs.currentWidget()
        build = self._builders.pop(holder, None) if holder is not None else None
        if build is not None:
            w = build()
            holder.layout().addWidget(w)
            w.show()

    def build_all_tabs(self) -> None:
        """Build every tab now (screenshots, tests)."""
        for i in range(self.tabs.count()):
            holder = self.tabs.widget(i)
            build = self._builders.pop(holder, None)
            if build is not None:
                holder.layout().addWidget(build())

    # -- tabs --------------------------------------------------------------------------------
    def _profile_tab(self, p: Any) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        basic = QGroupBox(_("基本信息"))
        form = QFormLayout(basic)
        rows = [
            (_("客户名称"), p.name), (_("简称"), p.short_name), (_("客户类型"), labels.kind(p.kind)),
            (_("所属集团"), p.group_name), (_("行业"), p.industry), (_("生命周期"), labels.stage(p.lifecycle_stage)),
            (_("客户层级"), labels.tier(p.tier)), (_("客户经理"), p.owner_name), (_("团队"), p.team_name),
            (_("分行"), p.branch), (_("城市"), p.city), (_("地址"), p.address),
        ]
        for k, v in rows:
            lab = QLabel(labels.text(v))
            lab.setWordWrap(True)
            if k in (_("客户名称"), _("地址")):
                lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(labels.colon(k), lab)
        dates = QGroupBox(_("合规与风险"))
        form2 = QFormLayout(dates)
        established = _("出生日期") if p.kind == "individual" else _("成立日期")
        for k, v in [(established, p.established_on), (_("KYC 复核日期"), p.kyc_reviewed_on),
                     (_("KYC 到期日"), p.kyc_due_on), (_("风险评估日期"), p.risk_assessed_on),
                     (_("风险承受能力"), p.risk_tolerance), (_("管理资产（万元）"), labels.wan(p.total_assets)),
                     (_("最近联系"), p.last_contact_on)]:
            form2.addRow(labels.colon(k), QLabel(labels.text(v)))
        c2 = QGroupBox(_("敏感信息（按角色脱敏显示，查看明文将记入审计）"))
        form3 = QFormLayout(c2)
        for name, value in getattr(p, "sensitive", {}).items():
            if value.mode == "none":
                continue
            field = SensitiveField(name, value, self.reveal)
            self.sensitive[name] = field
            form3.addRow(labels.colon(labels.sensitive_field(name)), field)
        grid.addWidget(basic, 0, 0, 2, 1)
        grid.addWidget(dates, 0, 1)
        grid.addWidget(c2, 1, 1)
        if p.notes:
            notes = QGroupBox(_("备注"))
            nl = QVBoxLayout(notes)
            lab = QLabel(p.notes)
            lab.setWordWrap(True)
            nl.addWidget(lab)
            grid.addWidget(notes, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(w)
        return scroll

    def _group_tab(self, group: Any) -> QWidget:
        if group is None:
            return _table([], [], name="groupTree", empty=_("该客户不属于任何集团。"))
        w = QWidget()
        lay = QVBoxLayout(w)
        summary = QLabel(_("集团：{g}    可见成员 {n} 家    持仓合计 {h} 万元    贷款合计 {l} 万元").format(
            g=group.root_name, n=len(group.members), h=labels.wan(group.holdings_total),
            l=labels.wan(group.loans_total)))
        lay.addWidget(summary)
        if group.hidden_members:
            note = QLabel(_("另有 {n} 家成员不在您的权限范围内，未显示也未计入合计。").format(n=group.hidden_members))
            note.setStyleSheet("color: palette(mid);")
            lay.addWidget(note)
        tree = QTreeWidget()
        tree.setObjectName("groupTree")
        tree.setHeaderLabels([_("成员"), _("层级"), _("持仓（万元）"), _("贷款（万元）")])
        items: dict[str, QTreeWidgetItem] = {}
        for m in group.members:
            parent = items.get(m.parent_id or "")
            it = QTreeWidgetItem([m.name, labels.tier(m.tier), labels.wan(m.holdings_total), labels.wan(m.loans_total)])
            it.setData(0, Qt.ItemDataRole.UserRole, m.id)
            if m.is_current:
                f = it.font(0)
                f.setBold(True)
                it.setFont(0, f)
            (parent.addChild(it) if parent is not None else tree.addTopLevelItem(it))
            items[m.id] = it
        tree.expandAll()
        tree.resizeColumnToContents(0)
        lay.addWidget(tree, 1)
        return w

    def _contacts_tab(self, contacts: list[Any]) -> QWidget:
        allowed = may_reveal(self.state.book, "phone", table="contacts")  # the policy and the keyring: no query
        self.contacts_pane = ContactsPane(contacts, self.reveal_contact_phone, allowed)
        return self.contacts_pane

    def _team_tab(self, team: list[Any]) -> QWidget:
        rows = [(m.name, m.role_label or m.role, "" if m.credit_share is None else f"{m.credit_share:.0%}") for m in team]
        return _table([_("成员"), _("角色"), _("业绩分成")], rows, name="teamTable", empty=_("暂无关系团队成员。"),
                      right=(2,), stretch=1)

    def _holdings_tab(self, holdings: list[Any]) -> QWidget:
        rows = [(h.product_name, h.product_code, labels.product_type(h.product_type), h.risk_level, labels.wan(h.amount),
                 "" if h.rate is None else f"{h.rate}", labels.date(h.start_on), labels.date(h.maturity_on),
                 "" if h.days_to_maturity is None else str(h.days_to_maturity)) for h in holdings]
        t = _table([_("产品名称"), _("代码"), _("类型"), _("风险等级"), _("金额（万元）"), _("利率"), _("起始日"),
                    _("到期日"), _("剩余天数")], rows, name="holdingsTable", empty=_("暂无持仓。"), right=(4, 5, 8),
                   stretch=0)
        if isinstance(t, QTableWidget):
            for r, h in enumerate(holdings):
                if h.maturing_soon:
                    for c in range(t.columnCount()):
                        t.item(r, c).setBackground(QColor("#fff4e5"))
        return t

    def _contribution_tab(self, contribution: Any) -> QWidget:
        months = list(getattr(contribution, "months", []) or [])
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(QLabel(_("近 12 个月贡献合计 {t} 万元（存款 {d}，贷款 {l}，中间业务 {f}）").format(
            t=labels.wan(contribution.total), d=labels.wan(contribution.deposit_income),
            l=labels.wan(contribution.loan_income), f=labels.wan(contribution.fee_income))))
        qc = charts()
        chart = qc.QChart()
        chart.setObjectName("contributionChart")
        series = qc.QStackedBarSeries()
        sets = []
        for title, attr in ((_("存款收益"), "deposit_income"), (_("贷款收益"), "loan_income"),
                            (_("中间业务收入"), "fee_income")):
            s = qc.QBarSet(title)
            for m in months:
                s.append(float(getattr(m, attr)) / 10000.0)
            sets.append(s)
            series.append(s)
        chart.addSeries(series)
        axis_x = qc.QBarCategoryAxis()
        axis_x.append([m.month[2:] for m in months])
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = qc.QValueAxis()
        axis_y.setTitleText(_("万元"))
        axis_y.setLabelFormat("%.1f")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(qc.QChart.AnimationOption.NoAnimation)
        view = qc.QChartView(chart)
        view.setObjectName("contributionChartView")
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        lay.addWidget(view, 1)
        return w

    def _visits_tab(self, data: Any) -> QWidget:
        visits = list(data.last_visits)
        if data.next_visit is not None:
            visits = [data.next_visit, *visits]
        rows = [(labels.date(v.planned_at), labels.visit_kind(v.kind), labels.visit_status(v.status), v.place, v.agenda, v.outcome) for v in visits]
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(_table([_("时间"), _("方式"), _("状态"), _("地点"), _("议程"), _("成果")], rows,
                             name="visitsTable", empty=_("暂无拜访记录。")), 2)
        tasks = [(t.title, labels.date(t.due_on), _("已逾期") if t.overdue else "", labels.task_source(t.source)) for t in data.open_tasks]
        box = QGroupBox(_("待办任务"))
        bl = QVBoxLayout(box)
        bl.addWidget(_table([_("任务"), _("到期日"), _("状态"), _("来源")], tasks, name="tasksTable",
                            empty=_("暂无待办任务。")))
        lay.addWidget(box, 1)
        return w

    def _opportunities_tab(self, opps: list[Any]) -> QWidget:
        rows = [(o.name, labels.opportunity_stage(o.stage), labels.wan(o.amount), f"{o.probability}%", labels.date(o.expected_close_on))
                for o in opps]
        return _table([_("商机"), _("阶段"), _("金额（万元）"), _("赢率"), _("预计成交")], rows,
                      name="opportunitiesTable", empty=_("暂无商机。"), right=(2, 3), stretch=0)

    def _requests_tab(self, reqs: list[Any]) -> QWidget:
        sla = {"ok": _("正常"), "due_soon": _("即将超时"), "breached": _("已超时"), "none": ""}
        rows = [(_("投诉") if r.kind == "complaint" else _("请求"), r.title, r.category, labels.request_status(r.status), labels.priority(r.priority),
                 labels.date(r.opened_at), labels.date(r.sla_due_at), sla.get(r.sla_state, r.sla_state))
                for r in reqs]
        t = _table([_("类型"), _("标题"), _("类别"), _("状态"), _("优先级"), _("受理时间"), _("时限"), _("时限状态")],
                   rows, name="requestsTable", empty=_("暂无服务请求。"))
        if isinstance(t, QTableWidget):
            for r, req in enumerate(reqs):
                colour = {"breached": "#fde7e9", "due_soon": "#fff4e5"}.get(req.sla_state)
                if colour:
                    for c in range(t.columnCount()):
                        t.item(r, c).setBackground(QColor(colour))
        return t

    def _proposals_tab(self) -> QWidget:
        self.proposals_pane = ProposalsPane(self.state, self.client_id)
        return self.proposals_pane

    def _history_tab(self) -> QWidget:
        self.history_pane = HistoryPane(self.state, self.client_id)
        return self.history_pane

    def tab_index(self, title: str) -> int:
        """The index of the tab with this (translated) title, or -1."""
        return next((i for i in range(self.tabs.count()) if self.tabs.tabText(i) == title), -1)

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        WindowState.save("client360/geometry", self.saveGeometry())
        super().closeEvent(event)

    def edit(self) -> Any:
        from kamdesk.ui.editclient import EditClientDialog

        if self.data is None:
            return None
        dlg = EditClientDialog(self.state, getattr(self.data, "profile", self.data), self)
        dlg.open()
        self.edit_dialog = dlg
        return dlg

    # -- reveal ------------------------------------------------------------------------------
    def reveal_contact_phone(self, contact: Any, reason: str = "") -> Any:
        """Reveal one contact's phone: the reason first, as for the profile's fields."""
        what = f"{contact.name} · {labels.sensitive_field('phone')}"
        return self.reveal("phone", reason, contact_id=contact.id, what=what)

    def reveal(self, field: str, reason: str = "", *, contact_id: str | None = None, what: str = "") -> Any:
        """Ask for the reason (non-blocking: an idle lock may close this window meanwhile)."""
        if reason:
            return self.reveal_with_reason(field, reason, contact_id=contact_id)
        dlg = QInputDialog(self)
        dlg.setObjectName("revealReason")
        dlg.setWindowTitle(_("查看明文"))
        dlg.setLabelText(_("请填写查看「{f}」明文的原因（将记入审计日志）：").format(
            f=what or labels.sensitive_field(field)))
        dlg.setOkButtonText(_("查看"))
        dlg.setCancelButtonText(_("取消"))

        def chosen(text: str) -> None:
            from kamdesk.services.reasons import clean_reason

            try:
                reason = clean_reason(text)
            except KamdeskError as exc:
                show_error(self, exc)
                return
            self.reveal_with_reason(field, reason, contact_id=contact_id)

        dlg.textValueSelected.connect(chosen)
        dlg.open()
        self.reason_dialog = dlg
        return dlg

    def reveal_with_reason(self, field: str, reason: str, *, contact_id: str | None = None) -> Op[str]:
        """Reveal on the writer (the audit event is a write); show the value where it belongs."""
        from kamdesk.services.clients import reveal

        book, cid = self.state.book, self.client_id

        def shown(plain: str) -> None:
            if not self.state.locked:
                if contact_id is None:
                    w = self.sensitive.get(field)
                    if w is not None:
                        w.show_plain(plain)
                elif self.contacts_pane is not None and is_alive(self.contacts_pane):
                    self.contacts_pane.show_plain(contact_id, plain)
            self.state.notify(Changes(audit=True))

        return Op(lambda: reveal(book, cid, field, reason=reason, contact_id=contact_id), write=True, parent=self,
                  name="reveal").success(shown).run()
