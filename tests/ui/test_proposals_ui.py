"""Proposals in the app: walk the wizard (client → needs → products → check → preview → save), an
above-tolerance product flagged and overridden with an audited reason, the preview's page images,
printing to a PDF-format QPrinter and saving as PDF (both audited with the SHA-256), and the
proposals screen's actions."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.services.conftest import decide_remotely
from tests.services.test_products import seed_proposal_client, seed_shelf

TODAY = dt.date.today()
REASON = "客户书面确认并经负责人审批"
SHOTS = os.environ.get("KAMDESK_PROPOSAL_SHOTS")  # optional folder for the wizard screenshots


@pytest.fixture
def proposal_book(book):  # noqa: ANN001, ANN201
    book.shelf = seed_shelf(book)
    book.client_id = seed_proposal_client(book, TODAY)
    return book


def _events(book: Any, action: str) -> list[dict[str, Any]]:
    from kamdesk.services import audit

    with book.session_scope() as s:
        return audit.events(s, action=action)


def _shot(widget: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path / "shots"
    folder.mkdir(parents=True, exist_ok=True)
    from kamdesk.ui.qt import QApplication

    for _i in range(3):  # let layouts settle (scroll areas resize on a posted LayoutRequest)
        QApplication.processEvents()
    path = folder / f"{name}.png"
    assert widget.grab().save(str(path))
    return path


class FakeDialogs:
    """The print and save dialogs, answered without UI."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.printer: Any = None

    def choose_printer(self, parent: Any) -> Any:
        from kamdesk.ui.qt import print_support

        ps = print_support()
        self.printer = ps.QPrinter(ps.QPrinter.PrinterMode.HighResolution)
        self.printer.setOutputFormat(ps.QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.tmp_path / "printed.pdf"))
        return self.printer

    def choose_save_path(self, parent: Any, suggested: str) -> str:
        assert suggested.endswith(".pdf")
        return str(self.tmp_path / "saved")  # the .pdf suffix is added


def _pdf_pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def test_wizard_walk_flags_overrides_previews_and_saves(qtbot, proposal_book, tmp_path) -> None:  # noqa: ANN001
    from kamdesk.services import proposals
    from kamdesk.ui.proposals.wizard import ProposalWizard
    from kamdesk.ui.state import AppState

    book = proposal_book
    asked: list[tuple[str, str]] = []
    wiz = ProposalWizard(AppState(book), today=TODAY,
                         ask_override_reason=lambda code, msg: asked.append((code, msg)) or REASON)
    qtbot.addWidget(wiz)
    wiz.resize(1366, 768)
    wiz.show()

    # 1. client: search as you type by pinyin initials of the short name
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "client_search"):
        wiz.client_page.search.setText("zjsw")
    assert wiz.client_page.results.count() >= 1
    assert not wiz.client_page.isComplete()
    wiz.client_page.results.setCurrentRow(0)
    assert wiz.client_id == book.client_id and wiz.client_page.isComplete()
    _shot(wiz, tmp_path, "wizard-1-client")

    # 2. needs from the questionnaire, editable
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "needs"):
        wiz.next()
    titles = [wiz.needs_page.table.item(r, 0).text() for r in range(wiz.needs_page.table.rowCount())]
    assert "融资需求" in titles and "现金管理与资金归集" in titles
    wiz.needs_page.add_need("代发工资", "员工 1,200 人，拟迁入代发", "客户经理补充")
    _shot(wiz, tmp_path, "wizard-2-needs")

    # 3. products: recommendations pre-filled with reasons and amounts; live suitability flags
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "products"):
        wiz.next()
    page = wiz.products_page
    assert [n.title for n in wiz.needs][-1] == "代发工资"
    ids = page.product_ids()
    shelf = book.shelf
    assert ids[0] == shelf["DEP-001"] and shelf["LN-WC-01"] in ids and shelf["CM-POOL-01"] in ids
    assert "到期" in page.table.item(0, 3).text() and page.table.item(0, 2).text() == "30,000,000.00"
    assert page.flag_of(shelf["DEP-001"])[0] == "ok"
    page.picker.setCurrentIndex(page.picker.findData(shelf["FUND-R4-01"]))
    page.amount.setText("200000")
    page.add_button.click()
    status, text = page.flag_of(shelf["FUND-R4-01"])
    assert status == "blocked_above_tolerance" and "不适合" in text and "R4" in text and "C2" in text
    assert page.isComplete()
    _shot(wiz, tmp_path, "wizard-3-products")

    # 4. check: the draft is saved; the fund needs an override (audited, with the reason)
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "check"):
        wiz.next()
    assert wiz.draft is not None and wiz.draft.version == 1 and not wiz.check.ok
    assert [i.product_code for i in wiz.check.issues] == ["FUND-R4-01"] and wiz.check.issues[0].overridable
    assert wiz.check_page.override_button.isEnabled()
    assert "1 项问题" in wiz.check_page.result_line.text()
    _shot(wiz, tmp_path, "wizard-4-check")
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "check"):
        wiz.check_page.override_button.click()
    assert asked and asked[0][0] == "FUND-R4-01"
    # a request, not an override: the RM cannot approve it himself, so the block stays for now
    assert not wiz.check.ok and wiz.check.issues[0].pending
    requests = _events(book, "approval.request")
    assert requests and json.loads(requests[0]["detail"])["reason"] == REASON
    assert json.loads(requests[0]["detail"])["product_id"] == shelf["FUND-R4-01"]
    qtbot.waitUntil(lambda: page.flag_of(shelf["FUND-R4-01"])[1].startswith("例外待审批"), timeout=20000)
    # the team lead approves it on his device; the decision arrives by sync
    decide_remotely(book, requests[0]["entity_id"])
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "check"):
        wiz.check_page.initializePage()
    assert wiz.check.ok and wiz.check_page.issues.count() == 0
    wiz.refresh_suitability()
    qtbot.waitUntil(lambda: page.flag_of(shelf["FUND-R4-01"])[1].startswith("例外已审批"), timeout=20000)

    # 5. preview: rendered off the GUI thread, N page images
    with qtbot.waitSignal(wiz.page_ready, timeout=60000, check_params_cb=lambda k: k == "preview"):
        wiz.next()
    preview = wiz.preview_page.preview
    pages = _pdf_pages(preview.pdf)
    assert pages >= 3 and len(preview.images) == pages and len(preview.page_labels()) == pages
    assert preview.info.text() == f"共 {pages} 页"
    assert not _events(book, "proposal.print") and not _events(book, "proposal.export")  # preview is not audited
    _shot(wiz, tmp_path, "wizard-5-preview")
    with qtbot.waitSignal(preview.rendered, timeout=60000):
        preview.zoom_in.click()
    assert preview.zoom == 1.25 and preview.images[0].width() > 0

    # 6. save and issue
    wiz.next()
    assert wiz.save_page.issue_box.isEnabled() and wiz.save_page.issue_box.isChecked()
    _shot(wiz, tmp_path, "wizard-6-save")
    with qtbot.waitSignal(wiz.saved, timeout=20000) as saved:
        wiz.button(wiz.WizardButton.FinishButton).click()
    info = saved.args[0]
    assert info.status == "issued" and proposals.get(book, info.id).status == "issued"
    assert len(info.lines) == len(ids) + 1
    assert [n["title"] for n in info.needs][-1] == "代发工资"
    assert _events(book, "proposal.issue")


def test_changing_products_after_check_saves_a_new_version(qtbot, proposal_book) -> None:  # noqa: ANN001
    from kamdesk.ui.proposals.wizard import ProposalWizard
    from kamdesk.ui.state import AppState

    book = proposal_book
    wiz = ProposalWizard(AppState(book), book.client_id, today=TODAY)
    qtbot.addWidget(wiz)
    wiz.show()
    qtbot.waitUntil(lambda: wiz.client_page.isComplete(), timeout=20000)
    for key in ("needs", "products", "check"):
        with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k, key=key: k == key):
            wiz.next()
    first = wiz.draft
    assert wiz.check.ok
    assert not wiz.needs_page.add_button.isEnabled()  # the saved draft fixed the needs
    wiz.back()
    wiz.products_page.table.item(0, 2).setText("1000")  # below the deposit's minimum
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "check"):
        wiz.next()
    assert wiz.draft.series_id == first.series_id and wiz.draft.version == 2
    assert [i.kind for i in wiz.check.issues] == ["amount"] and not wiz.check_page.override_button.isEnabled()
    wiz.products_page.table.item(0, 2).setText("")  # an empty amount: products page incomplete
    assert not wiz.products_page.isComplete()


def _screen(qtbot, book):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.proposals import ProposalsScreen
    from tests.support import show_screen

    return show_screen(qtbot, ProposalsScreen, book, today=TODAY)


def _create(book: Any, *codes_amounts: tuple[str, str]) -> Any:
    from kamdesk.services import proposals

    lines = [proposals.LineInput(book.shelf[c], Decimal(a), "理由") for c, a in codes_amounts]
    return proposals.create(book, book.client_id, lines, today=TODAY)


def test_screen_lists_filters_revises_issues_with_override_and_records_outcome(qtbot, proposal_book,
                                                                                 qtmodeltester) -> None:  # noqa: ANN001
    book = proposal_book
    ok = _create(book, ("LN-WC-01", "6000000"))
    risky = _create(book, ("FUND-R4-01", "200000"))
    low = _create(book, ("DEP-001", "1000"))
    screen = _screen(qtbot, book)
    m = screen.model
    assert m.rowCount() == 3
    qtmodeltester.check(m, force_py=True)
    assert m.data(m.index(0, 0)) == "上海张江生物医药股份有限公司" and m.data(m.index(0, 3)) == "草稿"
    assert not screen.buttons["issue"].isEnabled()  # nothing selected

    # issue with an above-tolerance product: asks for a reason and files an exception request;
    # the proposal stays a draft until the team lead approves it, then it is issued
    screen.ask_text = lambda title, prompt, kind: REASON if kind == "override" else None
    assert screen.select_id(risky.id) and screen.buttons["issue"].isEnabled()
    screen.issue_selected()
    qtbot.waitUntil(lambda: getattr(screen, "exception_filed", None) is not None, timeout=20000)
    request = _events(book, "approval.request")[0]
    assert json.loads(request["detail"])["reason"] == REASON and screen.selected().status == "draft"
    decide_remotely(book, request["entity_id"])
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.issue_selected()
    assert screen.selected().id == risky.id and screen.selected().status == "issued"
    assert screen.buttons["accept"].isEnabled() and not screen.buttons["issue"].isEnabled()
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.set_outcome_selected("accepted")
    assert screen.selected().status == "accepted"

    # a blocking problem (amount below the minimum) is shown and stops the issue
    screen.select_id(low.id)
    screen.issue_selected()
    qtbot.waitUntil(lambda: getattr(screen, "issue_problems", None) is not None, timeout=20000)
    assert "起点金额" in screen.issue_problems.text()
    screen.issue_problems.close()

    # a new version with a change summary
    screen.select_id(ok.id)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.revise_selected("调整贷款期限")
    assert m.rowCount() == 4 and screen.selected().version == 2
    assert screen.selected().change_summary == "调整贷款期限"

    # only the latest version of each series
    screen.latest_only.setChecked(True)
    assert m.rowCount() == 3 and ok.id not in [r.id for r in m.rows]
    screen.latest_only.setChecked(False)
    assert m.rowCount() == 4

    # filters: status and client search
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.status.setCurrentIndex(screen.status.findData("accepted"))
    assert [r.id for r in m.rows] == [risky.id]
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        screen.status.setCurrentIndex(0)
        screen.search.setText("华东")
    qtbot.waitUntil(lambda: m.rowCount() == 0, timeout=20000)


def test_print_and_save_as_are_audited_with_the_sha256(qtbot, proposal_book, tmp_path) -> None:  # noqa: ANN001
    book = proposal_book
    info = _create(book, ("LN-WC-01", "6000000"), ("CM-POOL-01", "100000"))
    screen = _screen(qtbot, book)
    screen.dialogs = FakeDialogs(tmp_path)
    screen.select_id(info.id)

    # preview in its own window: pages shown, nothing audited
    dlg = screen.preview_selected()
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.preview.rendered, timeout=60000) as shown:
        pass
    assert shown.args[0] == len(dlg.preview.images) >= 3

    done: list[Any] = []
    screen.print_selected(on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=60000)
    printed = tmp_path / "printed.pdf"
    assert printed.exists() and printed.read_bytes().startswith(b"%PDF")
    assert _pdf_pages(printed.read_bytes()) == done[0].pages
    ev = _events(book, "proposal.print")
    assert json.loads(ev[0]["detail"])["sha256"] == done[0].sha256
    qtbot.waitUntil(lambda: done[0].sha256 in screen.detail.text(), timeout=20000)  # shown for the paper copy

    saved: list[Any] = []
    screen.save_selected(on_done=saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=60000)
    data = (tmp_path / "saved.pdf").read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == saved[0].sha256
    assert json.loads(_events(book, "proposal.export")[0]["detail"])["sha256"] == digest


def test_roles_without_proposals(qtbot, make_book) -> None:  # noqa: ANN001
    risk = make_book("risk_officer")  # no proposals at all (policy)
    screen = _screen(qtbot, risk)
    assert screen.model.rowCount() == 0 and screen.count.text() == "当前角色不能查看方案"
    assert not any(b.isEnabled() for b in screen.buttons.values())
    compliance = make_book("compliance_officer")  # read-only
    screen = _screen(qtbot, compliance)
    assert not screen.buttons["new"].isEnabled() and not screen.buttons["print"].isEnabled()


def test_preview_shows_progress_and_can_be_cancelled(qtbot, wait_idle) -> None:  # noqa: ANN001
    import threading

    from kamdesk.proposals import render_proposal
    from kamdesk.proposals.samples import sample_proposal
    from kamdesk.ui.proposals.preview import PdfPreview

    pdf = render_proposal(sample_proposal(products=2))
    gate = threading.Event()

    def slow_source() -> bytes:
        gate.wait(20)
        return pdf

    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.show()
    shown: list[int] = []
    preview.rendered.connect(shown.append)
    preview.load(slow_source)
    assert preview.cancel_button.isVisible() and preview.progress.isVisible()
    preview.cancel_button.click()
    gate.set()
    wait_idle()
    qtbot.wait(50)
    assert shown == [] and preview.images == [] and preview.info.text() == "已取消预览"
    assert not preview.cancel_button.isVisible()
    with qtbot.waitSignal(preview.rendered, timeout=60000):  # and a fresh load still works
        preview.set_pdf(pdf)
    assert len(preview.images) == _pdf_pages(pdf)


def test_client_360_starts_the_wizard_for_its_client(qtbot, proposal_book, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.client360 import Client360Window
    from kamdesk.ui.state import AppState

    win = Client360Window(AppState(proposal_book), proposal_book.client_id)  # deletes itself on close
    win.show()
    wait_idle()
    assert win.new_proposal_button.isEnabled()
    win.new_proposal_button.click()
    wiz = win.proposal_wizard
    qtbot.waitUntil(lambda: wiz.client_id == proposal_book.client_id, timeout=20000)
    assert wiz.client_page.isComplete() and "张江生物" in wiz.client_page.chosen.text()
    wait_idle()
    wiz.close()
    win.close()


def test_new_version_in_the_wizard_starts_from_the_selected_proposal(qtbot, proposal_book) -> None:  # noqa: ANN001
    book = proposal_book
    v1 = _create(book, ("LN-WC-01", "6000000"), ("CM-POOL-01", "100000"))
    screen = _screen(qtbot, book)
    screen.select_id(v1.id)
    wiz = screen.new_version()
    qtbot.waitUntil(lambda: wiz.client_id == book.client_id, timeout=20000)
    assert "当前第 1 版" in wiz.windowTitle() and not wiz.client_page.search.isEnabled()
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "needs"):
        wiz.next()
    assert wiz.needs_page.table.rowCount() == len(v1.needs) and not wiz.needs_page.add_button.isEnabled()
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "products"):
        wiz.next()
    page = wiz.products_page
    assert page.product_ids() == [book.shelf["LN-WC-01"], book.shelf["CM-POOL-01"]]
    assert page.table.item(0, 2).text() == "6,000,000.00" and page.table.item(0, 3).text() == "理由"
    assert not page.isComplete()  # the change summary is required
    page.table.item(0, 2).setText("8000000")
    page.summary.setText("贷款金额调整为 800 万元")
    assert page.isComplete()
    with qtbot.waitSignal(wiz.page_ready, timeout=20000, check_params_cb=lambda k: k == "check"):
        wiz.next()
    v2 = wiz.draft
    assert (v2.series_id, v2.version, v2.change_summary) == (v1.series_id, 2, "贷款金额调整为 800 万元")
    assert v2.lines[0]["amount"] == "8000000.00"
    wiz.next()
    wiz.next()
    wiz.save_page.issue_box.setChecked(False)
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        wiz.button(wiz.WizardButton.FinishButton).click()
    assert screen.selected().id == v2.id and screen.selected().status == "draft"
    wiz.preview_page.preview.cancel()


def test_locking_closes_the_wizard_and_the_preview(qtbot, proposal_book, wait_idle) -> None:  # noqa: ANN001
    book = proposal_book
    info = _create(book, ("LN-WC-01", "6000000"))
    screen = _screen(qtbot, book)
    screen.select_id(info.id)
    dlg = screen.preview_selected()
    with qtbot.waitSignal(dlg.preview.rendered, timeout=60000):
        pass
    wiz = screen.new_proposal(book.client_id)
    qtbot.waitUntil(lambda: wiz.client_id == book.client_id, timeout=20000)
    assert wiz.isVisible() and dlg.isVisible()
    screen.state.set_locked(True)
    assert not wiz.isVisible() and screen.model.rowCount() == 0
    qtbot.waitUntil(lambda: not screen.findChildren(type(dlg)), timeout=5000)  # closed and deleted
    screen.state.set_locked(False)
    wait_idle()
