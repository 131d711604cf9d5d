"""Client change history: the flush hook records field changes (C2 without any value), the
service merges them with the client's audit events, masks by role and refuses other books."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select, text

from kamdesk.common.errors import PermissionDenied
from kamdesk.models import ChangeLog, Contact
from kamdesk.models.local import CHANGE_LOG_CAP_PER_CLIENT
from kamdesk.services.clients import reveal, update_client
from kamdesk.services.history import client_history

from tests.services.conftest import add_client, add_users

PHONE_OLD, PHONE_NEW = "13812345678", "13900001111"


@pytest.fixture
def edited(book: Any) -> tuple[Any, str]:
    add_users(book)
    cid = add_client(book, phone=PHONE_OLD)
    update_client(book, cid, {"phone": PHONE_NEW, "industry": "金融业"})
    return book, cid


def _raw_rows(book: Any) -> list[tuple[Any, ...]]:
    with book.session_scope() as s:
        return [tuple(r) for r in s.execute(text("SELECT * FROM change_log")).all()]


def test_a_c2_and_a_c1_edit_give_two_rows_and_the_c2_row_holds_no_value(edited: tuple[Any, str]) -> None:
    book, cid = edited
    entries = client_history(book, cid).entries
    assert sorted((e.what, e.source) for e in entries) == [("手机号", "local"), ("行业", "local")]
    phone = next(e for e in entries if e.field == "phone")
    industry = next(e for e in entries if e.field == "industry")
    assert phone.sensitive and phone.old is None and phone.new is None
    assert (industry.old, industry.new) == ("制造业", "金融业")
    assert industry.who == book.user.display_name and industry.source == "local"
    # the table itself holds neither plaintext nor ciphertext of the phone number
    raw = repr(_raw_rows(book))
    for secret in (PHONE_OLD, PHONE_NEW, "139****1111", "138****5678"):
        assert secret not in raw
    with book.session_scope() as s:
        row = s.scalars(select(ChangeLog).where(ChangeLog.field == "phone")).one()
        assert row.old_value is None and row.new_value is None and row.sensitive
        assert row.user_id == book.user.id and row.device_id == book.device_id and row.hlc


def test_a_reveal_shows_as_an_audit_row_newest_first(edited: tuple[Any, str]) -> None:
    book, cid = edited
    reveal(book, cid, "phone", reason="核实开户信息")
    first = client_history(book, cid).entries[0]
    assert first.source == "audit" and first.what == "查看明文：手机号" and first.new == "原因：核实开户信息"
    assert PHONE_NEW not in repr(client_history(book, cid))


def test_creating_a_row_is_one_entry_not_one_per_field(edited: tuple[Any, str]) -> None:
    book, cid = edited
    with book.session_scope(write=True) as s:
        s.add(Contact(client_id=cid, name="李四", title="财务总监", phone="13700002222"))
    entries = client_history(book, cid).entries
    created = [e for e in entries if e.table == "contacts"]
    assert [(e.action, e.what, e.new) for e in created] == [("create", "新增联系人", "李四")]
    assert "13700002222" not in repr(_raw_rows(book))


def test_paging_and_the_per_client_cap(edited: tuple[Any, str]) -> None:
    book, cid = edited
    for i in range(5):
        update_client(book, cid, {"city": f"城市{i}"})
    page1 = client_history(book, cid, limit=3)
    page2 = client_history(book, cid, limit=4, offset=3)
    assert page1.has_more and not page2.has_more
    assert [e.new for e in page1.entries] == ["城市4", "城市3", "城市2"]
    assert [e.new for e in page2.entries][:2] == ["城市1", "城市0"] and len(page2.entries) == 4
    # bounded: past the cap the oldest entries go
    for i in range(CHANGE_LOG_CAP_PER_CLIENT // 2 + 5):
        update_client(book, cid, {"city": f"市{i}", "address": f"路{i}"})
    with book.session_scope() as s:
        n = s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.client_id == cid))
    assert n == CHANGE_LOG_CAP_PER_CLIENT


def test_a_role_without_the_client_gets_permission_denied(edited: tuple[Any, str], make_book: Any) -> None:
    book, cid = edited
    other = make_book("rm2")
    add_users(other)
    foreign = add_client(other, owner_id=other.user.id, team_id=other.user.team_id)
    with pytest.raises(PermissionDenied, match="权限"):
        client_history(book, foreign)
    with pytest.raises(PermissionDenied):
        client_history(book, "no-such-client")
    risk = make_book("risk_officer")  # branch corporate clients only: an individual client is not theirs
    add_users(risk)
    private = add_client(risk, kind="individual", name="王五")
    with pytest.raises(PermissionDenied):
        client_history(risk, private)


def test_individual_names_are_masked_for_roles_that_mask_them(make_book: Any) -> None:
    from kamdesk.models import Client

    for role, expected in (("rm", ("张三丰", "张无忌")), ("compliance_officer", ("张**", "张**"))):
        book = make_book(role)
        add_users(book)
        cid = add_client(book, kind="individual", name="张三丰")
        with book.session_scope(write=True) as s:
            s.get(Client, cid).name = "张无忌"
        names = [e for e in client_history(book, cid).entries if e.field == "name"]
        assert (names[0].old, names[0].new) == expected, role


def test_cli_client_history_text_and_json(edited: tuple[Any, str], monkeypatch: Any, capsys: Any) -> None:
    import json

    from kamdesk.cli import main
    from tests.support import PASSPHRASE

    book, cid = edited
    path = str(book.path)
    book.close()
    monkeypatch.setenv("KAMDESK_PASSPHRASE", PASSPHRASE)
    assert main(["client", "history", cid, "--file", path]) == 0
    out = capsys.readouterr().out
    assert "行业  制造业 → 金融业  [本机]" in out and "手机号  已修改（敏感信息不显示）  [本机]" in out
    assert PHONE_NEW not in out
    assert main(["client", "history", cid, "--file", path, "--json", "--limit", "1"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc["entries"]) == 1 and doc["has_more"] is True
    assert main(["client", "history", "no-such-client", "--file", path]) == 3  # PermissionDenied
    assert "权限不足" in capsys.readouterr().err


def test_entries_past_the_retention_go_on_the_next_write(edited: tuple[Any, str]) -> None:
    import datetime as dt

    from sqlalchemy import insert

    from kamdesk.models.local import CHANGE_LOG_RETENTION_DAYS

    book, cid = edited
    old = dt.datetime.now() - dt.timedelta(days=CHANGE_LOG_RETENTION_DAYS + 1)
    with book.session_scope(write=True) as s:
        s.execute(insert(ChangeLog.__table__), [dict(client_id=cid, table_name="clients", record_id=cid,
                                                     action="update", field="city", old_value="甲", new_value="乙",
                                                     sensitive=False, user_id="", device_id="", hlc="", at=old,
                                                     source="local")])
    assert any(e.at == old for e in client_history(book, cid).entries)
    update_client(book, cid, {"city": "杭州"})
    entries = client_history(book, cid).entries
    assert not any(e.at == old for e in entries) and entries[0].new == "杭州"
