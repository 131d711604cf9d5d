"""Products screen: the shelf table (qtmodeltester), filters, and the detail pane with disclosure."""
from __future__ import annotations

from tests.services.test_products import seed_shelf


def _screen(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.products import ProductsScreen
    from tests.support import show_screen

    return show_screen(qtbot, ProductsScreen, book)


def _codes(screen) -> list[str]:  # noqa: ANN001
    m = screen.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_shelf_table_filters_and_detail(qtbot, book, qtmodeltester) -> None:  # noqa: ANN001
    seed_shelf(book)
    screen = _screen(qtbot, book)
    m = screen.model
    assert m.rowCount() == 7 and "共 7 个产品" in screen.count.text()
    qtmodeltester.check(m, force_py=True)
    headers = [m.headerData(c, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.Orientation.Horizontal)
               for c in range(m.columnCount())]
    assert headers[:4] == ["代码", "产品名称", "类型", "风险等级"]
    row = _codes(screen).index("LN-WC-01")
    assert [m.data(m.index(row, c)) for c in (2, 3, 4, 5, 6)] == ["贷款", "R1", "12 个月", "年利率 3.45%",
                                                                   "5,000,000.00"]
    screen.table.selectRow(row)
    assert screen.detail.fields["name"].text() == "流动资金贷款"
    assert "风险揭示" in screen.detail.disclosure.toPlainText()
    assert screen.detail.fields["min"].text() == "5,000,000.00 元"

    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.risk_filter.setCurrentIndex(screen.risk_filter.findData("R2"))
    assert sorted(_codes(screen)) == ["FX-FWD-01", "INS-01", "WM-R2-01"]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.kind_filter.setCurrentIndex(screen.kind_filter.findData("individual"))
    assert sorted(_codes(screen)) == ["INS-01", "WM-R2-01"]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.risk_filter.setCurrentIndex(0)
        screen.kind_filter.setCurrentIndex(0)
        screen.type_filter.setCurrentIndex(screen.type_filter.findData("wealth"))
    assert _codes(screen) == ["WM-R2-01"]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.withdrawn.setChecked(True)
    assert _codes(screen) == ["WM-R2-01", "WM-OLD-01"]
    assert m.data(m.index(1, 8)) == "已下架"
    qtmodeltester.check(m, force_py=True)


def test_search_as_you_type(qtbot, book) -> None:  # noqa: ANN001
    seed_shelf(book)
    screen = _screen(qtbot, book)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.search.setText("资金池")  # QTest.keyClicks cannot type CJK
    assert _codes(screen) == ["CM-POOL-01"]
    assert screen.detail.fields["price"].text() == "按笔收费 每笔 20 元"
