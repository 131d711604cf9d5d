"""Service requests and complaints: SLA intake, assign, escalate (manual and automatic), comment,
resolve, close, history, list with SLA state, permissions."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import Outbox, ServiceRequestEvent
from kamdesk.services import requests as rq

from tests.conftest import USERS
from tests.services.conftest import add_client, add_users

T0 = dt.datetime(2026, 6, 15, 9, 0)
H = dt.timedelta


def _client(book, **kw):
    add_users(book)
    return add_client(book, **kw)


def test_open_computes_sla_by_category(book):
    cid = _client(book)
    c = rq.open(book, cid, "投诉", "对账单错误", detail="客户称三月对账单金额不符", now=T0)
    assert c.kind == "complaint" and c.sla_due_at == T0 + H(hours=48) and c.status == "open"
    a = rq.open(book, cid, "账户问题", "网银无法登录", now=T0)
    assert a.kind == "request" and a.sla_due_at == T0 + H(hours=24)
    with pytest.raises(ValidationError, match="未知类别"):
        rq.open(book, cid, "闲聊", "x", now=T0)
    with pytest.raises(ValidationError):
        rq.open(book, cid, "投诉", "  ", now=T0)
    other = add_client(book, owner_id=USERS["rm2"].id)
    with pytest.raises(NotFound):
        rq.open(book, other, "投诉", "越权", now=T0)


def test_lifecycle_and_history(book):
    cid = _client(book)
    r = rq.open(book, cid, "账户问题", "网银无法登录", now=T0)
    r = rq.assign(book, r.id, USERS["rm2"].id, note="转运营处理", now=T0 + H(hours=1))
    assert r.status == "in_progress" and r.assignee_name == "李娜"
    with pytest.raises(ValidationError):
        rq.assign(book, r.id, "ghost", now=T0)
    rq.comment(book, r.id, "已联系客户", now=T0 + H(hours=2))
    with pytest.raises(ValidationError):
        rq.comment(book, r.id, " ", now=T0)
    with pytest.raises(ValidationError):
        rq.close(book, r.id, now=T0)  # not resolved yet
    with pytest.raises(ValidationError):
        rq.resolve(book, r.id, "已重置密码", satisfaction=6, now=T0)
    r = rq.resolve(book, r.id, "已重置密码", satisfaction=5, now=T0 + H(hours=3))
    assert r.status == "resolved" and r.satisfaction == 5 and r.sla_state == "ok"
    r = rq.close(book, r.id, now=T0 + H(hours=4))
    assert r.status == "closed"
    with pytest.raises(ValidationError):
        rq.comment(book, r.id, "再说一句", now=T0)
    h = rq.history(book, r.id)
    assert [e.action for e in h] == ["opened", "assigned", "commented", "resolved", "closed"]
    assert h[0].by_name == "王晓明"
    with book.session_scope() as s:
        ev = s.scalars(select(ServiceRequestEvent).where(ServiceRequestEvent.request_id == r.id)).first()
        assert s.scalars(select(Outbox).where(Outbox.record_id == ev.id)).first() is not None


def test_sla_states_and_list(book):
    cid = _client(book)
    late = rq.open(book, cid, "投诉", "超时投诉", now=T0)           # due T0+48h
    soon = rq.open(book, cid, "账户问题", "快到期", now=T0 + H(hours=30))  # due T0+54h
    fine = rq.open(book, cid, "授信申请", "授信", now=T0 + H(hours=40))   # due T0+160h
    now = T0 + H(hours=50)
    rows = rq.list(book, now=now)
    assert [r.id for r in rows] == [late.id, soon.id, fine.id]
    assert [r.sla_state for r in rows] == ["breached", "due_soon", "ok"]
    assert rows[0].sla_label == "已超时"
    assert [r.id for r in rq.list(book, kind="complaint", now=now)] == [late.id]
    assert rq.list(book, status="closed", now=now) == []
    assert len(rq.list(book, status="active", now=now)) == 3
    with pytest.raises(ValidationError):
        rq.list(book, status="nap")


def test_escalate_overdue_automatically(book):
    cid = _client(book)
    r = rq.open(book, cid, "投诉", "超时投诉", now=T0)
    ok = rq.open(book, cid, "授信申请", "不急", now=T0)
    assert rq.escalate_overdue(book, T0 + H(hours=47)) == []
    up = rq.escalate_overdue(book, T0 + H(hours=49))
    assert [(x.id, x.escalation_level, x.status) for x in up] == [(r.id, 1, "escalated")]
    assert rq.escalate_overdue(book, T0 + H(hours=50)) == []  # same level: nothing twice
    up = rq.escalate_overdue(book, T0 + H(hours=120))  # the 120-hour request is not yet late
    assert [(x.id, x.escalation_level) for x in up] == [(r.id, 3)]  # capped
    h = rq.history(book, r.id)
    assert [e.action for e in h].count("escalated") == 2 and h[-1].by_user_id is None and h[-1].by_name == "系统"
    assert all(x.id != ok.id for x in up)


def test_manual_escalation_needs_permission(make_book, book):
    cid = _client(book)
    r = rq.open(book, cid, "投诉", "x", now=T0)
    with pytest.raises(PermissionDenied):
        rq.escalate(book, r.id, now=T0)
    lead = make_book("team_lead")
    cid2 = _client(lead)
    r2 = rq.open(lead, cid2, "投诉", "x", now=T0)
    r2 = rq.escalate(lead, r2.id, note="客户情绪激动", now=T0 + H(hours=1))
    assert r2.escalation_level == 1 and r2.status == "escalated"


def test_compliance_officer_reads_only(make_book):
    co = make_book("compliance_officer")
    cid = add_client(co)
    with pytest.raises(PermissionDenied):
        rq.open(co, cid, "投诉", "x", now=T0)
    assert rq.list(co, now=T0) == []


def test_cli_requests(book, monkeypatch, capsys):
    import json
    from kamdesk.cli import main
    from tests.conftest import PASSPHRASE
    cid = _client(book)
    r = rq.open(book, cid, "投诉", "老投诉", now=T0)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(book.path)
    assert main(["requests", "--file", f, "--json", "--escalate-overdue"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["escalated"] == [r.id] and doc["requests"][0]["sla_state"] == "breached"
    assert main(["requests", "--file", f, "--kind", "complaint"]) == 0
    assert "已超时" in capsys.readouterr().out
