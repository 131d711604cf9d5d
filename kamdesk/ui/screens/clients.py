"""客户 Clients: the whole book in one table (ids + lazy rows), search as you type (debounced, off
the GUI thread, stale results dropped), filters, service-side sorting and saved views."""
from __future__ import annotations

import logging
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels, settings
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Latest, Op
from kamdesk.ui.qt import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    Qt,
    QTableView,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
    is_alive,
)
from kamdesk.ui.screens.base import Screen
from kamdesk.ui.screens.client_model import ClientTableModel
from kamdesk.ui.settings import WindowState
from kamdesk.ui.state import AppState

log = logging.getLogger("kamdesk.ui")

# filter key -> (ClientFilter field, label)
FILTERS = (
    ("kinds", lambda: _("类型")),
    ("tiers", lambda: _("层级")),
    ("industries", lambda: _("行业")),
    ("lifecycle_stages", lambda: _("生命周期")),
    ("owner_ids", lambda: _("客户经理")),
    ("team_ids", lambda: _("团队")),
)


def _options_for(opts: Any, key: str) -> list[tuple[str, str]]:
    """(value, label) pairs from the service's filter options, whatever its exact shape."""
    raw = getattr(opts, key, None)
    if raw is None and isinstance(opts, dict):
        raw = opts.get(key)
    if raw is None:
        return []
    out: list[tuple[str, str]] = []
    items = raw.items() if isinstance(raw, dict) else raw
    for item in items:
        if isinstance(item, tuple) and len(item) >= 2:
            value, label = str(item[0]), str(item[1])
        elif hasattr(item, "value"):
            value, label = str(item.value), str(getattr(item, "label", item.value))
        else:
            value = label = str(item)
        if key == "tiers":
            label = labels.tier(value)
        elif key == "kinds":
            label = labels.kind(value)
        elif key == "lifecycle_stages":
            label = labels.stage(value)
        out.append((value, label))
    return out


class ClientTable(QTableView):
    open_client = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("clientTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setWordWrap(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setSortIndicatorShown(True)
        self.doubleClicked.connect(lambda idx: self._open(idx.row()))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos: Any) -> None:
        idx = self.indexAt(pos)
        if not idx.isValid():
            return
        menu = QMenu(self)
        menu.addAction(_("打开客户全景"), lambda: self._open(idx.row()))
        name = self.model().data(self.model().index(idx.row(), 0))
        if name and name != "…":
            menu.addAction(_("复制客户名称"), lambda: QApplication.clipboard().setText(name))
        menu.popup(self.viewport().mapToGlobal(pos))

    def _open(self, row: int) -> None:
        model = self.model()
        cid = model.id_at(row) if model is not None else None
        if cid:
            self.open_client.emit(cid)

    def keyPressEvent(self, event: Any) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open(self.currentIndex().row())
            return
        super().keyPressEvent(event)

    def visible_rows(self) -> tuple[int, int]:
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        n = self.model().rowCount() if self.model() else 0
        return (max(first, 0), (n - 1) if last < 0 else last)


class ClientsScreen(Screen):
    key = "clients"
    ids_loaded = Signal(int)  # number of clients listed (after each search/filter/sort)
    open_client = Signal(str)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        from kamdesk.services import clients as svc

        self._svc = svc
        book = state.book
        self.model = ClientTableModel(lambda ids: svc.rows_for_ids(book, ids), self)
        self.model.sort_requested.connect(lambda *_a: self.reload())
        self._query = Latest(settings.SEARCH_DELAY_MS.get(), owner=self)
        self._filters: dict[str, tuple[str, ...]] = {}

        self.search = QLineEdit()
        self.search.setObjectName("clientSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("搜索客户：名称、简称、拼音首字母（如 zgsy）、联系人或证件号码 (Ctrl+F)"))
        self.search.textChanged.connect(lambda _t: self.reload())
        self.search.returnPressed.connect(self._open_first)

        self.combos: dict[str, QComboBox] = {}
        filters_row = QHBoxLayout()
        filters_row.setSpacing(6)
        for key, title in FILTERS:
            c = QComboBox()
            c.setObjectName(f"filter_{key}")
            c.addItem(_("全部{t}").format(t=title()), None)
            c.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            c.currentIndexChanged.connect(self._filters_changed)
            self.combos[key] = c
            filters_row.addWidget(c)
        self.views = QComboBox()
        self.views.setObjectName("savedViews")
        self.views.setMinimumContentsLength(8)
        self.views.activated.connect(self._apply_view)
        save_view = QToolButton()
        save_view.setText(_("保存视图"))
        save_view.setObjectName("saveView")
        save_view.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        save_view.clicked.connect(self._save_view)
        view_menu = QMenu(save_view)
        self.delete_view_button = view_menu.addAction(_("删除视图"))  # a QAction: keeps the filter row narrow
        self.delete_view_button.setObjectName("deleteView")
        self.delete_view_button.triggered.connect(lambda _c=False: self._delete_view())
        save_view.setMenu(view_menu)
        filters_row.addStretch(1)
        filters_row.addWidget(QLabel(_("视图：")))
        filters_row.addWidget(self.views)
        filters_row.addWidget(save_view)

        self.count = QLabel("")
        self.count.setObjectName("clientCount")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)

        self.table = ClientTable()
        self.table.setModel(self.model)
        self.table.open_client.connect(self.open_client)
        header = self.table.horizontalHeader()
        for i, col in enumerate(self.model._cols):  # never narrower than the header text (English is longer)
            self.table.setColumnWidth(i, max(col.width, header.sectionSizeHint(i) + 16))
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalScrollBar().valueChanged.connect(self._prefetch_visible)
        header_state = WindowState.load("clients/header")
        if header_state is not None:
            self.table.horizontalHeader().restoreState(header_state)
            for i in range(self.model.columnCount()):  # saved in another language: never clip a title
                need = header.sectionSizeHint(i) + 16
                if self.table.columnWidth(i) < need:
                    self.table.setColumnWidth(i, need)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addLayout(filters_row)
        lay.addWidget(self.table, 1)
        self._refresh_views()

    # -- loading -----------------------------------------------------------------------------
    def activate(self) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.reload(immediate=True)
            self._filters_pending = True  # loaded once the first page is in (fewer workers competing)

    def current_filter(self) -> Any:
        from kamdesk.services.dto import ClientFilter

        return ClientFilter(**self._filters)

    def reload(self, *, immediate: bool = False) -> None:
        svc, book = self._svc, self.state.book
        q, f, sort, desc = self.search.text().strip(), self.current_filter(), self.model.sort_key, self.model.descending
        self.count.setText(_("正在查找…"))

        def ids() -> list[str]:
            return svc.client_ids(book, query=q, filters=f, sort=sort, descending=desc)

        self._query.submit(ids, self._ids_arrived, self._ids_failed, immediate=immediate or not q)

    def _ids_arrived(self, ids: list[str]) -> None:
        self.model.set_ids(ids)
        self.count.setText(_("共 {n} 户").format(n=len(ids)))
        if ids:
            QTimer.singleShot(0, lambda: is_alive(self) and self._prefetch_visible())
        self.ids_loaded.emit(len(ids))
        if getattr(self, "_filters_pending", False):
            self._filters_pending = False
            self.model.rows_loaded.connect(self._first_rows_in)
            if not ids:
                self._first_rows_in()

    def _first_rows_in(self, *_a: Any) -> None:
        try:
            self.model.rows_loaded.disconnect(self._first_rows_in)
        except (RuntimeError, TypeError):
            pass
        self._load_filter_options()

    def _ids_failed(self, exc: BaseException) -> None:
        self.count.setText("")
        show_error(self, exc)

    def _prefetch_visible(self, *_a: Any) -> None:
        first, last = self.table.visible_rows()
        self.model.prefetch(first, last + 40)

    def _load_filter_options(self) -> None:
        svc, book = self._svc, self.state.book
        Op(lambda: svc.filter_options(book), parent=self).success(self._fill_filters).failure(
            lambda exc: log.warning("filter options failed: %s", type(exc).__name__)).run()

    def _fill_filters(self, opts: Any) -> None:
        for key, _title in FILTERS:
            c = self.combos[key]
            c.blockSignals(True)
            while c.count() > 1:
                c.removeItem(1)
            for value, label in _options_for(opts, key):
                c.addItem(label, value)
            c.blockSignals(False)
            c.setVisible(c.count() > 2 or key not in ("owner_ids", "team_ids"))

    def _filters_changed(self, *_a: Any) -> None:
        self._filters = {k: (c.currentData(),) for k, c in self.combos.items() if c.currentData()}
        self.reload(immediate=True)

    def _open_first(self) -> None:
        cid = self.model.id_at(0)
        if cid:
            self.open_client.emit(cid)

    def on_lock(self, locked: bool) -> None:
        self.model.set_hidden(locked)

    def focus_search(self) -> bool:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
        return True

    # -- change events -----------------------------------------------------------------------
    def on_changes(self, changes: Changes) -> None:
        if not changes.clients or not self._loaded_once:
            return
        if changes.client_ids:
            self.model.invalidate(changes.client_ids)  # edited rows only
        else:
            self.reload(immediate=True)  # rows added or removed: the id list changed

    # -- saved views -------------------------------------------------------------------------
    def _refresh_views(self) -> None:
        self.views.blockSignals(True)
        self.views.clear()
        self.views.addItem(_("（未保存）"), None)
        for name in sorted(settings.SAVED_VIEWS.get()):
            self.views.addItem(name, name)
        self.views.blockSignals(False)
        if hasattr(self, "delete_view_button"):
            self.delete_view_button.setEnabled(bool(self.views.currentData()))

    def view_definition(self) -> dict[str, Any]:
        return {"query": self.search.text(), "filters": {k: list(v) for k, v in self._filters.items()},
                "sort": self.model.sort_key, "descending": self.model.descending}

    def save_view(self, name: str) -> None:
        views = dict(settings.SAVED_VIEWS.get())
        views[name] = self.view_definition()
        settings.SAVED_VIEWS.set(views)
        self._refresh_views()
        self.views.setCurrentIndex(self.views.findData(name))
        self.delete_view_button.setEnabled(True)

    def _save_view(self) -> None:
        name, ok = QInputDialog.getText(self, _("保存视图"), _("视图名称："))
        if ok and name.strip():
            self.save_view(name.strip())

    def apply_view(self, name: str) -> None:
        view = settings.SAVED_VIEWS.get().get(name)
        if not view:
            return
        for key, c in self.combos.items():
            wanted = (view.get("filters", {}).get(key) or [None])[0]
            c.blockSignals(True)
            c.setCurrentIndex(max(0, c.findData(wanted)) if wanted else 0)
            c.blockSignals(False)
        self._filters = {k: tuple(v) for k, v in view.get("filters", {}).items() if v}
        self.model.sort_key = view.get("sort", "name")
        self.model.descending = bool(view.get("descending", False))
        keys = [c.key for c in self.model._cols]
        if self.model.sort_key in keys:
            self.table.horizontalHeader().blockSignals(True)
            self.table.horizontalHeader().setSortIndicator(
                keys.index(self.model.sort_key),
                Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder)
            self.table.horizontalHeader().blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(view.get("query", ""))
        self.search.blockSignals(False)
        self.reload(immediate=True)

    def _apply_view(self, index: int) -> None:
        name = self.views.itemData(index)
        self.delete_view_button.setEnabled(bool(name))
        if name:
            self.apply_view(name)

    def delete_view(self, name: str) -> None:
        views = dict(settings.SAVED_VIEWS.get())
        views.pop(name, None)
        settings.SAVED_VIEWS.set(views)
        self._refresh_views()

    def _delete_view(self) -> None:
        name = self.views.currentData()
        if name:
            self.delete_view(name)

    def save_state(self) -> None:
        WindowState.save("clients/header", self.table.horizontalHeader().saveState())
