"""The client book table: a QAbstractTableModel over the list of client ids with a lazy row cache
filled in the background (Anki's browser table). Only the ids of the whole book are held; rows
are fetched in blocks around what the view asks for, and never on the GUI thread. The worker also
formats each row's cell texts, so `data()` (called ~2,000 times per repaint) only looks them up."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.ops import Op
from kamdesk.ui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal

BLOCK = 200  # rows fetched per background request
# the roles as plain ints: data() compares them ~2,000 times per repaint (enum members are slower)
DISPLAY = Qt.ItemDataRole.DisplayRole.value
TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
ALIGN = Qt.ItemDataRole.TextAlignmentRole.value
USER = Qt.ItemDataRole.UserRole.value
LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # asked for every painted cell
MAX_BLOCKS = 3  # blocks fetched per request at most
LOADING = "…"


@dataclass(frozen=True)
class Column:
    key: str  # service sort key and ClientRow attribute
    title: Callable[[], str]
    fmt: Callable[[Any], str] = labels.text
    align_right: bool = False
    width: int = 110


def columns() -> list[Column]:
    return [
        Column("name", lambda: _("客户名称"), width=260),
        Column("kind", lambda: _("类型"), labels.kind, width=80),
        Column("tier", lambda: _("层级"), labels.tier, width=60),
        Column("industry", lambda: _("行业"), width=150),
        Column("lifecycle_stage", lambda: _("生命周期"), labels.stage, width=80),
        Column("owner_name", lambda: _("客户经理"), width=80),
        Column("city", lambda: _("城市"), width=70),
        Column("total_assets", lambda: _("管理资产（万元）"), labels.wan, True, width=130),
        Column("risk_tolerance", lambda: _("风险承受"), width=76),
        Column("credit_code_display", lambda: _("统一社会信用代码"), width=170),
        Column("last_contact_on", lambda: _("最近联系"), labels.date, width=96),
        Column("group_name", lambda: _("所属集团"), width=180),
    ]


class _Gone:
    """A row the service no longer returns (deleted, or out of scope): shown empty."""

    def __getattr__(self, name: str) -> None:
        return None


GONE = _Gone()
RowFetcher = Callable[[list[str]], dict[str, Any]]


def cell_texts(cols: list[Column], rec: Any) -> tuple[str, ...]:
    return tuple(c.fmt(getattr(rec, c.key, None)) for c in cols)


class ClientTableModel(QAbstractTableModel):
    """`set_ids(ids)` replaces the list; `fetch(ids) -> {id: ClientRow}` runs on a worker."""

    rows_loaded = Signal(int)  # how many rows arrived (tests and the benchmark wait on it)
    sort_requested = Signal(str, bool)  # column key, descending

    def __init__(self, fetch: RowFetcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._cols = columns()
        self._align = [RIGHT if c.align_right else LEFT for c in self._cols]
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._cache: dict[str, Any] = {}
        self._texts: dict[str, tuple[str, ...]] = {}  # the formatted cells of each cached row
        self._inflight: set[str] = set()
        self._wanted: dict[int, None] = {}  # rows asked for, in order (newest last)
        self._generation = 0
        self._hidden = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(16)  # coalesce the rows one repaint asks for
        self._timer.timeout.connect(self._fetch_wanted)
        self.sort_key = "name"
        self.descending = False

    # -- the id list -------------------------------------------------------------------------
    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._pos = {cid: i for i, cid in enumerate(self._ids)}
        self._wanted.clear()
        self.endResetModel()

    def ids(self) -> list[str]:
        return list(self._ids)

    def id_at(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, client_id: str) -> int:
        return self._pos.get(client_id, -1)

    def cached(self, client_id: str) -> Any:
        return self._cache.get(client_id)

    def invalidate(self, client_ids: Iterable[str] | None = None) -> None:
        """Forget cached rows (all, or some) so they are fetched again when shown."""
        self._generation += 1
        self._inflight.clear()
        if client_ids is None:
            self._cache.clear()
            self._texts.clear()
            rows = (0, len(self._ids) - 1)
        else:
            ids = [c for c in client_ids if c in self._pos]
            for c in ids:
                self._cache.pop(c, None)
                self._texts.pop(c, None)
            if not ids:
                return
            r = [self._pos[c] for c in ids]
            rows = (min(r), max(r))
        if self._ids:
            self.dataChanged.emit(self.index(rows[0], 0), self.index(rows[1], len(self._cols) - 1))

    def set_hidden(self, hidden: bool) -> None:
        """Locked: show no client value at all, and drop the cache."""
        self._hidden = hidden
        if hidden:
            self._cache.clear()
            self._texts.clear()
        self.beginResetModel()
        self.endResetModel()

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._hidden else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cols)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._cols):
            if role == DISPLAY:
                return self._cols[section].title()
            if role == ALIGN and self._cols[section].align_right:
                return RIGHT
        if orientation == Qt.Orientation.Vertical and role == DISPLAY:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        """The hot path of every repaint: plain int compares and dict lookups, nothing formatted here."""
        if self._hidden:
            return None
        if role == DISPLAY or role == TOOLTIP:
            row, colno = index.row(), index.column()
            if not (0 <= row < len(self._ids) and 0 <= colno < len(self._align)):
                return None  # also an invalid index (row -1)
            texts = self._texts.get(self._ids[row])
            if texts is None:
                self._want(row)
                return LOADING if role == DISPLAY else None
            return texts[colno]
        if role == ALIGN:
            colno = index.column()
            return self._align[colno] if index.isValid() and 0 <= colno < len(self._align) else None
        if role == USER:
            row = index.row()
            return self._ids[row] if index.isValid() and 0 <= row < len(self._ids) else None
        return None

    def multiData(self, index: QModelIndex | QPersistentModelIndex, span: Any) -> None:  # noqa: N802
        """All the roles a delegate paints a cell with, in one call (Qt's default asks `data()` once
        per role, ~7 per cell): every call from Qt into Python must take the GIL, which a busy worker
        holds, so a repaint took 20 ms idle but 45-75 ms while one or two workers ran Python."""
        if self._hidden:
            return
        row, colno = index.row(), index.column()
        if not (0 <= row < len(self._ids) and 0 <= colno < len(self._align)):
            return
        for d in span:
            role = d.role()
            if role == DISPLAY:
                texts = self._texts.get(self._ids[row])
                if texts is None:
                    self._want(row)
                d.setData(LOADING if texts is None else texts[colno])
            elif role == ALIGN:
                d.setData(self._align[colno])
            elif role == USER:
                d.setData(self._ids[row])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the service (over the whole book): ask the screen to reload ids."""
        if 0 <= column < len(self._cols):
            key, desc = self._cols[column].key, order == Qt.SortOrder.DescendingOrder
            if (key, desc) == (self.sort_key, self.descending):
                return  # the view re-announcing the current order (e.g. when the header is set up)
            self.sort_key, self.descending = key, desc
            self.sort_requested.emit(self.sort_key, self.descending)

    def column_key(self, column: int) -> str:
        return self._cols[column].key

    # -- lazy loading ------------------------------------------------------------------------
    def _want(self, row: int) -> None:
        self._wanted.pop(row, None)
        self._wanted[row] = None
        if not self._timer.isActive():
            self._timer.start()

    def prefetch(self, first: int, last: int) -> None:
        for r in range(max(0, first), min(len(self._ids), last + 1)):
            if self._ids[r] not in self._cache:
                self._wanted[r] = None
        if self._wanted and not self._timer.isActive():
            self._timer.start()

    def _fetch_wanted(self) -> None:
        if not self._wanted or self._hidden:
            self._wanted.clear()
            return
        rows = list(self._wanted)
        self._wanted.clear()
        # fetch whole blocks around the requested rows (scrolling usually continues); at most a few:
        # rows a fast scroll passed over are asked for again if they are ever painted
        blocks: list[int] = []
        for r in reversed(rows):  # the newest first: where the view is now
            if r // BLOCK not in blocks:
                blocks.append(r // BLOCK)
            if len(blocks) == MAX_BLOCKS:
                break
        ids: list[str] = []
        for b in blocks:
            for cid in self._ids[b * BLOCK:(b + 1) * BLOCK]:
                if cid not in self._cache and cid not in self._inflight:
                    ids.append(cid)
        if not ids:
            return
        self._inflight.update(ids)
        gen, fetch, cols = self._generation, self._fetch, self._cols

        def rows_and_texts() -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:  # on the worker
            rows = fetch(ids)
            return rows, {cid: cell_texts(cols, rec) for cid, rec in rows.items()}

        Op(rows_and_texts, name="client_rows").success(lambda r: self._arrived(gen, ids, *r)).failure(
            lambda exc: self._failed(gen, ids, exc)).run()

    def _arrived(self, gen: int, asked: list[str], rows: dict[str, Any], texts: dict[str, tuple[str, ...]]) -> None:
        self._inflight.difference_update(asked)
        if gen != self._generation or self._hidden:
            return  # invalidated meanwhile: these rows may be stale
        self._cache.update(rows)
        self._texts.update(texts)
        for cid in asked:
            if cid not in rows:
                self._cache[cid] = GONE
                self._texts[cid] = cell_texts(self._cols, GONE)
        pos = [self._pos[c] for c in asked if c in self._pos]
        if pos:
            self.dataChanged.emit(self.index(min(pos), 0), self.index(max(pos), len(self._cols) - 1),
                                  [Qt.ItemDataRole.DisplayRole])
        self.rows_loaded.emit(len(rows))

    def _failed(self, gen: int, asked: list[str], exc: BaseException) -> None:
        self._inflight.difference_update(asked)
        import logging

        logging.getLogger("kamdesk.ui").warning("loading client rows failed: %s", type(exc).__name__)
