"""Pipeline board: cards by stage with totals; next stage; drag-and-drop; lost needs a reason."""
from __future__ import annotations

import pytest

from kamdesk.services import pipeline

from kamdesk.ui.qt import QMimeData, Qt  # noqa: E402


@pytest.fixture
def board_screen(qtbot, client_book, wait_idle):  # noqa: ANN001, ANN201
    from kamdesk.ui.screens.pipeline import PipelineScreen
    from tests.support import show_screen

    cid = client_book.sample_ids["华东医药科技有限公司"]
    a = pipeline.create(client_book, cid, "流动资金贷款续作", 30_000_000)
    b = pipeline.create(client_book, cid, "现金管理平台", 5_000_000, stage="proposal")
    screen = show_screen(qtbot, PipelineScreen, client_book)
    screen.opp_ids = (a.id, b.id)
    return screen


def _stage_of(screen, opp_id):  # noqa: ANN001, ANN202
    from kamdesk.ui.qt import Qt

    for st, lst in screen.lists.items():
        for i in range(lst.count()):
            if lst.item(i).data(Qt.ItemDataRole.UserRole) == opp_id:
                return st
    return None


def test_board_shows_cards_and_totals(board_screen) -> None:  # noqa: ANN001
    a, b = board_screen.opp_ids
    assert _stage_of(board_screen, a) == "lead" and _stage_of(board_screen, b) == "proposal"
    assert "3,500.00" in board_screen.summary.text()  # open amount in 万元
    from kamdesk.services.pipeline import STAGE_PROBABILITY

    weighted = 3000 * STAGE_PROBABILITY["lead"] / 100 + 500 * STAGE_PROBABILITY["proposal"] / 100  # 万元
    assert f"加权 {weighted:,.2f} 万元" in board_screen.summary.text()  # amounts × the stage's probability
    assert "（1）" in board_screen.heads["lead"].text()
    assert "流动资金贷款续作" in board_screen.lists["lead"].item(0).text()


def test_next_stage_button_moves_the_opportunity(qtbot, board_screen) -> None:  # noqa: ANN001
    a, _b = board_screen.opp_ids
    assert board_screen.select(a)
    assert board_screen.next_button.isEnabled()
    with qtbot.waitSignal(board_screen.loaded, timeout=20000):
        board_screen.next_button.click()
    assert _stage_of(board_screen, a) == "qualified"
    assert pipeline.get(board_screen.state.book, a).stage == "qualified"


def test_drop_on_another_stage_moves_it(qtbot, board_screen) -> None:  # noqa: ANN001
    a, _b = board_screen.opp_ids
    md = QMimeData()
    md.setData("application/x-kamdesk-opportunity", a.encode())
    target = board_screen.lists["negotiation"]
    assert target.accepts(md) == a
    assert board_screen.lists["lead"].accepts(md) is None  # already there
    with qtbot.waitSignal(board_screen.loaded, timeout=20000):
        target.dropped.emit(target.accepts(md), target.stage)
    assert _stage_of(board_screen, a) == "negotiation"


def test_lost_needs_a_reason(qtbot, board_screen) -> None:  # noqa: ANN001
    _a, b = board_screen.opp_ids
    with qtbot.waitSignal(board_screen.loaded, timeout=20000):
        board_screen.move(b, "lost", reason="客户选择他行")
    assert _stage_of(board_screen, b) == "lost"
    assert pipeline.get(board_screen.state.book, b).closed_reason == "客户选择他行"


def test_drop_event_is_handled(qtbot, board_screen) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QDropEvent, QPointF, Qt

    a, _b = board_screen.opp_ids
    md = QMimeData()
    md.setData("application/x-kamdesk-opportunity", a.encode())
    target = board_screen.lists["proposal"]
    ev = QDropEvent(QPointF(10, 10), Qt.DropAction.MoveAction, md, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(board_screen.loaded, timeout=20000):
        target.dropEvent(ev)
    assert ev.isAccepted()
    assert _stage_of(board_screen, a) == "proposal"


def test_ctrl_right_moves_to_the_next_stage(qtbot, board_screen) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import Qt

    a, _b = board_screen.opp_ids
    board_screen.select(a)
    with qtbot.waitSignal(board_screen.loaded, timeout=20000):
        qtbot.keyClick(board_screen.lists["lead"], Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _stage_of(board_screen, a) == "qualified"


def test_cards_are_as_tall_as_their_wrapped_text(qtbot, board_screen) -> None:  # noqa: ANN001
    """A card's last line is never cut: its height fits the text wrapped at the card's real width
    (Qt's own estimate wrapped before the scroll bar took its room)."""
    from kamdesk.ui.qt import QRect

    board_screen.resize(900, 600)  # narrow columns: every card wraps
    qtbot.wait(20)
    for lst in board_screen.lists.values():
        fm = lst.fontMetrics()
        for i in range(lst.count()):
            item = lst.item(i)
            rect = lst.visualItemRect(item)
            needed = fm.boundingRect(QRect(0, 0, rect.width() - 10, 100_000),
                                     int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), item.text())
            assert rect.height() >= needed.height(), item.text()
