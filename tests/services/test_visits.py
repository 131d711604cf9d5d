"""Visits service: plan, autosave, questionnaire validation, follow-up extraction, finish, permissions."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Client, Outbox, QuestionnaireTemplate, Visit
from kamdesk.services import tasks, visits
from kamdesk.services.book import open_book
from kamdesk.services.visits import FollowUp
from tests.services.conftest import TODAY, add_client
from tests.support import PASSPHRASE

AT = dt.datetime(2026, 6, 18, 14, 30)


@pytest.fixture
def rm_book(seeded):  # noqa: ANN001, ANN201
    book = seeded("rm")
    book.cid = add_client(book, name="上海华东精密机械有限公司", credit_code="91310000132200821H")
    book.pid = add_client(book, kind="individual", name="欧阳明远", id_number="110105194912310029")
    return book


def test_plan_list_get(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    v = visits.plan(book, book.cid, AT, duration_minutes=90, place="张江高科技园区", attendees="李总，王会计、李总",
                    agenda="了解明年融资计划")
    assert v.status == "planned" and v.client_name == "上海华东精密机械有限公司"
    assert v.attendees == ("李总", "王会计") and v.ends_at == AT + dt.timedelta(minutes=90)
    assert v.owner_id == book.user.id
    call = visits.plan(book, book.pid, AT - dt.timedelta(days=1), kind="call", duration_minutes=30)
    assert [x.id for x in visits.list(book)] == [call.id, v.id]
    assert [x.id for x in visits.list(book, client_id=book.cid)] == [v.id]
    assert [x.id for x in visits.list(book, from_=AT.date(), to=AT.date())] == [v.id]
    assert visits.get(book, v.id).agenda == "了解明年融资计划"
    with book.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Outbox).where(Outbox.record_id == v.id)) == 1


def test_plan_validation(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    with pytest.raises(ValidationError, match="拜访时长"):
        visits.plan(book, book.cid, AT, duration_minutes=0)
    with pytest.raises(ValidationError, match="拜访方式"):
        visits.plan(book, book.cid, AT, kind="party")
    with pytest.raises(ValidationError, match="拜访时间"):
        visits.plan(book, book.cid, None)  # type: ignore[arg-type]
    foreign = add_client(book, name="他人客户", owner_id="someone-else", team_id=None)
    with pytest.raises(NotFound):
        visits.plan(book, foreign, AT)


def test_compliance_officer_cannot_plan(seeded) -> None:  # noqa: ANN001
    rm = seeded("rm")
    cid = add_client(rm, name="合规抽查客户")
    book = seeded("compliance_officer")
    add_client(book, id=cid, name="合规抽查客户")
    with pytest.raises(PermissionDenied):
        visits.plan(book, cid, AT)
    assert visits.list(book) == []  # may read visits


def test_risk_officer_cannot_write_notes(seeded) -> None:  # noqa: ANN001
    book = seeded("risk_officer")
    cid = add_client(book, name="分行对公客户")
    with book.session_scope(applying_remote=True) as s:
        v = Visit(client_id=cid, owner_id="x", planned_at=AT, status="planned")
        s.add(v)
    with pytest.raises(PermissionDenied):
        visits.save_notes(book, v.id, "不该写入")


def test_save_notes_autosave_survives_reopen(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    v = visits.plan(book, book.cid, AT)
    t1 = visits.save_notes(book, v.id, "客户计划扩建二期厂房")
    assert t1.tzinfo is not None
    assert visits.save_notes(book, v.id, "客户计划扩建二期厂房") == t1  # unchanged: no second write
    with book.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Outbox).where(Outbox.record_id == v.id)) == 2
    visits.save_notes(book, v.id, "客户计划扩建二期厂房\n跟进：下周报价")
    path = book.path
    book.close()
    again = open_book(path, PASSPHRASE)
    try:
        got = visits.get(again, v.id)
        assert got.notes.endswith("跟进：下周报价") and got.notes_saved_at is not None
    finally:
        again.close()


def test_notes_refused_on_cancelled_visit(rm_book) -> None:  # noqa: ANN001
    v = visits.plan(rm_book, rm_book.cid, AT)
    visits.cancel(rm_book, v.id, "客户临时出差")
    assert visits.get(rm_book, v.id).status == "cancelled"
    with pytest.raises(ValidationError, match="已取消"):
        visits.save_notes(rm_book, v.id, "x")
    with pytest.raises(ValidationError):
        visits.cancel(rm_book, v.id)


@pytest.mark.parametrize(("line", "title", "due"), [
    ("跟进：11月30日前提供授信方案", "提供授信方案", dt.date(2026, 11, 30)),
    ("待办：寄送对账单 2026-12-05", "寄送对账单", dt.date(2026, 12, 5)),
    ("TODO 2026/7/1 约财务总监面谈", "约财务总监面谈", dt.date(2026, 7, 1)),
    ("- [ ] 发送现金管理产品介绍（2026年6月20日）", "发送现金管理产品介绍", dt.date(2026, 6, 20)),
    ("  1. 下一步：3天内回复利率报价", "回复利率报价", TODAY + dt.timedelta(days=3)),
    ("跟进：明天确认参会人员", "确认参会人员", TODAY + dt.timedelta(days=1)),
    ("待办:整理会议纪要", "整理会议纪要", None),
    ("跟进：5月1日前回访", "回访", dt.date(2027, 5, 1)),  # already past this year: next year
    ("跟进：下周报价", "报价", dt.date(2026, 6, 26)),  # TODAY is Monday 2026-06-15: next week's Friday
    ("待办：本周内回复邮件", "回复邮件", dt.date(2026, 6, 19)),
    ("跟进：月底前完成开户", "完成开户", dt.date(2026, 6, 30)),
    ("跟进：年底前续签协议", "续签协议", dt.date(2026, 12, 31)),
    ("TODO 2周内安排尽调", "安排尽调", TODAY + dt.timedelta(days=14)),
    ("跟进：2月30日前提交", "2月30日前提交", None),  # not a date: left in the title
])
def test_suggest_follow_ups(line: str, title: str, due: dt.date | None) -> None:
    assert visits.suggest_follow_ups(line, today=TODAY) == [FollowUp(title, due)]


def test_suggest_follow_ups_ignores_prose_and_duplicates() -> None:
    notes = "客户对跟进服务满意。\n本次沟通顺利\n跟进：寄送资料\n待办：寄送资料\n- 普通要点\n"
    assert visits.suggest_follow_ups(notes, today=TODAY) == [FollowUp("寄送资料", None)]
    assert visits.suggest_follow_ups("", today=TODAY) == []


def test_finish_creates_tasks_and_moves_last_contact(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    v = visits.plan(book, book.cid, dt.datetime(2026, 6, 14, 10, 0))
    notes = "沟通融资需求\n跟进：6月30日前提供授信方案\nTODO 寄送对账单"
    created = visits.finish(book, v.id, "客户有 5000 万流贷需求", visits.suggest_follow_ups(notes, today=TODAY),
                            notes=notes, today=TODAY)
    assert [(t.title, t.due_on, t.source, t.visit_id) for t in created] == [
        ("提供授信方案", dt.date(2026, 6, 30), "visit", v.id), ("寄送对账单", None, "visit", v.id)]
    got = visits.get(book, v.id)
    assert got.status == "done" and got.outcome == "客户有 5000 万流贷需求" and got.notes == notes
    with book.session_scope() as s:
        assert s.get(Client, book.cid).last_contact_on == dt.date(2026, 6, 14)
    assert {t.title for t in tasks.list(book, today=TODAY)} == {"提供授信方案", "寄送对账单"}
    with pytest.raises(ValidationError, match="已经结束"):
        visits.finish(book, v.id, "again")


def test_finish_validation(rm_book) -> None:  # noqa: ANN001
    v = visits.plan(rm_book, rm_book.cid, AT)
    with pytest.raises(ValidationError, match="拜访成果"):
        visits.finish(rm_book, v.id, "  ")
    with pytest.raises(ValidationError, match="任务内容"):
        visits.finish(rm_book, v.id, "ok", [FollowUp("", None)])
    assert visits.get(rm_book, v.id).status == "planned"  # nothing half-done
    assert tasks.list(rm_book) == []


def test_questionnaire_template_by_kind_and_bundled_install(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    corp = visits.questionnaire_for(book, book.cid)
    ind = visits.questionnaire_for(book, book.pid)
    assert corp.template.for_kind == "corporate" and ind.template.for_kind == "individual"
    assert corp.response is None and corp.answers == {}
    assert {q.type for q in corp.template.questions} >= {"choice", "multi", "number", "text"}
    assert visits.questionnaire_for(book, book.cid).template.id == corp.template.id  # installed once
    with book.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(QuestionnaireTemplate)) == 2
        assert s.scalar(select(func.count()).select_from(Outbox).where(
            Outbox.table_name == "questionnaire_templates")) == 0  # reference data: never pushed


def test_save_answers_draft_then_completed(rm_book) -> None:  # noqa: ANN001
    book = rm_book
    v = visits.plan(book, book.cid, AT)
    q = visits.questionnaire_for(book, book.cid)
    tid = q.template.id
    draft = visits.save_answers(book, book.cid, tid, {"financing_need": "有", "financing_amount": "3,000",
                                                      "financing_purpose": ["设备购置", "流动资金周转"],
                                                      "competitors": ""}, visit_id=v.id)
    assert not draft.completed
    assert draft.answers == {"financing_need": "有", "financing_amount": 3000,
                             "financing_purpose": ["流动资金周转", "设备购置"]}
    again = visits.save_answers(book, book.cid, tid, {**draft.answers, "partner_banks": 4}, visit_id=v.id)
    assert again.id == draft.id  # the same draft, updated
    with pytest.raises(ValidationError, match="提交前请回答"):
        visits.save_answers(book, book.cid, tid, again.answers, completed=True)
    full = {q.key: (q.options[0] if q.type == "choice" else [q.options[0]] if q.type == "multi" else
                    1 if q.type == "number" else "无") for q in q.template.questions}
    done = visits.save_answers(book, book.cid, tid, full, visit_id=v.id, completed=True)
    assert done.completed and done.id == draft.id
    latest = visits.questionnaire_for(book, book.cid)
    assert latest.response is not None and latest.response.completed and latest.answers["partner_banks"] == 1
    nxt = visits.save_answers(book, book.cid, tid, {"financing_need": "无"})
    assert nxt.id != done.id  # a completed questionnaire is never overwritten


@pytest.mark.parametrize(("answers", "message"), [
    ({"financing_amount": "很多"}, "“预计融资金额（万元）”应填写数字"),
    ({"financing_amount": -5}, "不能为负数"),
    ({"financing_amount": True}, "应填写数字"),
    ({"financing_need": "也许"}, "“未来12个月是否有融资需求？”只能从给定选项中选择"),
    ({"financing_purpose": ["买飞机"]}, "含有不在选项中的值"),
    ({"financing_purpose": "设备购置"}, "应为多选"),
    ({"no_such_question": "x"}, "调研表中没有这个问题"),
])
def test_answer_validation_messages(rm_book, answers, message) -> None:  # noqa: ANN001
    tid = visits.questionnaire_for(rm_book, rm_book.cid).template.id
    with pytest.raises(ValidationError, match=message) as info:
        visits.save_answers(rm_book, rm_book.cid, tid, answers)
    assert info.value.field == next(iter(answers))


def test_date_answers_and_wrong_kind(rm_book) -> None:  # noqa: ANN001
    tpl = visits.questionnaire_for(rm_book, rm_book.cid).template
    dated = visits.TemplateInfo(tpl.id, tpl.code, tpl.name, 1, "corporate",
                                (visits.Question("next_review", "下次复核日期", "date"),))
    assert visits.validate_answers(dated, {"next_review": "2026-12-05"}) == {"next_review": "2026-12-05"}
    assert visits.validate_answers(dated, {"next_review": dt.date(2026, 1, 2)}) == {"next_review": "2026-01-02"}
    with pytest.raises(ValidationError, match="应填写日期"):
        visits.validate_answers(dated, {"next_review": "12月5日"})
    ind_tid = visits.questionnaire_for(rm_book, rm_book.pid).template.id
    with pytest.raises(ValidationError, match="不适用"):
        visits.save_answers(rm_book, rm_book.cid, ind_tid, {})


def test_questionnaire_unpacks_as_template_and_answers(rm_book) -> None:  # noqa: ANN001
    template, answers = visits.questionnaire_for(rm_book, rm_book.pid)
    assert template.for_kind == "individual" and answers == {}
