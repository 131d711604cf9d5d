"""The lazy client table model on its own (a fake fetcher): blocks, stale results, missing rows."""
from __future__ import annotations

import threading
from types import SimpleNamespace

from kamdesk.ui.qt import Qt
from kamdesk.ui.screens.client_model import BLOCK, LOADING, ClientTableModel


def _row(cid: str) -> SimpleNamespace:
    return SimpleNamespace(id=cid, name=f"客户{cid}", kind="corporate", tier="core", industry="", lifecycle_stage="",
                           owner_name="", city="", total_assets=None, risk_tolerance=None, credit_code_display=None,
                           last_contact_on=None, group_name="")


def test_rows_load_in_blocks_off_the_gui_thread(qtbot, qtmodeltester) -> None:  # noqa: ANN001
    calls: list[tuple[int, bool]] = []
    main = threading.get_ident()

    def fetch(ids: list[str]) -> dict[str, SimpleNamespace]:
        calls.append((len(ids), threading.get_ident() == main))
        return {c: _row(c) for c in ids if c != "13"}  # "13" has left the user's scope

    model = ClientTableModel(fetch)
    model.set_ids([str(i) for i in range(1000)])
    assert model.data(model.index(5, 0)) == LOADING
    qtbot.waitUntil(lambda: model.cached("5") is not None, timeout=10000)
    assert calls == [(BLOCK, False)]  # one block, fetched on a worker
    assert model.data(model.index(5, 0)) == "客户5"
    assert model.data(model.index(13, 0)) == ""  # gone: shown empty, never fetched again
    assert model.data(model.index(5, 2)) == "核心"
    qtmodeltester.check(model, force_py=True)


def test_invalidated_rows_are_fetched_again_and_stale_results_dropped(qtbot) -> None:  # noqa: ANN001
    gate = threading.Event()
    version = {"v": "旧"}

    def fetch(ids: list[str]) -> dict[str, SimpleNamespace]:
        gate.wait(5)
        out = {}
        for c in ids:
            r = _row(c)
            r.name = version["v"] + c
            out[c] = r
        return out

    model = ClientTableModel(fetch)
    model.set_ids(["a", "b"])
    model.data(model.index(0, 0))
    qtbot.waitUntil(lambda: bool(model._inflight), timeout=10000)  # the (blocked) fetch has started
    model.invalidate(["a"])  # an edit arrives while the old rows are in flight
    version["v"] = "新"
    gate.set()
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "新a", timeout=10000)


def test_hidden_model_shows_nothing(qtbot) -> None:  # noqa: ANN001
    model = ClientTableModel(lambda ids: {c: _row(c) for c in ids})
    model.set_ids(["a"])
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "客户a", timeout=10000)
    model.set_hidden(True)
    assert model.rowCount() == 0 and model.cached("a") is None
    model.set_hidden(False)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == "a"


def test_sort_requests_only_real_changes() -> None:
    model = ClientTableModel(lambda ids: {})
    asked: list[tuple[str, bool]] = []
    model.sort_requested.connect(lambda k, d: asked.append((k, d)))
    model.sort(0, Qt.SortOrder.AscendingOrder)  # already by name, ascending
    model.sort(7, Qt.SortOrder.DescendingOrder)
    model.sort(7, Qt.SortOrder.DescendingOrder)
    assert asked == [("total_assets", True)]


def test_a_painted_table_shows_the_same_cells_through_multidata(qtbot) -> None:  # noqa: ANN001
    """The view paints through multiData (one call per cell): the texts, the alignment and the
    loading mark it gives are those of data()."""
    from kamdesk.ui.qt import QTableView

    model = ClientTableModel(lambda ids: {c: _row(c) for c in ids})
    model.set_ids([str(i) for i in range(300)])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(900, 400)
    view.show()
    qtbot.waitUntil(lambda: model.cached("0") is not None, timeout=10000)
    view.viewport().repaint()
    grabbed = view.grab()  # a real paint goes through multiData
    assert not grabbed.isNull()
    from kamdesk.ui.qt import QModelRoleData, QModelRoleDataSpan

    for row, col in ((0, 0), (3, 2), (3, 7), (299, 0)):
        idx = model.index(row, col)
        roles = [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.UserRole,
                 Qt.ItemDataRole.FontRole]
        got = []
        for r in roles:  # a span of one (PySide builds no span over a Python list)
            cell = QModelRoleData(r)
            model.multiData(idx, QModelRoleDataSpan(cell))
            got.append(cell.data())
        assert got == [model.data(idx, r) for r in roles]
    assert model.data(model.index(299, 0)) in (LOADING, "客户299")
