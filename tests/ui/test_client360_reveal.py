"""Client 360's 联系人 tab: a contact's phone is masked; 查看电话明文 (button, context menu or a
double-click on the phone) asks for a reason, reveals it off the GUI thread, records an audit event
and masks it again after the timeout. A role without the key sees the action disabled and why."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

PHONE = "18621350209"
SHOTS = os.environ.get("KAMDESK_REVEAL_SHOTS")  # optional folder for the screenshots


def _seed(book: Any, *, encrypt: bool = True) -> tuple[str, str]:
    """A client with a primary contact whose phone is set (as ciphertext the role may not open
    when `encrypt` is False: a record that arrived by sync for a role without the key)."""
    from kamdesk.models import Contact
    from tests.services.conftest import add_client

    cid = add_client(book)
    with book.session_scope(applying_remote=True) as s:
        c = Contact(client_id=cid, name="陈总", title="财务总监", role="finance", is_primary=True)
        if encrypt:
            c.phone = PHONE
        else:
            c.phone_ct, c.phone_mask = b"\x01" * 48, "186****0209"
        s.add(c)
        s.add(Contact(client_id=cid, name="刘会计", role="finance"))  # no phone
        s.flush()
        contact_id = c.id
    return cid, contact_id


def _open_contacts(qtbot: Any, book: Any, cid: str, wait_idle: Any) -> Any:
    from kamdesk.common.i18n import _
    from kamdesk.ui.client360 import Client360Window
    from kamdesk.ui.qt import Qt
    from kamdesk.ui.state import AppState

    win = Client360Window(AppState(book), cid)  # deletes itself on close
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.data is not None, timeout=20000)
    i = win.tab_index(_("联系人"))
    bar = win.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    qtbot.waitUntil(lambda: win.contacts_pane is not None, timeout=5000)
    wait_idle()
    return win


def _reveal_events(book: Any, contact_id: str) -> list[dict[str, Any]]:
    from kamdesk.services import audit

    with book.session_scope() as s:
        events = audit.events(s, action="reveal", entity_id=contact_id)
    for e in events:
        if isinstance(e["detail"], str):
            e["detail"] = json.loads(e["detail"])
    return events


def _shot(win: Any, tmp_path: Path, name: str) -> Path:
    from kamdesk.ui.qt import QApplication

    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    path = folder / f"{name}.png"
    assert win.grab().save(str(path))
    return path


def test_reveal_a_contact_phone_by_button(qtbot, book, wait_idle, tmp_path) -> None:  # noqa: ANN001
    cid, contact_id = _seed(book)
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    masked = pane.phone_text(contact_id)
    assert masked and "*" in masked and PHONE not in masked
    assert pane.table.currentRow() == 0  # the primary contact, selected
    assert pane.button.isVisible() and pane.button.isEnabled()
    assert "审计" in pane.button.toolTip() and not pane.note.isVisible()
    _shot(win, tmp_path, "client360-contacts-masked-zh")

    qtbot.mouseClick(pane.button, __import__("kamdesk.ui.qt", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    dlg = win.reason_dialog
    assert dlg.isVisible() and "陈总" in dlg.labelText() and "联系电话" in dlg.labelText()
    dlg.setTextValue("核对对账联系人")
    dlg.accept()
    qtbot.waitUntil(lambda: pane.phone_text(contact_id) == PHONE, timeout=20000)
    assert not pane.button.isEnabled()  # revealed: nothing more to reveal until it is masked again
    assert pane.note.isVisible() and pane.note.text() == "显示的电话明文将在 60 秒后重新脱敏"
    _shot(win, tmp_path, "client360-contacts-revealed-zh")

    events = _reveal_events(book, contact_id)
    assert len(events) == 1
    detail = events[0]["detail"]
    assert detail["field"] == "phone" and detail["reason"] == "核对对账联系人" and detail["client_id"] == cid
    assert events[0]["entity"] == "contacts"
    assert PHONE not in json.dumps(events[0], default=str)

    pane.mask_again(contact_id)  # what the timer does after REVEAL_SECONDS
    assert pane.phone_text(contact_id) == masked and pane.button.isEnabled() and not pane.note.isVisible()
    wait_idle()
    win.close()


def test_reveal_masks_again_after_the_timeout(qtbot, book, wait_idle) -> None:  # noqa: ANN001
    cid, contact_id = _seed(book)
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    masked = pane.phone_text(contact_id)
    pane.show_plain(contact_id, PHONE, seconds=0)  # the timer's path, without waiting a minute
    assert pane.phone_text(contact_id) == PHONE
    qtbot.waitUntil(lambda: pane.phone_text(contact_id) == masked, timeout=5000)
    assert pane.button.isEnabled()
    win.close()


def test_double_click_on_the_phone_and_context_menu(qtbot, book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QApplication, QKeySequence, Qt

    cid, contact_id = _seed(book)
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    table = pane.table
    assert pane.action in table.actions()
    assert table.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu

    # the second contact has no phone: nothing to reveal, and the tooltip says so
    table.selectRow(1)
    assert not pane.button.isEnabled() and not pane.action.isEnabled()
    assert pane.button.toolTip() == "所选联系人没有登记电话"

    rect = table.visualItemRect(table.item(0, pane.PHONE_COLUMN))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = win.reason_dialog
    assert dlg.isVisible() and "陈总" in dlg.labelText()
    dlg.setTextValue("客户来电")
    dlg.accept()
    qtbot.waitUntil(lambda: pane.phone_text(contact_id) == PHONE, timeout=20000)
    # a revealed phone is for reading: Ctrl+C on it copies nothing
    QApplication.clipboard().setText("before")
    table.setCurrentCell(0, pane.PHONE_COLUMN)
    qtbot.keySequence(table, QKeySequence(QKeySequence.StandardKey.Copy))
    assert QApplication.clipboard().text() == "before"
    assert len(_reveal_events(book, contact_id)) == 1
    wait_idle()
    win.close()


@pytest.mark.parametrize("reason", ["   ", "x", "？！"])
def test_an_empty_reason_reveals_nothing(qtbot, book, wait_idle, monkeypatch, reason) -> None:  # noqa: ANN001
    import kamdesk.ui.client360 as c360

    shown: list[str] = []
    monkeypatch.setattr(c360, "show_error", lambda parent, exc: shown.append(str(exc)))
    cid, contact_id = _seed(book)
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    masked = pane.phone_text(contact_id)
    pane.button.click()
    win.reason_dialog.setTextValue(reason)
    win.reason_dialog.accept()
    wait_idle()
    assert len(shown) == 1 and "请填写原因" in shown[0]
    assert pane.phone_text(contact_id) == masked and _reveal_events(book, contact_id) == []
    win.close()


@pytest.mark.parametrize("role", ["compliance_officer", "risk_officer"])
def test_a_role_without_the_key_cannot_reveal(qtbot, make_book, wait_idle, role, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.common.errors import PermissionDenied
    from kamdesk.services.clients import reveal

    book = make_book(role)
    cid, contact_id = _seed(book, encrypt=False)
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    assert pane.phone_text(contact_id) == "186****0209"
    assert pane.button.isVisible() and not pane.button.isEnabled() and not pane.action.isEnabled()
    assert pane.button.toolTip() == "当前角色无权查看联系人电话明文"
    _shot(win, tmp_path, f"client360-contacts-{role}-zh")
    assert pane.reveal_row(0) is None  # a double-click does nothing either
    with pytest.raises(PermissionDenied):
        reveal(book, cid, "phone", reason="试探", contact_id=contact_id)
    assert _reveal_events(book, contact_id) == []
    win.close()


def test_contacts_tab_in_english(qtbot, book, wait_idle, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.common.i18n import set_language

    cid, contact_id = _seed(book)
    set_language("en")
    win = _open_contacts(qtbot, book, cid, wait_idle)
    pane = win.contacts_pane
    assert pane.button.text() == "Show phone" and "audit" in pane.button.toolTip()
    win.reveal_with_reason("phone", "check", contact_id=contact_id)
    qtbot.waitUntil(lambda: pane.phone_text(contact_id) == PHONE, timeout=20000)
    assert pane.note.isVisible() and pane.note.text() == "The phone shown in plain is masked again in 60 s"
    _shot(win, tmp_path, "client360-contacts-revealed-en")
    wait_idle()
    win.close()
