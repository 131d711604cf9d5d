"""The approvals list (审批): a team lead approves or rejects pending requests offline (local writes
queued for sync); a requester sees his requests' state and cannot decide them; the requester of an
approved clear-text export writes it from here, encrypted, with the password shown once."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

import msoffcrypto
import openpyxl
from sqlalchemy import select

from kamdesk.models import Approval, Outbox
from tests.services.conftest import add_client, add_users, decide_remotely
from tests.support import USERS, show_screen


def _arrived_from_rm(book: Any, client_id: str) -> str:
    """A suitability exception an RM filed on his device, as a pull brings it to the lead's file."""
    batch = "00000000-0000-7000-8000-00000000b001"
    with book.session_scope(applying_remote=True) as s:
        s.add(Approval(kind="suitability_exception", batch_id=batch, client_id=client_id,
                       requester_id=USERS["rm"].id, requested_at=dt.datetime(2026, 12, 1, 9, 30),
                       reason="客户书面确认自愿购买", product_id="00000000-0000-7000-8000-00000000p001",
                       detail={"product_code": "FUND-R4", "product_name": "科技成长基金", "risk_level": "R4",
                               "risk_tolerance": "C2", "assessed_on": "2026-11-01"},
                       status="pending", decision_reason=""))
    return batch


def _screen(qtbot: Any, book: Any) -> Any:
    from kamdesk.ui.screens.approvals import ApprovalsScreen

    return show_screen(qtbot, ApprovalsScreen, book)


def test_lead_approves_a_pending_exception_offline(qtbot, make_book, qtmodeltester) -> None:  # noqa: ANN001
    lead = make_book("team_lead")
    add_users(lead)
    cid = add_client(lead, name="上海张江生物医药股份有限公司")
    batch = _arrived_from_rm(lead, cid)
    screen = _screen(qtbot, lead)
    qtmodeltester.check(screen.model, force_py=True)
    m = screen.model
    assert m.rowCount() == 1 and m.data(m.index(0, 0)) == "待审批" and m.data(m.index(0, 1)) == "适当性例外"
    assert "科技成长基金" in m.data(m.index(0, 2)) and "R4" in m.data(m.index(0, 2))
    assert m.data(m.index(0, 3)) == "王晓明" and "待我审批 1 项" in screen.count.text()
    assert not screen.approve_button.isEnabled()  # nothing selected
    assert screen.select_id(batch) and screen.approve_button.isEnabled() and screen.reject_button.isEnabled()
    screen.ask_reason = lambda approve, r: None  # cancelled: nothing happens
    assert screen.decide_selected(True) is None
    with qtbot.waitSignal(screen.loaded, timeout=20000):  # the decision reloads the list
        screen.decide_selected(True, "客户已书面确认，同意")
    assert screen.model.rowCount() == 0  # no longer pending
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(1)
    assert m.rowCount() == 1 and m.data(m.index(0, 0)) == "已批准" and m.data(m.index(0, 6)) == "赵磊"
    assert m.data(m.index(0, 7)) == "客户已书面确认，同意"
    with lead.session_scope() as s:  # written locally, queued for the next sync
        a = s.scalars(select(Approval).where(Approval.batch_id == batch)).one()
        assert a.status == "approved" and a.decided_by == USERS["team_lead"].id
        queued = s.scalars(select(Outbox).where(Outbox.table_name == "approvals", Outbox.record_id == a.id)).all()
        assert queued and {"status", "decided_by"} <= set().union(*(q.fields for q in queued))


def test_requester_sees_the_state_and_cannot_decide(qtbot, book) -> None:  # noqa: ANN001
    from kamdesk.models import Product
    from kamdesk.services import suitability

    add_users(book)
    cid = add_client(book, risk_tolerance="C2", risk_assessed_on=dt.date.today())
    with book.session_scope(write=True) as s:
        p = Product(code="FUND-R4", name="科技成长基金", product_type="fund", risk_level="R4")
        s.add(p)
    req = suitability.request_exception(book, cid, p.id, "客户书面确认自愿购买")
    screen = _screen(qtbot, book)
    assert screen.select_id(req.batch_id)
    assert not screen.approve_button.isEnabled() and not screen.reject_button.isEnabled()
    assert screen.decide_selected(True, "自己批准") is None
    assert not screen.export_button.isVisible()  # an RM may not export in clear
    assert screen.model.data(screen.model.index(0, 0)) == "待审批"
    decide_remotely(book, req.batch_id, status="rejected", reason="风险过高")
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(1)
    assert screen.model.rowCount() == 1
    assert screen.model.data(screen.model.index(0, 0)) == "已驳回"
    assert screen.model.data(screen.model.index(0, 7)) == "风险过高"


def test_approved_export_is_written_encrypted_from_the_list(qtbot, make_book, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.services import approvals

    lead = make_book("team_lead")
    add_users(lead)
    cid = add_client(lead, name="甲公司", phone="13900000001")
    req = approvals.request_bulk_export(lead, "年度客户资料核对", client_ids=[cid])
    decide_remotely(lead, req.batch_id, by="compliance_officer", reason="同意")
    screen = _screen(qtbot, lead)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.filter.setCurrentIndex(1)
    assert screen.select_id(req.batch_id) and screen.export_button.isEnabled()
    assert not screen.approve_button.isEnabled()  # his own request
    out = tmp_path / "clear"
    screen.choose_path = lambda: str(out)
    screen.export_selected()
    qtbot.waitUntil(lambda: getattr(screen, "password_box", None) is not None, timeout=20000)
    text = screen.password_box.text()
    password = text.rsplit("\n", 1)[-1].strip()
    f = msoffcrypto.OfficeFile(io.BytesIO((tmp_path / "clear.xlsx").read_bytes()))
    f.load_key(password=password)
    buf = io.BytesIO()
    f.decrypt(buf)
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(buf).active.iter_rows()]
    assert rows[1][0] == "甲公司" and "13900000001" in rows[1]
    screen.password_box.accept()
    qtbot.waitUntil(lambda: screen.password_box is None, timeout=5000)
