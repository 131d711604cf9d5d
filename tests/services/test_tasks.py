"""Task list service: create, list by due date with the overdue flag, complete, reschedule, cancel, scope."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Outbox, Task
from kamdesk.services import tasks
from tests.services.conftest import TODAY, add_client


def test_list_sorted_by_due_with_flags(seeded) -> None:  # noqa: ANN001
    book = seeded("rm")
    cid = add_client(book, name="上海甲科技有限公司")
    tasks.create(book, "寄送对账单", client_id=cid, due_on=TODAY + dt.timedelta(days=3), today=TODAY)
    tasks.create(book, "回访财务总监", client_id=cid, due_on=TODAY - dt.timedelta(days=2), today=TODAY)
    tasks.create(book, "准备授信材料", client_id=cid, due_on=TODAY, today=TODAY)
    tasks.create(book, "整理名片", today=TODAY)  # no client, no date
    rows = tasks.list(book, today=TODAY)
    assert [r.title for r in rows] == ["回访财务总监", "准备授信材料", "寄送对账单", "整理名片"]
    assert [r.overdue for r in rows] == [True, False, False, False]
    assert [r.due_today for r in rows] == [False, True, False, False]
    assert rows[0].client_name == "上海甲科技有限公司" and rows[3].client_name == ""
    assert rows[0].owner_name == "王晓明"


def test_complete_reschedule_cancel(seeded) -> None:  # noqa: ANN001
    book = seeded("rm")
    cid = add_client(book)
    t = tasks.create(book, "提交方案", client_id=cid, due_on=TODAY - dt.timedelta(days=1), today=TODAY)
    assert t.overdue
    t2 = tasks.reschedule(book, t.id, TODAY + dt.timedelta(days=7), today=TODAY)
    assert t2.due_on == TODAY + dt.timedelta(days=7) and not t2.overdue
    done = tasks.complete(book, t.id, today=TODAY)
    assert done.status == "done" and done.done_at is not None and not done.overdue
    assert tasks.list(book, today=TODAY) == []
    assert [r.id for r in tasks.list(book, status="done", today=TODAY)] == [t.id]
    with pytest.raises(ValidationError):
        tasks.reschedule(book, t.id, TODAY)
    with pytest.raises(ValidationError):
        tasks.cancel(book, t.id)
    other = tasks.create(book, "撤回的任务", client_id=cid)
    assert tasks.cancel(book, other.id).status == "cancelled"
    with book.session_scope() as s:
        assert s.scalar(select(Task.deleted).where(Task.id == other.id)) is False  # never hard-deleted
        assert s.scalars(select(Outbox).where(Outbox.record_id == t.id)).all()  # every change queued for sync


def test_validation_and_scope(seeded) -> None:  # noqa: ANN001
    book = seeded("rm")
    with pytest.raises(ValidationError, match="请填写任务内容"):
        tasks.create(book, "   ")
    with pytest.raises(ValidationError):
        tasks.list(book, status="nonsense")
    foreign = add_client(book, name="他人客户", owner_id="someone-else", team_id=None)
    with pytest.raises(NotFound):
        tasks.create(book, "越权任务", client_id=foreign)
    with book.session_scope(write=True) as s:  # a task of a client outside the book (arrived by sync)
        s.add(Task(client_id=foreign, owner_id="someone-else", title="不可见", status="open", source="manual"))
    assert [r.title for r in tasks.list(book, status=None)] == []


def test_compliance_officer_cannot_read_or_write_tasks(seeded) -> None:  # noqa: ANN001
    book = seeded("compliance_officer")
    with pytest.raises(PermissionDenied):
        tasks.list(book)
    with pytest.raises(PermissionDenied):
        tasks.create(book, "x")


def test_cli_visits_and_tasks(seeded, monkeypatch, capsys) -> None:  # noqa: ANN001
    import json

    from kamdesk.cli import main
    from kamdesk.services import visits
    from tests.support import PASSPHRASE

    book = seeded("rm")
    cid = add_client(book, name="上海乙贸易有限公司")
    v = visits.plan(book, cid, dt.datetime(2026, 7, 1, 9, 30), place="客户办公室")
    t = tasks.create(book, "寄送对账单", client_id=cid, due_on=dt.date(2026, 7, 3))
    path = str(book.path)
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["visits", "--file", path, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["client_name"], r["planned_at"]) for r in out] == [(v.id, "上海乙贸易有限公司", "2026-07-01T09:30:00")]
    assert main(["tasks", "--file", path]) == 0
    assert "寄送对账单" in capsys.readouterr().out
    assert main(["tasks", "complete", t.id, "--file", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["status"] == "done"
    assert main(["tasks", "--file", path, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["tasks", "complete", "--file", path]) != 0
