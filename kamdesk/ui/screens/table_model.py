"""A read-only table model over a list of row DTOs and a column spec, shared by the screens (and the
header/flags helpers the agenda's tree model shares with it)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from kamdesk.ui.qt import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Column = tuple[Callable[[], str], Callable[[Any], Any]]  # (translated title, value of a row)
Index = QModelIndex | QPersistentModelIndex


def column_header(cols: Sequence[Column], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """The translated title of a column, for `headerData`."""
    if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(cols):
        return cols[section][0]()
    return None


def selectable_flags(index: Index) -> Qt.ItemFlag:
    """Read-only, selectable cells."""
    if not index.isValid():
        return Qt.ItemFlag.NoItemFlags
    return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class RowTableModel(QAbstractTableModel):
    """Rows are frozen DTOs; `_cols` is a list of (title, value) pairs set by the subclass. `data()`
    answers the display value from `_cols`, the row's `row_key` for UserRole, and asks
    `role_data(row, column, role)` for the rest (tooltips, colours, fonts); a subclass may also
    override `data()` whole (and use `_row(index)`)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self._cols: list[Column] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._rows_changed()
        self.endResetModel()

    def _rows_changed(self) -> None:
        """Hook inside the reset of `set_rows` (drop caches)."""

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _row(self, index: Index) -> Any:
        """The row DTO of a valid cell of this model, else None."""
        if not index.isValid() or index.column() >= len(self._cols):
            return None
        return self.row_at(index.row())

    @staticmethod
    def row_key(r: Any) -> Any:
        return r.id

    def role_data(self, r: Any, col: int, role: int) -> Any:  # noqa: ARG002
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self._row(index)
        if r is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cols[index.column()][1](r)
        if role == Qt.ItemDataRole.UserRole:
            return self.row_key(r)
        return self.role_data(r, index.column(), role)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._cols)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return column_header(self._cols, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return selectable_flags(index)
