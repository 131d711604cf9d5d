"""Visits UI: plan through the dialog, autosaved notes, the questionnaire form, finishing a visit
into tasks, and the crash test (SIGKILL after an autosave loses nothing saved)."""
from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kamdesk.services import visits

ROOT = Path(__file__).resolve().parents[2]


def type_text(widget, text: str) -> None:  # noqa: ANN001
    """Type any text (QTest.keyClicks only knows ASCII) as key events, one character at a time."""
    from kamdesk.ui.qt import QApplication, QEvent, QKeyEvent, Qt

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            key = Qt.Key.Key_Return if ch == "\n" else Qt.Key.Key_unknown
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


def _screen(qtbot, book, **kw):  # noqa: ANN001, ANN202
    from kamdesk.ui.screens.visits import VisitsScreen
    from tests.support import show_screen

    return show_screen(qtbot, VisitsScreen, book, size=(1200, 700), **kw)


@pytest.fixture
def planned(client_book):  # noqa: ANN001, ANN201
    cid = client_book.sample_ids["上海浦东发展建设集团有限公司"]
    v = visits.plan(client_book, cid, dt.datetime.combine(dt.date.today() + dt.timedelta(days=2), dt.time(10)),
                    place="浦东新区世纪大道 100 号", attendees=["陈总", "财务部刘经理"], agenda="介绍现金管理方案")
    return client_book, v


def test_plan_visit_through_dialog(qtbot, client_book, wait_idle, qtmodeltester) -> None:  # noqa: ANN001
    from PySide6.QtTest import QTest

    from kamdesk.ui.qt import Qt

    screen = _screen(qtbot, client_book)
    assert screen.model.rowCount() == 0
    assert "没有拜访记录" in screen.preview.toPlainText()
    dlg = screen.plan_visit()
    qtbot.addWidget(dlg)
    assert dlg.submit() is None and dlg.error.text() == "请先搜索并选择客户"
    QTest.keyClicks(dlg.search, "csmy")  # pinyin initials: 测试贸易00…39 — forty hits
    qtbot.waitUntil(lambda: dlg.hits.isVisible() and dlg.hits.count() > 1, timeout=20000)
    assert dlg.client_id is None
    QTest.keyClick(dlg.search, Qt.Key.Key_Down)  # into the hits, then Enter takes one
    assert dlg.hits.hasFocus() or dlg.hits.currentRow() == 0
    assert dlg.submit() is None and dlg.client_id is not None and "测试贸易" in dlg.chosen.text()
    dlg.search.clear()
    QTest.keyClicks(dlg.search, "hdyy")  # pinyin initials of 华东医药: one hit, taken at once
    qtbot.waitUntil(lambda: dlg.client_id is not None, timeout=20000)
    assert "华东医药科技有限公司" in dlg.chosen.text()
    dlg.duration.setValue(90)
    dlg.place.setText("杭州市滨江区")
    type_text(dlg.attendees, "王总，财务总监")
    dlg.agenda.setPlainText("了解扩产融资需求")
    with qtbot.waitSignal(screen.loaded, timeout=20000):
        dlg.buttons.button(dlg.buttons.StandardButton.Ok).click()
    assert not dlg.isVisible()
    m = screen.model
    assert m.rowCount() == 1
    row = m.rows[0]
    assert (row.client_name, row.place, row.attendees, row.duration_minutes) == (
        "华东医药科技有限公司", "杭州市滨江区", ("王总", "财务总监"), 90)
    assert m.data(m.index(0, 1)) == "华东医药科技有限公司" and m.data(m.index(0, 6)) == "计划中"
    assert "了解扩产融资需求" in screen.preview.toPlainText()
    qtmodeltester.check(m, force_py=True)


def test_plan_dialog_refuses_a_bad_duration(qtbot, client_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, client_book)
    dlg = screen.plan_visit()
    qtbot.addWidget(dlg)
    dlg.client_id = client_book.sample_ids["张三"]
    dlg.when.setDateTime(dlg.when.dateTime().addYears(-3))
    assert dlg.submit() is None and "一年前" in dlg.error.text()


def test_compliance_officer_cannot_plan(qtbot, make_book) -> None:  # noqa: ANN001
    screen = _screen(qtbot, make_book("compliance_officer"))
    assert not screen.plan_button.isEnabled()


def test_notes_autosave_shows_status(qtbot, planned) -> None:  # noqa: ANN001
    book, v = planned
    screen = _screen(qtbot, book, autosave_ms=50)
    ws = screen.open_workspace(v.id)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    assert "浦东新区世纪大道 100 号" in ws.header.text() and "陈总" in ws.header.text()
    ws.notes.edit.setFocus()
    with qtbot.waitSignal(ws.notes.saved, timeout=20000):
        type_text(ws.notes.edit, "客户计划明年扩建二期。\n跟进：11月30日前提供授信方案")
    qtbot.waitUntil(lambda: not ws.notes.saving, timeout=20000)
    assert ws.notes.status.text().startswith("已自动保存 ")
    assert not ws.notes.dirty
    assert visits.get(book, v.id).notes == "客户计划明年扩建二期。\n跟进：11月30日前提供授信方案"


def test_typing_without_a_pause_is_saved_by_the_deadline(qtbot, planned) -> None:  # noqa: ANN001
    """The debounce alone would never fire while one keeps typing: the first unsaved keystroke
    starts a deadline that later keystrokes do not move."""
    book, v = planned
    screen = _screen(qtbot, book, autosave_ms=3_600_000)
    ws = screen.open_workspace(v.id)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    notes = ws.notes
    assert notes.deadline.interval() == 3 * notes.timer.interval()
    type_text(notes.edit, "第一段")
    assert notes.deadline.isActive()
    first = notes.deadline.remainingTime()
    qtbot.wait(20)
    type_text(notes.edit, "，继续输入")
    assert notes.timer.isActive() and notes.deadline.remainingTime() < first  # not restarted
    with qtbot.waitSignal(notes.saved, timeout=20000):
        notes.deadline.timeout.emit()  # what the deadline does when it comes
    qtbot.waitUntil(lambda: not notes.saving, timeout=20000)
    assert visits.get(book, v.id).notes == "第一段，继续输入"
    assert not notes.deadline.isActive() and not notes.timer.isActive()
    type_text(notes.edit, "。")
    assert notes.deadline.isActive()  # the next unsaved text starts a new deadline


def test_notes_saved_on_close(qtbot, planned, wait_idle) -> None:  # noqa: ANN001
    book, v = planned
    screen = _screen(qtbot, book, autosave_ms=3_600_000)  # the debounce never fires here
    ws = screen.open_workspace(v.id)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    type_text(ws.notes.edit, "关闭前输入的内容")
    assert ws.notes.dirty
    ws.close()
    wait_idle()
    assert visits.get(book, v.id).notes == "关闭前输入的内容"


def test_questionnaire_form_draft_and_submit(qtbot, planned) -> None:  # noqa: ANN001
    from kamdesk.ui.qt import QComboBox, QDoubleSpinBox, QLineEdit

    book, v = planned
    screen = _screen(qtbot, book)
    ws = screen.open_workspace(v.id)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    ws.tabs.setCurrentIndex(1)
    form = ws.questionnaire
    qtbot.waitUntil(lambda: form is not None and form.questionnaire is not None, timeout=20000)
    assert "大客户调研表" in form.title.text() and form.state_label.text() == "尚未填写"
    ed = form.editors
    assert isinstance(ed["financing_need"], QComboBox) and isinstance(ed["employees"], QDoubleSpinBox)
    assert isinstance(ed["competitors"], QLineEdit) and len(ed["financing_purpose"].boxes) == 6
    ed["financing_need"].setCurrentIndex(ed["financing_need"].findData("有"))
    ed["financing_amount"].setValue(3000)
    ed["financing_purpose"].boxes[1].setChecked(True)
    with qtbot.waitSignal(form.saved, timeout=20000):
        form.draft_button.click()
    assert form.state_label.text() == "草稿"
    assert visits.questionnaire_for(book, v.client_id).answers == {
        "financing_need": "有", "financing_amount": 3000, "financing_purpose": ["设备购置"]}
    qtbot.waitUntil(lambda: form.complete_button.isEnabled(), timeout=5000)
    form.save(completed=True)
    qtbot.waitUntil(lambda: form.error.text() != "", timeout=20000)
    assert form.error.text() == "提交前请回答“资金归集与现金管理需求”"
    for q in form.questionnaire.template.questions:
        w = ed[q.key]
        if q.type == "choice" and w.currentIndex() == 0:
            w.setCurrentIndex(1)
        elif q.type == "multi" and not w.value():
            w.boxes[0].setChecked(True)
        elif q.type == "number" and w.value() < 0:
            w.setValue(12)
    with qtbot.waitSignal(form.saved, timeout=20000):
        form.complete_button.click()
    assert form.state_label.text().startswith("已提交")
    assert visits.questionnaire_for(book, v.client_id).response.completed


def test_finish_visit_creates_tasks_seen_in_tasks_screen(qtbot, planned, wait_idle) -> None:  # noqa: ANN001
    from kamdesk.ui.screens.tasks import TasksScreen

    book, v = planned
    screen = _screen(qtbot, book, autosave_ms=3_600_000)
    tasks_screen = TasksScreen(screen.state)
    qtbot.addWidget(tasks_screen)
    with qtbot.waitSignal(tasks_screen.loaded, timeout=20000):
        tasks_screen.activate()
    assert tasks_screen.model.rowCount() == 0 and tasks_screen.empty.isVisibleTo(tasks_screen)
    ws = screen.open_workspace(v.id)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    due = dt.date.today() + dt.timedelta(days=5)
    type_text(ws.notes.edit, f"客户对现金管理有兴趣\n跟进：{due.isoformat()} 发送现金管理协议\n待办：约财务总监面谈")
    dlg = ws.finish()
    qtbot.addWidget(dlg)
    assert dlg.table.rowCount() == 2
    fus = dlg.follow_ups()
    assert [(f.title, f.due_on) for f in fus] == [("发送现金管理协议", due), ("约财务总监面谈", None)]
    dlg.table.item(1, 0).setText("约财务总监面谈（下周）")
    assert dlg.submit() is None and dlg.error.text() == "请填写拜访成果"
    dlg.outcome.setPlainText("客户同意试用现金管理")
    with qtbot.waitSignal(ws.visit_finished, timeout=20000) as fin:
        dlg.submit()
    assert [t.title for t in fin.args[0]] == ["发送现金管理协议", "约财务总监面谈（下周）"]
    qtbot.waitUntil(lambda: tasks_screen.model.rowCount() == 2, timeout=20000)
    m = tasks_screen.model
    assert [m.data(m.index(r, 1)) for r in range(2)] == ["发送现金管理协议", "约财务总监面谈（下周）"]
    assert m.data(m.index(0, 2)) == "上海浦东发展建设集团有限公司" and m.data(m.index(0, 3)) == "拜访跟进"
    qtbot.waitUntil(lambda: ws.visit.status == "done", timeout=20000)
    assert not ws.finish_button.isEnabled()
    got = visits.get(book, v.id)
    assert got.status == "done" and "约财务总监面谈" in got.notes


def test_crash_after_autosave_loses_nothing_saved(client_book, tmp_path) -> None:  # noqa: ANN001
    from tests.support import PASSPHRASE

    book = client_book
    cid = book.sample_ids["华东医药科技有限公司"]
    v = visits.plan(book, cid, dt.datetime.combine(dt.date.today(), dt.time(15)))
    path = book.path
    book.close()
    saved_text = "Client plans a second plant. TODO send credit proposal"
    env = dict(os.environ, KAMDESK_PASSPHRASE=PASSPHRASE, QT_QPA_PLATFORM="offscreen",
               KAMDESK_CONFIG_DIR=str(tmp_path / "cfg"), KAMDESK_LOG_DIR=str(tmp_path / "logs"))
    proc = subprocess.Popen([sys.executable, str(ROOT / "tests/ui/visit_crash_app.py"), str(path), v.id, saved_text,
                             " UNSAVED-TAIL"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=str(ROOT))
    try:
        lines = []
        for line in proc.stdout:  # blocks until the child prints; no sleeping for luck
            lines.append(line.strip())
            if line.strip() in ("typed-tail", "timeout"):
                break
        assert lines[:2] == ["saved", "typed-tail"], (lines, proc.stderr.read() if proc.poll() is not None else "")
        proc.send_signal(signal.SIGKILL)  # power loss while the tail sits unsaved in the editor
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    from kamdesk.services.book import open_book

    again = open_book(path, PASSPHRASE)
    try:
        got = visits.get(again, v.id)
        assert got.notes.startswith(saved_text) and got.notes_saved_at is not None
        assert again.integrity_check() == []
    finally:
        again.close()


def test_ctrl_s_saves_and_idle_lock_closes_the_workspace_without_loss(qtbot, planned, wait_idle) -> None:  # noqa: ANN001
    from PySide6.QtTest import QTest

    from kamdesk.ui.qt import Qt

    book, v = planned
    screen = _screen(qtbot, book, autosave_ms=3_600_000)
    ws = screen.open_workspace(v.id)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    ws.activateWindow()
    ws.notes.edit.setFocus()
    type_text(ws.notes.edit, "第一段")
    with qtbot.waitSignal(ws.notes.saved, timeout=20000):
        QTest.keyClick(ws.notes.edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert visits.get(book, v.id).notes == "第一段"
    type_text(ws.notes.edit, "，锁定前未保存的第二段")
    screen.state.set_locked(True)  # idle lock: the workspace closes, saving what was typed
    wait_idle()
    assert v.id not in screen.workspaces
    assert visits.get(book, v.id).notes == "第一段，锁定前未保存的第二段"


def test_questionnaire_form_builds_every_question_type(qtbot, planned) -> None:  # noqa: ANN001
    from kamdesk.models import QuestionnaireTemplate
    from kamdesk.ui.qt import QDate, QDateEdit, QLineEdit
    from kamdesk.ui.visits.questionnaire import QuestionnaireForm

    book, v = planned
    with book.session_scope(applying_remote=True) as s:  # a newer template arrives by sync
        s.add(QuestionnaireTemplate(code="KA-SURVEY-CORP", name="大客户调研表（第二版）", version=2, for_kind="corporate",
                                    questions=[{"key": "next_review", "text": "下次复核日期", "type": "date"},
                                               {"key": "note", "text": "备注", "type": "text"}]))
    form = QuestionnaireForm(_screen(qtbot, book).state, v.client_id, visit_id=v.id)
    qtbot.addWidget(form)
    with qtbot.waitSignal(form.loaded, timeout=20000):
        form.load()
    assert "第二版" in form.title.text() and "第 2 版" in form.title.text()
    date, note = form.editors["next_review"], form.editors["note"]
    assert isinstance(date, QDateEdit) and isinstance(note, QLineEdit)
    assert form.answers() == {}  # the special "not answered" value
    date.setDate(QDate(2026, 12, 5))
    note.setText("年底前复核")
    with qtbot.waitSignal(form.saved, timeout=20000):
        form.save(completed=True)
    assert visits.questionnaire_for(book, v.client_id).answers == {"next_review": "2026-12-05", "note": "年底前复核"}


def test_english_ui_has_no_chinese_left(qtbot, book) -> None:  # noqa: ANN001
    import re

    from kamdesk.common.i18n import set_language
    from kamdesk.ui.qt import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, Qt
    from kamdesk.ui.screens.tasks import TasksScreen
    from kamdesk.ui.visits.finish import FinishVisitDialog
    from kamdesk.ui.visits.notes import NotesEditor

    set_language("en")  # ui_env puts Chinese back afterwards
    cjk = re.compile(r"[\u4e00-\u9fff]")
    screen = _screen(qtbot, book)
    tasks_screen = TasksScreen(screen.state)
    qtbot.addWidget(tasks_screen)
    with qtbot.waitSignal(tasks_screen.loaded, timeout=20000):
        tasks_screen.activate()
    plan = screen.plan_visit()
    qtbot.addWidget(plan)
    notes = NotesEditor(screen.state, "no-visit")
    qtbot.addWidget(notes)
    fake = visits.VisitInfo("v", "c", "Client", "corporate", "u", "", "visit", dt.datetime(2026, 6, 1, 10), 60, "", (),
                            "", "", None, "", "planned")
    finish = FinishVisitDialog(screen.state, fake, "")
    qtbot.addWidget(finish)
    texts: list[str] = []
    for root in (screen, tasks_screen, plan, notes, finish):
        for w in root.findChildren(QLabel) + root.findChildren(QAbstractButton):
            texts.append(w.text())
        for w in root.findChildren(QLineEdit) + root.findChildren(QPlainTextEdit):
            texts.append(w.placeholderText())
        for w in root.findChildren(QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
    for model in (screen.model, tasks_screen.model):
        texts += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [screen.preview.toPlainText(), tasks_screen.empty.text(), plan.windowTitle(), finish.windowTitle()]
    left = [t for t in texts if t and cjk.search(t)]
    assert left == []


def test_compliance_officer_reads_a_visit_read_only(qtbot, planned, make_book) -> None:  # noqa: ANN001
    from kamdesk.models import Client, QuestionnaireTemplate, Visit

    rm_book, v = planned
    book = make_book("compliance_officer")
    with rm_book.session_scope() as s:  # the same records, as a sync would bring them
        rows = [s.get(Client, v.client_id), s.get(Visit, v.id), *s.query(QuestionnaireTemplate).all()]
        copies = [{c.key: getattr(r, c.key) for c in r.__table__.columns} for r in rows]
    with book.session_scope(applying_remote=True) as s:
        for r, data in zip(rows, copies, strict=True):
            s.add(type(r)(**data))
    screen = _screen(qtbot, book)
    assert screen.model.rowCount() == 1 and not screen.plan_button.isEnabled()
    ws = screen.open_workspace(v.id)
    qtbot.addWidget(ws)
    qtbot.waitUntil(lambda: ws.visit is not None, timeout=20000)
    assert ws.notes.edit.isReadOnly() and not ws.finish_button.isEnabled() and not ws.cancel_button.isEnabled()
    form = ws.show_questionnaire()
    qtbot.waitUntil(lambda: form.questionnaire is not None, timeout=20000)
    assert not form.complete_button.isEnabled() and not form.body.isEnabled()
