"""产品 Products: the product shelf with filters (type, risk level, client kind) and a detail pane
(rate or fee, term, amounts, description and the risk disclosure)."""
from __future__ import annotations

from typing import Any

from kamdesk.common.i18n import _
from kamdesk.ui import labels
from kamdesk.ui.changes import Changes
from kamdesk.ui.errors import show_error
from kamdesk.ui.ops import Latest
from kamdesk.ui.screens.table_model import RowTableModel
from kamdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPlainTextEdit,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from kamdesk.ui.screens.base import Screen, row_table_view
from kamdesk.ui.state import AppState


def kind_label(code: str) -> str:
    return _("所有客户") if code in ("any", "", None) else labels.kind(code)


def amount_label(value: Any) -> str:
    return labels.yuan(value) if value is not None else "—"


class ProductModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cols = [
            (lambda: _("代码"), lambda r: r.code),
            (lambda: _("产品名称"), lambda r: r.name),
            (lambda: _("类型"), lambda r: r.type_label),
            (lambda: _("风险等级"), lambda r: r.risk_level),
            (lambda: _("期限"), lambda r: r.term_text),
            (lambda: _("利率/费率"), lambda r: r.price_text),
            (lambda: _("起点金额（元）"), lambda r: amount_label(r.min_amount)),
            (lambda: _("适用客户"), lambda r: kind_label(r.for_kind)),
            (lambda: _("状态"), lambda r: _("在售") if r.on_shelf else _("已下架")),
        ]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self._cols):
            return None
        r = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cols[index.column()][1](r)
        if role == Qt.ItemDataRole.ToolTipRole:  # the full text of an elided cell
            return (r.description or r.name) if index.column() == 1 else self._cols[index.column()][1](r)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

class ProductDetail(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("产品详情"), parent)
        self.setObjectName("productDetail")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label in (("name", _("产品名称")), ("code", _("代码")), ("type", _("类型")), ("risk", _("风险等级")),
                           ("term", _("期限")), ("price", _("利率/费率")), ("min", _("起点金额")),
                           ("max", _("金额上限")), ("kind", _("适用客户")), ("currency", _("币种"))):
            value = QLabel("")
            value.setObjectName(f"productDetail_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = value
            form.addRow(label + "：", value)
        self.description = QPlainTextEdit()
        self.description.setObjectName("productDescription")
        self.description.setReadOnly(True)
        self.disclosure = QPlainTextEdit()
        self.disclosure.setObjectName("productDisclosure")
        self.disclosure.setReadOnly(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(QLabel(_("产品说明")))
        lay.addWidget(self.description, 1)
        lay.addWidget(QLabel(_("风险揭示")))
        lay.addWidget(self.disclosure, 2)

    def show_product(self, p: Any) -> None:
        values = {} if p is None else {
            "name": p.name, "code": p.code, "type": p.type_label, "risk": p.risk_level, "term": p.term_text,
            "price": p.price_text, "min": amount_label(p.min_amount) + (_(" 元") if p.min_amount is not None else ""),
            "max": amount_label(p.max_amount) + (_(" 元") if p.max_amount is not None else ""),
            "kind": kind_label(p.for_kind), "currency": p.currency}
        for key, label in self.fields.items():
            label.setText(values.get(key, ""))
        self.description.setPlainText("" if p is None else (p.description or _("（无）")))
        self.disclosure.setPlainText("" if p is None else (p.disclosure or _("（缺少风险揭示内容）")))


class ProductsScreen(Screen):
    key = "products"
    loaded = Signal(int)

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        from kamdesk.services.products import product_types, risk_levels

        super().__init__(state, parent)
        self._latest = Latest(150, owner=self)
        self.model = ProductModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("productSearch")
        self.search.setPlaceholderText(_("产品代码或名称"))
        self.search.setClearButtonEnabled(True)
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("productType")
        self.type_filter.addItem(_("全部类型"), None)
        for code, label in product_types():
            self.type_filter.addItem(label, code)
        self.risk_filter = QComboBox()
        self.risk_filter.setObjectName("productRisk")
        self.risk_filter.addItem(_("全部风险等级"), None)
        for r in risk_levels():
            self.risk_filter.addItem(r, r)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("productKind")
        self.kind_filter.addItem(_("全部客户类型"), None)
        self.kind_filter.addItem(_("适用对公客户"), "corporate")
        self.kind_filter.addItem(_("适用个人客户"), "individual")
        self.withdrawn = QCheckBox(_("含已下架"))
        self.withdrawn.setObjectName("productWithdrawn")
        self.count = QLabel("")
        self.count.setObjectName("productCount")
        for c in (self.type_filter, self.risk_filter, self.kind_filter):
            c.currentIndexChanged.connect(lambda _i: self.reload())
        self.withdrawn.toggled.connect(lambda _b: self.reload())
        self.search.textChanged.connect(lambda _t: self.reload(immediate=False))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.type_filter)
        top.addWidget(self.risk_filter)
        top.addWidget(self.kind_filter)
        top.addWidget(self.withdrawn)
        top.addWidget(self.count)
        # the name (column 1) takes what is left
        self.table = row_table_view("productsTable", self.model, (124, 200, 64, 64, 64, 104, 112, 76), stretch=1,
                                    alternating=False)
        self.table.horizontalHeader().setMinimumSectionSize(48)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.detail.show_product(
            self.model.row_at(cur.row())))
        self.detail = ProductDetail()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("productsSplit")
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([900, 340])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 4)
        lay.addLayout(top)
        lay.addWidget(split, 1)

    def focus_search(self) -> bool:
        self.search.setFocus()
        self.search.selectAll()
        return True

    def filters(self) -> dict[str, Any]:
        return {"product_type": self.type_filter.currentData(), "risk_level": self.risk_filter.currentData(),
                "for_kind": self.kind_filter.currentData(), "on_shelf": None if self.withdrawn.isChecked() else True,
                "query": self.search.text().strip() or None}

    def reload(self, *, immediate: bool = True) -> None:
        """Latest wins: a slower, older listing never replaces a newer one."""
        from kamdesk.services.products import list_products

        book, f = self.state.book, self.filters()
        self._latest.submit(lambda: list_products(book, **f), self._arrived, lambda exc: show_error(self, exc),
                            immediate=immediate)

    def _arrived(self, rows: list[Any]) -> None:
        current = self.selected()
        self.model.set_rows(rows)
        for col in (0, 2, 3, 4, 5, 6, 7, 8):  # a shelf is small (tens to hundreds): fit the short columns
            self.table.resizeColumnToContents(col)
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), 140))
        self.count.setText(_("共 {n} 个产品").format(n=len(rows)))
        row = next((i for i, r in enumerate(rows) if current is not None and r.id == current.id), 0 if rows else -1)
        if row >= 0:
            self.table.selectRow(row)
        self.detail.show_product(self.model.row_at(row))
        self.loaded.emit(len(rows))

    def selected(self) -> Any:
        idx = self.table.currentIndex()
        return self.model.row_at(idx.row()) if idx.isValid() else None

    def on_changes(self, changes: Changes) -> None:
        if self._loaded_once and changes.sync:  # the shelf changes only by sync
            self.reload()
