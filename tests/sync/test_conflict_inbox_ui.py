"""The Sync screen's conflict inbox against the real server on loopback: two devices of one
relationship manager edit the same client fields offline, the second device's inbox shows one row
per field (a phone number as its two masks, never ciphertext), the user picks with the buttons and
the choice reaches the other device. A merge with an invalid value changes nothing; cancelling a
round from the screen loses nothing; locking empties the screen."""
from __future__ import annotations

import os
import threading
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from kamdesk.models import Client, Conflict, Outbox
from kamdesk.security.masking import mask as mask_as
from tests.ui.conftest import ui_env  # noqa: F401  (the GUI tests' offscreen app, font, language, runner)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

P1, P2 = "13800138000", "13911112222"


def mask(phone: str) -> str:
    return mask_as("phone", phone)


def own_client(book: Any) -> str:
    with book.session_scope() as s:
        return s.scalars(select(Client.id).where(Client.owner_id == book.user.id).order_by(Client.id)).first()


def cells(view: Any) -> list[list[str]]:
    m = view.model()
    return [[m.index(r, c).data() or "" for c in range(m.columnCount())] for r in range(m.rowCount())]


def open_screen(qtbot: Any, book: Any) -> Any:
    from kamdesk.ui.screens.sync import SyncScreen
    from kamdesk.ui.state import AppState

    screen = SyncScreen(AppState(book))
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.activate()
    return screen


def sync_on_screen(qtbot: Any, screen: Any, **engine_kw: Any) -> None:
    """Click 立即同步 and wait until the round ended and the inbox was reloaded."""
    from kamdesk.ui.qt import Qt

    engine_kw.setdefault("sleep", lambda _s: None)
    screen.sync_button.clicked.disconnect()
    screen.sync_button.clicked.connect(lambda: screen.start(**engine_kw))
    with qtbot.waitSignals([screen.finished, screen.conflicts_loaded], timeout=60000):
        qtbot.mouseClick(screen.sync_button, Qt.MouseButton.LeftButton)
    assert screen.message.text().startswith("同步完成"), screen.message.text()


def click_row(qtbot: Any, view: Any, row: int) -> None:
    from kamdesk.ui.qt import Qt

    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def pick(qtbot: Any, screen: Any, row: int, button: Any) -> None:
    from kamdesk.ui.qt import Qt

    click_row(qtbot, screen.inbox, row)
    assert button.isEnabled()
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_conflicts(book: Any) -> list[str]:
    with book.session_scope() as s:
        return sorted(s.scalars(select(Conflict.field).where(Conflict.status == "open")))


def phone_columns(book: Any, cid: str) -> tuple[Any, ...]:
    with book.session_scope() as s:
        c = s.get(Client, cid)
        return c.phone, c.phone_mask, c.phone_bi


@pytest.fixture
def devices(bank: Any, connect: Any) -> tuple[Any, Any, str]:
    """Two client files of one relationship manager on the real server, and one of their clients."""
    srv, users = bank
    a1 = connect(srv, users, "rm11", "a1.kdb")
    a2 = connect(srv, users, "rm11", "a2.kdb")
    return a1, a2, own_client(a1)


def edit(book: Any, cid: str, **values: Any) -> None:
    with book.session_scope(write=True) as s:
        c = s.get(Client, cid)
        for name, value in values.items():
            setattr(c, name, value)


def concurrent_edits(qtbot: Any, sync: Any, first: Any, second: Any, cid: str, a: dict[str, Any],
                     b: dict[str, Any]) -> Any:
    """Both devices edit the same client offline; the first syncs, then the second from its Sync
    screen (returned)."""
    edit(first, cid, **a)
    edit(second, cid, **b)
    sync(first)
    screen = open_screen(qtbot, second)
    sync_on_screen(qtbot, screen)
    return screen


def test_two_devices_conflict_shown_once_per_field_and_the_choice_syncs(
        qtbot: Any, devices: Any, sync: Any) -> None:
    a1, a2, cid = devices
    screen = concurrent_edits(qtbot, sync, a1, a2, cid, {"city": "苏州", "phone": P1}, {"city": "无锡", "phone": P2})
    with a2.session_scope() as s:
        name = s.get(Client, cid).name
    assert len(open_conflicts(a2)) == 4  # city + the phone's ciphertext, mask and blind index
    shown = cells(screen.inbox)
    assert sorted(shown) == sorted([[name, "城市", "无锡", "苏州"], [name, "联系电话", mask(P2), mask(P1)]])
    assert "（加密数据）" not in str(shown)
    assert screen.conflicts.text().startswith("2 个待处理冲突")  # counted as the inbox shows them
    assert "冲突 2 个" in screen.message.text()  # the round counts fields once (push and pull report each)
    from kamdesk.sync.engine import sync_status

    assert sync_status(a2)["open_conflicts"] == 2  # `kamdesk sync status` counts the same way
    city_row = next(i for i, r in enumerate(shown) if r[1] == "城市")
    click_row(qtbot, screen.inbox, city_row)
    assert screen.merge.isEnabled()
    phone_row = next(i for i, r in enumerate(shown) if r[1] == "联系电话")
    click_row(qtbot, screen.inbox, phone_row)
    assert not screen.merge.isEnabled()  # a sensitive field: one side or the other, never typed

    # the user keeps, for each field, the value that lost on the server (the non-trivial choice)
    with a2.session_scope() as s:
        current = s.get(Client, cid)
        lost_city = "苏州" if current.city == "无锡" else "无锡"
        lost_phone = P1 if current.phone == P2 else P2
    pick(qtbot, screen, phone_row, screen.keep_local if lost_phone == P2 else screen.keep_remote)
    assert [r[1] for r in cells(screen.inbox)] == ["城市"]
    pick(qtbot, screen, 0, screen.keep_local if lost_city == "无锡" else screen.keep_remote)
    assert cells(screen.inbox) == [] and screen.inbox.showing_empty_text()
    assert open_conflicts(a2) == []
    assert phone_columns(a2, cid)[:2] == (lost_phone, mask(lost_phone))  # ciphertext and mask agree

    sync_on_screen(qtbot, screen)
    sync(a1)
    for book in (a1, a2):
        with book.session_scope() as s:
            assert s.get(Client, cid).city == lost_city
    assert phone_columns(a1, cid) == phone_columns(a2, cid)
    assert phone_columns(a1, cid)[:2] == (lost_phone, mask(lost_phone))


def test_invalid_merge_keeps_the_conflict_and_lock_empties_the_screen(
        qtbot: Any, devices: Any, sync: Any) -> None:
    from kamdesk.ui.ops import runner
    from kamdesk.ui.qt import QLineEdit, Qt

    a1, a2, cid = devices
    screen = concurrent_edits(qtbot, sync, a1, a2, cid, {"name": "甲方集团有限公司"}, {"name": "甲方集团股份有限公司"})
    with a2.session_scope() as s:
        before = s.get(Client, cid).name
    [row] = cells(screen.inbox)
    assert row[1] == "客户名称" and {row[2], row[3]} == {"甲方集团有限公司", "甲方集团股份有限公司"}

    def merge_typing(text: str) -> None:
        click_row(qtbot, screen.inbox, 0)
        qtbot.mouseClick(screen.merge, Qt.MouseButton.LeftButton)
        dlg = screen.merge_dialog
        assert dlg is not None and dlg.isVisible()
        edit = dlg.findChild(QLineEdit)
        assert edit.text() == row[2]  # starts from the local value
        edit.selectAll()
        if text.isascii():
            qtbot.keyClicks(edit, text)
        else:  # QTest types ASCII only: Chinese arrives as an input method commits it
            edit.insert(text)
        dlg.accept()

    with qtbot.waitSignal(screen.resolved, timeout=20000) as sig:
        merge_typing("   ")
    assert sig.args == [False]
    assert screen.message.text() == "「客户名称」：客户名称不能为空。冲突仍未处理，数据没有改动。"
    assert open_conflicts(a2) == ["name"]
    with a2.session_scope() as s:
        assert s.get(Client, cid).name == before
        assert s.scalar(select(func.count()).select_from(Outbox)) == 0  # nothing written
    assert len(cells(screen.inbox)) == 1

    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000) as sig:
        merge_typing("甲方集团股份有限公司（合并）")
    assert sig.args == [0] and open_conflicts(a2) == []
    sync_on_screen(qtbot, screen)
    sync(a1)
    with a1.session_scope() as s:
        assert s.get(Client, cid).name == "甲方集团股份有限公司（合并）"

    # lock with a conflict on screen, a pending change and the merge dialog open
    edit(a1, cid, notes="甲方的备注")
    edit(a2, cid, notes="乙方的备注")
    sync(a1)
    sync_on_screen(qtbot, screen)
    edit(a2, cid, address="尚未上传的地址")
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.refresh()
    assert cells(screen.inbox) and cells(screen.pending_list)
    click_row(qtbot, screen.inbox, 0)
    qtbot.mouseClick(screen.merge, Qt.MouseButton.LeftButton)
    dlg = screen.merge_dialog
    assert dlg is not None and dlg.isVisible()
    screen.state.set_locked(True)
    assert cells(screen.inbox) == [] and cells(screen.pending_list) == []
    assert not dlg.isVisible() and screen.merge_dialog is None
    screen.refresh()  # a load that ends while locked shows nothing either
    qtbot.waitUntil(lambda: runner().active == 0, timeout=20000)
    assert cells(screen.inbox) == [] and cells(screen.pending_list) == []
    with qtbot.waitSignal(screen.conflicts_loaded, timeout=20000):
        screen.state.set_locked(False)
    assert len(cells(screen.inbox)) == 1 and cells(screen.pending_list)


class GatedTransport(httpx.HTTPTransport):
    """The real network, but the first upload waits until the test lets it go."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sync/push") and not self.entered.is_set():
            self.entered.set()
            if not self.release.wait(30):
                raise httpx.ConnectError("gate never opened", request=request)
        return super().handle_request(request)


def test_cancel_from_the_screen_loses_nothing(qtbot: Any, devices: Any, sync: Any) -> None:
    from kamdesk.ui.qt import Qt

    a1, a2, cid = devices
    edit(a1, cid, notes="取消前的修改")
    screen = open_screen(qtbot, a1)
    gate = GatedTransport()
    screen.start(transport=gate, sleep=lambda _s: None)
    qtbot.waitUntil(gate.entered.is_set, timeout=20000)  # the round is uploading
    assert screen.cancel_button.isEnabled() and not screen.sync_button.isEnabled()
    with qtbot.waitSignal(screen.finished, timeout=30000) as sig:
        qtbot.mouseClick(screen.cancel_button, Qt.MouseButton.LeftButton)
        assert screen.phase.text() == "正在取消…"
        gate.release.set()
    assert sig.args == [False]
    assert screen.message.text() == "同步已取消；已完成的部分已保存，下次同步会从中断处继续。"
    assert screen.sync_button.isEnabled() and not screen.cancel_button.isEnabled()
    with a1.session_scope() as s:
        assert s.get(Client, cid).notes == "取消前的修改"
    sync_on_screen(qtbot, screen)
    assert cells(screen.pending_list) == [] and screen.pending_list.showing_empty_text()
    sync(a2)
    with a2.session_scope() as s:
        assert s.get(Client, cid).notes == "取消前的修改"
