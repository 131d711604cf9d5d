"""Client list, detail, edits (validation, per-field permission) and the audited reveal."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, insert, select

from kamdesk.common.errors import NotFound, PermissionDenied, ValidationError
from kamdesk.models import AuditEvent, Client, Contact, Outbox
from kamdesk.services import audit, clients
from kamdesk.services.book import Book
from kamdesk.services.dto import ClientFilter
from tests.services.conftest import USERS, add_client

CC = "91110000710925462X"
ID = "11010519491231002X"


@pytest.fixture
def small(seeded: Callable[..., Book]) -> tuple[Book, dict[str, str]]:
    b = seeded("rm")
    rm2 = USERS["rm2"]
    ids = {
        "petro": add_client(b, name="中国石油天然气集团有限公司", tier="strategic", industry="能源", city="北京",
                            credit_code=CC, total_assets=Decimal("900000000"), net_worth="2500000000",
                            last_contact_on=dt.date(2026, 5, 1)),
        "zhang": add_client(b, kind="individual", name="张三", tier="general", industry="个人", id_number=ID,
                            phone="13812345678", total_assets=Decimal("5000000")),
        "auto": add_client(b, name="安徽汽车零部件有限公司", tier="key", industry="制造业", lifecycle_stage="growth",
                           total_assets=Decimal("30000000")),
        "other": add_client(b, name="中国银行股份有限公司", owner_id=rm2.id, tier="strategic", industry="金融"),
    }
    ids["petro_sub"] = add_client(b, name="北京石油销售有限公司", parent_id=ids["petro"], tier="core", industry="能源")
    return b, ids


def _copy_into(target: Book, source: Book) -> None:
    with source.session_scope() as s:
        rows = [dict(r._mapping) for r in s.execute(Client.__table__.select())]
    with target.session_scope(applying_remote=True) as s:
        s.execute(insert(Client.__table__), rows)


def test_list_sort_page_and_filters(small: Any) -> None:
    b, ids = small
    page = clients.list_clients(b)
    assert page.total == 4  # rm2's client is not in rm's book
    names = [r.name for r in page.rows]
    # sorted by pinyin: anhui, beijing, zhangsan, zhongguo
    assert names == ["安徽汽车零部件有限公司", "北京石油销售有限公司", "张三", "中国石油天然气集团有限公司"]
    sub = next(r for r in page.rows if r.id == ids["petro_sub"])
    assert sub.group_name == "中国石油天然气集团有限公司" and sub.owner_name == "王晓明"
    petro = next(r for r in page.rows if r.id == ids["petro"])
    assert petro.credit_code_display == "91110000**********"  # masked for an RM
    assert petro.total_assets == Decimal("900000000")
    assert clients.list_clients(b, sort="tier").rows[0].tier == "strategic"
    by_assets = clients.list_clients(b, sort="total_assets", descending=True).rows
    assert [r.id for r in by_assets][:3] == [ids["petro"], ids["auto"], ids["zhang"]]
    assert by_assets[-1].total_assets is None  # NULLs last
    two = clients.list_clients(b, offset=1, limit=2)
    assert two.total == 4 and [r.name for r in two.rows] == names[1:3]
    f = clients.list_clients(b, filters=ClientFilter(tiers=("strategic", "core")))
    assert {r.id for r in f.rows} == {ids["petro"], ids["petro_sub"]}
    f = clients.list_clients(b, filters=ClientFilter(kinds=("individual",)))
    assert [r.id for r in f.rows] == [ids["zhang"]]
    q = clients.list_clients(b, query="zgsy")
    assert {r.id for r in q.rows} == {ids["petro"], ids["petro_sub"]}  # the group's subsidiary too
    assert clients.list_clients(b, query="石油", filters=ClientFilter(tiers=("core",))).total == 1
    with pytest.raises(ValidationError):
        clients.list_clients(b, sort="credit_code")


def test_client_ids_and_rows_for_ids(small: Any) -> None:
    b, ids = small
    all_ids = clients.client_ids(b)
    assert all_ids == [r.id for r in clients.list_clients(b).rows]
    assert clients.client_ids(b, sort="name", descending=True) == list(reversed(all_ids))
    rows = clients.rows_for_ids(b, [ids["zhang"], ids["other"], "nope"])
    assert set(rows) == {ids["zhang"]}  # invisible and unknown ids are absent
    assert rows[ids["zhang"]].kind == "individual"


def test_filter_options(small: Any) -> None:
    b, _ids = small
    opts = clients.filter_options(b)
    assert ("strategic", "战略") in opts["tiers"]
    assert [v for v, _l in opts["industries"]] == sorted(["能源", "个人", "制造业"])
    assert opts["owner_ids"] == [(USERS["rm"].id, "王晓明")]
    assert set(opts) == {"tiers", "kinds", "lifecycle_stages", "industries", "owner_ids", "team_ids"}


def test_get_client_masks_per_role(small: Any, seeded: Callable[..., Book]) -> None:
    b, ids = small
    d = clients.get_client(b, ids["petro"])
    assert d.name == "中国石油天然气集团有限公司" and d.tier == "strategic"
    assert d.display("credit_code") == "91110000**********"
    assert d.display("net_worth") == "10–100 亿元"
    assert d.display("id_number") is None
    assert set(d.revealable_fields) == {"credit_code", "net_worth"}
    assert "credit_code" in d.sensitive_fields and "tier" not in d.editable_fields
    assert "credit_code" in d.editable_fields and "credit_rating" not in d.editable_fields
    with pytest.raises(NotFound):
        clients.get_client(b, ids["other"])
    # a risk officer sees financial C2 in clear, identity C2 masked, and may not reveal identity data
    risk = seeded("risk_officer")
    _copy_into(risk, b)
    risk.ctx.keyring.add(b.ctx.keyring.current("C2-FIN"))  # the same key domain as the RM's file
    d = clients.get_client(risk, ids["petro"])
    assert d.display("net_worth") == "2500000000.00" or d.display("net_worth") == "2500000000"
    assert d.display("credit_code") == "91110000**********" and d.revealable_fields == ()
    assert d.editable_fields == ()


def test_update_validates_and_writes_nothing_on_error(small: Any) -> None:
    b, ids = small
    with b.session_scope() as s:
        before = s.scalar(select(func.count()).select_from(Outbox))
    with pytest.raises(ValidationError) as exc:
        clients.update_client(b, ids["zhang"], {"city": "杭州", "id_number": "110105194912310021"})
    assert "校验位" in str(exc.value) and exc.value.field == "id_number"
    assert "110105194912310021" not in str(exc.value)
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        clients.update_client(b, ids["petro"], {"credit_code": "91110000710925462Y"})
    with pytest.raises(ValidationError, match="手机号"):
        clients.update_client(b, ids["zhang"], {"phone": "1234"})
    with pytest.raises(ValidationError):
        clients.update_client(b, ids["zhang"], {"lifecycle_stage": "zombie"})
    with pytest.raises(ValidationError):
        clients.update_client(b, ids["zhang"], {"established_on": "yesterday"})
    with pytest.raises(ValidationError):
        clients.update_client(b, ids["petro"], {"parent_id": ids["petro_sub"]})  # a cycle
    with pytest.raises(ValidationError):
        clients.update_client(b, ids["petro"], {"no_such_field": 1})
    with b.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Outbox)) == before
        assert s.get(Client, ids["zhang"]).city == ""


def test_update_applies_and_is_permission_checked(small: Any) -> None:
    b, ids = small
    d = clients.update_client(b, ids["zhang"], {"city": " 杭州 ", "phone": "139 0000 1111",
                                                 "established_on": "1980-02-29", "total_assets": "6,000,000"})
    assert d.city == "杭州" and d.display("phone") == "139****1111" and d.established_on == dt.date(1980, 2, 29)
    assert d.total_assets == Decimal("6000000")
    assert clients.reveal(b, ids["zhang"], "phone", reason="核实号码") == "13900001111"
    with b.session_scope() as s:
        fields = {f for o in s.scalars(select(Outbox).where(Outbox.record_id == ids["zhang"])) for f in o.fields}
    assert {"city", "phone_ct", "established_on"} <= fields
    with pytest.raises(PermissionDenied, match="客户分层"):
        clients.update_client(b, ids["zhang"], {"tier": "core"})  # read-only for an RM
    with pytest.raises(NotFound):
        clients.update_client(b, ids["other"], {"city": "上海"})
    # a rename is searchable at once
    clients.update_client(b, ids["auto"], {"name": "江淮汽车集团"})
    from kamdesk.services import search
    assert search.search(b, "jhqc")[0].client_id == ids["auto"]


def test_update_refused_for_read_only_roles(small: Any, seeded: Callable[..., Book]) -> None:
    b, ids = small
    comp = seeded("compliance_officer")
    _copy_into(comp, b)
    with pytest.raises(PermissionDenied):
        clients.update_client(comp, ids["petro"], {"city": "上海"})


def test_team_lead_may_retier(small: Any, seeded: Callable[..., Book]) -> None:
    b, ids = small
    lead = seeded("team_lead")
    _copy_into(lead, b)
    assert clients.update_client(lead, ids["other"], {"tier": "core"}).tier == "core"


def test_reveal_is_audited(small: Any) -> None:
    b, ids = small
    assert clients.reveal(b, ids["petro"], "credit_code", reason="开户核对") == CC
    with b.session_scope() as s:
        ev = audit.events(s, action="reveal", entity_id=ids["petro"])
        assert len(ev) == 1 and ev[0]["entity"] == "clients"
        assert json.loads(ev[0]["detail"]) == {"field": "credit_code", "reason": "开户核对"}
        assert CC not in str(ev[0])
        assert audit.verify(s).ok
    with pytest.raises(NotFound):
        clients.reveal(b, ids["petro"], "account_no", reason="核对账户")  # nothing stored
    with pytest.raises(ValidationError):
        clients.reveal(b, ids["petro"], "name", reason="核对名称")
    with pytest.raises(NotFound):
        clients.reveal(b, ids["other"], "credit_code", reason="核对代码")


def test_reveal_refused_for_compliance(small: Any, seeded: Callable[..., Book]) -> None:
    b, ids = small
    comp = seeded("compliance_officer")
    _copy_into(comp, b)
    d = clients.get_client(comp, ids["petro"])
    assert d.display("credit_code") == "91110000**********" and d.revealable_fields == ()
    with pytest.raises(PermissionDenied):
        clients.reveal(comp, ids["petro"], "credit_code", reason="核对代码")
    with comp.session_scope() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "reveal")) == 0
    # compliance sees every client
    assert clients.list_clients(comp).total == 5


def test_contacts_do_not_leak_between_books(small: Any) -> None:
    b, ids = small
    with b.session_scope(write=True) as s:
        s.add(Contact(client_id=ids["other"], name="赵六"))
    assert clients.list_clients(b, query="赵六").total == 0


def test_cli_json_output(small: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.cli import main
    from tests.support import PASSPHRASE

    b, ids = small
    b.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    f = str(b.path)
    assert main(["clients", "search", "zgsy", "--json", "--file", f]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["client_id"] == ids["petro"] and hits[0]["kind_of_match"] == "pinyin"
    assert main(["clients", "list", "--tier", "strategic,core", "--json", "--file", f]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] == 2 and {r["id"] for r in page["rows"]} == {ids["petro"], ids["petro_sub"]}
    assert page["rows"][0]["credit_code_display"] in (None, "91110000**********")
    assert main(["client", "show", ids["petro"], "--json", "--file", f]) == 0
    out = capsys.readouterr().out
    doc = json.loads(out)
    assert doc["profile"]["name"] == "中国石油天然气集团有限公司" and CC not in out
    assert doc["profile"]["sensitive"]["credit_code"]["display"] == "91110000**********"
    assert main(["client", "show", ids["petro"], "--json", "--reveal", "credit_code", "--reason", "核对",
                 "--file", f]) == 0
    assert json.loads(capsys.readouterr().out)["revealed"] == {"credit_code": CC}
    assert main(["client", "show", ids["petro"], "--file", f]) == 0  # plain text
    assert "中国石油天然气集团有限公司" in capsys.readouterr().out
    # errors are one line, non-zero
    assert main(["client", "show", ids["other"], "--file", f]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_reveal_a_contact_phone(small: Any) -> None:
    b, ids = small
    with b.session_scope(write=True) as s:
        k = Contact(client_id=ids["petro"], name="陈总", phone="13900001111")
        s.add(k)
        s.flush()
        kid = k.id
    assert clients.reveal(b, ids["petro"], "phone", contact_id=kid, reason="回电") == "13900001111"
    with b.session_scope() as s:
        ev = audit.events(s, action="reveal", entity_id=kid)
    assert len(ev) == 1 and ev[0]["entity"] == "contacts" and "13900001111" not in str(ev)
    with pytest.raises(NotFound):
        clients.reveal(b, ids["zhang"], "phone", contact_id=kid, reason="回电客户")  # not that client's contact


def test_cli_reveal_refused_for_compliance(small: Any, seeded: Callable[..., Book], monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from kamdesk.cli import main
    from tests.support import PASSPHRASE

    b, ids = small
    comp = seeded("compliance_officer")
    _copy_into(comp, b)
    comp.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["client", "show", ids["petro"], "--reveal", "credit_code", "--file", str(comp.path)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "权限不足" in err and CC not in err
    assert main(["clients", "list", "--file", str(comp.path)]) == 0
    out = capsys.readouterr()
    assert "中国银行股份有限公司" in out.out and CC not in out.out  # compliance sees every book, masked
