"""Service agenda: every source, stable keys, nearest maturity threshold, done/snooze/dismiss, team mode."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from kamdesk.common.errors import PermissionDenied, ValidationError
from kamdesk.models import AgendaState, Contact, Holding, Outbox, Product, ServiceRequest, Task, Visit
from kamdesk.services import agenda as ag

from tests.conftest import USERS
from tests.services.conftest import add_client, add_users

TODAY = dt.date(2026, 6, 15)
D = dt.timedelta


def _seed(book):
    rm, rm2 = USERS["rm"], USERS["rm2"]
    add_users(book)
    c = add_client(book, name="上海远航物流", tier="strategic", last_contact_on=TODAY - D(days=5),
                   established_on=dt.date(2016, 6, 20), kyc_due_on=TODAY + D(days=10),
                   risk_assessed_on=TODAY - D(days=370))
    silent = add_client(book, name="沉默客户", tier="core", last_contact_on=TODAY - D(days=100))
    person = add_client(book, kind="individual", name="王芳", tier="general", last_contact_on=TODAY - D(days=3),
                        established_on=dt.date(1980, 6, 18))
    other = add_client(book, name="李娜的客户", owner_id=rm2.id, tier="key", kyc_due_on=TODAY - D(days=1),
                       last_contact_on=TODAY - D(days=1))
    with book.session_scope(applying_remote=True) as s:
        p = Product(code="D1", name="七天通知存款", product_type="deposit", risk_level="R1")
        s.add(p)
        s.flush()
        h5 = Holding(client_id=c, product_id=p.id, amount=Decimal("1000000"), maturity_on=TODAY + D(days=5))
        h20 = Holding(client_id=c, product_id=p.id, amount=Decimal("1000000"), maturity_on=TODAY + D(days=20))
        h90 = Holding(client_id=c, product_id=p.id, amount=Decimal("1000000"), maturity_on=TODAY + D(days=90))
        s.add_all([h5, h20, h90])
        ct = Contact(client_id=c, name="陈总", birthday=dt.date(1970, 6, 25))
        s.add(ct)
        t_over = Task(client_id=c, owner_id=rm.id, title="寄送对账单", due_on=TODAY - D(days=2))
        t_later = Task(client_id=c, owner_id=rm.id, title="以后再说", due_on=TODAY + D(days=2))
        t_other = Task(client_id=other, owner_id=rm2.id, title="同事任务", due_on=TODAY - D(days=2))
        s.add_all([t_over, t_later, t_other])
        sr = ServiceRequest(client_id=c, kind="complaint", category="投诉", title="回单延误",
                            opened_at=dt.datetime(2026, 6, 10, 9), sla_due_at=dt.datetime(2026, 6, 12, 9))
        s.add(sr)
        s.add(Visit(client_id=c, owner_id=rm.id, kind="meeting", status="done", planned_at=dt.datetime(2026, 3, 20, 10)))
        s.flush()
        ids = dict(c=c, silent=silent, person=person, other=other, h5=h5.id, h20=h20.id, h90=h90.id, ct=ct.id,
                   t_over=t_over.id, t_other=t_other.id, sr=sr.id)
    return ids


def _keys(items):
    return {i.key for i in items}


def test_agenda_sources_for_rm(book):
    ids = _seed(book)
    items = ag.agenda(book, today=TODAY)
    keys = _keys(items)
    c = ids["c"]
    assert f"maturity:{ids['h5']}:7" in keys and f"maturity:{ids['h20']}:30" in keys
    assert not any(k.startswith(f"maturity:{ids['h90']}") for k in keys)
    assert not any(k.startswith(f"maturity:{ids['h5']}:30") for k in keys)  # only the nearest threshold
    assert f"birthday:{ids['ct']}:2026" in keys
    assert f"birthday:client:{ids['person']}:2026" in keys
    assert f"anniversary:{c}:2026" in keys
    assert f"kyc:{c}:{(TODAY + D(days=10)).isoformat()}" in keys
    assert f"risk:{c}:{(TODAY - D(days=5)).isoformat()}" in keys
    assert f"task:{ids['t_over']}" in keys and f"task:{ids['t_other']}" not in keys
    assert f"sla:{ids['sr']}" in keys
    assert f"plan_review:{c}:2026-06-18" in keys  # strategic: review every 90 days after the March meeting
    assert any(k.startswith(f"no_contact:{ids['silent']}:") for k in keys)
    assert any(k.startswith(f"plan_visit:{c}:") for k in keys)
    assert not any(i.client_id == ids["other"] for i in items)  # not the RM's client
    assert len(keys) == len(items)  # nothing twice
    # titles in Chinese, severity order respected
    byk = {i.key: i for i in items}
    assert byk[f"sla:{ids['sr']}"].title.startswith("投诉处理超时") and byk[f"sla:{ids['sr']}"].severity == "high"
    assert "成立 10 周年" in byk[f"anniversary:{c}:2026"].title
    sev = [ag.SEVERITY_ORDER[i.severity] for i in items]
    assert sev == sorted(sev)


def test_horizon_limits_items(book):
    ids = _seed(book)
    keys = _keys(ag.agenda(book, today=TODAY, horizon_days=7))
    assert f"maturity:{ids['h5']}:7" in keys and f"maturity:{ids['h20']}:30" not in keys
    assert f"birthday:{ids['ct']}:2026" not in keys  # 10 days away
    with pytest.raises(ValidationError):
        ag.agenda(book, today=TODAY, horizon_days=-1)


def test_maturity_threshold_moves_and_done_is_final(book):
    ids = _seed(book)
    k30 = f"maturity:{ids['h20']}:30"
    ag.mark(book, k30, "done", today=TODAY)
    assert k30 not in _keys(ag.agenda(book, today=TODAY))
    later = TODAY + D(days=14)  # 6 days before maturity -> the 7-day reminder appears
    assert f"maturity:{ids['h20']}:7" in _keys(ag.agenda(book, today=later))
    assert k30 not in _keys(ag.agenda(book, today=later))
    with book.session_scope() as s:
        row = s.scalars(select(AgendaState).where(AgendaState.key == f"{USERS['rm'].id}|{k30}")).one()
        assert s.scalars(select(Outbox).where(Outbox.record_id == row.id)).first() is not None  # syncs


def test_snooze_and_dismiss(book):
    ids = _seed(book)
    key = f"sla:{ids['sr']}"
    ag.mark(book, key, "snoozed", TODAY + D(days=2), today=TODAY)
    assert key not in _keys(ag.agenda(book, today=TODAY))
    assert key not in _keys(ag.agenda(book, today=TODAY + D(days=1)))
    assert key in _keys(ag.agenda(book, today=TODAY + D(days=2)))
    ag.mark(book, key, "dismissed", today=TODAY)
    assert key not in _keys(ag.agenda(book, today=TODAY + D(days=3)))
    with book.session_scope() as s:
        rows = s.scalars(select(AgendaState)).all()
        assert len([r for r in rows if r.key.endswith("|" + key)]) == 1
    with pytest.raises(ValidationError):
        ag.mark(book, key, "later", today=TODAY)
    with pytest.raises(ValidationError):
        ag.mark(book, key, "snoozed", TODAY, today=TODAY)
    with pytest.raises(ValidationError):
        ag.mark(book, "", "done", today=TODAY)


def test_team_mode_for_team_lead(make_book):
    lead = make_book("team_lead")
    ids = _seed(lead)
    items = ag.agenda(lead, today=TODAY, team=True)
    owners = {i.owner_name for i in items if i.client_id}
    assert {"王晓明", "李娜"} <= owners
    assert f"task:{ids['t_other']}" in _keys(items)
    assert f"kyc:{ids['other']}:{(TODAY - D(days=1)).isoformat()}" in _keys(items)
    one = ag.agenda(lead, today=TODAY, user_id=USERS["rm2"].id)
    assert {i.client_id for i in one if i.client_id} == {ids["other"]}
    assert ag.agenda(lead, today=TODAY) == []  # the lead owns no clients personally


def test_rm_may_not_use_team_mode(book):
    _seed(book)
    with pytest.raises(PermissionDenied):
        ag.agenda(book, today=TODAY, team=True)
    with pytest.raises(PermissionDenied):
        ag.agenda(book, today=TODAY, user_id=USERS["rm2"].id)


def test_feb_29_birthday(book):
    add_users(book)
    cid = add_client(book, kind="individual", name="闰年", established_on=dt.date(1988, 2, 29),
                     last_contact_on=dt.date(2027, 2, 20))
    items = ag.agenda(book, today=dt.date(2027, 2, 20), horizon_days=10, kinds=("birthday",))
    assert [(i.key, i.due) for i in items] == [(f"birthday:client:{cid}:2027", dt.date(2027, 2, 28))]


def test_cli_agenda(book, monkeypatch, capsys):
    import json
    from kamdesk.cli import main
    from tests.conftest import PASSPHRASE
    ids = _seed(book)
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(book.path)
    assert main(["agenda", "--file", f, "--json", "--today", TODAY.isoformat()]) == 0
    items = json.loads(capsys.readouterr().out)
    key = f"sla:{ids['sr']}"
    assert key in {i["key"] for i in items}
    assert main(["agenda", "done", key, "--file", f, "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()
    assert main(["agenda", "--file", f, "--keys", "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert key not in out and "产品到期" in out
    assert main(["agenda", "snooze", "--file", f]) == 2  # no key
    assert main(["agenda", "--team", "--file", f]) == 3  # an RM has no team view


def test_marks_are_per_user_with_stable_ids(make_book):
    """Another user's mark (arriving by sync) does not hide my item; the same user on two devices
    writes the same record id."""
    import uuid
    from kamdesk.services.agenda import _STATE_NS
    lead = make_book("team_lead")
    ids = _seed(lead)
    key = f"sla:{ids['sr']}"
    with lead.session_scope(applying_remote=True) as s:  # the RM dismissed it on their device
        rm_key = f"{USERS['rm'].id}|{key}"
        s.add(AgendaState(id=str(uuid.uuid5(_STATE_NS, rm_key)), key=rm_key, user_id=USERS["rm"].id,
                          state="dismissed"))
    assert key in _keys(ag.agenda(lead, today=TODAY, team=True))
    ag.mark(lead, key, "done", today=TODAY)
    assert key not in _keys(ag.agenda(lead, today=TODAY, team=True))
    with lead.session_scope() as s:
        mine = s.scalars(select(AgendaState).where(AgendaState.user_id == USERS["team_lead"].id)).one()
        assert mine.id == str(uuid.uuid5(_STATE_NS, f"{USERS['team_lead'].id}|{key}"))
